// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "kmod_ctl.h"
#include "knobs.h"
#include "ksbench_abi.h"
#include "module_text.h"
#include "parse.h"
#include "paths.h"

#define DEBUGFS_DEFAULT		"/sys/kernel/debug"
#define DEBUGFS_MAGIC_NUMBER	0x64626720	/* linux/magic.h DEBUGFS_MAGIC */
#define KMOD_TEXT_MAX		(16u << 20)
#define POLL_INTERVAL_NS	(2 * NSEC_PER_MSEC)	/* once the run is due to end */
#define RUN_GRACE_NS		(10 * NSEC_PER_SEC)	/* beyond warm-up + duration */
#define PROC_LOCKS		"/proc/locks"
#define CPUS_ONLINE		"/sys/devices/system/cpu/online"
/* What a refused open means for anyone but root: say it once, plainly. */
#define ROOT_ONLY	"permission denied: ksbench's debugfs files are root-only; run as root (the module is for test machines)"

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

/* EACCES or EPERM opening one of the module's files (or its directory). */
static bool denied(int e)
{
	return e == EACCES || e == EPERM;
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
		snprintf(err, errlen, ROOT_ONLY);
		return -1;
	}
	kmod_path("", dir, sizeof(dir));
	errno = 0;
	if (is_dir(dir))
		return 0;
	if (denied(errno)) {
		snprintf(err, errlen, ROOT_ONLY);
		return -1;
	}
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
	if (!fs_read_file(path, KMOD_TEXT_MAX, text, NULL, err, errlen))
		return 0;
	if (denied(errno))
		snprintf(err, errlen, ROOT_ONLY);
	return -1;
}

/*
 * The pid holding a flock on (dev, ino), from /proc/locks lines such as
 * "1: FLOCK  ADVISORY  WRITE 1234 00:07:5 0 EOF" (the "->" lines of
 * waiters do not match); 0 when it cannot be told.
 */
static long flock_holder(dev_t dev, ino_t ino)
{
	FILE *f = fopen(PROC_LOCKS, "re");
	unsigned int maj, min;
	unsigned long long i;
	char line[256];
	long pid;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*d: FLOCK %*s %*s %ld %x:%x:%llu", &pid, &maj, &min, &i) == 4 &&
		    maj == major(dev) && min == minor(dev) && i == (unsigned long long)ino) {
			fclose(f);
			return pid;
		}
	}
	fclose(f);
	return 0;
}

/*
 * One CLI at a time: an exclusive flock, never waited for, on the module's
 * debugfs directory, taken before the first write and held until the
 * process exits (the fd is never closed), so a second CLI cannot mix its
 * knobs into a sweep. The directory rather than `control`: an open debugfs
 * file pins the module, and rmmod must still be able to end a run. A new
 * module instance has a new directory, and a fresh lock.
 */
int kmod_claim(char *err, size_t errlen)
{
	static int fd = -1;
	char dir[PATH_MAX], who[32] = "";
	struct stat st;
	long pid;

	if (fd >= 0)
		return 0;
	kmod_path("", dir, sizeof(dir));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (denied(errno))
			snprintf(err, errlen, ROOT_ONLY);
		else
			snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (!flock(fd, LOCK_EX | LOCK_NB))
		return 0;
	if (errno == EWOULDBLOCK) {
		pid = fstat(fd, &st) ? 0 : flock_holder(st.st_dev, st.st_ino);
		if (pid > 0)
			snprintf(who, sizeof(who), " (pid %ld)", pid);
		snprintf(err, errlen, "another ksbench run is using the module%s", who);
	} else {
		snprintf(err, errlen, "%s: cannot lock it: %s", dir, strerror(errno));
	}
	close(fd);
	fd = -1;
	errno = EBUSY;
	return -1;
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
	if (err == EBUSY)
		snprintf(buf, len, " (a run is in progress: another ksbench?)");
	else if (err == ERANGE && !strcmp(file, "cpus"))
		snprintf(buf, len, " (a CPU in it is offline: see %s)", CPUS_ONLINE);
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

	if (kmod_claim(err, errlen))
		return -1;
	kmod_path(file, path, sizeof(path));
	/* A newline, as `echo value > file` writes it. */
	n = snprintf(line, sizeof(line), "%s\n", value);
	if (n < 0 || (size_t)n >= sizeof(line)) {
		snprintf(err, errlen, "%s: value too long", file);
		return -1;
	}
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0) {
		saved = errno;
		if (denied(saved))
			snprintf(err, errlen, ROOT_ONLY);
		else
			snprintf(err, errlen, "%s: %s", path, strerror(saved));
		errno = saved;
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
	errno = saved;
	return -1;
}

void kmod_stop(void)
{
	char err[256];

	kmod_write("control", "stop", err, sizeof(err));
}

int kmod_configure(const struct kmod_knobs *k, char *err, size_t errlen)
{
	char cpus[32], value[32];
	unsigned int i;

	format_cpu_range(k->cpus, cpus, sizeof(cpus));
	if (kmod_write("workload", k->workload, err, errlen) ||
	    kmod_write("cpus", cpus, err, errlen))
		return -1;
	for (i = 0; i < NR_KNOBS; i++) {
		knob_file_text(i, k->knobs->v[i], value, sizeof(value));
		if (kmod_write(knob_table[i].file, value, err, errlen))
			return -1;
	}
	return 0;
}

/*
 * The first of CPUs 0 .. nr-1 that is offline now, or -1: `start` refuses
 * a cpus knob that was online when written and is not any more.
 */
static int first_offline(unsigned int nr)
{
	unsigned int count, prefix;
	char line[1024];

	if (fs_read_line(CPUS_ONLINE, line, sizeof(line)) ||
	    parse_cpulist(line, &count, &prefix))
		return -1;
	return prefix < nr ? (int)prefix : -1;
}

/* `start` refused: the rules docs/debugfs.md checks at start, in words. */
static void start_refused(const struct kmod_knobs *k, int saved,
			  char *err, size_t errlen)
{
	char mode[32], hold[32], atomic[16], sleep[16];
	int offline;

	if (saved == EOPNOTSUPP) {
		knob_option_text(KNOB_ACQUIRE, k->knobs->v[KNOB_ACQUIRE], mode, sizeof(mode));
		snprintf(err, errlen, "the module refused to start: %s has no %s form (--acquire=%s)",
			 k->workload, mode, mode);
	} else if (saved == ERANGE && (offline = first_offline(k->cpus)) >= 0) {
		snprintf(err, errlen, "the module refused to start: CPU %d is offline (%s)",
			 offline, CPUS_ONLINE);
	} else if (saved == ERANGE) {
		knob_option_text(KNOB_HOLD, k->knobs->v[KNOB_HOLD], hold, sizeof(hold));
		format_duration(KSB_HOLD_NS_MAX_ATOMIC, atomic, sizeof(atomic));
		format_duration(KSB_HOLD_NS_MAX_SLEEP, sleep, sizeof(sleep));
		snprintf(err, errlen, "the module refused to start: --hold=%s is above %s's hold limit (%s where it spins or runs with preemption or interrupts off, %s for sleeping locks, 0 for atomics, bitops and per-CPU counters)",
			 hold, k->workload, atomic, sleep);
	}
	/* anything else: kmod_write's own message stands */
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* CLOCK_MONOTONIC + ns, as clock_nanosleep's absolute time. */
static struct timespec mono_at(uint64_t ns)
{
	return (struct timespec) { .tv_sec = (time_t)(ns / NSEC_PER_SEC),
				   .tv_nsec = (long)(ns % NSEC_PER_SEC) };
}

/*
 * Polls `control` until done; the caller stops the run on failure. No run
 * ends before its warm-up and window (@run_ns) are over: sleep through
 * them, where a poll would only take a CPU from a worker, then look
 * often, since every wait past the end is wall time added to each point.
 */
static enum kmod_outcome wait_done(uint64_t run_ns, uint64_t budget_ns,
				   volatile sig_atomic_t *stop, char *err, size_t errlen)
{
	uint64_t start = now_ns(), next = start + run_ns, deadline = start + budget_ns;
	char path[PATH_MAX], state[32], limit[32];
	struct timespec at;

	kmod_path("control", path, sizeof(path));
	for (;;) {
		at = mono_at(next);
		/* a signal cuts it short: the stop is seen at once */
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL);
		if (stop && *stop)
			return KMOD_STOPPED;
		if (now_ns() < next)
			continue;	/* another signal: sleep on */
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
		next = now_ns() + POLL_INTERVAL_NS;
	}
}

enum kmod_outcome kmod_measure(const struct kmod_knobs *k,
			       volatile sig_atomic_t *stop, char **results,
			       char *err, size_t errlen)
{
	enum kmod_outcome outcome;
	uint64_t run_ns;

	*results = NULL;
	if (kmod_configure(k, err, errlen))
		return KMOD_FAILED;
	if (kmod_write("control", "start", err, errlen)) {
		start_refused(k, errno, err, errlen);
		return KMOD_FAILED;
	}
	run_ns = k->knobs->v[KNOB_WARMUP] + k->knobs->v[KNOB_DURATION];
	outcome = wait_done(run_ns, run_ns + RUN_GRACE_NS, stop, err, errlen);
	if (outcome != KMOD_DONE) {
		kmod_stop();
		return outcome;
	}
	return kmod_read("results", results, err, errlen) ? KMOD_FAILED : KMOD_DONE;
}
