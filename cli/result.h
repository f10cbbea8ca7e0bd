/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The result document, docs/results-json.md schema 1: built from the
 * module's texts and the host's facts, written whole or not at all, and
 * loaded back with the invariants checked.
 */
#ifndef KSB_RESULT_H
#define KSB_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct json_object;
struct hist;
struct host_facts;
struct module_text;

struct knob_values;
struct sweep_step;

/* The run's knobs, as the user asked for them. */
struct result_params {
	const char *const *workloads;
	unsigned int nr_workloads;
	const unsigned int *cpus;
	unsigned int nr_cpus;
	const struct knob_values *knobs;	/* each under its key (knobs.h) */
	unsigned int repeat;
	bool correct_clock;		/* false: --no-correct */
	double max_cv;			/* --max-cv, as a fraction (0.05) */
	bool shuffle;			/* --shuffle: order is recorded */
	const struct sweep_step *order;	/* the plan (sweep.h), for params.order */
	size_t nr_order;
};

/* The default of --max-cv: a CV above 5% over repeats is noisy. */
#define RESULT_MAX_CV_DEF	0.05

/* How the CLI reads a point's numbers (CLI options, not module knobs). */
struct result_point_opts {
	bool correct_clock;	/* subtract the clock's min cost from latencies */
};

/* Who ran what, where, for the document's head. */
struct result_origin {
	const char *command;		/* the command line, for tool.command */
	time_t created;
	const char *target;		/* "host" or "vm" */
	const struct host_facts *host;
	const struct module_text *info;	/* the module's `info` */
};

#define ORACLE_PASS		"pass"
#define ORACLE_FAIL		"fail"
#define ORACLE_EXPECTED_FAIL	"expected-fail"
#define NEGATIVE_CONTROL	"none"	/* the workload without a lock */

/* The VM target's facts, for the document's "vm" object. */
struct result_vm {
	const char *accel;		/* "kvm" or "tcg" */
	unsigned int smp, memory_mb;
	unsigned int host_cpus;		/* online CPUs of the host; 0: unknown */
	const char *kernel_image, *qemu_version;
	const char *host_kernel_release, *host_cpu_model;
	const char *console_log;
	double boot_s;			/* VM start to the guest's sweep; 0: unseen */
};

/* The kernel the VM target booted, as asked for, for the "kernel" object. */
struct result_kernel {
	const char *spec;		/* the --kernel entry: "generic:preempt=full" */
	const char *image;
	const char *params;		/* boot parameters of the spec; "" none */
	const char *cmdline_extra;	/* --kernel-cmdline; NULL none */
	bool debug;			/* the project's debug kernel */
};

/* A new document with an empty points array; interrupted false. */
struct json_object *result_new(const struct result_origin *origin,
			       const struct result_params *params);

/*
 * The host object alone (also `ksbench info --json`): the module's config
 * facts in kernel_flags, debug (docs/results-json.md), cmdline, clocksource.
 */
struct json_object *result_host_new(const char *target,
				    const struct host_facts *host,
				    const struct module_text *info);

/* host.debug is true: the kernel has lock or memory debugging on. */
bool result_is_debug(struct json_object *doc);

/*
 * What `ksbench run` warns and the summary says of such a kernel, naming
 * the options on: "debug kernel (lockdep, kasan): timings are distorted;
 * compare only with debug runs".
 */
void result_debug_note(struct json_object *doc, char *buf, size_t len);

/* params.suite: {name, path} of the suite file the run applied. */
void result_set_suite(struct json_object *doc, const char *name, const char *path);

/*
 * One point from a parsed `results` text: ops, throughput, the oracle
 * verdict, the clock, fairness, scheduler counters, the time series and,
 * in latency mode, the histograms merged over the workers. Checks the
 * state is done, the workers' counters add up, every worker has every
 * histogram and the series covers the window (docs/results-json.md says
 * what is checked and how the series' last tick is completed).
 */
int result_point_new(const struct module_text *results, unsigned int repeat,
		     const struct result_point_opts *opts,
		     struct json_object **point, char *err, size_t errlen);

/*
 * The latency_ns entry for one histogram read with clock cost C: count,
 * min, p50, p90, p99, p999, p9999, max, mean, stddev (null when empty)
 * and, with_hist, the raw buckets (hist_to_json). NULL when out of memory.
 */
struct json_object *result_latency_json(const struct hist *h, uint64_t clock_cost,
					bool with_hist);

/* The shortest decimal that reads back as v; NULL (JSON null) if not finite. */
struct json_object *result_json_number(double v);

void result_add_point(struct json_object *doc, struct json_object *point);

/*
 * A point the workload cannot run, and why: "needs 2 CPUs" (fewer than its
 * min_cpus), "unavailable: ..." (not on this kernel).
 */
void result_add_skipped(struct json_object *doc, const char *workload,
			unsigned int cpus, unsigned int repeat,
			const char *reason);
void result_set_interrupted(struct json_object *doc, bool interrupted);

/*
 * Adds the "vm" object (with overcommitted: smp > host_cpus) and sets
 * host.target to "vm".
 */
void result_set_vm(struct json_object *doc, const struct result_vm *vm);

/* Sets a string member of a top-level object (host.target, tool.command). */
/*
 * Adds "kernel": spec, image, params, cmdline_extra, debug, and flavour:
 * the params and cmdline_extra together ("" for a plain boot), which
 * label.h shows next to the release.
 */
void result_set_kernel(struct json_object *doc, const struct result_kernel *k);

void result_set_string(struct json_object *doc, const char *object,
		       const char *key, const char *value);

/* The module's names for the checks it ran (its `oracle` key). */
#define ORACLE_KIND_COUNTING	"counting"

/* What the verdict on one point rests on. */
struct oracle_facts {
	const char *workload;
	const char *oracle_kind;	/* the module's `oracle`; NULL if unknown */
	unsigned int cpus;
	int64_t ops, violations, lost_updates;
	int64_t max_inside, sem_count;	/* the counting oracle's */
};

/* The verdict for one point, per docs/results-json.md. */
const char *result_oracle(const struct oracle_facts *f);

/*
 * Why a point's verdict is `fail`, in words ("3 violations, 0 lost
 * updates"); empty when it is not.
 */
void result_oracle_why(const struct oracle_facts *f, char *buf, size_t len);

/*
 * The facts of a point of a validated document (sem_count from its
 * params; keys an older file lacks read as 0 or NULL).
 */
void result_point_facts(struct json_object *doc, struct json_object *point,
			struct oracle_facts *f);

/* Pretty JSON, atomically (fs_write_atomic). */
int result_write(struct json_object *doc, const char *path,
		 char *err, size_t errlen);

/*
 * The text result_write_ext writes: JSON (pretty, or compact) and a
 * newline, malloc'ed and NUL-terminated; NULL when memory runs out.
 */
char *result_text(struct json_object *doc, bool compact, size_t *len);

/* The same, or with compact one-line JSON (a quarter of the size). */
int result_write_ext(struct json_object *doc, const char *path, bool compact,
		     char *err, size_t errlen);

/* Parses and validates; refuses unknown schema versions and cut files. */
int result_load(const char *path, struct json_object **doc,
		char *err, size_t errlen);
int result_validate(struct json_object *doc, char *err, size_t errlen);

/* result_load's parse and checks, of a file's bytes already read. */
int result_parse(const char *data, size_t len, struct json_object **doc,
		 char *err, size_t errlen);

#endif
