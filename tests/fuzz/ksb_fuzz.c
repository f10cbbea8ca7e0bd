// SPDX-License-Identifier: GPL-2.0
/*
 * ksb_fuzz: writes malformed values to every file under
 * /sys/kernel/debug/ksbench and checks that each is refused with the
 * errno docs/debugfs.md gives, and that nothing readable changed. The
 * files are listed at run time, so a new knob is fuzzed without a change
 * here. Three phases: idle, idle with a CPU taken offline (cpus only),
 * and with a run of the fuzzer's own in progress, stopped at the end.
 * The module is left as it was found. See docs/fuzz.md.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gen.h"
#include "model.h"

#define EXIT_USAGE	2
#define MAX_FILES	128
#define MAX_WORKLOADS	128
#define SYS_CPU		"/sys/devices/system/cpu"

enum phase { PH_IDLE, PH_OFFLINE, PH_RUNNING, NR_PHASES };

static const char *const phase_names[NR_PHASES] = { "idle", "offline", "running" };

/* The contract's tables: ranges (include/ksbench_abi.h) and word lists. */
static const struct {
	const char *name;
	uint64_t min, max;
} known_numbers[] = {
	{ "duration_ms", KSB_DURATION_MS_MIN, KSB_DURATION_MS_MAX },
	{ "warmup_ms", 0, KSB_WARMUP_MS_MAX },
	{ "hold_ns", 0, KSB_HOLD_NS_MAX_SLEEP },
	{ "think_ns", 0, KSB_THINK_NS_MAX },
	{ "nr_locks", 1, KSB_NR_LOCKS_MAX },
	{ "cs_lines", 0, KSB_CS_LINES_MAX },
	{ "read_pct", 0, 100 },
	{ "sem_count", 1, KSB_SEM_COUNT_MAX },
	{ "seed", 0, UINT64_MAX },
	{ "sample", 1, KSB_SAMPLE_MAX },
	{ "interval_ms", 1, KSB_INTERVAL_MS_MAX },
	{ "exclusive", 0, 1 },
	{ "flood", 0, 1 },
	{ "poll_us", 1, KSB_POLL_US_MAX },
};

static const char *const acquire_words[] = { "lock", "trylock", "interruptible" };
static const char *const rcu_sync_words[] = { "sync", "call_rcu" };
static const char *const measure_words[] = { "throughput", "latency" };
static const char *const wait_words[] = { "plain", "interruptible", "timeout" };
static const char *const wq_words[] = { "bound", "unbound", "system", "highpri" };
static const char *const poll_words[] = { "busy", "usleep", "msleep", "schedule" };
static const char *const control_words[] = { "start", "stop", "reset" };

#define WORDS(w)	w, sizeof(w) / sizeof(w[0])
static const struct {
	const char *name;
	const char *const *words;
	unsigned int nr_words;
} known_choices[] = {
	{ "acquire", WORDS(acquire_words) },
	{ "rcu_sync", WORDS(rcu_sync_words) },
	{ "measure", WORDS(measure_words) },
	{ "wait", WORDS(wait_words) },
	{ "wq", WORDS(wq_words) },
	{ "poll", WORDS(poll_words) },
};

struct entry {
	struct fz_file f;
	char *current;			/* an unknown choice knob's only known word */
	unsigned long tried[NR_PHASES];
	unsigned long failed[NR_PHASES];
};

/* Every readable file's content, in the order of files[]. */
struct snapshot {
	struct fz_buf text[MAX_FILES];
};

static struct {
	const char *dir;
	const char *unknown;		/* knobs to fuzz as if the tables lacked them */
	uint64_t seed;
	unsigned long inputs;
	unsigned int max_shown;
	bool phase_on[NR_PHASES];
	bool verbose;
} opt = {
	.dir = "/sys/kernel/debug/" KSB_DEBUGFS_DIR,
	.seed = 1,
	.inputs = 1000,
	.max_shown = 5,
	.phase_on = { true, true, true },
};

static struct entry files[MAX_FILES];
static unsigned int nr_files;
static char *workload_names[MAX_WORKLOADS];
static unsigned int workload_min_cpus[MAX_WORKLOADS];
static unsigned int nr_workloads;
static const char *pool_words[256];
static struct fz_pool pool = { pool_words, 0 };
static struct fz_machine machine;
static struct fz_gen_stats gen_stats;
static unsigned int failures;

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("ksb_fuzz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static const char *errno_name(int e)
{
	static char other[32];

	switch (e) {
	case 0: return "no error";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EINTR: return "EINTR";
	case EIO: return "EIO";
	case E2BIG: return "E2BIG";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case ENOSPC: return "ENOSPC";
	case ERANGE: return "ERANGE";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EOVERFLOW: return "EOVERFLOW";
	}
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- files ----------------------------------------------------------------- */

static void path_of(const char *name, char *path, size_t len)
{
	if ((size_t)snprintf(path, len, "%s/%s", opt.dir, name) >= len)
		die("%s/%s: path too long", opt.dir, name);
}

/* Reads PATH whole into B; returns 0 or an errno. */
static int read_path(const char *path, struct fz_buf *b)
{
	char chunk[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY), err = 0;

	fz_buf_reset(b);
	if (fd < 0)
		return errno;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		fz_buf_add(b, chunk, (size_t)n);
	if (n < 0)
		err = errno;
	close(fd);
	if (!b->p)
		fz_buf_add(b, "", 0);
	return err;
}

static void read_file(const char *name, struct fz_buf *b)
{
	char path[512];
	int err;

	path_of(name, path, sizeof(path));
	err = read_path(path, b);
	if (err)
		die("cannot read %s: %s", path, strerror(err));
}

/* One write of BUF[LEN] on a fresh open; 0 if taken, else the errno. */
static int write_path(const char *path, const char *buf, size_t len)
{
	int fd = open(path, O_WRONLY), err = 0;
	ssize_t n;

	if (fd < 0)
		return errno;
	n = write(fd, buf, len);
	if (n < 0)
		err = errno;
	close(fd);
	return err;
}

static int write_file(const char *name, const char *value)
{
	char path[512];

	path_of(name, path, sizeof(path));
	return write_path(path, value, strlen(value));
}

/* A file's one-line value, without its newline. */
static void read_value(const char *name, char *value, size_t len)
{
	struct fz_buf b = { 0 };

	read_file(name, &b);
	snprintf(value, len, "%s", b.p);
	value[strcspn(value, "\n")] = '\0';
	fz_buf_free(&b);
}

/* The first line of a file outside the directory, such as SYS_CPU/online. */
static void read_line(const char *path, char *line, size_t len)
{
	struct fz_buf b = { 0 };
	int err = read_path(path, &b);

	if (err)
		die("cannot read %s: %s", path, strerror(err));
	snprintf(line, len, "%s", b.p);
	line[strcspn(line, "\n")] = '\0';
	fz_buf_free(&b);
}

/*
 * info's clock cost lines are measured again at every start (the clock is
 * calibrated for each run, docs/debugfs.md): a fact of the moment, not
 * state a write could leave behind, and under a busy host its minimum
 * moved from 9 to 20 ns between two snapshots. Dropped from snapshots.
 */
static bool measured_line(const char *file, const char *line)
{
	return !strcmp(file, "info") && (!strncmp(line, "clock_cost_", 11) ||
					 !strncmp(line, "clock_resolution_ns ", 20));
}

static void drop_measured(const char *file, struct fz_buf *b)
{
	char *in = b->p, *out = b->p, *end = b->p + b->len, *nl;
	size_t n;

	while (in < end) {
		nl = memchr(in, '\n', (size_t)(end - in));
		n = nl ? (size_t)(nl - in) + 1 : (size_t)(end - in);
		if (!measured_line(file, in)) {
			memmove(out, in, n);
			out += n;
		}
		in += n;
	}
	b->len = (size_t)(out - b->p);
	if (b->cap > b->len)
		b->p[b->len] = '\0';
}

static void take_snapshot(struct snapshot *s)
{
	unsigned int i;

	for (i = 0; i < nr_files; i++) {
		read_file(files[i].f.name, &s->text[i]);
		drop_measured(files[i].f.name, &s->text[i]);
	}
}

static void copy_snapshot(struct snapshot *to, const struct snapshot *from)
{
	unsigned int i;

	for (i = 0; i < nr_files; i++) {
		fz_buf_reset(&to->text[i]);
		fz_buf_add(&to->text[i], from->text[i].p, from->text[i].len);
	}
}

static void free_snapshot(struct snapshot *s)
{
	unsigned int i;

	for (i = 0; i < nr_files; i++)
		fz_buf_free(&s->text[i]);
}

/* The first file that reads differently, or -1; its first differing line. */
static int snapshot_diff(const struct snapshot *a, const struct snapshot *b,
			 char *what, size_t len)
{
	unsigned int i;

	for (i = 0; i < nr_files; i++) {
		const char *x = a->text[i].p, *y = b->text[i].p;
		size_t lx, ly, j;

		if (a->text[i].len == b->text[i].len && !memcmp(x, y, a->text[i].len))
			continue;
		/* from the start of the first line that differs */
		for (j = 0; x[j] && x[j] == y[j]; j++)
			;
		while (j && x[j - 1] != '\n')
			j--;
		x += j;
		y += j;
		lx = strcspn(x, "\n");
		ly = strcspn(y, "\n");
		snprintf(what, len, "%s changed: '%.*s' -> '%.*s'", files[i].f.name,
			 (int)(lx > 80 ? 80 : lx), x, (int)(ly > 80 ? 80 : ly), y);
		return (int)i;
	}
	return -1;
}

/* --- the machine ---------------------------------------------------------------- */

static void read_online(void)
{
	char line[1024];

	read_line(SYS_CPU "/online", line, sizeof(line));
	if (fz_cpulist(line, NULL, machine.online))
		die("cannot parse " SYS_CPU "/online: '%s'", line);
}

static void read_machine(void)
{
	struct fz_buf b = { 0 };
	const char *line;
	unsigned long n;

	read_file("info", &b);
	line = strstr(b.p, "\nnr_cpu_ids ");
	if (!line || sscanf(line + 1, "nr_cpu_ids %lu", &n) != 1 || !n || n > FZ_CPUS_MAX)
		die("%s/info has no nr_cpu_ids line between 1 and %d", opt.dir, FZ_CPUS_MAX);
	machine.nr_cpu_ids = (unsigned int)n;
	fz_buf_free(&b);
	read_online();
}

/* An "ok" or "not ok" line. */
__attribute__((format(printf, 2, 3)))
static void check(bool cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s - ", cond ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		failures++;
}

/* --- classifying the files --------------------------------------------------------- */

static void read_workloads(void)
{
	struct fz_buf b = { 0 };
	char *line, *save = NULL;

	read_file("workloads", &b);
	for (line = strtok_r(b.p, "\n", &save); line && nr_workloads < MAX_WORKLOADS;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[KSB_NAME_MAX + 1], kind[32];
		unsigned int min_cpus;

		if (sscanf(line, "%32s %31s %u", name, kind, &min_cpus) != 3)
			die("%s/workloads: cannot read the line '%s'", opt.dir, line);
		workload_names[nr_workloads] = strdup(name);
		workload_min_cpus[nr_workloads++] = min_cpus;
	}
	if (!nr_workloads)
		die("%s/workloads lists no workload", opt.dir);
	fz_buf_free(&b);
}

static bool probe_takes(const char *name, uint64_t v, unsigned int *writes)
{
	char text[32];

	(*writes)++;
	snprintf(text, sizeof(text), "%" PRIu64, v);
	return !write_file(name, text);
}

/*
 * The range a number knob takes, by bisection on each side of its
 * current value CUR (the range is one interval), counting the writes;
 * false if it refuses CUR itself. Leaves some other value in the knob.
 */
static bool probe_range(const char *name, uint64_t cur, uint64_t *min, uint64_t *max,
			unsigned int *writes)
{
	uint64_t lo, hi, mid;

	*min = *max = cur;
	if (!probe_takes(name, cur, writes))
		return false;
	if (probe_takes(name, 0, writes)) {
		*min = 0;
	} else {
		for (lo = 0, hi = cur; hi - lo > 1;) {	/* lo refused, hi taken */
			mid = lo + (hi - lo) / 2;
			*(probe_takes(name, mid, writes) ? &hi : &lo) = mid;
		}
		*min = hi;
	}
	if (probe_takes(name, UINT64_MAX, writes)) {
		*max = UINT64_MAX;
	} else {
		for (lo = cur, hi = UINT64_MAX; hi - lo > 1;) {	/* lo taken, hi refused */
			mid = lo + (hi - lo) / 2;
			*(probe_takes(name, mid, writes) ? &lo : &hi) = mid;
		}
		*max = lo;
	}
	return true;
}

/* NAME is a word of the comma-separated LIST. */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (; list && *list; list += strcspn(list, ","), list += *list == ',')
		if (!strncmp(list, name, n) && (list[n] == ',' || !list[n]))
			return true;
	return false;
}

static void classify(struct entry *e, mode_t mode)
{
	const char *name = e->f.name;
	char value[256];
	unsigned int i;
	uint64_t v;

	e->f.known = true;
	if (!(mode & 0222)) {
		e->f.class = FZ_READONLY;
		return;
	}
	if (!strcmp(name, "control")) {
		e->f.class = FZ_CONTROL;
		e->f.words = control_words;
		e->f.nr_words = 3;
		return;
	}
	if (!strcmp(name, "workload")) {
		e->f.class = FZ_WORKLOAD;
		e->f.words = (const char *const *)workload_names;
		e->f.nr_words = nr_workloads;
		return;
	}
	if (!strcmp(name, "cpus")) {
		e->f.class = FZ_CPUS;
		return;
	}
	for (i = 0; !listed(opt.unknown, name) &&
	     i < sizeof(known_numbers) / sizeof(known_numbers[0]); i++) {
		if (!strcmp(name, known_numbers[i].name)) {
			e->f.class = FZ_NUMBER;
			e->f.min = known_numbers[i].min;
			e->f.max = known_numbers[i].max;
			return;
		}
	}
	for (i = 0; !listed(opt.unknown, name) &&
	     i < sizeof(known_choices) / sizeof(known_choices[0]); i++) {
		if (!strcmp(name, known_choices[i].name)) {
			e->f.class = FZ_CHOICE;
			e->f.words = known_choices[i].words;
			e->f.nr_words = known_choices[i].nr_words;
			return;
		}
	}
	/*
	 * A knob the tables do not know yet: its value says which kind, and
	 * check_contract() probes a number's range.
	 */
	e->f.known = false;
	read_value(name, value, sizeof(value));
	if (!fz_kstrtou64(value, &v) && value[0] != '+') {
		e->f.class = FZ_NUMBER;
		e->f.min = e->f.max = v;
		return;
	}
	e->f.class = FZ_CHOICE;
	e->current = strdup(value);
	e->f.words = (const char *const *)&e->current;
	e->f.nr_words = 1;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->f.name, ((const struct entry *)b)->f.name);
}

static void list_files(void)
{
	DIR *d = opendir(opt.dir);
	struct dirent *de;
	unsigned int i, j;

	if (!d)
		die("cannot open %s: %s (is ksbench.ko loaded and debugfs mounted?)",
		    opt.dir, strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (nr_files == MAX_FILES)
			die("%s holds more than %d files", opt.dir, MAX_FILES);
		if (strlen(de->d_name) >= sizeof(files[0].f.name))
			die("%s/%s: a name that long is not a knob", opt.dir, de->d_name);
		strcpy(files[nr_files++].f.name, de->d_name);
	}
	closedir(d);
	qsort(files, nr_files, sizeof(files[0]), entry_cmp);
	read_workloads();
	for (i = 0; i < nr_files; i++) {
		char path[512];
		struct stat st;

		path_of(files[i].f.name, path, sizeof(path));
		if (stat(path, &st))
			die("cannot stat %s: %s", path, strerror(errno));
		classify(&files[i], st.st_mode);
	}
	/* Every word any file takes, as a wrong word for the others. */
	for (i = 0; i < nr_files; i++)
		for (j = 0; j < files[i].f.nr_words &&
		     pool.nr_words < sizeof(pool_words) / sizeof(pool_words[0]); j++)
			pool_words[pool.nr_words++] = files[i].f.words[j];
}

static void print_files(void)
{
	unsigned int i, j;

	for (i = 0; i < nr_files; i++) {
		const struct fz_file *f = &files[i].f;

		printf("#   %-12s %s", f->name, fz_class_names[f->class]);
		if (f->class == FZ_NUMBER)
			printf(" %" PRIu64 "..%" PRIu64, f->min, f->max);
		if (f->class == FZ_CHOICE || f->class == FZ_CONTROL)
			for (j = 0; j < f->nr_words; j++)
				printf("%s%s", j ? "|" : " ", f->words[j]);
		if (f->class == FZ_WORKLOAD)
			printf(" (%u names)", f->nr_words);
		printf("%s\n", f->known ? "" : " (not in the tables)");
	}
}

/* Writes each word of F, then VALUE back; the first word refused, or NULL. */
static const char *refused_word(const struct fz_file *f, const char *value)
{
	const char *bad = NULL;
	unsigned int i;

	for (i = 0; i < f->nr_words && !bad; i++)
		if (write_file(f->name, f->words[i]))
			bad = f->words[i];
	write_file(f->name, value);
	return bad;
}

/*
 * Before fuzzing, the other half of the model: each knob takes what the
 * tables say it takes (a number knob exactly its range, found by
 * bisection; every word of a word knob; every workload; the online CPUs),
 * so no input is refused for a reason the model does not know. A knob
 * the tables lack gets its range from the same probe. Every value goes
 * back; the files must read as before.
 */
static void check_contract(void)
{
	struct snapshot before = { 0 }, after = { 0 };
	char value[256], online[256], diff[256];
	unsigned int i, writes;
	uint64_t min, max;
	const char *bad;
	int err;

	take_snapshot(&before);
	read_line(SYS_CPU "/online", online, sizeof(online));
	for (i = 0; i < nr_files; i++) {
		struct fz_file *f = &files[i].f;

		read_value(f->name, value, sizeof(value));
		switch (f->class) {
		case FZ_NUMBER:
			writes = 0;
			if (fz_kstrtou64(value, &min) ||
			    !probe_range(f->name, min, &min, &max, &writes)) {
				check(false, "contract: %s takes its own value '%s'", f->name, value);
			} else if (f->known) {
				check(min == f->min && max == f->max,
				      "contract: %s takes %" PRIu64 "..%" PRIu64 ", exactly"
				      " (probed %" PRIu64 "..%" PRIu64 " in %u writes)",
				      f->name, f->min, f->max, min, max, writes);
			} else {
				f->min = min;
				f->max = max;
				printf("# %s: not in the contract's tables: a number knob taking %"
				       PRIu64 "..%" PRIu64 " (probed in %u writes)\n", f->name,
				       min, max, writes);
			}
			write_file(f->name, value);
			break;
		case FZ_CHOICE:
		case FZ_WORKLOAD:
			bad = refused_word(f, value);
			if (f->known)
				check(!bad, "contract: %s takes all its %u words%s%s", f->name,
				      f->nr_words, bad ? ", but not " : "", bad ? bad : "");
			else
				printf("# %s: not in the contract's tables: a word knob known to take"
				       " '%s' only\n", f->name, value);
			break;
		case FZ_CPUS:
			err = write_file(f->name, online);
			check(!err, "contract: %s takes the online CPUs '%s' (%s)", f->name,
			      online, errno_name(err));
			write_file(f->name, value);
			break;
		default:	/* read-only, control */
			break;
		}
	}
	take_snapshot(&after);
	i = (unsigned int)snapshot_diff(&before, &after, diff, sizeof(diff));
	check(i == (unsigned int)-1, "contract: every file reads as before these checks%s%s",
	      i == (unsigned int)-1 ? "" : ": ", i == (unsigned int)-1 ? "" : diff);
	free_snapshot(&after);
	free_snapshot(&before);
}

static struct entry *find_entry(const char *name)
{
	unsigned int i;

	for (i = 0; i < nr_files; i++)
		if (!strcmp(files[i].f.name, name))
			return &files[i];
	return NULL;
}

/* --- fuzzing -------------------------------------------------------------------------- */

/*
 * After an unexpected change: a knob gets its old value back; a run the
 * fuzzer did not start is stopped, and reset if the module was idle.
 */
static void restore(const struct snapshot *base, unsigned int i)
{
	char value[KSB_WRITE_MAX + 1];

	if (files[i].f.class == FZ_CONTROL || !strcmp(files[i].f.name, "results")) {
		if (!machine.running)
			write_file("control", "stop");
		if (!strncmp(base->text[find_entry("control") - files].p, "idle", 4))
			write_file("control", "reset");
		return;
	}
	if (files[i].f.class == FZ_READONLY)
		return;
	snprintf(value, sizeof(value), "%s", base->text[i].p);
	value[strcspn(value, "\n")] = '\0';
	write_file(files[i].f.name, value);
}

__attribute__((format(printf, 3, 4)))
static void fail(struct entry *e, enum phase ph, const char *fmt, ...)
{
	va_list ap;

	failures++;
	if (++e->failed[ph] > opt.max_shown)
		return;
	printf("not ok - %s: ", phase_names[ph]);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/*
 * NR inputs over the files (all of them, or ONLY), in turn; every one
 * refused with the model's errno and followed by a snapshot equal to BASE.
 */
static void fuzz(enum phase ph, unsigned long nr, struct fz_rng *rng,
		 const struct snapshot *base, struct entry *only)
{
	struct fz_buf in = { 0 }, shown = { 0 };
	struct snapshot now = { 0 }, expected = { 0 };
	unsigned int nr_targets = only ? 1 : nr_files;
	unsigned long k;
	double t0 = now_s();

	copy_snapshot(&expected, base);
	for (k = 0; k < nr; k++) {
		struct entry *e = only ? only : &files[k % nr_targets];
		char path[512], what[256];
		int want, got, changed;

		want = fz_generate(rng, &e->f, &machine, &pool, &in, &gen_stats);
		path_of(e->f.name, path, sizeof(path));
		got = write_path(path, in.p ? in.p : "", in.len);
		e->tried[ph]++;
		take_snapshot(&now);
		changed = snapshot_diff(&expected, &now, what, sizeof(what));
		if (opt.verbose || got != want || changed >= 0)
			fz_escape(in.p, in.len, 72, &shown);
		if (opt.verbose)
			printf("# %s: %s <- %s: %s (want %s)\n", phase_names[ph], e->f.name,
			       shown.p, errno_name(got), errno_name(want));
		if (!got)
			fail(e, ph, "%s <- %s: accepted, want %s", e->f.name, shown.p,
			     errno_name(want));
		else if (got != want)
			fail(e, ph, "%s <- %s: %s, want %s", e->f.name, shown.p,
			     errno_name(got), errno_name(want));
		if (changed >= 0) {
			fail(e, ph, "%s <- %s: then %s", e->f.name, shown.p, what);
			restore(&expected, (unsigned int)changed);
			/* judge the next input on its own */
			take_snapshot(&expected);
		}
	}
	for (k = 0; k < nr_targets; k++) {
		struct entry *e = only ? only : &files[k];

		if (!e->tried[ph])
			continue;
		if (e->failed[ph] > opt.max_shown)
			printf("# %s: %s: %lu more not shown\n", phase_names[ph],
			       e->f.name, e->failed[ph] - opt.max_shown);
		if (!e->failed[ph])
			printf("ok - %s: %s (%s): %lu inputs refused as the contract says, nothing changed\n",
			       phase_names[ph], e->f.name, fz_class_names[e->f.class],
			       e->tried[ph]);
	}
	printf("# %s: %lu inputs in %.1f s\n", phase_names[ph], nr, now_s() - t0);
	free_snapshot(&now);
	free_snapshot(&expected);
	fz_buf_free(&in);
	fz_buf_free(&shown);
}

/* The snapshot BASE again, after something that should have put it back. */
static void check_same(const struct snapshot *base, const char *what)
{
	struct snapshot now = { 0 };
	char diff[256];
	int i;

	take_snapshot(&now);
	i = snapshot_diff(base, &now, diff, sizeof(diff));
	check(i < 0, "%s: every file reads as before%s%s", what, i < 0 ? "" : ": ",
	      i < 0 ? "" : diff);
	free_snapshot(&now);
}

/*
 * The highest online CPU above 0 that the cpus knob does not hold and
 * that can go offline; -1 if none.
 */
static int offline_candidate(void)
{
	unsigned char mask[FZ_CPUS_MAX / 8];
	char value[256], path[128];
	int cpu;

	read_value("cpus", value, sizeof(value));
	if (fz_cpulist(value, NULL, mask))
		return -1;
	for (cpu = (int)machine.nr_cpu_ids - 1; cpu > 0; cpu--) {
		if (!fz_cpu_online(&machine, (unsigned int)cpu) || (mask[cpu / 8] >> (cpu % 8) & 1))
			continue;
		snprintf(path, sizeof(path), SYS_CPU "/cpu%d/online", cpu);
		if (!access(path, W_OK))
			return cpu;
	}
	return -1;
}

static int set_online(int cpu, bool on)
{
	char path[128];

	snprintf(path, sizeof(path), SYS_CPU "/cpu%d/online", cpu);
	return write_path(path, on ? "1" : "0", 1);
}

static void phase_offline(unsigned long nr, struct fz_rng *rng, const struct snapshot *idle)
{
	struct entry *cpus = find_entry("cpus");
	struct snapshot base = { 0 };
	int cpu = offline_candidate(), err;

	err = cpu < 0 ? ENODEV : set_online(cpu, false);
	if (err) {
		printf("ok - offline: # SKIP no CPU can go offline here (%s)\n",
		       cpu < 0 ? "one CPU, or none hotpluggable" : strerror(err));
		return;
	}
	read_online();
	printf("# offline: CPU %d taken offline\n", cpu);
	take_snapshot(&base);	/* info's online_cpus changed */
	fuzz(PH_OFFLINE, nr, rng, &base, cpus);
	err = set_online(cpu, true);
	read_online();
	check(!err, "offline: CPU %d back online%s%s", cpu, err ? ": " : "",
	      err ? strerror(err) : "");
	check_same(idle, "offline: after the CPU came back");
	free_snapshot(&base);
}

/* A workload that runs on one CPU: none, the negative control, if listed. */
static const char *one_cpu_workload(void)
{
	unsigned int i;

	for (i = 0; i < nr_workloads; i++)
		if (!strcmp(workload_names[i], "none"))
			return "none";
	for (i = 0; i < nr_workloads; i++)
		if (workload_min_cpus[i] <= 1)
			return workload_names[i];
	return NULL;
}

static void phase_running(unsigned long nr, struct fz_rng *rng, const struct snapshot *idle)
{
	static const char *const knobs[] = { "workload", "cpus", "duration_ms" };
	char values[3][64], old[3][256], state[64];
	const char *wl = one_cpu_workload();
	struct snapshot base = { 0 };
	struct fz_buf results = { 0 };
	int cpu, err = 0;
	unsigned int i;
	cpu_set_t set;

	for (cpu = (int)machine.nr_cpu_ids - 1; cpu > 0; cpu--)
		if (fz_cpu_online(&machine, (unsigned int)cpu))
			break;
	if (!wl) {
		check(false, "running: a workload that runs on one CPU to start");
		return;
	}
	/* One worker for the whole hour; the fuzzer stays off its CPU. */
	snprintf(values[0], sizeof(values[0]), "%s", wl);
	snprintf(values[1], sizeof(values[1]), "%d", cpu);
	snprintf(values[2], sizeof(values[2]), "%d", KSB_DURATION_MS_MAX);
	for (i = 0; i < 3; i++)
		read_value(knobs[i], old[i], sizeof(old[i]));
	for (i = 0; i < 3 && !err; i++)
		err = write_file(knobs[i], values[i]);
	if (!err)
		err = write_file("control", "start");
	read_value("control", state, sizeof(state));
	check(!err && !strcmp(state, "running"),
	      "running: a %s ms run of %s on CPU %d starts (%s, control reads '%s')",
	      values[2], wl, cpu, errno_name(err), state);
	if (!err && !strcmp(state, "running")) {
		CPU_ZERO(&set);
		CPU_SET(0, &set);
		if (cpu > 0 && sched_setaffinity(0, sizeof(set), &set))
			printf("# running: cannot keep off CPU %d: %s\n", cpu, strerror(errno));
		machine.running = true;
		take_snapshot(&base);
		fuzz(PH_RUNNING, nr, rng, &base, NULL);
		machine.running = false;

		err = write_file("control", "stop");
		read_value("control", state, sizeof(state));
		read_file("results", &results);
		check(!err && !strcmp(state, "done") &&
		      strstr(results.p, "\nstopped_early 1\n"),
		      "running: stop ends the run early (%s, control reads '%s')",
		      errno_name(err), state);
	}
	for (i = 0; i < 3; i++)
		write_file(knobs[i], old[i]);
	err = write_file("control", "reset");
	check(!err, "running: reset after the run (%s)", errno_name(err));
	check_same(idle, "running: after stop, reset and the knobs put back");
	fz_buf_free(&results);
	free_snapshot(&base);
}

/* --- main ---------------------------------------------------------------------------- */

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ksb_fuzz [options]\n"
		"\n"
		"Writes malformed values to every file under the ksbench debugfs directory\n"
		"and checks each is refused with the errno of docs/debugfs.md and changes\n"
		"nothing. Run as root with ksbench.ko loaded and idle; see docs/fuzz.md.\n"
		"\n"
		"  --seed=N         the generator's seed (default 1); printed first\n"
		"  --inputs=N       inputs over all phases (default 1000)\n"
		"  --phases=LIST    idle,offline,running (default all three)\n"
		"  --dir=PATH       the debugfs directory (default %s)\n"
		"  --show=N         failures printed per file and phase (default 5)\n"
		"  --unknown=LIST   knobs to treat as missing from the fuzzer's tables, as a\n"
		"                   new knob is: a number's range is probed, a word knob is\n"
		"                   known by its value only\n"
		"  -v, --verbose    print every input and its outcome\n",
		opt.dir);
}

__attribute__((format(printf, 1, 2)))
static void bad_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("ksb_fuzz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see ksb_fuzz --help)\n", stderr);
	exit(EXIT_USAGE);
}

static uint64_t number_option(const char *name, const char *value, uint64_t min, uint64_t max)
{
	uint64_t v;
	int err = fz_kstrtou64(value, &v);

	if (err || value[0] == '+' || v < min || v > max)
		bad_usage("%s: '%s' is not a number from %" PRIu64 " to %" PRIu64,
			  name, value, min, max);
	return v;
}

static void phases_option(const char *value)
{
	char *copy = strdup(value), *list = copy, *w;
	unsigned int i;

	memset(opt.phase_on, 0, sizeof(opt.phase_on));
	while ((w = strsep(&list, ","))) {
		for (i = 0; i < NR_PHASES && strcmp(w, phase_names[i]); i++)
			;
		if (i == NR_PHASES)
			bad_usage("--phases: '%s' is not idle, offline or running", w);
		opt.phase_on[i] = true;
	}
	free(copy);
}

static void parse_options(int argc, char **argv)
{
	static const struct option options[] = {
		{ "seed",	required_argument, NULL, 's' },
		{ "inputs",	required_argument, NULL, 'n' },
		{ "phases",	required_argument, NULL, 'p' },
		{ "dir",	required_argument, NULL, 'd' },
		{ "show",	required_argument, NULL, 'S' },
		{ "unknown",	required_argument, NULL, 'u' },
		{ "verbose",	no_argument,	   NULL, 'v' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":vh", options, NULL)) != -1) {
		switch (c) {
		case 's':
			opt.seed = number_option("--seed", optarg, 0, UINT64_MAX);
			break;
		case 'n':
			opt.inputs = number_option("--inputs", optarg, 1, 100000000);
			break;
		case 'p':
			phases_option(optarg);
			break;
		case 'd':
			opt.dir = optarg;
			break;
		case 'u':
			opt.unknown = optarg;
			break;
		case 'S':
			opt.max_shown = (unsigned int)number_option("--show", optarg, 0, 1000000);
			break;
		case 'v':
			opt.verbose = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case ':':
			bad_usage("%s needs a value", argv[optind - 1]);
			break;
		default:
			bad_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		bad_usage("unexpected argument '%s'", argv[optind]);
}

int main(int argc, char **argv)
{
	struct fz_rng rng;
	struct snapshot idle = { 0 };
	unsigned long n_run = 0, n_off = 0, n_idle, total[NR_PHASES] = { 0 }, sum;
	char state[64];
	double t0 = now_s();
	unsigned int i, p;

	parse_options(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# ksb_fuzz: seed %" PRIu64 ", %lu inputs, %s\n", opt.seed, opt.inputs, opt.dir);
	rng.state = opt.seed;

	list_files();
	if (!find_entry("control") || !find_entry("cpus") || !find_entry("info"))
		die("%s lacks control, cpus or info: not the ksbench module's directory",
		    opt.dir);
	read_machine();
	read_value("control", state, sizeof(state));
	if (strcmp(state, "idle"))
		die("the module is not idle (control reads '%s'): write reset first", state);
	check_contract();
	printf("# %u files, %u workloads, nr_cpu_ids %u:\n", nr_files, nr_workloads,
	       machine.nr_cpu_ids);
	print_files();

	/* Shares: 30% with a run in progress, 5% with a CPU offline. */
	if (opt.phase_on[PH_RUNNING])
		n_run = opt.phase_on[PH_IDLE] || opt.phase_on[PH_OFFLINE] ?
			opt.inputs * 3 / 10 : opt.inputs;
	if (opt.phase_on[PH_OFFLINE])
		n_off = opt.phase_on[PH_IDLE] ? (opt.inputs + 19) / 20 : opt.inputs - n_run;
	n_idle = opt.phase_on[PH_IDLE] ? opt.inputs - n_run - n_off : 0;

	take_snapshot(&idle);
	if (n_idle)
		fuzz(PH_IDLE, n_idle, &rng, &idle, NULL);
	if (n_off)
		phase_offline(n_off, &rng, &idle);
	if (n_run)
		phase_running(n_run, &rng, &idle);
	check_same(&idle, "the module is left as it was found");

	printf("# inputs per file (idle/offline/running):\n");
	for (i = 0; i < nr_files; i++) {
		for (sum = 0, p = 0; p < NR_PHASES; p++) {
			sum += files[i].tried[p];
			total[p] += files[i].tried[p];
		}
		printf("#   %-12s %6lu (%lu/%lu/%lu)\n", files[i].f.name, sum,
		       files[i].tried[PH_IDLE], files[i].tried[PH_OFFLINE],
		       files[i].tried[PH_RUNNING]);
	}
	printf("# total: %lu inputs (idle %lu, offline %lu, running %lu), %u failures, "
	       "%lu candidates the model took discarded, %.1f s; seed %" PRIu64 "\n",
	       total[PH_IDLE] + total[PH_OFFLINE] + total[PH_RUNNING], total[PH_IDLE],
	       total[PH_OFFLINE], total[PH_RUNNING], failures, gen_stats.discarded,
	       now_s() - t0, opt.seed);
	free_snapshot(&idle);
	return failures ? 1 : 0;
}
