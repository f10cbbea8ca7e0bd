// SPDX-License-Identifier: GPL-2.0
/*
 * ksbench run: a sweep of workloads x CPU counts x repeats, measured on
 * this host through debugfs (run_host.c) or in a VM (run_vm.c), written
 * to one result file. This file reads the options, settles the target and
 * writes the result.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cmd.h"
#include "fsutil.h"
#include "kmod_ctl.h"
#include "report.h"
#include "result.h"
#include "run.h"
#include "summary.h"
#include "sysinfo.h"
#include "target.h"

#define WHO			RUN_WHO
#define REPEAT_MAX		1000
#define TIMEOUT_S_MAX		(7 * 24 * 3600)
#define RESULTS_DIR		"results"
#define LABEL_MAX		40	/* workload names in a default file name */
#define VM_SMP_MAX		64	/* vCPUs --cpus may ask of the VM target */
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#define MAX_CV_PCT_MAX		100

enum {
	OPT_LOCK = 256, OPT_CPUS, OPT_REPEAT, OPT_TARGET, OPT_KERNEL, OPT_TIMEOUT,
	OPT_NO_CORRECT, OPT_SHUFFLE, OPT_MAX_CV, OPT_COMPACT, OPT_WAITERS,
	OPT_KNOB,		/* + enum knob_id: one option per knob */
};

static const struct option fixed_options[] = {
	{ "lock",     required_argument, NULL, OPT_LOCK },
	{ "cpus",     required_argument, NULL, OPT_CPUS },
	{ "waiters",  required_argument, NULL, OPT_WAITERS },
	{ "repeat",   required_argument, NULL, OPT_REPEAT },
	{ "output",   required_argument, NULL, 'o' },
	{ "target",   required_argument, NULL, OPT_TARGET },
	{ "kernel",   required_argument, NULL, OPT_KERNEL },
	{ "timeout",  required_argument, NULL, OPT_TIMEOUT },
	{ "no-correct", no_argument,     NULL, OPT_NO_CORRECT },
	{ "shuffle",  no_argument,       NULL, OPT_SHUFFLE },
	{ "max-cv",   required_argument, NULL, OPT_MAX_CV },
	{ "compact",  no_argument,       NULL, OPT_COMPACT },
	{ "quiet",    no_argument,       NULL, 'q' },
	{ "help",     no_argument,       NULL, 'h' },
};

/* The fixed options, one per knob (knobs.h), and the terminator. */
static void build_options(struct option *opts)
{
	unsigned int i;

	memcpy(opts, fixed_options, sizeof(fixed_options));
	for (i = 0; i < NR_KNOBS; i++)
		opts[ARRAY_SIZE(fixed_options) + i] = (struct option) {
			knob_table[i].option,
			knob_is_flag(&knob_table[i]) ? optional_argument : required_argument,
			NULL, OPT_KNOB + (int)i
		};
	opts[ARRAY_SIZE(fixed_options) + NR_KNOBS] = (struct option) { NULL, 0, NULL, 0 };
}

static void knob_usage(FILE *f)
{
	char arg[32], def[32];
	unsigned int i;

	for (i = 0; i < NR_KNOBS; i++) {
		snprintf(arg, sizeof(arg), "%s=%s", knob_table[i].option,
			 knob_table[i].metavar);
		knob_option_text(i, knob_table[i].def, def, sizeof(def));
		fprintf(f, "  --%-16s %s [%s]\n", arg, knob_table[i].help, def);
	}
}

static void run_usage(FILE *f)
{
	fprintf(f,
		"usage: ksbench run --lock=LIST [options]\n"
		"\n"
		"  --lock=LIST        workloads, comma-separated, or 'all' (see ksbench list)\n"
		"  --cpus=LIST        CPU counts: 1,2,4,8, ranges such as 1-4, or 'all' [1];\n"
		"                     a count N runs workers on CPUs 0..N-1\n"
		"  --waiters=N        handoffs: a signaller and N waiters, i.e. --cpus=N+1\n");
	knob_usage(f);
	fprintf(f,
		"  --no-correct       report latencies raw, without taking the clock's cost off\n"
		"  --repeat=N         sweeps of the whole matrix [1]\n"
		"  --shuffle          each sweep in its own order, drawn from --seed\n"
		"  --max-cv=PCT       call a point noisy when its CV over repeats is above PCT [5]\n"
		"  -o, --output=FILE  result file [results/<release>_<workloads>_<time>.json]\n"
		"  --compact          write it as one line of JSON, not indented\n"
		"  --target=T         auto, host or vm [auto]\n"
		"  --kernel=SPEC      the VM's kernel: generic, rt, a release or an image\n"
		"  --timeout=S        the VM's whole budget in seconds [estimated]\n"
		"  -q, --quiet        no progress and no summary\n"
		"\n"
		"Durations take a unit: ns, us, ms or s (1.5s works). Points run\n"
		"interleaved: each repeat runs every CPU count, each every workload\n"
		"(in a shuffled order with --shuffle). The warm-up runs before every\n"
		"point and is discarded. --measure=latency reads the clock around one\n"
		"operation in --sample=N and keeps histograms; throughput mode reads\n"
		"no clock in the loop.\n"
		"Every point runs with the same knobs; a workload the module refuses\n"
		"them for (an acquire mode it lacks, a hold above its limit) ends the\n"
		"sweep there.\n"
		"Exit status: 0 ok, 1 a failure or an oracle fail, 2 bad usage,\n"
		"130 interrupted (the completed points are kept).\n");
}

int run_usage_error(const char *option, const char *msg)
{
	fprintf(stderr, WHO ": %s: %s\n", option, msg);
	return EXIT_USAGE;
}

static bool shell_safe(const char *s)
{
	return *s && !s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			     "0123456789_-=,.:/+@%")];
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
			str_append(buf, len, &used, " ");
		if (!i || shell_safe(argv[i])) {
			str_append(buf, len, &used, argv[i]);
			continue;
		}
		str_append(buf, len, &used, "'");
		for (p = argv[i]; *p; p++) {
			c[0] = *p;
			str_append(buf, len, &used, *p == '\'' ? "'\\''" : c);
		}
		str_append(buf, len, &used, "'");
	}
}

static int parse_knob_option(enum knob_id id, struct run_opts *o)
{
	char option[64], err[256];

	/* A flag given alone (--flood) is set; optarg is only for flags. */
	if (!knob_parse(id, optarg ? optarg : "1", &o->knobs.v[id], err, sizeof(err)))
		return 0;
	snprintf(option, sizeof(option), "--%s", knob_table[id].option);
	return run_usage_error(option, err);
}

static int parse_count_option(const char *option, unsigned long max,
			      unsigned int *value)
{
	unsigned long v;
	char err[256];

	if (parse_uint(optarg, 1, max, &v, err, sizeof(err)))
		return run_usage_error(option, err);
	*value = (unsigned int)v;
	return 0;
}

/*
 * --waiters=N: a handoff's signaller and N waiters, one CPU each, so
 * --cpus=N+1; lists and ranges of waiter counts are for --cpus.
 */
static int parse_waiters_option(struct run_opts *o)
{
	unsigned int waiters;
	int ret;

	if (strcmp(o->cpus_arg, "1"))
		return run_usage_error("--waiters", "give --cpus or --waiters, not both");
	ret = parse_count_option("--waiters", VM_SMP_MAX - 1, &waiters);
	if (ret)
		return ret;
	snprintf(o->waiters_arg, sizeof(o->waiters_arg), "%u", waiters + 1);
	o->cpus_arg = o->waiters_arg;
	return 0;
}

static int parse_option(int opt, struct run_opts *o)
{
	char err[512];

	if (opt >= OPT_KNOB && opt < OPT_KNOB + NR_KNOBS)
		return parse_knob_option((enum knob_id)(opt - OPT_KNOB), o);
	switch (opt) {
	case OPT_LOCK:
		if (parse_name_list(optarg, &o->lock, err, sizeof(err)))
			return run_usage_error("--lock", err);
		return 0;
	case OPT_CPUS:
		if (o->waiters_arg[0])
			return run_usage_error("--cpus", "give --cpus or --waiters, not both");
		o->cpus_arg = optarg;	/* its limit depends on the target */
		return 0;
	case OPT_WAITERS:
		return parse_waiters_option(o);
	case OPT_REPEAT:
		return parse_count_option("--repeat", REPEAT_MAX, &o->repeat);
	case OPT_TIMEOUT:
		return parse_count_option("--timeout", TIMEOUT_S_MAX, &o->timeout_s);
	case OPT_TARGET:
		if (parse_target(optarg, &o->target, err, sizeof(err)))
			return run_usage_error("--target", err);
		return 0;
	case OPT_KERNEL:
		o->kernel = optarg;
		return 0;
	case OPT_NO_CORRECT:
		o->no_correct = true;
		return 0;
	case OPT_SHUFFLE:
		o->shuffle = true;
		return 0;
	case OPT_COMPACT:
		o->compact = true;
		return 0;
	case OPT_MAX_CV:
		if (parse_percent(optarg, MAX_CV_PCT_MAX, &o->max_cv, err, sizeof(err)))
			return run_usage_error("--max-cv", err);
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
	struct option options[ARRAY_SIZE(fixed_options) + NR_KNOBS + 1];
	int opt, ret;

	*o = (struct run_opts) {
		.cpus_arg = "1",
		.repeat = 1,
		.target = TARGET_AUTO,
		.max_cv = RESULT_MAX_CV_DEF,
	};
	knobs_default(&o->knobs);
	build_options(options);
	join_command(argc, argv, o->command, sizeof(o->command));
	while ((opt = getopt_long(argc, argv, "o:qh", options, NULL)) != -1) {
		if (opt == 'h') {
			run_usage(stdout);
			return -1;
		}
		ret = parse_option(opt, o);
		if (ret)
			return ret;
	}
	if (optind < argc)
		return run_usage_error(argv[optind], "unexpected argument");
	if (!o->lock.nr && !o->lock.all)
		return run_usage_error("--lock", "required (ksbench list shows the workloads)");
	if (o->kernel && o->target == TARGET_HOST)
		return run_usage_error("--kernel", "applies to the VM target only (--target=vm)");
	if (o->timeout_s && o->target == TARGET_HOST)
		return run_usage_error("--timeout", "applies to the VM target only (--target=vm)");
	if (o->knobs.v[KNOB_SAMPLE] != 1 && o->knobs.v[KNOB_MEASURE] != MEASURE_LATENCY)
		return run_usage_error("--sample", "applies to --measure=latency only");
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
			str_append(buf, len, &used, more);
			return;
		}
		if (i)
			str_append(buf, len, &used, "+");
		str_append(buf, len, &used, lock->name[i]);
	}
}

int run_output_path(const struct run_opts *o, const char *release,
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
			return run_usage_error("--output", err);
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

int run_finish(const struct run_opts *o, struct json_object *doc,
	       const char *path, enum sweep_end end)
{
	size_t nr = json_object_array_length(json_object_object_get(doc, "points"));
	unsigned int failures;
	char err[PATH_MAX + 256];

	if (end != SWEEP_COMPLETE)
		result_set_interrupted(doc, true);
	if (end == SWEEP_FAILED && !nr)
		return 1;
	if (summary_set(doc, o->max_cv, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	if (result_write_ext(doc, path, o->compact, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	if (!o->quiet) {
		report_print(stdout, doc, 0);
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
