// SPDX-License-Identifier: GPL-2.0
/*
 * KVM or TCG. /dev/kvm existing proves little: on some hosts (nested
 * virtualization, sandboxes) a stock guest under -accel kvm hangs without
 * a byte of console output, or qemu aborts at once. So a working KVM is
 * one that boots a guest to its init: a probe run of `true`, bounded by a
 * short deadline, whose verdict is cached per host kernel release.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "fsutil.h"
#include "paths.h"
#include "vm.h"

#define KVM_DEVICE		"/dev/kvm"
#define KVM_PROBE_TIMEOUT_S	10	/* a KVM guest reaches init in ~1 s */
#define KVM_PROBE_MEMORY_MB	256

/* <cache dir>/kvm-<host release> (paths.h), creating the directories. */
static int verdict_path(char *path, size_t len)
{
	char dir[PATH_MAX], base[PATH_MAX], ignored[256];
	struct utsname uts;

	if (ksb_cache_dir(dir, sizeof(dir)) || uname(&uts))
		return -1;
	fs_dirname(dir, base, sizeof(base));
	if (fs_ensure_dir(base, ignored, sizeof(ignored)) ||
	    fs_ensure_dir(dir, ignored, sizeof(ignored)))
		return -1;
	return snprintf(path, len, "%s/kvm-%s", dir, uts.release) < (int)len ? 0 : -1;
}

/* 1 when a probe guest under KVM ran `true`, 0 when not, -1 if interrupted. */
static int kvm_boots(const struct vm_kernel *k, bool quiet)
{
	static const char *const probe_argv[] = { "true", NULL };
	const struct vm_request probe = {
		.kernel = k,
		.smp = 1,
		.memory_mb = KVM_PROBE_MEMORY_MB,
		.timeout_s = KVM_PROBE_TIMEOUT_S,
		.guest_argv = probe_argv,
		.accel = "kvm",
		.quiet = true,
	};
	struct vm_outcome out;
	char why[512];
	bool works = !vm_run(&probe, &out, why, sizeof(why)) && out.guest_status == 0;

	if (out.interrupted)
		return -1;
	if (!quiet)
		fprintf(stderr, works ? "ksbench: KVM works: using it\n"
				      : "ksbench: KVM does not work here (%s): using TCG\n",
			why);
	return works;
}

int vm_choose_accel(const struct vm_kernel *k, bool quiet, const char **accel,
		    char *err, size_t errlen)
{
	const char *forced = getenv("KSBENCH_ACCEL");
	char cache[PATH_MAX], verdict[16], ignored[256];
	bool cached;
	int fd;

	if (forced && *forced) {
		if (strcmp(forced, "kvm") && strcmp(forced, "tcg")) {
			snprintf(err, errlen, "KSBENCH_ACCEL is '%s', not kvm or tcg", forced);
			return -1;
		}
		*accel = !strcmp(forced, "kvm") ? "kvm" : "tcg";
		return 0;
	}
	*accel = "tcg";
	fd = open(KVM_DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return 0;
	close(fd);
	cached = !verdict_path(cache, sizeof(cache));
	if (cached && !fs_read_line(cache, verdict, sizeof(verdict)) &&
	    (!strcmp(verdict, "kvm") || !strcmp(verdict, "tcg"))) {
		*accel = !strcmp(verdict, "kvm") ? "kvm" : "tcg";
		return 0;
	}
	if (!quiet)
		fprintf(stderr, "ksbench: checking whether KVM boots a guest here "
			"(once per host kernel%s%s)\n", cached ? "; verdict in " : "",
			cached ? cache : "");
	switch (kvm_boots(k, quiet)) {
	case -1:
		snprintf(err, errlen, "interrupted while checking KVM");
		return -EINTR;
	case 1:
		*accel = "kvm";
		break;
	}
	snprintf(verdict, sizeof(verdict), "%s\n", *accel);
	/* A verdict that cannot be kept only costs another probe next time. */
	if (cached)
		fs_write_atomic(cache, verdict, strlen(verdict), ignored, sizeof(ignored));
	return 0;
}
