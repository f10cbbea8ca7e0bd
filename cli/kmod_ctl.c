// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "kmod_ctl.h"
#include "ksbench_abi.h"
#include "module_text.h"
#include "parse.h"
#include "paths.h"

#define DEBUGFS_DEFAULT		"/sys/kernel/debug"
#define DEBUGFS_MAGIC_NUMBER	0x64626720	/* linux/magic.h DEBUGFS_MAGIC */
#define KMOD_TEXT_MAX		(16u << 20)
#define POLL_INTERVAL_NS	(20 * NSEC_PER_MSEC)
#define RUN_GRACE_NS		(10 * NSEC_PER_SEC)	/* beyond warm-up + duration */

static bool debugfs_overridden(void)
{
	const char *env = getenv("KSBENCH_DEBUGFS");

	return env && *env;
}

const char *kmod_debugfs(void)
{
	return debugfs_overridden() ? getenv("KSBENCH_DEBUGFS") : DEBUGFS_DEFAULT;
}

static void kmod_path(const char *file, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s/%s", kmod_debugfs(), KSB_DEBUGFS_DIR, file);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

int kmod_host_ready(char *err, size_t errlen)
{
	char dir[PATH_MAX], module[PATH_MAX];
	struct statfs sfs;
	struct utsname u;

	/* The fake tree of the tests needs neither root nor debugfs. */
	if (!debugfs_overridden() && geteuid() != 0) {
		snprintf(err, errlen, "the host target needs root (the module's debugfs files are root only): run with sudo, or use --target=vm");
		return -1;
	}
	kmod_path("", dir, sizeof(dir));
	if (is_dir(dir))
		return 0;
	if (!debugfs_overridden() && (statfs(DEBUGFS_DEFAULT, &sfs) ||
				      sfs.f_type != DEBUGFS_MAGIC_NUMBER)) {
		snprintf(err, errlen, "debugfs is not mounted on %s: mount it with `mount -t debugfs none %s`, or use --target=vm",
			 DEBUGFS_DEFAULT, DEBUGFS_DEFAULT);
		return -1;
	}
	snprintf(err, errlen, "ksbench.ko is not loaded: build it with `make`, load it with `insmod %s`, or use --target=vm",
		 ksb_module_path(uname(&u) ? "$(uname -r)" : u.release,
				 module, sizeof(module)));
	return -1;
}

int kmod_load(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	ret = (int)syscall(SYS_finit_module, fd, "", 0);
	if (ret && errno == EEXIST)
		ret = 0;
	if (ret)
		snprintf(err, errlen, "loading %s failed: %s", path, strerror(errno));
	close(fd);
	return ret;
}

int kmod_read(const char *file, char **text, char *err, size_t errlen)
{
	char path[PATH_MAX];

	kmod_path(file, path, sizeof(path));
	return fs_read_file(path, KMOD_TEXT_MAX, text, NULL, err, errlen);
}

typedef int (*text_parser)(const char *text, void *out, char *err, size_t errlen);

static int read_parsed(const char *file, text_parser parse, void *out,
		       char *err, size_t errlen)
{
	char *text;
	int ret;

	if (kmod_read(file, &text, err, errlen))
		return -1;
	ret = parse(text, out, err, errlen);
	free(text);
	return ret;
}

static int parse_info(const char *text, void *out, char *err, size_t errlen)
{
	return module_text_parse_info(text, out, err, errlen);
}

static int parse_workloads(const char *text, void *out, char *err, size_t errlen)
{
	return module_text_parse_workloads(text, out, err, errlen);
}

int kmod_read_info(struct module_text *info, char *err, size_t errlen)
{
	return read_parsed("info", parse_info, info, err, errlen);
}

int kmod_read_workloads(struct json_object **list, char *err, size_t errlen)
{
	return read_parsed("workloads", parse_workloads, list, err, errlen);
}

/* What a refused write most likely means, after the errno's own text. */
static void refusal_hint(const char *file, int err, char *buf, size_t len)
{
	char atomic[16], sleep[16];

	format_duration(KSB_HOLD_NS_MAX_ATOMIC, atomic, sizeof(atomic));
	format_duration(KSB_HOLD_NS_MAX_SLEEP, sleep, sizeof(sleep));
	if (err == EBUSY)
		snprintf(buf, len, " (a run is in progress: another ksbench?)");
	else if (err == ERANGE && !strcmp(file, "control"))
		snprintf(buf, len, " (is --hold above this workload's limit? spinning primitives allow %s, sleeping ones %s)",
			 atomic, sleep);
	else if (err == ERANGE)
		snprintf(buf, len, " (out of the module's range, see docs/debugfs.md)");
	else
		buf[0] = '\0';
}

int kmod_write(const char *file, const char *value, char *err, size_t errlen)
{
	char path[PATH_MAX], line[KSB_WRITE_MAX + 2], hint[160];
	ssize_t n;
	int fd, saved;

	kmod_path(file, path, sizeof(path));
	/* A newline, as `echo value > file` writes it. */
	n = snprintf(line, sizeof(line), "%s\n", value);
	if (n < 0 || (size_t)n >= sizeof(line)) {
		snprintf(err, errlen, "%s: value too long", file);
		return -1;
	}
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	do {
		n = write(fd, line, strlen(line));
	} while (n < 0 && errno == EINTR);
	saved = errno;
	close(fd);
	if (n == (ssize_t)strlen(line))
		return 0;
	if (n >= 0)
		saved = EIO;	/* a short write: the module took part of it */
	refusal_hint(file, saved, hint, sizeof(hint));
	snprintf(err, errlen, "%s: the module refused '%s': %s%s", file, value,
		 strerror(saved), hint);
	return -1;
}

void kmod_stop(void)
{
	char err[256];

	kmod_write("control", "stop", err, sizeof(err));
}

static int write_u64(const char *file, uint64_t v, char *err, size_t errlen)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	return kmod_write(file, buf, err, errlen);
}

#define STR_(x)	#x
#define STR(x)	STR_(x)

/*
 * Knobs ksbench has no options for yet, pinned to their documented
 * defaults: the module keeps what anyone wrote last, and a result must
 * mean what its params say.
 */
static const struct {
	const char *file, *value;
} pinned_knobs[] = {
	{ "acquire",   "lock" },
	{ "nr_locks",  STR(KSB_NR_LOCKS_DEF) },
	{ "cs_lines",  "0" },
	{ "read_pct",  STR(KSB_READ_PCT_DEF) },
	{ "sem_count", "1" },
	{ "rcu_sync",  "sync" },
	{ "seed",      STR(KSB_SEED_DEF) },
};

static int write_pinned_knobs(char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < sizeof(pinned_knobs) / sizeof(pinned_knobs[0]); i++)
		if (kmod_write(pinned_knobs[i].file, pinned_knobs[i].value, err, errlen))
			return -1;
	return 0;
}

int kmod_configure(const struct kmod_knobs *k, char *err, size_t errlen)
{
	char cpus[32];

	format_cpu_range(k->cpus, cpus, sizeof(cpus));
	return write_pinned_knobs(err, errlen) ||
	       kmod_write("workload", k->workload, err, errlen) ||
	       kmod_write("cpus", cpus, err, errlen) ||
	       write_u64("duration_ms", k->duration_ns / NSEC_PER_MSEC, err, errlen) ||
	       write_u64("warmup_ms", k->warmup_ns / NSEC_PER_MSEC, err, errlen) ||
	       write_u64("hold_ns", k->hold_ns, err, errlen) ||
	       write_u64("think_ns", k->think_ns, err, errlen) ? -1 : 0;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* Polls `control` until done; the caller stops the run on failure. */
static enum kmod_outcome wait_done(uint64_t budget_ns, volatile sig_atomic_t *stop,
				   char *err, size_t errlen)
{
	const struct timespec tick = { 0, POLL_INTERVAL_NS };
	uint64_t deadline = now_ns() + budget_ns;
	char path[PATH_MAX], state[32], limit[32];

	kmod_path("control", path, sizeof(path));
	for (;;) {
		/* No run ends at once: sleep first, then look. */
		nanosleep(&tick, NULL);	/* a signal cuts it short: fine */
		if (stop && *stop)
			return KMOD_STOPPED;
		if (fs_read_line(path, state, sizeof(state))) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return KMOD_FAILED;
		}
		if (!strcmp(state, "done"))
			return KMOD_DONE;
		if (strcmp(state, "running")) {
			snprintf(err, errlen, "the module's state became '%s' during the run", state);
			return KMOD_FAILED;
		}
		if (now_ns() > deadline) {
			format_duration(budget_ns, limit, sizeof(limit));
			snprintf(err, errlen, "the run did not finish within %s", limit);
			return KMOD_FAILED;
		}
	}
}

enum kmod_outcome kmod_measure(const struct kmod_knobs *k,
			       volatile sig_atomic_t *stop, char **results,
			       char *err, size_t errlen)
{
	enum kmod_outcome outcome;

	*results = NULL;
	if (kmod_configure(k, err, errlen) ||
	    kmod_write("control", "start", err, errlen))
		return KMOD_FAILED;
	outcome = wait_done(k->warmup_ns + k->duration_ns + RUN_GRACE_NS, stop,
			    err, errlen);
	if (outcome != KMOD_DONE) {
		kmod_stop();
		return outcome;
	}
	return kmod_read("results", results, err, errlen) ? KMOD_FAILED : KMOD_DONE;
}
