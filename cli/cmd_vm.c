// SPDX-License-Identifier: GPL-2.0
/*
 * ksbench vm: boot a kernel in qemu with ksbench.ko loaded and run one
 * command there, as `vng -- cmd` does: the developer's way into the VM
 * target. The guest console, the command's output included, is copied to
 * stdout as it arrives.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "opt_error.h"
#include "parse.h"
#include "target.h"
#include "vm.h"

#define WHO "ksbench vm"

#define VM_DEFAULT_SMP	2
#define VM_MAX_SMP	255	/* qemu's pc machine */

static void vm_usage(FILE *f)
{
	fprintf(f,
		"usage: ksbench vm [options] -- CMD [ARGS...]\n"
		"\n"
		"Boots a kernel in qemu, loads ksbench.ko, runs CMD as root in the guest\n"
		"with its output on the guest console (copied to stdout), and exits with\n"
		"CMD's status; 1 if the VM failed or the console shows a kernel issue.\n"
		"\n"
		"  --kernel=SPEC        generic (default: newest non-rt /boot/vmlinuz-*), rt,\n"
		"                       debug (make debug-kernel), a release, a bzImage or a\n"
		"                       kernel build directory; SPEC:PARAM adds boot parameters\n"
		"  --smp=N              vCPUs (default %d)\n"
		"  --memory=MB          guest memory (default 512, 64 per vCPU above 8)\n"
		"  --timeout=S          budget from boot to poweroff (default %d)\n"
		"  --boot-timeout=S     seconds the kernel has to start the init (default %d,\n"
		"                       x4 for a debug kernel, xN for N vCPUs per host CPU)\n"
		"  --boot-retries=N     boot again, up to N times (0-%d), a kernel that died\n"
		"                       or stalled before the init (default 1)\n"
		"  --no-module          do not load ksbench.ko\n"
		"  --hypervisor-bit=on|off  the CPUID hypervisor bit (default: off under TCG\n"
		"                       unless more vCPUs than host CPUs, on under KVM)\n"
		"  --file=HOST:GUEST    copy a host file into the guest (repeatable)\n"
		"  --output=GUEST:HOST  carry a file the command writes back to the host\n"
		"  --console=PATH       keep the guest console log\n"
		"  -q, --quiet          no progress lines on stderr\n"
		"\n"
		"The guest has busybox, /bin/ksbench and ksbench.ko; KSBENCH_ACCEL=kvm|tcg\n"
		"overrides the accelerator check.\n",
		VM_DEFAULT_SMP, VM_DEFAULT_TIMEOUT_S, VM_BOOT_TIMEOUT_S, VM_BOOT_RETRIES_MAX);
}

__attribute__((format(printf, 1, 2)))
static int vm_bad_usage(const char *fmt, ...)
{
	va_list ap;

	char msg[512], *p;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* a value quoted in it stays on this one line, and out of the terminal's reach */
	for (p = msg; *p; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = '?';
	fprintf(stderr, "ksbench vm: %s (see ksbench vm --help)\n", msg);
	return EXIT_USAGE;
}

static int number_option(const char *name, const char *value, unsigned long min,
			 unsigned long max, unsigned int *out)
{
	char why[128];
	unsigned long v;

	if (parse_uint(value, min, max, &v, why, sizeof(why)))
		return vm_bad_usage("%s: %s", name, why);
	*out = (unsigned int)v;
	return 0;
}

/* "GUEST:HOST", split at the first ':' (a guest path has none). */
static int output_option(char *value, const char **guest, const char **host)
{
	char *colon = strchr(value, ':');

	if (!colon || value[0] != '/' || !colon[1])
		return vm_bad_usage("--output: '%s' is not GUEST:HOST with an absolute GUEST path",
				    value);
	*colon = '\0';
	*guest = value;
	*host = colon + 1;
	return 0;
}

/* --console=PATH of a boot that failed before the init: kept as PATH.failed<n>. */
static void keep_failed_console(const char *path, unsigned int n)
{
	char kept[PATH_MAX + 16];

	if (!path)
		return;
	snprintf(kept, sizeof(kept), "%s.failed%u", path, n);
	if (rename(path, kept))
		fprintf(stderr, "ksbench vm: cannot keep %s as %s: %s\n", path, kept,
			strerror(errno));
	else
		fprintf(stderr, "ksbench vm: that boot's console log: %s\n", kept);
}

int cmd_vm(int argc, char **argv)
{
	static const struct option options[] = {
		{ "kernel",	required_argument, NULL, 'k' },
		{ "smp",	required_argument, NULL, 's' },
		{ "memory",	required_argument, NULL, 'm' },
		{ "timeout",	required_argument, NULL, 't' },
		{ "boot-timeout", required_argument, NULL, 'B' },
		{ "boot-retries", required_argument, NULL, 'R' },
		{ "no-module",	no_argument,	   NULL, 'n' },
		{ "hypervisor-bit", required_argument, NULL, 'H' },
		{ "file",	required_argument, NULL, 'f' },
		{ "output",	required_argument, NULL, 'o' },
		{ "console",	required_argument, NULL, 'c' },
		{ "quiet",	no_argument,	   NULL, 'q' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct vm_request req = {
		.smp = VM_DEFAULT_SMP,
		.load_module = true,
		.console_stream = stdout,
	};
	const char **files = calloc((size_t)argc + 1, sizeof(*files));
	char host[PATH_MAX], guest[PATH_MAX], err[1024];
	const char *kernel_spec = NULL;
	struct vm_outcome out;
	struct vm_kernel kernel;
	unsigned int nr_files = 0, boot_retries = 1, failed = 0;
	static unsigned char seen[OPT_SEEN_MAX];	/* each option once */
	int opt, rc, ret = EXIT_USAGE;

	if (!files) {
		perror("ksbench vm");
		return 1;
	}
	opterr = 0;
	/* '+': the command's own options are not ours, even without "--". */
	while ((opt = getopt_long(argc, argv, "+:qh", options, NULL)) != -1) {
		/* --file adds a file each time; the rest are given once */
		if (opt != ':' && opt != '?' && opt != 'f' && opt_once(WHO, opt, argv, seen))
			goto out;
		switch (opt) {
		case 'k':
			if (target_check_spec(WHO, optarg))
				goto out;
			kernel_spec = optarg;
			break;
		case 's':
			if (number_option("--smp", optarg, 1, VM_MAX_SMP, &req.smp))
				goto out;
			break;
		case 'm':
			if (number_option("--memory", optarg, 64, 1 << 20, &req.memory_mb))
				goto out;
			break;
		case 't':
			if (number_option("--timeout", optarg, 1, 7 * 24 * 3600, &req.timeout_s))
				goto out;
			break;
		case 'B':
			if (number_option("--boot-timeout", optarg, 1, 7 * 24 * 3600,
					  &req.boot_timeout_s))
				goto out;
			break;
		case 'R':
			if (number_option("--boot-retries", optarg, 0, VM_BOOT_RETRIES_MAX,
					  &boot_retries))
				goto out;
			break;
		case 'H':
			if (vm_hv_bit_parse(optarg, &req.hypervisor_bit, err, sizeof(err))) {
				vm_bad_usage("--hypervisor-bit: %s", err);
				goto out;
			}
			break;
		case 'n':
			req.load_module = false;
			break;
		case 'f':
			if (vm_split_file_pair(optarg, host, sizeof(host), guest, sizeof(guest),
					       err, sizeof(err))) {
				vm_bad_usage("--file: %s", err);
				goto out;
			}
			files[nr_files++] = optarg;
			break;
		case 'o':
			if (output_option(optarg, &req.guest_output, &req.host_output))
				goto out;
			break;
		case 'c':
			req.console_log = optarg;
			break;
		case 'q':
			req.quiet = true;
			break;
		case 'h':
			vm_usage(stdout);
			ret = 0;
			goto out;
		case ':':
			vm_bad_usage("%s needs a value", argv[optind - 1]);
			goto out;
		default:
			vm_bad_usage("unknown option '%s'", argv[optind - 1]);
			goto out;
		}
	}
	if (opt_check_args(WHO, optind, argv))
		goto out;
	if (optind >= argc) {
		vm_bad_usage("no command to run after --");
		goto out;
	}
	req.guest_argv = (const char *const *)argv + optind;
	req.extra_files = files;

	ret = 1;
	if (vm_test_guard("ksbench vm"))
		goto out;
	if ((req.load_module ? vm_resolve_kernel : vm_find_kernel)(kernel_spec, &kernel,
								   err, sizeof(err))) {
		fprintf(stderr, "ksbench vm: %s\n", err);
		goto out;
	}
	req.kernel = &kernel;
	if (!req.boot_timeout_s)
		req.boot_timeout_s = vm_boot_timeout_s(&kernel, req.smp, req.timeout_s);
	/* a kernel that died or stalled before the init ran nothing of ours */
	while ((rc = vm_run(&req, &out, err, sizeof(err))) && out.boot_failed &&
	       !out.interrupted && failed < boot_retries) {
		fprintf(stderr, "ksbench vm: %s; booting again (retry %u of %u)\n", err,
			++failed, boot_retries);
		keep_failed_console(req.console_log, failed);
	}
	if (rc) {
		fprintf(stderr, "ksbench vm: %s\n", err);
		ret = out.interrupted ? EXIT_INTERRUPTED : 1;
		goto out;
	}
	ret = out.guest_status;
	if (out.console_issues) {
		fprintf(stderr, "ksbench vm: the guest console shows %u kernel issue%s, "
			"the first: %s\n", out.console_issues,
			out.console_issues == 1 ? "" : "s", out.first_issue);
		ret = ret ? ret : 1;
	}
	if (req.guest_output && !out.output_received) {
		fprintf(stderr, "ksbench vm: the guest command left no %s\n", req.guest_output);
		ret = ret ? ret : 1;
	}
out:
	free(files);
	return ret;
}
