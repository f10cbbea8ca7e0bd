// SPDX-License-Identifier: GPL-2.0
/*
 * ksbench run: a sweep of workloads x CPU counts x repeats, measured on
 * this host through debugfs or in a VM, written to one result file.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cmd.h"
#include "fsutil.h"
#include "kmod_ctl.h"
#include "module_text.h"
#include "parse.h"
#include "report.h"
#include "result.h"
#include "sysinfo.h"
#include "target.h"
#include "vm.h"

#define WHO			"ksbench run"
#define REPEAT_MAX		1000
#define TIMEOUT_S_MAX		(7 * 24 * 3600)
#define RESULTS_DIR		"results"
#define LABEL_MAX		40	/* workload names in a default file name */
#define VM_SMP_MAX		64	/* vCPUs --cpus may ask of the VM target */
#define VM_BOOT_S		60	/* a debug kernel boots in ~50 s under TCG */
#define VM_SLACK_S		60
#define VM_ALL_GUESS		32	/* workloads assumed for --lock=all */
#define GUEST_RESULT		"/tmp/result.json"
#define GUEST_LOG_MAX		(64u << 20)
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

struct run_opts {
	struct name_list lock;
	const char *cpus_arg;
	struct cpu_counts cpus;		/* valid once the target is settled */
	uint64_t duration_ns, warmup_ns, hold_ns, think_ns;
	unsigned int repeat;
	const char *output;		/* -o, or NULL for the default name */
	enum target target;
	const char *kernel;
	unsigned int timeout_s;		/* 0: estimated */
	bool quiet;
	char command[4096];		/* for tool.command */
};

enum sweep_end { SWEEP_COMPLETE, SWEEP_INTERRUPTED, SWEEP_FAILED };

enum {
	OPT_DURATION = 256, OPT_WARMUP, OPT_HOLD, OPT_THINK,	/* duration_knobs[] order */
	OPT_LOCK, OPT_CPUS, OPT_REPEAT, OPT_TARGET, OPT_KERNEL, OPT_TIMEOUT,
};

static const struct option run_options[] = {
	{ "lock",     required_argument, NULL, OPT_LOCK },
	{ "cpus",     required_argument, NULL, OPT_CPUS },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "warmup",   required_argument, NULL, OPT_WARMUP },
	{ "hold",     required_argument, NULL, OPT_HOLD },
	{ "think",    required_argument, NULL, OPT_THINK },
	{ "repeat",   required_argument, NULL, OPT_REPEAT },
	{ "output",   required_argument, NULL, 'o' },
	{ "target",   required_argument, NULL, OPT_TARGET },
	{ "kernel",   required_argument, NULL, OPT_KERNEL },
	{ "timeout",  required_argument, NULL, OPT_TIMEOUT },
	{ "quiet",    no_argument,       NULL, 'q' },
	{ "help",     no_argument,       NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The module's ranges (ksbench_abi.h), checked before it is touched. */
static const struct duration_knob {
	const char *option;
	uint64_t min_ns, max_ns, step_ns;
	size_t offset;			/* of the value in struct run_opts */
} duration_knobs[] = {
	{ "--duration", KSB_DURATION_MS_MIN * NSEC_PER_MSEC,
	  KSB_DURATION_MS_MAX * NSEC_PER_MSEC, NSEC_PER_MSEC,
	  offsetof(struct run_opts, duration_ns) },
	{ "--warmup", 0, KSB_WARMUP_MS_MAX * NSEC_PER_MSEC, NSEC_PER_MSEC,
	  offsetof(struct run_opts, warmup_ns) },
	{ "--hold", 0, KSB_HOLD_NS_MAX_SLEEP, 1,
	  offsetof(struct run_opts, hold_ns) },
	{ "--think", 0, KSB_THINK_NS_MAX, 1,
	  offsetof(struct run_opts, think_ns) },
};

static uint64_t *knob_value(struct run_opts *o, const struct duration_knob *knob)
{
	return (uint64_t *)((char *)o + knob->offset);
}

static uint64_t knob_get(const struct run_opts *o, const struct duration_knob *knob)
{
	return *(const uint64_t *)((const char *)o + knob->offset);
}

static volatile sig_atomic_t stop_requested;

static void run_usage(FILE *f)
{
	fprintf(f,
		"usage: ksbench run --lock=LIST [options]\n"
		"\n"
		"  --lock=LIST        workloads, comma-separated, or 'all' (see ksbench list)\n"
		"  --cpus=LIST        CPU counts: 1,2,4,8, ranges such as 1-4, or 'all' [1];\n"
		"                     a count N runs workers on CPUs 0..N-1\n"
		"  --duration=D       measured time of each point [%dms]\n"
		"  --warmup=D         time run first and discarded [%dms]\n"
		"  --hold=D           busy time inside the critical section [0ns]\n"
		"  --think=D          busy time outside it [0ns]\n"
		"  --repeat=N         sweeps of the whole matrix [1]\n"
		"  -o, --output=FILE  result file [results/<release>_<workloads>_<time>.json]\n"
		"  --target=T         auto, host or vm [auto]\n"
		"  --kernel=SPEC      the VM's kernel: generic, rt, a release or an image\n"
		"  --timeout=S        the VM's whole budget in seconds [estimated]\n"
		"  -q, --quiet        no progress and no summary\n"
		"\n"
		"Durations take a unit: ns, us, ms or s (1.5s works). Points run\n"
		"interleaved: each repeat runs every CPU count, each every workload.\n"
		"Exit status: 0 ok, 1 a failure or an oracle fail, 2 bad usage,\n"
		"130 interrupted (the completed points are kept).\n",
		KSB_DURATION_MS_DEF, KSB_WARMUP_MS_DEF);
}

static int usage_error(const char *option, const char *msg)
{
	fprintf(stderr, WHO ": %s: %s\n", option, msg);
	return EXIT_USAGE;
}

static bool shell_safe(const char *s)
{
	return *s && !s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			     "0123456789_-=,.:/+@%")];
}

/* Appends s at buf[*used]; stops quietly when buf is full. */
static void append(char *buf, size_t len, size_t *used, const char *s)
{
	int n;

	if (*used + 1 >= len)
		return;
	n = snprintf(buf + *used, len - *used, "%s", s);
	*used = n < 0 || *used + (size_t)n >= len ? len - 1 : *used + (size_t)n;
}

/* The command line as a shell would take it back, for tool.command. */
static void join_command(int argc, char **argv, char *buf, size_t len)
{
	char c[2] = "";
	size_t used = 0;
	const char *p;
	int i;

	buf[0] = '\0';
	for (i = 0; i < argc; i++) {
		if (i)
			append(buf, len, &used, " ");
		if (!i || shell_safe(argv[i])) {
			append(buf, len, &used, argv[i]);
			continue;
		}
		append(buf, len, &used, "'");
		for (p = argv[i]; *p; p++) {
			c[0] = *p;
			append(buf, len, &used, *p == '\'' ? "'\\''" : c);
		}
		append(buf, len, &used, "'");
	}
}

static int parse_duration_option(int opt, struct run_opts *o)
{
	const struct duration_knob *knob = &duration_knobs[opt - OPT_DURATION];
	char err[256];

	if (parse_duration_range(optarg, knob->min_ns, knob->max_ns, knob->step_ns,
				 knob_value(o, knob), err, sizeof(err)))
		return usage_error(knob->option, err);
	return 0;
}

static int parse_count_option(const char *option, unsigned long max,
			      unsigned int *value)
{
	unsigned long v;
	char err[256];

	if (parse_uint(optarg, 1, max, &v, err, sizeof(err)))
		return usage_error(option, err);
	*value = (unsigned int)v;
	return 0;
}

static int parse_option(int opt, struct run_opts *o)
{
	char err[512];

	switch (opt) {
	case OPT_DURATION: case OPT_WARMUP: case OPT_HOLD: case OPT_THINK:
		return parse_duration_option(opt, o);
	case OPT_LOCK:
		if (parse_name_list(optarg, &o->lock, err, sizeof(err)))
			return usage_error("--lock", err);
		return 0;
	case OPT_CPUS:
		o->cpus_arg = optarg;	/* its limit depends on the target */
		return 0;
	case OPT_REPEAT:
		return parse_count_option("--repeat", REPEAT_MAX, &o->repeat);
	case OPT_TIMEOUT:
		return parse_count_option("--timeout", TIMEOUT_S_MAX, &o->timeout_s);
	case OPT_TARGET:
		if (parse_target(optarg, &o->target, err, sizeof(err)))
			return usage_error("--target", err);
		return 0;
	case OPT_KERNEL:
		o->kernel = optarg;
		return 0;
	case 'o':
		o->output = optarg;
		return 0;
	case 'q':
		o->quiet = true;
		return 0;
	default:		/* getopt said what was wrong */
		fprintf(stderr, "Try '" WHO " --help'.\n");
		return EXIT_USAGE;
	}
}

/* Returns 0, EXIT_USAGE, or -1 when --help was printed. */
static int parse_run_args(int argc, char **argv, struct run_opts *o)
{
	int opt, ret;

	*o = (struct run_opts) {
		.cpus_arg = "1",
		.duration_ns = KSB_DURATION_MS_DEF * NSEC_PER_MSEC,
		.warmup_ns = KSB_WARMUP_MS_DEF * NSEC_PER_MSEC,
		.repeat = 1,
		.target = TARGET_AUTO,
	};
	join_command(argc, argv, o->command, sizeof(o->command));
	while ((opt = getopt_long(argc, argv, "o:qh", run_options, NULL)) != -1) {
		if (opt == 'h') {
			run_usage(stdout);
			return -1;
		}
		ret = parse_option(opt, o);
		if (ret)
			return ret;
	}
	if (optind < argc)
		return usage_error(argv[optind], "unexpected argument");
	if (!o->lock.nr && !o->lock.all)
		return usage_error("--lock", "required (ksbench list shows the workloads)");
	if (o->kernel && o->target == TARGET_HOST)
		return usage_error("--kernel", "applies to the VM target only (--target=vm)");
	if (o->timeout_s && o->target == TARGET_HOST)
		return usage_error("--timeout", "applies to the VM target only (--target=vm)");
	return 0;
}

/*
 * Picks host or VM and checks --cpus against it: the host offers its
 * online CPUs 0..N-1, the VM up to VM_SMP_MAX vCPUs. --target=auto may
 * load the module, so that comes last, after every argument is valid.
 */
static int settle_target(struct run_opts *o, const struct host_facts *hf)
{
	struct auto_plan plan = { .action = AUTO_HOST };
	enum target target = o->target;
	struct cpu_counts vm_counts;
	unsigned int max, all;
	char err[256], vm_err[256];
	bool vm;

	if (target == TARGET_AUTO && o->kernel)
		target = TARGET_VM;
	if (target == TARGET_AUTO) {
		target_auto_plan(&plan);
		if (plan.action == AUTO_VM)
			target = TARGET_VM;
	}
	vm = target == TARGET_VM;
	max = vm ? VM_SMP_MAX : hf->online_prefix;
	all = vm ? (hf->online_cpus < VM_SMP_MAX ? hf->online_cpus : VM_SMP_MAX)
		 : hf->online_prefix;
	if (parse_cpu_counts(o->cpus_arg, max, all, &o->cpus, err, sizeof(err))) {
		if (!vm && !parse_cpu_counts(o->cpus_arg, VM_SMP_MAX, all, &vm_counts,
					     vm_err, sizeof(vm_err)))
			fprintf(stderr, WHO ": --cpus: %s; --target=vm emulates up to %d\n",
				err, VM_SMP_MAX);
		else
			fprintf(stderr, WHO ": --cpus: %s\n", err);
		return EXIT_USAGE;
	}
	if (o->target == TARGET_AUTO && !o->kernel)
		target = target_auto_settle(&plan, o->quiet);
	o->target = target;
	return 0;
}

static void join_names(const struct name_list *names, const char *sep,
		       char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < names->nr; i++) {
		if (i)
			append(buf, len, &used, sep);
		append(buf, len, &used, names->name[i]);
	}
}

static void join_counts(const struct cpu_counts *c, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;
	char num[16];

	buf[0] = '\0';
	for (i = 0; i < c->nr; i++) {
		snprintf(num, sizeof(num), "%s%u", i ? "," : "", c->count[i]);
		append(buf, len, &used, num);
	}
}

/* "spinlock+mutex", or "spinlock+mutex+3more" past LABEL_MAX, or "all". */
static void workloads_label(const struct name_list *lock, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;
	char more[16];

	snprintf(buf, len, "all");
	for (i = 0; i < lock->nr && !lock->all; i++) {
		if (i && used + 1 + strlen(lock->name[i]) > LABEL_MAX) {
			snprintf(more, sizeof(more), "+%umore", lock->nr - i);
			append(buf, len, &used, more);
			return;
		}
		if (i)
			append(buf, len, &used, "+");
		append(buf, len, &used, lock->name[i]);
	}
}

/*
 * The result file's path: -o, or results/<release>_<label>_<time>.json.
 * Checked now so that a long run never ends with nowhere to go.
 */
static int output_path(const struct run_opts *o, const char *release,
		       char *path, size_t len)
{
	char dir[PATH_MAX], label[LABEL_MAX + 32], stamp[32], err[PATH_MAX + 64];
	time_t now = time(NULL);
	struct tm tm;

	if (o->output) {
		snprintf(path, len, "%s", o->output);
		fs_dirname(path, dir, sizeof(dir));
		if (access(dir, W_OK)) {
			snprintf(err, sizeof(err), "cannot write into directory '%s': %s",
				 dir, strerror(errno));
			return usage_error("--output", err);
		}
		return 0;
	}
	if (fs_ensure_dir(RESULTS_DIR, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	workloads_label(&o->lock, label, sizeof(label));
	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	snprintf(path, len, "%s/%s_%s_%s.json", RESULTS_DIR, release, label, stamp);
	return 0;
}

/* Writes the document, prints the summary and picks the exit status. */
static int finish(const struct run_opts *o, struct json_object *doc,
		  const char *path, enum sweep_end end)
{
	size_t nr = json_object_array_length(json_object_object_get(doc, "points"));
	unsigned int failures;
	char err[PATH_MAX + 256];

	if (end != SWEEP_COMPLETE)
		result_set_interrupted(doc, true);
	if (end == SWEEP_FAILED && !nr)
		return 1;
	if (result_write(doc, path, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	if (!o->quiet) {
		report_print(stdout, doc);
		printf("\nresults: %s\n", path);
	}
	failures = report_oracle_failures(stderr, doc, WHO ": ");
	if (end != SWEEP_COMPLETE)
		fprintf(stderr, WHO ": %s: kept the %zu completed point(s) in %s\n",
			end == SWEEP_INTERRUPTED ? "interrupted" : "failed", nr, path);
	if (end == SWEEP_INTERRUPTED)
		return EXIT_INTERRUPTED;
	return end == SWEEP_FAILED || failures ? 1 : 0;
}

/* ---- host target ------------------------------------------------------ */

static void request_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/*
 * SIGINT and SIGTERM end the sweep cleanly: the module is stopped and the
 * completed points are kept. SA_RESTART keeps file I/O going; the poll's
 * nanosleep returns early, as it always does on a signal.
 */
static void catch_stop_signals(struct sigaction *old_int, struct sigaction *old_term)
{
	struct sigaction sa = { .sa_handler = request_stop, .sa_flags = SA_RESTART };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, old_int);
	sigaction(SIGTERM, &sa, old_term);
}

static void restore_signals(const struct sigaction *old_int,
			    const struct sigaction *old_term)
{
	sigaction(SIGINT, old_int, NULL);
	sigaction(SIGTERM, old_term, NULL);
}

/* --lock against the module's list; `all` becomes the whole list. */
static int resolve_workloads(const struct run_opts *o, struct name_list *out)
{
	struct json_object *list;
	unsigned int i;
	char err[512];
	size_t j, n;
	int ret = 0;

	if (kmod_read_workloads(&list, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	n = json_object_array_length(list);
	*out = o->lock;
	for (j = 0; o->lock.all && j < n && j < KSB_WORKLOADS_MAX; j++)
		snprintf(out->name[out->nr++], KSB_NAME_MAX, "%s",
			 mt_str(json_object_array_get_idx(list, j), "name"));
	for (i = 0; i < out->nr && !ret; i++) {
		for (j = 0; j < n; j++)
			if (!strcmp(out->name[i], mt_str(json_object_array_get_idx(list, j), "name")))
				break;
		if (j == n) {
			snprintf(err, sizeof(err), "unknown workload '%s' (ksbench list shows them)",
				 out->name[i]);
			ret = usage_error("--lock", err);
		}
	}
	if (!ret && !out->nr)
		ret = usage_error("--lock", "the module lists no workloads");
	json_object_put(list);
	return ret;
}

static struct kmod_knobs knobs_for(const struct run_opts *o, const char *workload,
				   unsigned int cpus)
{
	return (struct kmod_knobs) {
		.workload = workload, .cpus = cpus,
		.duration_ns = o->duration_ns, .warmup_ns = o->warmup_ns,
		.hold_ns = o->hold_ns, .think_ns = o->think_ns,
	};
}

/* One line on a terminal, rewritten per point; nothing in logs. */
static bool show_progress(const struct run_opts *o)
{
	return !o->quiet && isatty(STDERR_FILENO);
}

static void progress(const struct run_opts *o, unsigned int i, unsigned int total,
		     const char *workload, unsigned int cpus, unsigned int repeat)
{
	if (show_progress(o))
		fprintf(stderr, "\r\033[K[%u/%u] %s, %u CPU%s, repeat %u", i + 1,
			total, workload, cpus, cpus == 1 ? "" : "s", repeat);
}

static void progress_clear(const struct run_opts *o)
{
	if (show_progress(o))
		fputs("\r\033[K", stderr);
}

/* The module ran what was asked: a guard against a stray writer. */
static int check_point_identity(const struct module_text *mt, const char *workload,
				unsigned int cpus, char *err, size_t errlen)
{
	const char *ran = mt_str(mt->fields, "workload");
	int64_t nr = 0;

	if (!ran || strcmp(ran, workload) || mt_int(mt->fields, "nr_workers", &nr) ||
	    nr != cpus) {
		snprintf(err, errlen, "the module's results are for %s at %" PRId64 " CPUs",
			 ran ? ran : "?", nr);
		return -1;
	}
	return 0;
}

static enum kmod_outcome measure_point(const struct run_opts *o, const char *workload,
				       unsigned int cpus, unsigned int repeat,
				       struct json_object **point, char *err, size_t errlen)
{
	struct kmod_knobs k = knobs_for(o, workload, cpus);
	struct module_text mt;
	enum kmod_outcome outcome;
	char *text;
	int ret;

	outcome = kmod_measure(&k, &stop_requested, &text, err, errlen);
	if (outcome != KMOD_DONE)
		return outcome;
	ret = module_text_parse_results(text, &mt, err, errlen);
	free(text);
	if (ret)
		return KMOD_FAILED;
	ret = check_point_identity(&mt, workload, cpus, err, errlen) ||
	      result_point_new(&mt, repeat, point, err, errlen);
	module_text_free(&mt);
	return ret ? KMOD_FAILED : KMOD_DONE;
}

/*
 * Interleaved: for each repeat, each CPU count, each workload, so that a
 * slow drift of the machine spreads over all workloads alike.
 */
static enum sweep_end sweep(const struct run_opts *o, const struct name_list *w,
			    struct json_object *doc)
{
	unsigned int per_repeat = o->cpus.nr * w->nr, total = o->repeat * per_repeat;
	unsigned int i, cpus, repeat;
	enum kmod_outcome outcome;
	struct json_object *point;
	const char *workload;
	char err[1024];

	for (i = 0; i < total; i++) {
		repeat = i / per_repeat;
		cpus = o->cpus.count[(i / w->nr) % o->cpus.nr];
		workload = w->name[i % w->nr];
		if (stop_requested)
			break;
		progress(o, i, total, workload, cpus, repeat);
		outcome = measure_point(o, workload, cpus, repeat, &point, err, sizeof(err));
		if (outcome == KMOD_STOPPED)
			break;
		if (outcome == KMOD_FAILED) {
			progress_clear(o);
			fprintf(stderr, WHO ": %s at %u CPU%s, repeat %u: %s\n",
				workload, cpus, cpus == 1 ? "" : "s", repeat, err);
			return SWEEP_FAILED;
		}
		result_add_point(doc, point);
	}
	progress_clear(o);
	return i < total ? SWEEP_INTERRUPTED : SWEEP_COMPLETE;
}

static int run_host(const struct run_opts *o, const struct host_facts *hf)
{
	struct sigaction old_int, old_term;
	struct module_text info;
	struct name_list workloads;
	const char *names[KSB_WORKLOADS_MAX];
	struct json_object *doc;
	char path[PATH_MAX], err[1024];
	enum sweep_end end;
	unsigned int i;
	int ret;

	if (kmod_host_ready(err, sizeof(err)) ||
	    kmod_read_info(&info, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	ret = resolve_workloads(o, &workloads);
	if (!ret)
		ret = output_path(o, hf->kernel_release, path, sizeof(path));
	if (ret) {
		module_text_free(&info);
		return ret;
	}
	for (i = 0; i < workloads.nr; i++)
		names[i] = workloads.name[i];
	doc = result_new(&(struct result_origin) {
				.command = o->command, .created = time(NULL),
				.target = "host", .host = hf, .info = &info },
			 &(struct result_params) {
				.workloads = names, .nr_workloads = workloads.nr,
				.cpus = o->cpus.count, .nr_cpus = o->cpus.nr,
				.duration_ns = o->duration_ns, .warmup_ns = o->warmup_ns,
				.hold_ns = o->hold_ns, .think_ns = o->think_ns,
				.repeat = o->repeat });
	catch_stop_signals(&old_int, &old_term);
	end = sweep(o, &workloads, doc);
	restore_signals(&old_int, &old_term);
	ret = finish(o, doc, path, end);
	json_object_put(doc);
	module_text_free(&info);
	return ret;
}

/* ---- VM target -------------------------------------------------------- */

/* The guest's command: the same sweep, on its host target, quietly. */
struct guest_cmd {
	char lock[KSB_WORKLOADS_MAX * KSB_NAME_MAX + 16];
	char cpus[KSB_CPU_COUNTS_MAX * 4 + 16];
	char knob[ARRAY_SIZE(duration_knobs)][48];
	char repeat[32];
	const char *argv[16];
};

static void guest_cmd_build(const struct run_opts *o, struct guest_cmd *g)
{
	char list[sizeof(g->lock)];
	unsigned int i, n = 0;

	join_names(&o->lock, ",", list, sizeof(list));
	snprintf(g->lock, sizeof(g->lock), "--lock=%s", o->lock.all ? "all" : list);
	join_counts(&o->cpus, list, sizeof(list));
	snprintf(g->cpus, sizeof(g->cpus), "--cpus=%s", list);
	snprintf(g->repeat, sizeof(g->repeat), "--repeat=%u", o->repeat);
	g->argv[n++] = "/bin/ksbench";
	g->argv[n++] = "run";
	g->argv[n++] = "--target=host";
	g->argv[n++] = g->lock;
	g->argv[n++] = g->cpus;
	for (i = 0; i < ARRAY_SIZE(duration_knobs); i++) {
		snprintf(g->knob[i], sizeof(g->knob[i]), "%s=%" PRIu64 "ns",
			 duration_knobs[i].option, knob_get(o, &duration_knobs[i]));
		g->argv[n++] = g->knob[i];
	}
	g->argv[n++] = g->repeat;
	g->argv[n++] = "-o";
	g->argv[n++] = GUEST_RESULT;
	g->argv[n++] = "--quiet";
	g->argv[n] = NULL;
}

/* Boot + 3x the measured time + per-point overhead + slack, or --timeout. */
static unsigned int vm_timeout_s(const struct run_opts *o)
{
	uint64_t workloads = o->lock.all ? VM_ALL_GUESS : o->lock.nr;
	uint64_t points = workloads * o->cpus.nr * o->repeat;
	uint64_t point_ms = (o->warmup_ns + o->duration_ns) / NSEC_PER_MSEC;
	uint64_t s = VM_BOOT_S + 3 * points * point_ms / 1000 + points + VM_SLACK_S;

	if (o->timeout_s)
		return o->timeout_s;
	return s > UINT_MAX ? UINT_MAX : (unsigned int)s;
}

/* results/x.json -> results/x.console.log */
static void console_log_path(const char *output, char *buf, size_t len)
{
	size_t n = strlen(output);

	if (n > 5 && !strcmp(output + n - 5, ".json"))
		n -= 5;
	snprintf(buf, len, "%.*s.console.log", (int)n, output);
}

/* The guest's own messages, found in its console log. */
static void print_guest_messages(const char *log)
{
	char err[256], *text, *line, *save;

	if (fs_read_file(log, GUEST_LOG_MAX, &text, NULL, err, sizeof(err)))
		return;
	for (line = strtok_r(text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save))
		if (strstr(line, WHO ": "))
			fprintf(stderr, "  guest: %s\n", strstr(line, WHO ": "));
	free(text);
}

/* 0 when a result came back; else a message and the exit status. */
static int vm_check_outcome(int rc, const char *err, const struct vm_outcome *out,
			    const char *log)
{
	if (out->interrupted) {
		fprintf(stderr, WHO ": interrupted: the VM was stopped, nothing was kept\n");
		return EXIT_INTERRUPTED;
	}
	if (out->timed_out) {
		fprintf(stderr, WHO ": %s (--timeout raises the budget)\n"
			WHO ": console log: %s\n", err, log);
		return 1;
	}
	if (out->output_received)
		return 0;
	fprintf(stderr, WHO ": no result came back from the VM: %s (guest status %d)\n"
		WHO ": console log: %s\n", rc ? err : "the guest's run failed",
		out->guest_status, log);
	print_guest_messages(log);
	/* the guest refused the arguments: a usage error here too */
	return out->guest_status == EXIT_USAGE ? EXIT_USAGE : 1;
}

/* After the summary: what the guest's console and exit status say. */
static int vm_verdict(int status, int rc, const char *err,
		      const struct vm_outcome *out, const char *log)
{
	if (out->console_issues) {
		fprintf(stderr, WHO ": the guest console shows %u problem line(s), first: %s\n"
			WHO ": console log: %s\n", out->console_issues, out->first_issue, log);
		return 1;
	}
	if (rc) {
		fprintf(stderr, WHO ": %s; console log: %s\n", err, log);
		return 1;
	}
	if (out->guest_status && !status) {
		fprintf(stderr, WHO ": the guest's run exited with status %d; console log: %s\n",
			out->guest_status, log);
		print_guest_messages(log);
		return 1;
	}
	return status;
}

static void vm_describe(struct json_object *doc, const struct run_opts *o,
			const struct vm_request *req, const struct vm_outcome *out,
			const struct host_facts *hf)
{
	result_set_vm(doc, &(struct result_vm) {
		.accel = out->accel, .smp = req->smp, .memory_mb = out->memory_mb,
		.kernel_image = req->kernel->image, .qemu_version = out->qemu_version,
		.host_kernel_release = hf->kernel_release, .host_cpu_model = hf->cpu_model,
		.console_log = req->console_log });
	result_set_string(doc, "tool", "command", o->command);
}

static int run_vm(const struct run_opts *o, const struct host_facts *hf)
{
	char path[PATH_MAX], guest_file[PATH_MAX], log[PATH_MAX];
	char err[1024], load_err[PATH_MAX + 256];
	struct vm_outcome out = { .guest_status = -1 };
	struct json_object *doc = NULL;
	struct vm_kernel kernel;
	struct guest_cmd g;
	unsigned int smp = o->cpus.count[o->cpus.nr - 1];
	struct vm_request req = {
		.kernel = &kernel, .smp = smp,	/* memory: the VM runner's default */
		.timeout_s = vm_timeout_s(o), .load_module = true,
		.guest_argv = g.argv, .guest_output = GUEST_RESULT,
		.host_output = guest_file, .console_log = log, .quiet = o->quiet,
	};
	int rc, ret;

	if (vm_resolve_kernel(o->kernel, &kernel, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	ret = output_path(o, kernel.release, path, sizeof(path));
	if (ret)
		return ret;
	console_log_path(path, log, sizeof(log));
	if (fs_make_temp_near(path, ".guest", guest_file, sizeof(guest_file),
			      err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	guest_cmd_build(o, &g);
	rc = vm_run(&req, &out, err, sizeof(err));
	ret = vm_check_outcome(rc, err, &out, log);
	if (!ret && result_load(guest_file, &doc, load_err, sizeof(load_err))) {
		fprintf(stderr, WHO ": the guest's result is unusable: %s; console log: %s\n",
			load_err, log);
		ret = 1;
	}
	unlink(guest_file);
	if (ret)
		return ret;
	vm_describe(doc, o, &req, &out, hf);
	ret = finish(o, doc, path, SWEEP_COMPLETE);
	json_object_put(doc);
	return vm_verdict(ret, rc, err, &out, log);
}

int cmd_run(int argc, char **argv)
{
	static char prog[] = WHO;	/* getopt's messages name argv[0] */
	struct host_facts hf;
	struct run_opts o;
	int ret;

	argv[0] = prog;
	ret = parse_run_args(argc, argv, &o);
	if (ret)
		return ret < 0 ? 0 : ret;
	sysinfo_read(&hf, kmod_debugfs());
	ret = settle_target(&o, &hf);
	if (ret)
		return ret;
	return o.target == TARGET_VM ? run_vm(&o, &hf) : run_host(&o, &hf);
}
