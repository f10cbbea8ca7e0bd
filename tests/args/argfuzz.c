// SPDX-License-Identifier: GPL-2.0
/*
 * Argument and suite fuzzing of every ksbench subcommand: a deterministic
 * (seeded) generator of argument sets, each run against the CLI with
 * KSBENCH_TEST_NO_VM set (the VM target refuses to start: nothing boots),
 * in an empty working directory and an empty $TMPDIR.
 *
 * A malformed set (a bad value, an unknown option, a missing value, a
 * value to a flag, an option twice, a stray argument, a 64 KiB argument, a
 * missing required option, a broken suite file) must exit 2 with exactly
 * one line on stderr and nothing on stdout, and write nothing: no file in
 * the working directory or in $TMPDIR. A valid set must exit 0, or 1 with
 * a message (the host here has no module, and the VM target refuses).
 * Every run must end by itself within 20 s, without a signal.
 *
 * usage: argfuzz KSBENCH ROOT SEED COUNT
 * Prints "not ok - ..." for each failure, then "args: N passed, M failed".
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#define ARGS_MAX	48
#define LONG_ARG	(64 * 1024)
#define RUN_LIMIT_S	20
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define WANT_1_OR_2	12

enum kind {
	K_DURATION, K_COUNT, K_PERCENT, K_LOCKS, K_CPUS, K_TARGET, K_WORD,
	K_FLAG, K_ONOFF, K_KERNEL, K_CMDLINE, K_PATH, K_NAME, K_THRESHOLD,
};

struct opt {
	const char *name;
	enum kind kind;
};

struct cmd {
	const char *name;
	const struct opt *opts;
	size_t nr_opts;
	const char *const *valid[4];	/* valid argument sets, NULL-ended */
	bool files;			/* takes result files */
	unsigned int min_files;
};

static const struct opt run_opts[] = {
	{ "lock", K_LOCKS }, { "cpus", K_CPUS }, { "waiters", K_COUNT },
	{ "repeat", K_COUNT }, { "target", K_TARGET }, { "kernel", K_KERNEL },
	{ "kernel-cmdline", K_CMDLINE }, { "timeout", K_COUNT }, { "boots", K_COUNT },
	{ "no-correct", K_FLAG }, { "shuffle", K_ONOFF }, { "max-cv", K_PERCENT },
	{ "compact", K_FLAG }, { "suite", K_PATH }, { "quiet", K_FLAG },
	{ "duration", K_DURATION }, { "warmup", K_DURATION }, { "hold", K_DURATION },
	{ "think", K_DURATION }, { "acquire", K_WORD }, { "locks", K_COUNT },
	{ "cs-lines", K_COUNT }, { "read-pct", K_COUNT }, { "sem-count", K_COUNT },
	{ "rcu-sync", K_WORD }, { "seed", K_COUNT }, { "measure", K_WORD },
	{ "sample", K_COUNT }, { "interval", K_DURATION }, { "wait", K_WORD },
	{ "exclusive", K_ONOFF }, { "wq", K_WORD }, { "flood", K_ONOFF },
	{ "poll", K_WORD }, { "poll-interval", K_DURATION },
};
static const struct opt list_opts[] = {
	{ "target", K_TARGET }, { "kernel", K_KERNEL }, { "quiet", K_FLAG },
};
static const struct opt info_opts[] = {
	{ "json", K_FLAG }, { "target", K_TARGET }, { "kernel", K_KERNEL },
	{ "quiet", K_FLAG },
};
static const struct opt show_opts[] = { { "points", K_FLAG } };
static const struct opt compare_opts[] = {
	{ "metric", K_WORD }, { "format", K_WORD }, { "threshold", K_THRESHOLD },
};
static const struct opt export_opts[] = {
	{ "format", K_WORD }, { "table", K_WORD }, { "workload", K_NAME },
	{ "cpus", K_COUNT },
};
static const struct opt plot_opts[] = { { "scripts", K_PATH }, { "quiet", K_FLAG } };
static const struct opt vm_opts[] = {
	{ "kernel", K_KERNEL }, { "smp", K_COUNT }, { "memory", K_COUNT },
	{ "timeout", K_COUNT }, { "no-module", K_FLAG }, { "quiet", K_FLAG },
};

/* "@R" stands for a result file of the examples, "@S" for a valid suite. */
static const char *const run_a[] = { "--lock=spinlock", "--target=host", NULL };
static const char *const run_b[] = { "--lock=spinlock,mutex", "--cpus=1,2", "--repeat=2",
				     "--duration=200ms", "--target=vm", NULL };
static const char *const run_c[] = { "--suite=@S", "--repeat=2", "--target=vm", NULL };
static const char *const run_d[] = { "--lock=all", "--measure=latency", "--sample=4",
				     "--shuffle", "--seed=7", "--target=host", NULL };
static const char *const list_a[] = { NULL };
static const char *const list_b[] = { "--target=vm", "-q", NULL };
static const char *const info_a[] = { "--json", NULL };
static const char *const show_a[] = { "@R", NULL };
static const char *const show_b[] = { "--points", "@R", NULL };
static const char *const compare_a[] = { "@R", "@R", NULL };
static const char *const compare_b[] = { "--metric=p99", "--format=json", "@R", "@R", NULL };
static const char *const export_a[] = { "--table=throughput", "@R", NULL };
static const char *const export_b[] = { "--format=csv", "--table=latency", "@R", NULL };
static const char *const vm_a[] = { "--smp=2", "--", "true", NULL };

#define CMD(n, o, files, min, ...) { n, o, ARRAY_SIZE(o), { __VA_ARGS__ }, files, min }
static const struct cmd cmds[] = {
	CMD("run", run_opts, false, 0, run_a, run_b, run_c, run_d),
	CMD("list", list_opts, false, 0, list_a, list_b),
	CMD("info", info_opts, false, 0, info_a),
	CMD("show", show_opts, true, 1, show_a, show_b),
	CMD("compare", compare_opts, true, 2, compare_a, compare_b),
	CMD("export", export_opts, true, 1, export_a, export_b),
	CMD("plot", plot_opts, true, 1, NULL),
	CMD("vm", vm_opts, false, 0, vm_a),
};

/* Malformed for every kind of value. */
static const char *const bad_any[] = {
	"", " ", "-1", "99999999999999999999", "1e999", "nan", "inf", "0x10",
	"010", "1 ", " 1", "+1", "\xef\xbc\x91", "\x1b[2J", "1,", ",", "--", "=",
	"1\n2", "-",
};
static const char *const bad_kind[][12] = {
	[K_DURATION] = { "5", "5xs", "-5ms", "5 ms", "1.5.5s", "ms", "0.0000000001s",
			 "99999999999s", "1e3ms", "s5", NULL },
	[K_COUNT] = { "1.5", "1e3", "abc", "5x", "0x", "1,2", NULL },
	[K_PERCENT] = { "0", "101", "-5", "1e2", "5%%", "abc", NULL },
	[K_LOCKS] = { "all,spinlock", "spin lock", "spinlock,", "a;b",
		      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "\xc3\xbc", NULL },
	[K_CPUS] = { "0", "1-", "4-2", "1-99999", "all,1", "65", "a", NULL },
	[K_TARGET] = { "hostx", "VM", "host,vm", NULL },
	[K_WORD] = { "bogus", "lock,trylock", "LATENCY?", NULL },
	[K_ONOFF] = { "2", "yes", NULL },
	[K_KERNEL] = { "generic,,rt", "generic:", "generic:a b", "generic,generic",
		       ":x", NULL },
	[K_CMDLINE] = { "a\x01" "b", "\x7f", NULL },
	[K_PATH] = { "/nonexistent/x", "/dev/zero", "/", NULL },
	[K_NAME] = { "a b", "a;b", "\x1b[2J", "a/b", NULL },
	/* a percentage: 0 (every change) and any size are valid */
	[K_THRESHOLD] = { "-5", "1e2", "abc", "5%%", "1.2.3", ".", "", "inf", "nan", NULL },
};

/* Suite texts that must be refused (a line each, or the whole file). */
#define SUITE(text)	{ text, sizeof(text) - 1 }
static const struct { const char *text; size_t len; } bad_suites[] = {
	SUITE("lock = spinlock\nbogus = 1\n"),
	SUITE("lock = spinlock\nlock = mutex\n"),
	SUITE("lock = spinlock\nrepeat = 0\n"),
	SUITE("lock = spinlock\nduration = 5\n"),
	SUITE("lock spinlock\n"),
	SUITE("= spinlock\n"),
	SUITE("lock = spinlock\ntarget = vm\n"),
	SUITE("lock = spinlock\noutput = /tmp/x.json\n"),
	SUITE("lock = spinlock\ncpus = 1,,2\n"),
	SUITE("lock = spinlock\nrepeat = 010\n"),
	SUITE("lock = spinlock\x00\n"),
	SUITE("lock = spin\x1b[2Jlock\n"),
	SUITE("cpus = 1\n"),
};

static uint64_t rng_state;

static uint64_t rng(void)
{
	/* xorshift64*: the same sets for the same seed, everywhere */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static size_t pick(size_t n)
{
	return (size_t)(rng() % n);
}

/* One argument set, its strings owned by the case. */
struct fcase {
	const struct cmd *cmd;
	const char *argv[ARGS_MAX + 3];
	char *owned[ARGS_MAX];
	size_t argc, nr_owned;
	bool valid;
	int want;			/* the exit status a refused set must have */
	char what[160];
	const char *suite_text;		/* written to @S when set */
	size_t suite_len;
};

static const char *own(struct fcase *c, char *s)
{
	if (c->nr_owned < ARGS_MAX)
		c->owned[c->nr_owned++] = s;
	return s;
}

static const char *fmt(struct fcase *c, const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s)
		abort();
	return own(c, s);
}

static void add(struct fcase *c, const char *arg)
{
	if (c->argc < ARGS_MAX)
		c->argv[c->argc++] = arg;
}

static void describe(struct fcase *c, const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vsnprintf(c->what, sizeof(c->what), f, ap);
	va_end(ap);
}

/* Random bytes that no option takes: at least one outside ASCII. */
static const char *junk(struct fcase *c)
{
	size_t n = 1 + pick(12), i;
	char *s = malloc(n + 1);

	if (!s)
		abort();
	for (i = 0; i < n; i++)
		s[i] = (char)(1 + pick(255));
	s[pick(n)] = (char)(0x80 | pick(0x80));
	s[n] = '\0';
	return own(c, s);
}

static size_t count_of(const char *const *list)
{
	size_t n = 0;

	while (list[n])
		n++;
	return n;
}

/* A value that kind must refuse. */
static const char *bad_value(struct fcase *c, enum kind kind)
{
	size_t nk = count_of(bad_kind[kind]);
	bool any_ok = kind != K_KERNEL && kind != K_PATH && kind != K_NAME &&
		      kind != K_CMDLINE && kind != K_THRESHOLD;
	size_t r = pick(10);

	if (r < 4 && any_ok)
		return bad_any[pick(ARRAY_SIZE(bad_any))];
	if ((r < 8 || kind == K_KERNEL) && nk)	/* junk with a '/' is a path */
		return bad_kind[kind][pick(nk)];
	return kind == K_PATH ? "/nonexistent/\x80" : junk(c);
}

static const struct opt *pick_opt(const struct cmd *cmd, bool with_value)
{
	const struct opt *found[64];
	size_t i, n = 0;

	for (i = 0; i < cmd->nr_opts && n < ARRAY_SIZE(found); i++)
		if ((cmd->opts[i].kind != K_FLAG) == with_value)
			found[n++] = &cmd->opts[i];
	static const struct opt none = { "no-such-option", K_COUNT };

	/* show has no option with a value: an unknown one stands in */
	return n ? found[pick(n)] : with_value ? &none : NULL;
}

/* A valid set of cmd (or its files alone), "@R" and "@S" resolved. */
static void add_valid(struct fcase *c, const struct cmd *cmd, const char *result,
		      const char *suite)
{
	size_t nv = 0, i;
	const char *const *set;

	while (nv < ARRAY_SIZE(cmd->valid) && cmd->valid[nv])
		nv++;
	if (!nv) {
		add(c, result);
		return;
	}
	set = cmd->valid[pick(nv)];
	for (i = 0; set[i]; i++) {
		if (!strcmp(set[i], "@R"))
			add(c, result);
		else if (!strcmp(set[i], "--suite=@S"))
			add(c, fmt(c, "--suite=%s", suite));
		else
			add(c, set[i]);
	}
}

/* Insert arg where getopt reads it as an option: before any "--". */
static void insert_option(struct fcase *c, const char *arg)
{
	size_t at = 0, i;

	while (at < c->argc && strcmp(c->argv[at], "--"))
		at++;
	at = at ? pick(at + 1) : 0;
	if (c->argc >= ARGS_MAX)
		return;
	for (i = c->argc; i > at; i--)
		c->argv[i] = c->argv[i - 1];
	c->argv[at] = arg;
	c->argc++;
}

/* Drops "--" and what follows (the vm's command). */
static void cut_command(struct fcase *c)
{
	size_t i;

	for (i = 0; i < c->argc; i++)
		if (!strcmp(c->argv[i], "--"))
			c->argc = i;
}

static void mutate_value(struct fcase *c, const struct cmd *cmd)
{
	const struct opt *o = pick_opt(cmd, true);
	const char *v = bad_value(c, o->kind);

	insert_option(c, fmt(c, "--%s=%s", o->name, v));
	describe(c, "--%s= a bad value (%zu bytes)", o->name, strlen(v));
}

/* An option already in the set, or a new one, given a second time. */
static const char *twice(struct fcase *c, const struct cmd *cmd)
{
	const struct opt *o;
	const char *dup = NULL;
	size_t i;

	for (i = 0; i < c->argc && strcmp(c->argv[i], "--"); i++)
		if (!strncmp(c->argv[i], "--", 2))
			dup = c->argv[i];
	if (dup)
		return dup;
	o = &cmd->opts[pick(cmd->nr_opts)];
	dup = o->kind == K_FLAG ? fmt(c, "--%s", o->name) : fmt(c, "--%s=1", o->name);
	insert_option(c, dup);
	return dup;
}

static void mutate_option(struct fcase *c, const struct cmd *cmd)
{
	const struct opt *flag = pick_opt(cmd, false), *o;
	size_t r = pick(5);

	if (r == 0) {
		insert_option(c, fmt(c, "--bogus-%u", (unsigned int)pick(1000)));
		describe(c, "an unknown long option");
	} else if (r == 1) {
		insert_option(c, fmt(c, "-%c", "ZXYjJkK"[pick(7)]));
		describe(c, "an unknown short option");
	} else if (r == 2 && flag) {
		insert_option(c, fmt(c, "--%s=1", flag->name));
		describe(c, "a value to the flag --%s", flag->name);
	} else if (r == 3) {
		do
			o = pick_opt(cmd, true);
		while (o->kind == K_ONOFF);	/* --shuffle alone is valid */
		cut_command(c);
		add(c, fmt(c, "--%s", o->name));
		describe(c, "--%s without its value, last", o->name);
	} else {
		insert_option(c, twice(c, cmd));
		describe(c, "an option twice");
	}
}

static void mutate_shape(struct fcase *c, const struct cmd *cmd, const char *result)
{
	char *big = malloc(LONG_ARG + 1);
	size_t r = pick(3);

	if (!big)
		abort();
	memset(big, 'a', LONG_ARG);
	big[LONG_ARG] = '\0';
	own(c, big);
	if (r == 0) {
		insert_option(c, fmt(c, "--%s=%s", pick_opt(cmd, true)->name, big));
		describe(c, "a 64 KiB value");
	} else if (r == 1 && strcmp(cmd->name, "vm")) {
		insert_option(c, pick(2) ? "stray" : big);
		describe(c, "a stray argument");
		/*
		 * to a command of files, a file that is not there: exit 1 as a
		 * bad file (test-show.sh), or 2 where it takes no more files
		 */
		if (cmd->files)
			c->want = WANT_1_OR_2;
	} else {
		/* what the command cannot do without */
		c->argc = 0;
		if (!strcmp(cmd->name, "run"))
			add(c, "--cpus=2");
		else if (!strcmp(cmd->name, "vm"))
			add(c, "--smp=2");
		else if (cmd->min_files == 2)
			add(c, result);
		describe(c, "no %s", !strcmp(cmd->name, "run") ? "--lock" :
			 !strcmp(cmd->name, "vm") ? "command" : "file");
		if (!cmd->files && strcmp(cmd->name, "run") && strcmp(cmd->name, "vm"))
			add(c, "stray");	/* list, info: nothing required */
	}
}

/* run --suite=FILE with a file that must be refused. */
static void mutate_suite(struct fcase *c, const char *suite)
{
	static char text[LONG_ARG + 64];
	size_t r = pick(4), n, i;

	c->argc = 0;
	add(c, fmt(c, "--suite=%s", suite));
	add(c, "--target=host");
	if (r < 2) {
		i = pick(ARRAY_SIZE(bad_suites));
		c->suite_text = bad_suites[i].text;
		c->suite_len = bad_suites[i].len;
		describe(c, "bad suite %zu", i);
		return;
	}
	n = r == 2 ? 1 + pick(300) : LONG_ARG;
	for (i = 0; i < n; i++)		/* binary junk, or one over-long line */
		text[i] = r == 2 ? (char)pick(256) : 'a';
	if (r == 3)
		memcpy(text, "lock = ", 7);
	else
		text[pick(n)] = '\0';
	c->suite_text = text;
	c->suite_len = n;
	describe(c, r == 2 ? "a suite of %zu junk bytes" : "a suite with a %zu-byte line", n);
}

/* Case i: a valid set, or one mutated to be refused. */
static void generate(struct fcase *c, const char *result, const char *suite)
{
	const struct cmd *cmd = &cmds[pick(ARRAY_SIZE(cmds))];
	size_t r = pick(100);

	memset(c, 0, sizeof(*c));
	c->cmd = cmd;
	c->want = 2;
	add_valid(c, cmd, result, suite);
	c->valid = r < 8 && strcmp(cmd->name, "plot");
	if (c->valid) {
		describe(c, "valid");
		return;
	}
	if (r < 45)
		mutate_value(c, cmd);
	else if (r < 75)
		mutate_option(c, cmd);
	else if (r < 90 || strcmp(cmd->name, "run"))
		mutate_shape(c, cmd, result);
	else
		mutate_suite(c, suite);
}

/* Removes what is under dir (not dir); returns how many entries there were. */
static unsigned int clear_dir(const char *dir)
{
	char path[4096];
	unsigned int n = 0;
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(dir);

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		n++;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (!lstat(path, &st) && S_ISDIR(st.st_mode)) {
			clear_dir(path);
			rmdir(path);
		} else {
			unlink(path);
		}
	}
	closedir(d);
	return n;
}

struct workdir {
	char cwd[4000], tmp[4096], out[4096], err[4096], suite[4096];
};

static void exec_case(const char *ksbench, const struct fcase *c, const struct workdir *w)
{
	const char *argv[ARGS_MAX + 4] = { "ksbench", c->cmd->name };
	int out = open(w->out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int err = open(w->err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int null = open("/dev/null", O_RDONLY);
	size_t i;

	for (i = 0; i < c->argc; i++)
		argv[i + 2] = c->argv[i];
	argv[c->argc + 2] = NULL;
	if (out < 0 || err < 0 || null < 0 || chdir(w->cwd) || dup2(null, 0) < 0 ||
	    dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(126);
	setenv("TMPDIR", w->tmp, 1);
	setenv("KSBENCH_TEST_NO_VM", "1", 1);
	alarm(RUN_LIMIT_S);
	execv(ksbench, (char **)argv);
	_exit(127);
}

/* Lines (a last one without its newline counts) and the first of them. */
static size_t read_lines(const char *path, char *first, size_t len, off_t *size)
{
	char buf[8192];
	size_t lines = 0, i, j = 0;
	ssize_t n;
	bool partial = false;
	int fd = open(path, O_RDONLY);

	first[0] = '\0';
	*size = 0;
	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < (size_t)n; i++) {
			if (!lines && buf[i] != '\n' && j + 1 < len)
				first[j++] = buf[i] >= ' ' && buf[i] < 0x7f ? buf[i] : '?';
			lines += buf[i] == '\n';
			partial = buf[i] != '\n';
		}
		*size += n;
	}
	close(fd);
	first[j] = '\0';
	return lines + partial;
}

/* NULL when the case behaved, else what was wrong (static). */
static const char *judge(const struct fcase *c, int status, const struct workdir *w,
			 unsigned int written, char *first, size_t len)
{
	static char why[512];
	off_t out_size, err_size;
	size_t lines = read_lines(w->err, first, len, &err_size);

	read_lines(w->out, why, sizeof(why), &out_size);
	if (WIFSIGNALED(status)) {
		snprintf(why, sizeof(why), "killed by signal %d%s", WTERMSIG(status),
			 WTERMSIG(status) == SIGALRM ? " (ran past the time limit)" : "");
		return why;
	}
	if (c->valid) {
		if (WEXITSTATUS(status) == 0 || (WEXITSTATUS(status) == 1 && lines))
			return NULL;
		snprintf(why, sizeof(why), "a valid set exits %d with %zu stderr line(s)",
			 WEXITSTATUS(status), lines);
		return why;
	}
	if ((c->want == WANT_1_OR_2 ? WEXITSTATUS(status) != 1 && WEXITSTATUS(status) != 2 :
	     WEXITSTATUS(status) != c->want) || lines != 1 || out_size || written) {
		snprintf(why, sizeof(why), "exit %d (want %d), %zu stderr line(s) (want 1), "
			 "%lld stdout bytes, %u file(s) written",
			 WEXITSTATUS(status), c->want, lines, (long long)out_size, written);
		return why;
	}
	return NULL;
}

static int write_suite(const struct fcase *c, const char *path)
{
	static const char valid[] = "# a valid suite\nlock = spinlock, mutex\ncpus = 1, 2\n"
				    "repeat = 3\nduration = 200ms\n";
	const char *text = c->suite_text ? c->suite_text : valid;
	size_t len = c->suite_text ? c->suite_len : sizeof(valid) - 1;
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fwrite(text, 1, len, f);
	return fclose(f);
}

/* Runs one case; true when it behaved. */
static bool run_case(const char *ksbench, unsigned long i, const struct fcase *c,
		     const struct workdir *w)
{
	char first[200], shown[200];
	const char *why;
	unsigned int written;
	size_t j, k = 0;
	pid_t pid;
	int status = 0;

	if (write_suite(c, w->suite))
		return false;
	pid = fork();
	if (!pid)
		exec_case(ksbench, c, w);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return false;
	written = clear_dir(w->cwd) + clear_dir(w->tmp);
	why = judge(c, status, w, written, first, sizeof(first));
	if (!why)
		return true;
	for (j = 0; j < c->argc && k + 40 < sizeof(shown); j++)
		k += (size_t)snprintf(shown + k, sizeof(shown) - k, " %.30s%s", c->argv[j],
				      strlen(c->argv[j]) > 30 ? "..." : "");
	for (j = 0; shown[j]; j++)
		if (shown[j] < ' ' || shown[j] >= 0x7f)
			shown[j] = '?';
	printf("not ok - %lu: ksbench %s (%s):%s: %s; stderr: %s\n", i, c->cmd->name,
	       c->what, shown, why, first);
	return false;
}

static void free_case(struct fcase *c)
{
	size_t i;

	for (i = 0; i < c->nr_owned; i++)
		free(c->owned[i]);
}

static int make_workdir(struct workdir *w)
{
	char base[] = "/tmp/ksbench-args.XXXXXX";
	const char *tmp = getenv("TMPDIR");

	if (tmp && *tmp)
		snprintf(w->cwd, sizeof(w->cwd), "%s/ksbench-args.XXXXXX", tmp);
	else
		snprintf(w->cwd, sizeof(w->cwd), "%s", base);
	if (!mkdtemp(w->cwd))
		return -1;
	snprintf(w->tmp, sizeof(w->tmp), "%s.tmp", w->cwd);
	snprintf(w->out, sizeof(w->out), "%s.out", w->cwd);
	snprintf(w->err, sizeof(w->err), "%s.err", w->cwd);
	snprintf(w->suite, sizeof(w->suite), "%s.suite", w->cwd);
	return mkdir(w->tmp, 0700);
}

int main(int argc, char **argv)
{
	unsigned long count, i, failed = 0;
	char result[8192], ksbench[4096], root[4096];
	struct workdir w;
	struct fcase c;

	if (argc != 5) {
		fprintf(stderr, "usage: argfuzz KSBENCH ROOT SEED COUNT\n");
		return 2;
	}
	rng_state = strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
	count = strtoul(argv[4], NULL, 10);
	/* absolute: each set runs in its own working directory */
	if (!realpath(argv[1], ksbench) || !realpath(argv[2], root)) {
		fprintf(stderr, "argfuzz: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	snprintf(result, sizeof(result), "%s/results/examples/quick_generic.json", root);
	if (access(ksbench, X_OK) || access(result, R_OK) || make_workdir(&w)) {
		fprintf(stderr, "argfuzz: %s or %s missing, or no work directory: %s\n",
			ksbench, result, strerror(errno));
		return 2;
	}
	for (i = 0; i < count; i++) {
		generate(&c, result, w.suite);
		failed += !run_case(ksbench, i, &c, &w);
		free_case(&c);
	}
	clear_dir(w.tmp);
	rmdir(w.tmp);
	rmdir(w.cwd);
	unlink(w.out);
	unlink(w.err);
	unlink(w.suite);
	printf("args: %lu passed, %lu failed\n", count - failed, failed);
	return failed ? 1 : 0;
}
