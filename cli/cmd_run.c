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
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cmd.h"
#include "fsutil.h"
#include "kmod_ctl.h"
#include "opt_error.h"
#include "report.h"
#include "result.h"
#include "run.h"
#include "run_vm.h"
#include "suite.h"
#include "summary.h"
#include "sysinfo.h"
#include "target.h"
#include "vm.h"

#define WHO			RUN_WHO
#define REPEAT_MAX		1000
#define BOOTS_MAX		100	/* boots of each kernel (--boots) */
#define TIMEOUT_S_MAX		(7 * 24 * 3600)
#define RESULTS_DIR		"results"
#define LABEL_MAX		40	/* workload names in a default file name */
#define VM_SMP_MAX		64	/* vCPUs --cpus may ask of the VM target */
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#define MAX_CV_PCT_MAX		100

enum {
	OPT_LOCK = 256, OPT_CPUS, OPT_REPEAT, OPT_TARGET, OPT_KERNEL, OPT_TIMEOUT,
	OPT_NO_CORRECT, OPT_SHUFFLE, OPT_MAX_CV, OPT_COMPACT, OPT_WAITERS,
	OPT_KERNEL_CMDLINE, OPT_HYPERVISOR_BIT, OPT_BOOTS, OPT_BOOT_TIMEOUT, OPT_BOOT_RETRIES,
	OPT_SUITE,
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
	{ "kernel-cmdline", required_argument, NULL, OPT_KERNEL_CMDLINE },
	{ "boots",    required_argument, NULL, OPT_BOOTS },
	{ "timeout",  required_argument, NULL, OPT_TIMEOUT },
	{ "boot-timeout", required_argument, NULL, OPT_BOOT_TIMEOUT },
	{ "boot-retries", required_argument, NULL, OPT_BOOT_RETRIES },
	{ "hypervisor-bit", required_argument, NULL, OPT_HYPERVISOR_BIT },
	{ "no-correct", no_argument,     NULL, OPT_NO_CORRECT },
	{ "shuffle",  optional_argument, NULL, OPT_SHUFFLE },	/* =0 undoes a suite's */
	{ "max-cv",   required_argument, NULL, OPT_MAX_CV },
	{ "compact",  no_argument,       NULL, OPT_COMPACT },
	{ "suite",    required_argument, NULL, OPT_SUITE },
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
		"       ksbench run --suite=FILE [options]\n"
		"\n"
		"  --suite=FILE       the settings of a suite file (bench/suites/README.md):\n"
		"                     its keys are the options below; options given here\n"
		"                     override it\n"
		"  --lock=LIST        workloads, comma-separated, or 'all' (see ksbench list)\n"
		"  --cpus=LIST        CPU counts: 1,2,4,8, ranges such as 1-4, or 'all' [1];\n"
		"                     a count N runs workers on CPUs 0..N-1\n"
		"  --waiters=N        handoffs: a signaller and N waiters, i.e. --cpus=N+1\n");
	knob_usage(f);
	fprintf(f,
		"  --no-correct       report latencies raw, without taking the clock's cost off\n"
		"  --repeat=N         sweeps of the whole matrix [1]\n"
		"  --shuffle[=0|1]    each sweep in its own order, drawn from --seed\n"
		"  --max-cv=PCT       call a point noisy when its CV over repeats is above PCT [5]\n"
		"  -o, --output=FILE  result file [results/<release>_<workloads>_<time>.json]\n"
		"  --compact          write it as one line of JSON, not indented\n"
		"  --target=T         auto, host or vm [auto]\n"
		"  --kernel=LIST      the VM's kernels, comma-separated, each run in turn with\n"
		"                     one result file per kernel and an index: generic, rt,\n"
		"                     debug (make debug-kernel), a release, a bzImage or a\n"
		"                     kernel build directory; KERNEL:PARAM[:PARAM] adds boot\n"
		"                     parameters (generic:preempt=full) [generic]\n"
		"  --kernel-cmdline=S boot parameters added for every kernel of the VM target\n"
		"  --boots=N          boot each kernel N times (1-100), in rounds A B A B ...;\n"
		"                     each boot runs the repeats, every point records its\n"
		"                     boot, and compare tests boot medians [1]\n"
		"  --timeout=S        each boot's budget in seconds [estimated]\n"
		"  --boot-timeout=S   seconds the kernel has to start ksbench's init [60,\n"
		"                     x4 for a debug kernel, xN for N vCPUs per host CPU]\n"
		"  --boot-retries=N   boot again, up to N times (0-3), a kernel that died or\n"
		"                     stalled before ksbench's init; each is recorded [1]\n"
		"  --hypervisor-bit=on|off  the VM's CPUID hypervisor bit: on, a guest's\n"
		"                     spinlocks (virt_spin_lock without paravirt locks);\n"
		"                     off, a bare-metal host's [off under TCG unless more\n"
		"                     vCPUs than host CPUs, on under KVM]\n"
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

/* --suite: the file, its settings, and the one being applied (for messages). */
static const char *suite_path;
static struct suite run_suite;
static const struct suite_entry *suite_at;

int run_usage_error(const char *option, const char *msg)
{
	if (suite_at)
		fprintf(stderr, WHO ": %s:%u: %s: %s\n", suite_path, suite_at->line,
			suite_at->key, msg);
	else
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
	unsigned int waiters = 0;	/* gcc cannot see parse_count_option sets it */
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

/* The list's syntax only; whether each kernel exists is the VM target's to say. */
static int check_kernel_list(const char *list, char *err, size_t errlen)
{
	const char *specs[VM_KERNEL_SPECS_MAX];
	char buf[VM_KERNEL_SPECS_MAX * 256];
	unsigned int nr;

	return vm_split_kernel_list(list, buf, sizeof(buf), specs, &nr, err, errlen);
}

/* --shuffle alone is 1; =0 turns off what a suite turned on. */
static int parse_flag_option(const char *option, bool *flag)
{
	unsigned long v = 1;
	char err[256];

	if (optarg && parse_uint(optarg, 0, 1, &v, err, sizeof(err)))
		return run_usage_error(option, err);
	*flag = v;
	return 0;
}

static int parse_option(int opt, struct run_opts *o)
{
	enum vm_hv_bit hv;
	unsigned long v;
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
	case OPT_BOOT_TIMEOUT:
		return parse_count_option("--boot-timeout", TIMEOUT_S_MAX, &o->boot_timeout_s);
	case OPT_BOOT_RETRIES:
		if (parse_uint(optarg, 0, VM_BOOT_RETRIES_MAX, &v, err, sizeof(err)))
			return run_usage_error("--boot-retries", err);
		o->boot_retries = (unsigned int)v;
		o->boot_retries_given = true;
		return 0;
	case OPT_BOOTS:
		o->boots_given = true;
		return parse_count_option("--boots", BOOTS_MAX, &o->boots);
	case OPT_TARGET:
		if (parse_target(optarg, &o->target, err, sizeof(err)))
			return run_usage_error("--target", err);
		return 0;
	case OPT_KERNEL:
		if (check_kernel_list(optarg, err, sizeof(err)))
			return run_usage_error("--kernel", err);
		o->kernel = optarg;
		return 0;
	case OPT_KERNEL_CMDLINE:
		if (vm_check_cmdline_extra(optarg, err, sizeof(err)))
			return run_usage_error("--kernel-cmdline", err);
		o->kernel_cmdline = optarg;
		return 0;
	case OPT_HYPERVISOR_BIT:
		if (vm_hv_bit_parse(optarg, &hv, err, sizeof(err)))
			return run_usage_error("--hypervisor-bit", err);
		o->hypervisor_bit = hv;
		return 0;
	case OPT_NO_CORRECT:
		o->no_correct = true;
		return 0;
	case OPT_SHUFFLE:
		return parse_flag_option("--shuffle", &o->shuffle);
	case OPT_SUITE:		/* applied before the other options */
		return 0;
	case OPT_COMPACT:
		o->compact = true;
		return 0;
	case OPT_MAX_CV:
		if (parse_percent(optarg, MAX_CV_PCT_MAX, &o->max_cv, err, sizeof(err)))
			return run_usage_error("--max-cv", err);
		return 0;
	case 'o':
		/* the whole check (a directory, no parent ...) comes before anything runs */
		if (!*optarg)
			return run_usage_error("--output", "empty file name");
		if (optarg[strlen(optarg) - 1] == '/')
			return run_usage_error("--output", "ends in '/': a directory, not a file name");
		o->output = optarg;
		return 0;
	case 'q':
		o->quiet = true;
		return 0;
	default:		/* a suite key without an option: suite.c refuses those */
		return run_usage_error("?", "unknown option");
	}
}

/*
 * --suite=FILE, found before the other options so that they override it,
 * and whether --help is among them (the suite is then not read).
 */
static int find_suite(int argc, char **argv, const struct option *options,
		      bool *help)
{
	int opt, saved = opterr;
	bool twice = false;

	opterr = 0;		/* the real pass reports bad options */
	while ((opt = getopt_long(argc, argv, "o:qh", options, NULL)) != -1) {
		if (opt == 'h')
			*help = true;
		else if (opt == OPT_SUITE && suite_path)
			twice = true;
		else if (opt == OPT_SUITE)
			suite_path = optarg;
	}
	opterr = saved;
	optind = 0;		/* glibc: start over */
	return twice ? run_usage_error("--suite", "one suite per run") : 0;
}

static int option_id(const struct option *options, const char *name)
{
	for (; options->name; options++)
		if (!strcmp(options->name, name))
			return options->val;
	return -1;
}

/*
 * The suite's settings, each through the option code as if given on the
 * command line, in the file's order; a bad value names its file and line.
 */
static int apply_suite(const struct option *options, struct run_opts *o)
{
	char err[PATH_MAX + 512], *text;
	struct cpu_counts counts;
	unsigned int i;
	size_t len;
	int ret = 0;

	if (fs_read_file(suite_path, SUITE_FILE_MAX, &text, &len, err, sizeof(err)))
		return run_usage_error("--suite", err);
	ret = suite_parse(suite_path, text, len, &run_suite, err, sizeof(err));
	free(text);
	if (ret) {
		fprintf(stderr, WHO ": %s\n", err);
		return EXIT_USAGE;
	}
	for (i = 0; i < run_suite.nr && !ret; i++) {
		suite_at = &run_suite.entry[i];
		optarg = run_suite.entry[i].value;
		ret = parse_option(option_id(options, suite_at->key), o);
		/* the target bounds the counts later; the syntax is checked here */
		if (!ret && !strcmp(suite_at->key, "cpus") &&
		    parse_cpu_counts(optarg, VM_SMP_MAX, VM_SMP_MAX, &counts, err, sizeof(err)))
			ret = run_usage_error("--cpus", err);
	}
	suite_at = NULL;
	return ret;
}

/* Returns 0, EXIT_USAGE, or -1 when --help was printed. */
static int parse_run_args(int argc, char **argv, struct run_opts *o)
{
	struct option options[ARRAY_SIZE(fixed_options) + NR_KNOBS + 1];
	bool suite_cpus = false, help = false, cli_sample = false, cli_measure = false;
	static unsigned char seen[OPT_SEEN_MAX];	/* each option once */
	const struct suite_entry *e;
	int opt, ret;

	*o = (struct run_opts) {
		.cpus_arg = "1",
		.repeat = 1,
		.boots = 1,
		.boot_retries = 1,
		.target = TARGET_AUTO,
		.max_cv = RESULT_MAX_CV_DEF,
	};
	o->started = time(NULL);
	knobs_default(&o->knobs);
	build_options(options);
	join_command(argc, argv, o->command, sizeof(o->command));
	ret = find_suite(argc, argv, options, &help);
	if (!ret && suite_path && !help)
		ret = apply_suite(options, o);
	if (ret)
		return ret;
	suite_cpus = suite_path && (suite_find(&run_suite, "cpus") ||
				    suite_find(&run_suite, "waiters"));
	while ((opt = getopt_long(argc, argv, "o:qh", options, NULL)) != -1) {
		if (opt == 'h') {
			run_usage(stdout);
			return -1;
		}
		if (opt == '?')
			return opt_error(WHO, argv, options);
		if (opt_once(WHO, opt, argv, seen))
			return EXIT_USAGE;
		/* --cpus or --waiters here replaces the suite's either */
		if ((opt == OPT_CPUS || opt == OPT_WAITERS) && suite_cpus) {
			o->cpus_arg = "1";
			o->waiters_arg[0] = '\0';
			suite_cpus = false;
		}
		cli_sample |= opt == OPT_KNOB + KNOB_SAMPLE;
		cli_measure |= opt == OPT_KNOB + KNOB_MEASURE;
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
	if (o->kernel_cmdline && o->target == TARGET_HOST)
		return run_usage_error("--kernel-cmdline",
				       "applies to the VM target only (--target=vm)");
	if (o->timeout_s && o->target == TARGET_HOST)
		return run_usage_error("--timeout", "applies to the VM target only (--target=vm)");
	if (o->boot_timeout_s && o->target == TARGET_HOST)
		return run_usage_error("--boot-timeout",
				       "applies to the VM target only (--target=vm)");
	if (o->boot_retries_given && o->target == TARGET_HOST)
		return run_usage_error("--boot-retries",
				       "applies to the VM target only (--target=vm)");
	if (o->boots_given && o->target == TARGET_HOST)
		return run_usage_error("--boots", "applies to the VM target only (--target=vm): "
				       "a host runs one boot");
	if (o->hypervisor_bit != VM_HV_AUTO && o->target == TARGET_HOST)
		return run_usage_error("--hypervisor-bit",
				       "applies to the VM target only (--target=vm)");
	if (o->knobs.v[KNOB_SAMPLE] != 1 && o->knobs.v[KNOB_MEASURE] != MEASURE_LATENCY) {
		e = suite_path && !cli_sample ? suite_find(&run_suite, "sample") : NULL;
		if (e && cli_measure) {
			fprintf(stderr, WHO ": --measure: the suite's sample (%s:%u) applies to --measure=latency only; add --sample=1\n",
				suite_path, e->line);
			return EXIT_USAGE;
		}
		if (e) {
			fprintf(stderr, WHO ": %s:%u: sample: applies to measure = latency only\n",
				suite_path, e->line);
			return EXIT_USAGE;
		}
		return run_usage_error("--sample", "applies to --measure=latency only");
	}
	return 0;
}

/* Options only the VM target takes: with --target=auto they choose it. */
static bool vm_only_options(const struct run_opts *o)
{
	return o->kernel || o->kernel_cmdline || o->hypervisor_bit || o->boots_given ||
	       o->boot_timeout_s || o->boot_retries_given;
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

	if (target == TARGET_AUTO && vm_only_options(o))
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
	if (o->target == TARGET_AUTO && !vm_only_options(o))
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

/*
 * A result file's name, checked before anything runs: one made from -o
 * is a bad argument (2), the default one a directory that takes no file (1).
 */
static int check_derived(const struct run_opts *o, const char *path)
{
	char err[PATH_MAX + 256], msg[PATH_MAX + 300];

	if (!fs_output_check(path, err, sizeof(err)))
		return 0;
	if (!o->output) {
		fprintf(stderr, WHO ": cannot write the result file: %s\n", err);
		return 1;
	}
	snprintf(msg, sizeof(msg), "%s (a file this run would write)", err);
	return run_usage_error("--output", msg);
}

int run_output_path(const struct run_opts *o, const char *release,
		    char *path, size_t len)
{
	char label[LABEL_MAX + 32], stamp[32], err[PATH_MAX + 256];
	time_t now = time(NULL);
	struct tm tm;

	if (o->output) {
		if (snprintf(path, len, "%s", o->output) >= (int)len)
			return run_usage_error("--output", "path too long");
		if (fs_output_check(path, err, sizeof(err)))
			return run_usage_error("--output", err);
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
	return check_derived(o, path);
}

/* -o without ".json", or results/<workloads>_<time> (created). */
static int multi_output_base(const struct run_opts *o, char *base, size_t len)
{
	char label[LABEL_MAX + 32], stamp[32], err[PATH_MAX + 64];
	size_t n;
	struct tm tm;

	if (o->output) {
		n = strlen(o->output);
		if (n > 5 && !strcmp(o->output + n - 5, ".json"))
			n -= 5;
		snprintf(base, len, "%.*s", (int)n, o->output);
		return 0;
	}
	if (fs_ensure_dir(RESULTS_DIR, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	workloads_label(&o->lock, label, sizeof(label));
	localtime_r(&o->started, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	snprintf(base, len, "%s/%s_%s", RESULTS_DIR, label, stamp);
	return 0;
}

int run_kernel_output_path(const struct run_opts *o, const char *tag,
			   char *path, size_t len)
{
	char base[PATH_MAX];
	int ret = multi_output_base(o, base, sizeof(base));

	if (!ret && snprintf(path, len, "%s_%s.json", base, tag) >= (int)len)
		return run_usage_error("--output", "path too long");
	return ret ? ret : check_derived(o, path);
}

int run_index_path(const struct run_opts *o, char *path, size_t len)
{
	char base[PATH_MAX];
	int ret = multi_output_base(o, base, sizeof(base));

	if (!ret && snprintf(path, len, "%s.index.json", base) >= (int)len)
		return run_usage_error("--output", "path too long");
	return ret ? ret : check_derived(o, path);
}

/*
 * The result file, with SIGINT, SIGTERM and SIGHUP held until it is
 * renamed into place: one of them between the temporary file and the
 * rename would kill the CLI and leave the temporary file behind. A held
 * signal acts once the file is whole (only SIGKILL can still leave a
 * .<name>.tmpXXXXXX; docs/faults-cli.md). When path cannot be written
 * after all (the disk filled, the directory went away), what was measured
 * is saved under results/, or $TMPDIR, and *saved names it: returns 0,
 * 1 (saved elsewhere) or -1 (nowhere).
 */
static int write_whole(struct json_object *doc, const char *path, bool compact,
		       char *saved, size_t savedlen, char *err, size_t errlen)
{
	const char *tmp = getenv("TMPDIR");
	const char *const dirs[] = { RESULTS_DIR, tmp && *tmp ? tmp : "/tmp", NULL };
	sigset_t stop, old;
	size_t len;
	char *text = result_text(doc, compact, &len);
	int ret;

	saved[0] = '\0';
	if (!text) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	ret = fs_write_or_save(path, text, len, dirs, saved, savedlen, err, errlen);
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(text);
	return ret;
}

int run_finish(const struct run_opts *o, struct json_object *doc,
	       const char *path, enum sweep_end end)
{
	size_t nr = json_object_array_length(json_object_object_get(doc, "points"));
	unsigned int failures;
	char err[PATH_MAX + 256], saved[PATH_MAX];
	int written;

	if (end != SWEEP_COMPLETE)
		result_set_interrupted(doc, true);
	if (end == SWEEP_FAILED && !nr)
		return 1;
	/* nothing measured: an empty file would only look like a result */
	if (end == SWEEP_INTERRUPTED && !nr) {
		fprintf(stderr, WHO ": interrupted before the first point completed: no result file\n");
		return EXIT_INTERRUPTED;
	}
	if (summary_set(doc, o->max_cv, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	if (suite_path)
		result_set_suite(doc, run_suite.name, suite_path);
	written = write_whole(doc, path, o->compact, saved, sizeof(saved), err, sizeof(err));
	if (written) {
		fprintf(stderr, WHO ": %s\n", err);
		if (written < 0) {
			fprintf(stderr, WHO ": the result could not be saved in %s or $TMPDIR either: "
				"it is lost\n", RESULTS_DIR);
			return 1;
		}
		fprintf(stderr, WHO ": the result is saved in %s instead\n", saved);
		path = saved;
	}
	if (result_is_debug(doc)) {
		result_debug_note(doc, err, sizeof(err));
		fprintf(stderr, WHO ": %s\n", err);
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
	return end == SWEEP_FAILED || failures || written ? 1 : 0;
}

/*
 * -o checked before anything is built, booted or measured: for one kernel
 * the file itself; for several (-o is then a base) the index beside them,
 * which tells whether the directory takes files; each result file's name
 * is checked before the first boot (run_kernel_output_path).
 */
static int check_output(const struct run_opts *o)
{
	char err[PATH_MAX + 256], index[PATH_MAX];

	if (!o->output)
		return 0;
	if (o->kernel && strchr(o->kernel, ','))
		return run_index_path(o, index, sizeof(index));	/* says why itself */
	if (fs_output_check(o->output, err, sizeof(err)))
		return run_usage_error("--output", err);
	return 0;
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
	ret = check_output(&o);
	if (ret)
		return ret;
	sysinfo_read(&hf, kmod_debugfs());
	ret = settle_target(&o, &hf);
	if (ret)
		return ret;
	return o.target == TARGET_VM ? run_vm(&o, &hf) : run_host(&o, &hf);
}
