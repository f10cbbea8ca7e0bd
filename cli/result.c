// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "clock_facts.h"
#include "fairness.h"
#include "fsutil.h"
#include "hist.h"
#include "knobs.h"
#include "module_text.h"
#include "parse.h"
#include "boot_groups.h"
#include "result.h"
#include "result_schema.h"
#include "series.h"
#include "termsafe.h"
#include "sweep.h"
#include "sysinfo.h"
#include "version.h"

#define RESULT_FILE_MAX	(256u << 20)

#define add(obj, key, val)	json_object_object_add(obj, key, val)

/* A double printed with a fixed number of decimals, not %.17g noise. */
static struct json_object *json_fixed(double v, int decimals)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	return json_object_new_double_s(v, buf);
}

/* The shortest decimal that reads back as v exactly; null if not finite. */
struct json_object *result_json_number(double v)
{
	char buf[40];
	int digits;

	if (!isfinite(v))
		return NULL;
	for (digits = 1; digits < 17; digits++) {
		snprintf(buf, sizeof(buf), "%.*g", digits, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	snprintf(buf, sizeof(buf), "%.*g", digits, v);
	return json_object_new_double_s(v, buf);
}

static struct json_object *json_str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

/* info keys the document copies, each typed: missing keys become null. */
static struct json_object *info_bool(const struct module_text *info, const char *key)
{
	int64_t v;

	return mt_int(info->fields, key, &v) ? NULL : json_object_new_boolean(v != 0);
}

static struct json_object *info_int(const struct module_text *info, const char *key)
{
	int64_t v;

	return mt_int(info->fields, key, &v) ? NULL : json_object_new_int64(v);
}

/*
 * With PREEMPT_DYNAMIC the model is chosen at boot and only sched/preempt
 * knows it; otherwise the build-time model is the live one.
 */
static const char *preempt_live(const struct host_facts *host,
				const char *preempt_config)
{
	if (host->preempt_live[0])
		return host->preempt_live;
	if (preempt_config && strcmp(preempt_config, "dynamic"))
		return preempt_config;
	return NULL;
}

/* The debug options that make a kernel's timings its own (host.debug). */
static const char *const debug_keys[] = {
	"lockdep", "prove_locking", "lock_stat", "kasan", "kmemleak",
	"debug_spinlock", "debug_mutexes", "debug_atomic_sleep", "debug_objects",
};

/* The module's config facts, copied as booleans (docs/debugfs.md, info). */
static const char *const config_keys[] = {
	"preempt_rt", "lockdep", "debug_atomic_sleep", "prove_locking", "lock_stat",
	"debug_spinlock", "debug_mutexes", "debug_objects", "kasan", "kmemleak",
	"paravirt_spinlocks",
};

static struct json_object *kernel_flags_new(const struct host_facts *host,
					    const struct module_text *info)
{
	struct json_object *flags = json_object_new_object();
	const char *config = mt_str(info->fields, "preempt_config");
	size_t i;

	add(flags, "preempt_config", json_str_or_null(config));
	add(flags, "preempt_live", json_str_or_null(preempt_live(host, config)));
	for (i = 0; i < sizeof(config_keys) / sizeof(config_keys[0]); i++)
		add(flags, config_keys[i], info_bool(info, config_keys[i]));
	add(flags, "hz", info_int(info, "hz"));
	add(flags, "nr_cpus", info_int(info, "nr_cpus"));
	clock_facts_add_flags(flags, info);
	return flags;
}

/*
 * true when any debug option is on, false when all are known and off,
 * null when none is on but some are unknown (a module older than the key).
 */
static struct json_object *debug_new(struct json_object *flags)
{
	struct json_object *v;
	bool unknown = false;
	size_t i;

	for (i = 0; i < sizeof(debug_keys) / sizeof(debug_keys[0]); i++) {
		v = json_object_object_get(flags, debug_keys[i]);
		if (!json_object_is_type(v, json_type_boolean))
			unknown = true;
		else if (json_object_get_boolean(v))
			return json_object_new_boolean(1);
	}
	return unknown ? NULL : json_object_new_boolean(0);
}

void result_debug_note(struct json_object *doc, char *buf, size_t len)
{
	struct json_object *host = json_object_object_get(doc, "host");
	struct json_object *flags = json_object_object_get(host, "kernel_flags");
	unsigned int n = 0;
	size_t used = 0, i;

	buf[0] = '\0';
	str_append(buf, len, &used, "debug kernel");
	for (i = 0; i < sizeof(debug_keys) / sizeof(debug_keys[0]); i++) {
		if (!json_object_get_boolean(json_object_object_get(flags, debug_keys[i])))
			continue;
		str_append(buf, len, &used, n++ ? ", " : " (");
		str_append(buf, len, &used, debug_keys[i]);
	}
	str_append(buf, len, &used, n ? "): " : ": ");
	str_append(buf, len, &used, "timings are distorted; compare only with debug runs");
}

bool result_is_debug(struct json_object *doc)
{
	struct json_object *host = json_object_object_get(doc, "host");

	return json_object_get_boolean(json_object_object_get(host, "debug"));
}

struct json_object *result_host_new(const char *target,
				    const struct host_facts *host,
				    const struct module_text *info)
{
	struct json_object *h = json_object_new_object();
	struct json_object *flags = kernel_flags_new(host, info);

	add(h, "target", json_object_new_string(target));
	add(h, "kernel_release", json_object_new_string(host->kernel_release));
	add(h, "kernel_version", json_object_new_string(host->kernel_version));
	add(h, "kernel_flags", flags);
	add(h, "debug", debug_new(flags));
	add(h, "cmdline", json_str_or_null(host->cmdline[0] ? host->cmdline : NULL));
	add(h, "clocksource",
	    json_str_or_null(host->clocksource[0] ? host->clocksource : NULL));
	add(h, "clock_check", clock_facts_check_new(info));
	add(h, "cpu_model", json_object_new_string(host->cpu_model));
	add(h, "online_cpus", json_object_new_int64(host->online_cpus));
	add(h, "virtualized", json_object_new_boolean(host->virtualized));
	return h;
}

/* [[["mutex", 2], ["spinlock", 1], ...], ...]: each round's points in order. */
static struct json_object *order_new(const struct result_params *p)
{
	struct json_object *rounds = json_object_new_array(), *round = NULL, *pair;
	size_t i;

	for (i = 0; i < p->nr_order; i++) {
		if (!i || p->order[i].repeat != p->order[i - 1].repeat) {
			round = json_object_new_array();
			json_object_array_add(rounds, round);
		}
		pair = json_object_new_array();
		json_object_array_add(pair, json_object_new_string(p->workloads[p->order[i].workload]));
		json_object_array_add(pair, json_object_new_int64(p->cpus[p->order[i].cpus]));
		json_object_array_add(round, pair);
	}
	return rounds;
}

static struct json_object *params_new(const struct result_params *p)
{
	struct json_object *o = json_object_new_object();
	struct json_object *workloads = json_object_new_array();
	struct json_object *cpus = json_object_new_array();
	unsigned int i;

	for (i = 0; i < p->nr_workloads; i++)
		json_object_array_add(workloads, json_object_new_string(p->workloads[i]));
	for (i = 0; i < p->nr_cpus; i++)
		json_object_array_add(cpus, json_object_new_int64(p->cpus[i]));
	add(o, "workloads", workloads);
	add(o, "cpus", cpus);
	for (i = 0; i < NR_KNOBS; i++)
		add(o, knob_table[i].key, knob_json(i, p->knobs->v[i]));
	add(o, "repeat", json_object_new_int64(p->repeat));
	add(o, "correct_clock", json_object_new_boolean(p->correct_clock));
	add(o, "max_cv", result_json_number(p->max_cv));
	add(o, "shuffle", json_object_new_boolean(p->shuffle));
	if (p->shuffle && p->order)
		add(o, "order", order_new(p));
	return o;
}

static struct json_object *iso8601_utc(time_t t)
{
	char buf[32];
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_object_new_string(buf);
}

struct json_object *result_new(const struct result_origin *origin,
			       const struct result_params *params)
{
	struct json_object *doc = json_object_new_object();
	struct json_object *tool = json_object_new_object();

	add(tool, "version", json_object_new_string(KSB_VERSION));
	add(tool, "module_version",
	    json_str_or_null(mt_str(origin->info->fields, "module_version")));
	add(tool, "command", json_object_new_string(origin->command));

	add(doc, "schema", json_object_new_string(KSB_SCHEMA));
	add(doc, "tool", tool);
	add(doc, "created", iso8601_utc(origin->created));
	add(doc, "interrupted", json_object_new_boolean(0));
	add(doc, "host", result_host_new(origin->target, origin->host, origin->info));
	add(doc, "params", params_new(params));
	add(doc, "points", json_object_new_array());
	return doc;
}

static bool counting_oracle(const struct oracle_facts *f)
{
	return f->oracle_kind && !strcmp(f->oracle_kind, ORACLE_KIND_COUNTING);
}

const char *result_oracle(const struct oracle_facts *f)
{
	bool seen = f->violations > 0 || f->lost_updates > 0;

	if (!strcmp(f->workload, NEGATIVE_CONTROL)) {
		if (seen)
			return ORACLE_EXPECTED_FAIL;
		/* One CPU cannot race with itself; two or more must show the race. */
		return f->cpus >= 2 ? ORACLE_FAIL : ORACLE_PASS;
	}
	if (seen)
		return ORACLE_FAIL;
	/*
	 * Never more than K inside; and every measured section was inside,
	 * so operations with nobody seen inside mean the check did not run.
	 */
	if (counting_oracle(f) &&
	    (f->max_inside > f->sem_count || (f->ops > 0 && f->max_inside < 1)))
		return ORACLE_FAIL;
	return ORACLE_PASS;
}

void result_oracle_why(const struct oracle_facts *f, char *buf, size_t len)
{
	buf[0] = '\0';
	if (strcmp(result_oracle(f), ORACLE_FAIL))
		return;
	if (!strcmp(f->workload, NEGATIVE_CONTROL) && f->violations <= 0 &&
	    f->lost_updates <= 0)
		snprintf(buf, len, "no violation and no lost update without a lock: the oracle is blind");
	else if (f->violations > 0 || f->lost_updates > 0)
		snprintf(buf, len, "%" PRId64 " violations, %" PRId64 " lost updates",
			 f->violations, f->lost_updates);
	else if (f->max_inside > f->sem_count)
		snprintf(buf, len, "%" PRId64 " inside at once with sem_count %" PRId64,
			 f->max_inside, f->sem_count);
	else
		snprintf(buf, len, "the counting oracle saw nobody inside in %" PRId64
			 " operations: it is blind", f->ops);
}

/* A member's integer value, or def when it is missing or not an integer. */
static int64_t int_or(struct json_object *obj, const char *key, int64_t def)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_int))
		return def;
	return json_object_get_int64(v);
}

static const char *str_or_null(struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

void result_point_facts(struct json_object *doc, struct json_object *point,
			struct oracle_facts *f)
{
	struct json_object *params = json_object_object_get(doc, "params"), *v;
	uint64_t sem_count = knob_table[KNOB_SEM_COUNT].def;

	if (json_object_object_get_ex(params, knob_table[KNOB_SEM_COUNT].key, &v) &&
	    knob_from_json(KNOB_SEM_COUNT, v, &sem_count))
		sem_count = knob_table[KNOB_SEM_COUNT].def;
	*f = (struct oracle_facts) {
		.workload = str_or_null(point, "workload"),
		.oracle_kind = str_or_null(point, "oracle_kind"),
		.cpus = (unsigned int)int_or(point, "cpus", 0),
		.ops = int_or(point, "ops", 0),
		.violations = int_or(point, "violations", 0),
		.lost_updates = int_or(point, "lost_updates", 0),
		.max_inside = int_or(point, "max_inside", 0),
		.sem_count = (int64_t)sem_count,
	};
	if (!f->workload)
		f->workload = "?";
}

enum { W_CPU, W_OPS, W_ELAPSED, W_VIOLATIONS, W_READS, W_FAILURES, W_RETRIES,
       W_MAX_INSIDE, W_NVCSW, W_NIVCSW, W_RUNTIME, NR_WORKER_KEYS };
static const char *const worker_keys[NR_WORKER_KEYS + 1] = {
	"cpu", "ops", "elapsed_ns", "violations", "reads", "failures", "retries",
	"max_inside", "nvcsw", "nivcsw", "runtime_ns", NULL
};

enum { P_NR_WORKERS, P_ELAPSED, P_OPS, P_READS, P_WRITES, P_FAILURES, P_RETRIES,
       P_MAX_INSIDE, P_VIOLATIONS, P_LOST, P_STOPPED, P_SEM_COUNT, P_SAMPLE,
       P_CLOCK_MIN, P_CLOCK_MEDIAN, P_CLOCK_RES, NR_POINT_KEYS };
static const char *const point_keys[NR_POINT_KEYS + 1] = {
	"nr_workers", "elapsed_ns", "ops", "reads", "writes", "failures", "retries",
	"max_inside", "violations", "lost_updates", "stopped_early", "sem_count",
	"sample", "clock_cost_min_ns", "clock_cost_median_ns", "clock_resolution_ns",
	NULL
};

/* A counter newer modules print (handoff events); 0 where it is absent. */
static int64_t mt_count_or_zero(const struct json_object *obj, const char *key)
{
	int64_t v;

	return mt_int(obj, key, &v) || v < 0 ? 0 : v;
}

#define HIST_NAMES_MAX	8	/* histograms per worker */
#define KIND_HANDOFF	"handoff"
#define MEASURE_LATENCY_WORD	"latency"
#define MEASURE_THROUGHPUT_WORD	"throughput"

#define OFFLINED_MAX	64	/* CPUs one point may name as gone offline */

/* What a point is built from, read and checked before any JSON exists. */
struct point_build {
	const struct module_text *mt;
	int64_t v[NR_POINT_KEYS];
	size_t nr;				/* workers */
	int64_t (*w)[NR_WORKER_KEYS];		/* their counters */
	uint64_t *ops;
	double *shares;
	struct fairness fair;
	size_t fair_first;			/* workers the fairness is over: */
	uint64_t *basis;			/* [fair_first, nr) of these counts */
	bool handoff;
	bool latency;				/* measure latency */
	bool hists;				/* the module printed histograms */
	uint64_t subtract;			/* taken off every latency */
	const char *names[HIST_NAMES_MAX];	/* the module's, in its order */
	unsigned int nr_names;
	struct series series;			/* the module's, last tick completed */
	unsigned int offlined[OFFLINED_MAX];	/* CPUs that went down mid-run */
	unsigned int nr_offlined;
};

static void point_build_free(struct point_build *b)
{
	free(b->w);
	free(b->ops);
	free(b->shares);
	free(b->basis);
	series_free(&b->series);
}

/* Looks up every key of keys[] as an integer; names the first missing. */
static int require_ints(const struct json_object *obj, const char *const *keys,
			int64_t *vals, const char *where, char *err, size_t errlen)
{
	unsigned int i;

	for (i = 0; keys[i]; i++) {
		if (mt_int(obj, keys[i], &vals[i])) {
			snprintf(err, errlen, "%s: '%s' is missing or not an integer",
				 where, keys[i]);
			return -1;
		}
	}
	return 0;
}

static int check_results_head(const struct module_text *mt, const int64_t *v,
			      char *err, size_t errlen)
{
	const char *state = mt_str(mt->fields, "state");
	const char *measure = mt_str(mt->fields, "measure");
	unsigned int i;

	if (!state || strcmp(state, "done")) {
		snprintf(err, errlen, "results: state is '%s', not 'done'",
			 state ? state : "(missing)");
		return -1;
	}
	if (!mt_str(mt->fields, "workload") || !mt_str(mt->fields, "cpus") ||
	    !mt_str(mt->fields, "kind") || !mt_str(mt->fields, "oracle") ||
	    !mt_str(mt->fields, "clock")) {
		snprintf(err, errlen, "results: 'workload', 'kind', 'cpus', 'oracle' or 'clock' is missing");
		return -1;
	}
	if (!measure || (strcmp(measure, MEASURE_THROUGHPUT_WORD) &&
			 strcmp(measure, MEASURE_LATENCY_WORD))) {
		snprintf(err, errlen, "results: measure is '%s', not throughput or latency",
			 measure ? measure : "(missing)");
		return -1;
	}
	if (v[P_ELAPSED] <= 0 || v[P_OPS] < 0 || v[P_NR_WORKERS] < 1 || v[P_SAMPLE] < 1) {
		snprintf(err, errlen, "results: elapsed_ns %" PRId64 ", ops %" PRId64
			 ", nr_workers %" PRId64 ", sample %" PRId64 " make no sense",
			 v[P_ELAPSED], v[P_OPS], v[P_NR_WORKERS], v[P_SAMPLE]);
		return -1;
	}
	for (i = P_CLOCK_MIN; i <= P_CLOCK_RES; i++) {
		if (v[i] < 0) {
			snprintf(err, errlen, "results: %s is negative", point_keys[i]);
			return -1;
		}
	}
	if ((size_t)v[P_NR_WORKERS] != json_object_array_length(mt->workers)) {
		snprintf(err, errlen, "results: nr_workers is %" PRId64 " but %zu worker lines",
			 v[P_NR_WORKERS], json_object_array_length(mt->workers));
		return -1;
	}
	if (v[P_READS] < 0 || v[P_WRITES] < 0 || v[P_READS] + v[P_WRITES] != v[P_OPS]) {
		snprintf(err, errlen, "results: reads %" PRId64 " and writes %" PRId64
			 " do not sum to ops %" PRId64, v[P_READS], v[P_WRITES], v[P_OPS]);
		return -1;
	}
	return 0;
}

/* What the workers add up to, checked against the point's totals. */
struct worker_sums {
	int64_t ops, reads, failures, retries, max_inside;
};

/* The workers' counters add up to the point's (max_inside: the peak). */
static int check_sums(const int64_t *v, const struct worker_sums *sum,
		      char *err, size_t errlen)
{
	const struct {
		const char *key;
		int64_t workers, point;
	} pairs[] = {
		{ "ops", sum->ops, v[P_OPS] },
		{ "reads", sum->reads, v[P_READS] },
		{ "failures", sum->failures, v[P_FAILURES] },
		{ "retries", sum->retries, v[P_RETRIES] },
		{ "max_inside", sum->max_inside, v[P_MAX_INSIDE] },
	};
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		if (pairs[i].workers != pairs[i].point) {
			snprintf(err, errlen, "results: the workers' %s %s %" PRId64
				 ", not %s %" PRId64, pairs[i].key,
				 i == sizeof(pairs) / sizeof(pairs[0]) - 1 ? "peak at" : "sum to",
				 pairs[i].workers, pairs[i].key, pairs[i].point);
			return -1;
		}
	}
	return 0;
}

/* The worker lines, their sums and the fairness of their ops. */
static int read_workers(struct point_build *b, char *err, size_t errlen)
{
	struct worker_sums sum = { 0 };
	char where[48];
	int64_t events;
	unsigned int j;
	size_t i;

	b->nr = (size_t)b->v[P_NR_WORKERS];
	b->w = calloc(b->nr, sizeof(*b->w));
	b->ops = calloc(b->nr, sizeof(*b->ops));
	b->shares = calloc(b->nr, sizeof(*b->shares));
	b->basis = calloc(b->nr, sizeof(*b->basis));
	if (!b->w || !b->ops || !b->shares || !b->basis) {
		snprintf(err, errlen, "results: out of memory");
		return -1;
	}
	for (i = 0; i < b->nr; i++) {
		snprintf(where, sizeof(where), "results: worker %zu", i);
		if (require_ints(json_object_array_get_idx(b->mt->workers, i),
				 worker_keys, b->w[i], where, err, errlen))
			return -1;
		for (j = 0; j < NR_WORKER_KEYS; j++) {
			if (b->w[i][j] < 0) {
				snprintf(err, errlen, "%s: %s is negative", where, worker_keys[j]);
				return -1;
			}
		}
		b->ops[i] = (uint64_t)b->w[i][W_OPS];
		/* handoff consumptions; older modules and other kinds: 0 */
		events = mt_count_or_zero(json_object_array_get_idx(b->mt->workers, i),
					  "events");
		b->basis[i] = b->handoff ? (uint64_t)events : b->ops[i];
		sum.ops += b->w[i][W_OPS];
		sum.reads += b->w[i][W_READS];
		sum.failures += b->w[i][W_FAILURES];
		sum.retries += b->w[i][W_RETRIES];
		if (b->w[i][W_MAX_INSIDE] > sum.max_inside)
			sum.max_inside = b->w[i][W_MAX_INSIDE];
	}
	if (check_sums(b->v, &sum, err, errlen))
		return -1;
	/*
	 * A handoff's ops are the signaller's (worker 0) rounds: how evenly
	 * the work is shared is a matter of its consumers and their events.
	 */
	b->fair_first = b->handoff && b->nr > 1 ? 1 : 0;
	if (fairness_compute(b->basis + b->fair_first, (unsigned int)(b->nr - b->fair_first),
			     KSB_STARVED_FRACTION, &b->fair, b->shares + b->fair_first)) {
		snprintf(err, errlen, "results: the workers' ops overflow");
		return -1;
	}
	return 0;
}

static bool worker_has_cpu(const struct point_build *b, unsigned int cpu)
{
	size_t i;

	for (i = 0; i < b->nr; i++)
		if (b->w[i][W_CPU] == (int64_t)cpu)
			return true;
	return false;
}

/*
 * Every worker has one histogram of each name the module printed. Latency
 * mode has some; throughput mode has none, except for handoffs, which
 * always time their wake-ups.
 */
static int read_hists(struct point_build *b, char *err, size_t errlen)
{
	const struct module_text *mt = b->mt;
	unsigned int i, j;
	size_t k;

	b->hists = mt->nr_hists > 0;
	if (!b->latency && b->hists && !b->handoff) {
		snprintf(err, errlen, "results: histograms in throughput mode");
		return -1;
	}
	if (!b->latency && !b->hists)
		return 0;
	for (i = 0; i < mt->nr_hists; i++) {
		for (j = 0; j < b->nr_names; j++)
			if (!strcmp(b->names[j], mt->hists[i].name))
				break;
		if (j == b->nr_names) {
			if (b->nr_names == HIST_NAMES_MAX) {
				snprintf(err, errlen, "results: more than %d histogram names",
					 HIST_NAMES_MAX);
				return -1;
			}
			b->names[b->nr_names++] = mt->hists[i].name;
		}
		if (!worker_has_cpu(b, mt->hists[i].cpu)) {
			snprintf(err, errlen, "results: histogram %s of cpu %u, which has no worker",
				 mt->hists[i].name, mt->hists[i].cpu);
			return -1;
		}
	}
	if (!b->nr_names) {
		snprintf(err, errlen, "results: latency mode without histograms");
		return -1;
	}
	for (j = 0; j < b->nr_names; j++) {
		for (k = 0; k < b->nr; k++) {
			if (!mt_hist_find(mt, b->names[j], (unsigned int)b->w[k][W_CPU])) {
				snprintf(err, errlen, "results: no histogram %s for the worker on cpu %" PRId64,
					 b->names[j], b->w[k][W_CPU]);
				return -1;
			}
		}
	}
	return 0;
}

/*
 * The series, checked against the workers: each worker's ticks sum to its
 * ops, and the last tick is the end of the window.
 */
static int read_series(struct point_build *b, char *err, size_t errlen)
{
	const struct series *m = &b->mt->series;
	struct series *s = &b->series;
	unsigned int t, w, last;
	uint64_t sum;

	if (!b->mt->has_series) {
		snprintf(err, errlen, "results: no series");
		return -1;
	}
	if (!m->nr_ticks) {
		snprintf(err, errlen, "results: a series without ticks over a window of %" PRId64 " ns",
			 b->v[P_ELAPSED]);
		return -1;
	}
	if (m->nr_workers != b->nr) {
		snprintf(err, errlen, "results: the series has %u workers, not %zu",
			 m->nr_workers, b->nr);
		return -1;
	}
	last = m->nr_ticks - 1;
	if (m->t_ns[last] != (uint64_t)b->v[P_ELAPSED]) {
		snprintf(err, errlen, "results: the series ends at %" PRIu64 " ns, the window at %" PRId64,
			 m->t_ns[last], b->v[P_ELAPSED]);
		return -1;
	}
	*s = *m;
	s->t_ns = malloc(m->nr_ticks * sizeof(*s->t_ns));
	s->ops = malloc((size_t)m->nr_ticks * m->nr_workers * sizeof(*s->ops));
	if (!s->t_ns || !s->ops) {
		snprintf(err, errlen, "results: out of memory");
		return -1;
	}
	memcpy(s->t_ns, m->t_ns, m->nr_ticks * sizeof(*s->t_ns));
	memcpy(s->ops, m->ops, (size_t)m->nr_ticks * m->nr_workers * sizeof(*s->ops));
	for (w = 0; w < s->nr_workers; w++) {
		for (sum = 0, t = 0; t < s->nr_ticks; t++)
			sum += series_ops(s, t, w);
		/* The module takes its last tick after the workers stop. */
		if (sum != b->ops[w]) {
			snprintf(err, errlen, "results: the series counts %" PRIu64
				 " ops for the worker on cpu %" PRId64 ", which did %" PRIu64,
				 sum, b->w[w][W_CPU], b->ops[w]);
			return -1;
		}
	}
	return 0;
}

/*
 * offlined_cpus: CPUs that went down during the run, which stopped it
 * there. The point keeps its window up to then, unless it had none.
 */
static int read_offlined(struct point_build *b, char *err, size_t errlen)
{
	const char *list = mt_str(b->mt->fields, "offlined_cpus");
	const char *cpus;

	if (mt_cpulist(b->mt->fields, "offlined_cpus", b->offlined, OFFLINED_MAX,
		       &b->nr_offlined, err, errlen))
		return -1;
	cpus = b->nr_offlined == 1 ? "CPU" : "CPUs";
	if (b->nr_offlined && !b->v[P_STOPPED]) {
		snprintf(err, errlen, "results: offlined_cpus %s but stopped_early 0", list);
		return -1;
	}
	if (b->nr_offlined && (b->v[P_ELAPSED] <= 0 || b->v[P_OPS] <= 0)) {
		snprintf(err, errlen, "%s %s went offline before the point measured anything",
			 cpus, list);
		return -1;
	}
	return 0;
}

static struct json_object *clock_new(const struct point_build *b, bool correct)
{
	struct json_object *c = json_object_new_object();

	add(c, "name", json_object_new_string(mt_str(b->mt->fields, "clock")));
	add(c, "cost_min_ns", json_object_new_int64(b->v[P_CLOCK_MIN]));
	add(c, "cost_median_ns", json_object_new_int64(b->v[P_CLOCK_MEDIAN]));
	add(c, "resolution_ns", json_object_new_int64(b->v[P_CLOCK_RES]));
	add(c, "subtracted_ns", json_object_new_int64((int64_t)b->subtract));
	add(c, "corrected", json_object_new_boolean(correct));
	return c;
}

/* A latency figure: ns to 0.1 (midpoints end in .5), null when undefined. */
static struct json_object *json_ns(double v)
{
	return isfinite(v) ? json_fixed(v, 1) : NULL;
}

struct json_object *result_latency_json(const struct hist *h, uint64_t clock_cost,
					bool with_hist)
{
	struct json_object *o = json_object_new_object();
	struct hist_summary s;
	bool empty = hist_summarize(h, clock_cost, &s) != 0;

	add(o, "count", json_object_new_uint64(h->count));
	add(o, "min", empty ? NULL : json_object_new_int64((int64_t)s.min));
	add(o, "p50", empty ? NULL : json_ns(s.p50));
	add(o, "p90", empty ? NULL : json_ns(s.p90));
	add(o, "p99", empty ? NULL : json_ns(s.p99));
	add(o, "p999", empty ? NULL : json_ns(s.p999));
	add(o, "p9999", empty ? NULL : json_ns(hist_percentile(h, 0.9999, clock_cost)));
	add(o, "max", empty ? NULL : json_object_new_int64((int64_t)s.max));
	add(o, "mean", empty ? NULL : json_ns(s.mean));
	add(o, "stddev", empty ? NULL : json_ns(s.stddev));
	if (with_hist)
		add(o, "hist", hist_to_json(h));
	return o;
}

/* Each histogram merged over the workers. */
static int latency_new(const struct point_build *b, struct json_object **out,
		       char *err, size_t errlen)
{
	struct hist *merged = malloc(sizeof(*merged));
	struct json_object *o;
	char msg[256];
	unsigned int j;
	size_t k;

	if (!merged) {
		snprintf(err, errlen, "results: out of memory");
		return -1;
	}
	o = json_object_new_object();
	for (j = 0; j < b->nr_names; j++) {
		hist_init(merged);
		for (k = 0; k < b->nr; k++) {
			if (hist_merge(merged, mt_hist_find(b->mt, b->names[j],
							    (unsigned int)b->w[k][W_CPU]),
				       msg, sizeof(msg))) {
				snprintf(err, errlen, "results: histogram %s: %s", b->names[j], msg);
				json_object_put(o);
				free(merged);
				return -1;
			}
		}
		add(o, b->names[j], result_latency_json(merged, b->subtract, true));
	}
	free(merged);
	*out = o;
	return 0;
}

static struct json_object *fairness_new(const struct point_build *b)
{
	struct json_object *o = json_object_new_object();
	const struct fairness *f = &b->fair;

	add(o, "of", json_object_new_string(b->handoff ? "events" : "ops"));
	add(o, "n", json_object_new_int64(f->n));
	add(o, "jain", result_json_number(f->jain));
	add(o, "min_max_ratio", result_json_number(f->min_max));
	add(o, "cv", result_json_number(f->cv));
	add(o, "min_share", result_json_number(f->min_share));
	add(o, "max_share", result_json_number(f->max_share));
	add(o, "starved", json_object_new_boolean(f->starved));
	add(o, "nr_starved", json_object_new_int64(f->nr_starved));
	add(o, "starved_fraction", result_json_number(KSB_STARVED_FRACTION));
	return o;
}

/* The workers' scheduler counters together. */
static struct json_object *sched_new(const struct point_build *b)
{
	struct json_object *o = json_object_new_object();
	uint64_t nvcsw = 0, nivcsw = 0;
	double runtime = 0, window = 0;
	struct csw_rate r;
	size_t i;

	for (i = 0; i < b->nr; i++) {
		nvcsw += (uint64_t)b->w[i][W_NVCSW];
		nivcsw += (uint64_t)b->w[i][W_NIVCSW];
		runtime += (double)b->w[i][W_RUNTIME];
		window += (double)b->w[i][W_ELAPSED];
	}
	fairness_csw_rate(nvcsw, nivcsw, (uint64_t)b->v[P_OPS], (uint64_t)b->v[P_ELAPSED], &r);
	add(o, "nvcsw", json_object_new_uint64(nvcsw));
	add(o, "nivcsw", json_object_new_uint64(nivcsw));
	add(o, "csw_per_s", json_fixed(r.total_s, 1));
	add(o, "voluntary_csw_per_s", json_fixed(r.voluntary_s, 1));
	add(o, "run_fraction", window > 0 ? json_fixed(runtime / window, 4) : NULL);
	return o;
}

static struct json_object *worker_new(const struct point_build *b, size_t i)
{
	const int64_t *v = b->w[i];
	struct json_object *w = json_object_new_object(), *timed, *p99;
	const struct hist *h;
	struct csw_rate r;
	double frac;
	unsigned int j;

	add(w, "cpu", json_object_new_int64(v[W_CPU]));
	add(w, "ops", json_object_new_int64(v[W_OPS]));
	add(w, "reads", json_object_new_int64(v[W_READS]));
	add(w, "share", i >= b->fair_first ? json_fixed(b->shares[i], 4) : NULL);
	add(w, "duration_ns", json_object_new_int64(v[W_ELAPSED]));
	add(w, "violations", json_object_new_int64(v[W_VIOLATIONS]));
	add(w, "failures", json_object_new_int64(v[W_FAILURES]));
	add(w, "retries", json_object_new_int64(v[W_RETRIES]));
	add(w, "max_inside", json_object_new_int64(v[W_MAX_INSIDE]));
	add(w, "events", json_object_new_int64(
		mt_count_or_zero(json_object_array_get_idx(b->mt->workers, i), "events")));
	add(w, "nvcsw", json_object_new_int64(v[W_NVCSW]));
	add(w, "nivcsw", json_object_new_int64(v[W_NIVCSW]));
	add(w, "runtime_ns", json_object_new_int64(v[W_RUNTIME]));
	add(w, "run_fraction",
	    fairness_run_fraction((uint64_t)v[W_RUNTIME], (uint64_t)v[W_ELAPSED], &frac) ?
	    NULL : json_fixed(frac, 4));
	add(w, "csw_per_s",
	    fairness_csw_rate((uint64_t)v[W_NVCSW], (uint64_t)v[W_NIVCSW], (uint64_t)v[W_OPS],
			      (uint64_t)v[W_ELAPSED], &r) ? NULL : json_fixed(r.total_s, 1));
	if (!b->hists)
		return w;
	timed = json_object_new_object();
	p99 = json_object_new_object();
	for (j = 0; j < b->nr_names; j++) {
		h = mt_hist_find(b->mt, b->names[j], (unsigned int)v[W_CPU]);
		add(timed, b->names[j], json_object_new_uint64(h->count));
		add(p99, b->names[j], json_ns(hist_percentile(h, 0.99, b->subtract)));
	}
	add(w, "timed_ops", timed);
	add(w, "p99_ns", p99);
	return w;
}


static struct json_object *point_json(const struct point_build *b,
				      const struct oracle_facts *facts,
				      unsigned int repeat, bool correct,
				      struct json_object *latency)
{
	const struct module_text *mt = b->mt;
	const char *rt_note = mt_str(mt->fields, "rt_note");
	struct json_object *p = json_object_new_object(), *workers, *offlined;
	long stalls = series_stalls(&b->series, NULL, 0);
	size_t i;

	add(p, "workload", json_object_new_string(facts->workload));
	add(p, "kind", json_object_new_string(mt_str(mt->fields, "kind")));
	add(p, "oracle_kind", json_object_new_string(facts->oracle_kind));
	add(p, "cpus", json_object_new_int64(b->v[P_NR_WORKERS]));
	add(p, "cpu_list", json_object_new_string(mt_str(mt->fields, "cpus")));
	add(p, "repeat", json_object_new_int64(repeat));
	add(p, "duration_ns", json_object_new_int64(b->v[P_ELAPSED]));
	add(p, "ops", json_object_new_int64(b->v[P_OPS]));
	add(p, "reads", json_object_new_int64(b->v[P_READS]));
	add(p, "writes", json_object_new_int64(b->v[P_WRITES]));
	add(p, "throughput_ops_s",
	    json_fixed((double)b->v[P_OPS] * 1e9 / (double)b->v[P_ELAPSED], 1));
	add(p, "failures", json_object_new_int64(b->v[P_FAILURES]));
	add(p, "retries", json_object_new_int64(b->v[P_RETRIES]));
	add(p, "max_inside", json_object_new_int64(b->v[P_MAX_INSIDE]));
	add(p, "events", json_object_new_int64(mt_count_or_zero(b->mt->fields, "events")));
	add(p, "spurious", json_object_new_int64(mt_count_or_zero(b->mt->fields, "spurious")));
	add(p, "violations", json_object_new_int64(b->v[P_VIOLATIONS]));
	add(p, "lost_updates", json_object_new_int64(b->v[P_LOST]));
	add(p, "oracle", json_object_new_string(result_oracle(facts)));
	add(p, "stopped_early", json_object_new_boolean(b->v[P_STOPPED] != 0));
	if (b->nr_offlined) {
		offlined = json_object_new_array();
		for (i = 0; i < b->nr_offlined; i++)
			json_object_array_add(offlined, json_object_new_int64(b->offlined[i]));
		add(p, "offlined_cpus", offlined);
	}
	if (rt_note)
		add(p, "rt_note", json_object_new_string(rt_note));
	add(p, "measure", json_object_new_string(mt_str(mt->fields, "measure")));
	add(p, "sample", json_object_new_int64(b->v[P_SAMPLE]));
	add(p, "clock", clock_new(b, correct));
	if (latency)
		add(p, "latency_ns", latency);
	add(p, "fairness", fairness_new(b));
	add(p, "sched", sched_new(b));
	add(p, "stalls", stalls >= 0 ? json_object_new_int64(stalls) : NULL);
	workers = json_object_new_array();
	for (i = 0; i < b->nr; i++)
		json_object_array_add(workers, worker_new(b, i));
	add(p, "workers", workers);
	add(p, "series", series_to_json(&b->series));
	return p;
}

int result_point_new(const struct module_text *mt, unsigned int repeat,
		     const struct result_point_opts *opts,
		     struct json_object **point, char *err, size_t errlen)
{
	struct point_build b = { .mt = mt };
	struct json_object *latency = NULL;
	struct oracle_facts facts;
	int ret = -1;

	*point = NULL;
	if (require_ints(mt->fields, point_keys, b.v, "results", err, errlen) ||
	    read_offlined(&b, err, errlen) || check_results_head(mt, b.v, err, errlen))
		return -1;
	b.latency = !strcmp(mt_str(mt->fields, "measure"), MEASURE_LATENCY_WORD);
	b.handoff = !strcmp(mt_str(mt->fields, "kind"), KIND_HANDOFF);
	b.subtract = opts->correct_clock ? (uint64_t)b.v[P_CLOCK_MIN] : 0;
	if (read_workers(&b, err, errlen) || read_hists(&b, err, errlen) ||
	    read_series(&b, err, errlen) ||
	    (b.hists && latency_new(&b, &latency, err, errlen)))
		goto out;
	facts = (struct oracle_facts) {
		.workload = mt_str(mt->fields, "workload"),
		.oracle_kind = mt_str(mt->fields, "oracle"),
		.cpus = (unsigned int)b.v[P_NR_WORKERS],
		.ops = b.v[P_OPS], .violations = b.v[P_VIOLATIONS],
		.lost_updates = b.v[P_LOST], .max_inside = b.v[P_MAX_INSIDE],
		.sem_count = b.v[P_SEM_COUNT],
	};
	*point = point_json(&b, &facts, repeat, opts->correct_clock, latency);
	ret = 0;
out:
	point_build_free(&b);
	return ret;
}

void result_add_point(struct json_object *doc, struct json_object *point)
{
	json_object_array_add(json_object_object_get(doc, "points"), point);
}

void result_add_skipped(struct json_object *doc, const char *workload,
			unsigned int cpus, unsigned int repeat,
			const char *reason)
{
	struct json_object *skipped = json_object_object_get(doc, "skipped");
	struct json_object *o = json_object_new_object();

	if (!skipped) {
		skipped = json_object_new_array();
		add(doc, "skipped", skipped);
	}
	add(o, "workload", json_object_new_string(workload));
	add(o, "cpus", json_object_new_int64(cpus));
	add(o, "repeat", json_object_new_int64(repeat));
	add(o, "reason", json_object_new_string(reason));
	json_object_array_add(skipped, o);
}

void result_set_interrupted(struct json_object *doc, bool interrupted)
{
	add(doc, "interrupted", json_object_new_boolean(interrupted));
}

void result_set_vm(struct json_object *doc, const struct result_vm *vm)
{
	struct json_object *o = json_object_new_object();

	add(o, "accel", json_object_new_string(vm->accel));
	add(o, "smp", json_object_new_int64(vm->smp));
	add(o, "memory_mb", json_object_new_int64(vm->memory_mb));
	add(o, "host_cpus", vm->host_cpus ? json_object_new_int64(vm->host_cpus) : NULL);
	add(o, "overcommitted", vm->host_cpus ? json_object_new_boolean(vm->smp > vm->host_cpus)
					       : NULL);
	add(o, "kernel_image", json_object_new_string(vm->kernel_image));
	add(o, "qemu_version", json_object_new_string(vm->qemu_version));
	add(o, "host_kernel_release", json_object_new_string(vm->host_kernel_release));
	add(o, "host_cpu_model", json_object_new_string(vm->host_cpu_model));
	add(o, "console_log", json_object_new_string(vm->console_log));
	add(o, "boot_s", vm->boot_s > 0 ? json_fixed(vm->boot_s, 2) : NULL);
	add(doc, "vm", o);
	result_set_string(doc, "host", "target", "vm");
}

void result_set_kernel(struct json_object *doc, const struct result_kernel *k)
{
	struct json_object *o = json_object_new_object();
	const char *extra = k->cmdline_extra ? k->cmdline_extra : "";
	char flavour[1024];

	snprintf(flavour, sizeof(flavour), "%s%s%s", k->params,
		 *k->params && *extra ? " " : "", extra);
	add(o, "spec", json_object_new_string(k->spec));
	add(o, "image", json_object_new_string(k->image));
	add(o, "params", json_object_new_string(k->params));
	add(o, "cmdline_extra", k->cmdline_extra ? json_object_new_string(extra) : NULL);
	add(o, "flavour", json_object_new_string(flavour));
	add(o, "debug", json_object_new_boolean(k->debug));
	add(doc, "kernel", o);
}

void result_set_string(struct json_object *doc, const char *object,
		       const char *key, const char *value)
{
	struct json_object *o = json_object_object_get(doc, object);

	if (o)
		add(o, key, json_object_new_string(value));
}

void result_set_suite(struct json_object *doc, const char *name, const char *path)
{
	struct json_object *params = json_object_object_get(doc, "params");
	struct json_object *suite = json_object_new_object();

	add(suite, "name", json_object_new_string(name));
	add(suite, "path", json_object_new_string(path));
	if (params)
		add(params, "suite", suite);
	else
		json_object_put(suite);
}

char *result_text(struct json_object *doc, bool compact, size_t *len)
{
	const char *text;
	char *data;

	text = json_object_to_json_string_ext(doc, (compact ? JSON_C_TO_STRING_PLAIN :
						    JSON_C_TO_STRING_PRETTY |
						    JSON_C_TO_STRING_SPACED) |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
	*len = strlen(text);
	data = malloc(*len + 2);
	if (!data)
		return NULL;
	memcpy(data, text, *len);
	data[(*len)++] = '\n';
	data[*len] = '\0';
	return data;
}

int result_write_ext(struct json_object *doc, const char *path, bool compact,
		     char *err, size_t errlen)
{
	size_t len;
	char *data = result_text(doc, compact, &len);
	int ret;

	if (!data) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	ret = fs_write_atomic(path, data, len, err, errlen);
	free(data);
	return ret;
}

int result_write(struct json_object *doc, const char *path,
		 char *err, size_t errlen)
{
	return result_write_ext(doc, path, false, err, errlen);
}

/* A member of the given type, or NULL. */
static struct json_object *member(struct json_object *obj, const char *key,
				  json_type type)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, type))
		return NULL;
	return v;
}

static int check_schema(struct json_object *doc, char *err, size_t errlen)
{
	struct json_object *schema = member(doc, "schema", json_type_string);
	const char *s = schema ? json_object_get_string(schema) : NULL;

	if (s && !strcmp(s, KSB_SCHEMA))
		return 0;
	/* any schema is named: an index is a schema too, just not a result's */
	if (s)
		snprintf(err, errlen, "schema '%.100s' is not supported (this ksbench %s reads "
			 "%s, and ksbench-index/1 naming such files)", s, KSB_VERSION, KSB_SCHEMA);
	else
		snprintf(err, errlen, "not a ksbench result (no \"schema\": \"%s\")",
			 KSB_SCHEMA);
	return -1;
}

/* A number member (integer or double), or NAN when missing or null. */
static double number_or_nan(struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) ||
	    !(json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double)))
		return NAN;
	return json_object_get_double(v);
}

/*
 * One latency_ns entry: its raw histogram reads back and holds count
 * samples, and min <= p50 <= ... <= p9999 <= max (all null when empty).
 */
static int check_latency_entry(struct json_object *e, const char *name, size_t idx,
			       char *err, size_t errlen)
{
	static const char *const order[] = {
		"min", "p50", "p90", "p99", "p999", "p9999", "max"
	};
	struct json_object *count = member(e, "count", json_type_int), *hj;
	double prev = -INFINITY, v;
	struct hist *h;
	char msg[256];
	size_t i;
	int ret = 0;

	if (!count || json_object_get_int64(count) < 0) {
		snprintf(err, errlen, "point %zu: latency %s has no count", idx, name);
		return -1;
	}
	for (i = 0; json_object_get_int64(count) && i < sizeof(order) / sizeof(order[0]); i++) {
		v = number_or_nan(e, order[i]);
		if (!(v >= prev)) {
			snprintf(err, errlen, "point %zu: latency %s: %s is %s the one before it",
				 idx, name, order[i], isnan(v) ? "missing, or not a number after" : "below");
			return -1;
		}
		prev = v;
	}
	hj = json_object_object_get(e, "hist");
	if (!hj)
		return 0;
	h = malloc(sizeof(*h));
	if (!h) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (hist_from_json(hj, h, msg, sizeof(msg))) {
		snprintf(err, errlen, "point %zu: latency %s: %s", idx, name, msg);
		ret = -1;
	} else if (h->count != (uint64_t)json_object_get_int64(count)) {
		snprintf(err, errlen, "point %zu: latency %s: count %" PRId64
			 " but the histogram holds %" PRIu64, idx, name,
			 json_object_get_int64(count), h->count);
		ret = -1;
	}
	free(h);
	return ret;
}

/* jain in [1/n, 1] for n workers. */
static int check_fairness(struct json_object *p, size_t nr_workers, size_t idx,
			  char *err, size_t errlen)
{
	struct json_object *f = member(p, "fairness", json_type_object);
	double jain;

	if (!f)
		return 0;
	jain = number_or_nan(f, "jain");
	/* over n of the workers (a handoff's consumers), or all of them */
	if (member(f, "n", json_type_int))
		nr_workers = (size_t)int_or(f, "n", 0);
	if (!nr_workers || !(jain >= 1.0 / (double)nr_workers && jain <= 1.0)) {
		snprintf(err, errlen, "point %zu: fairness.jain %g is outside [1/%zu, 1]",
			 idx, jain, nr_workers);
		return -1;
	}
	return 0;
}

/* Each worker's ticks sum to its ops. */
static int check_series(struct json_object *p, struct json_object *workers, size_t idx,
			char *err, size_t errlen)
{
	struct json_object *sj = json_object_object_get(p, "series");
	struct series s;
	char msg[256];
	unsigned int t, w;
	uint64_t sum;
	int ret = 0;

	if (!sj)
		return 0;
	if (series_from_json(sj, &s, msg, sizeof(msg))) {
		snprintf(err, errlen, "point %zu: %s", idx, msg);
		return -1;
	}
	if (s.nr_ticks && s.nr_workers != json_object_array_length(workers)) {
		snprintf(err, errlen, "point %zu: the series has %u workers, the point %zu",
			 idx, s.nr_workers, json_object_array_length(workers));
		ret = -1;
	}
	for (w = 0; !ret && s.nr_ticks && w < s.nr_workers; w++) {
		for (sum = 0, t = 0; t < s.nr_ticks; t++)
			sum += series_ops(&s, t, w);
		if (sum != (uint64_t)int_or(json_object_array_get_idx(workers, w), "ops", -1)) {
			snprintf(err, errlen, "point %zu: worker %u's ticks do not sum to its ops",
				 idx, w);
			ret = -1;
		}
	}
	series_free(&s);
	return ret;
}

/* The invariants of the keys issue #5 added, where a point has them. */
static int check_point_stats(struct json_object *p, struct json_object *workers,
			     size_t idx, char *err, size_t errlen)
{
	struct json_object *lat = json_object_object_get(p, "latency_ns");

	if (lat && !json_object_is_type(lat, json_type_object)) {
		snprintf(err, errlen, "point %zu: latency_ns is not an object", idx);
		return -1;
	}
	if (lat) {
		json_object_object_foreach(lat, name, e) {
			if (!json_object_is_type(e, json_type_object)) {
				snprintf(err, errlen, "point %zu: latency %s is not an object", idx, name);
				return -1;
			}
			if (check_latency_entry(e, name, idx, err, errlen))
				return -1;
		}
	}
	return check_fairness(p, json_object_array_length(workers), idx, err, errlen) ||
	       check_series(p, workers, idx, err, errlen) ? -1 : 0;
}

/* A summary entry's intervals are ordered (low <= high). */
static int check_summary(struct json_object *doc, char *err, size_t errlen)
{
	static const char *const intervals[] = { "ci95", "mean_ci95" };
	struct json_object *sum = json_object_object_get(doc, "summary"), *e, *ci;
	size_t i, k;

	if (!sum)
		return 0;
	if (!json_object_is_type(sum, json_type_array)) {
		snprintf(err, errlen, "summary is not an array");
		return -1;
	}
	for (i = 0; i < json_object_array_length(sum); i++) {
		e = json_object_array_get_idx(sum, i);
		for (k = 0; k < 2; k++) {
			ci = json_object_object_get(e, intervals[k]);
			if (ci && number_or_nan(ci, "low") > number_or_nan(ci, "high")) {
				snprintf(err, errlen, "summary %zu: %s.low is above its high",
					 i, intervals[k]);
				return -1;
			}
		}
	}
	return 0;
}

static int check_point(struct json_object *p, size_t idx, char *err, size_t errlen)
{
	static const char *const ints[] = {
		"cpus", "repeat", "duration_ns", "ops", "violations", "lost_updates"
	};
	struct json_object *workers, *ops, *reads, *writes;
	int64_t sum = 0;
	size_t i;

	if (!member(p, "workload", json_type_string) ||
	    !member(p, "oracle", json_type_string) ||
	    !(member(p, "throughput_ops_s", json_type_double) ||
	      member(p, "throughput_ops_s", json_type_int)))
		goto bad;
	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		if (!member(p, ints[i], json_type_int))
			goto bad;
	workers = member(p, "workers", json_type_array);
	if (!workers)
		goto bad;
	for (i = 0; i < json_object_array_length(workers); i++) {
		ops = member(json_object_array_get_idx(workers, i), "ops",
			     json_type_int);
		if (!ops)
			goto bad;
		if (__builtin_add_overflow(sum, json_object_get_int64(ops), &sum))
			break;
	}
	if (i < json_object_array_length(workers) ||
	    sum != json_object_get_int64(json_object_object_get(p, "ops"))) {
		snprintf(err, errlen, "point %zu: the workers' ops do not sum to its ops", idx);
		return -1;
	}
	/* Files written before reads and writes existed have neither. */
	reads = member(p, "reads", json_type_int);
	writes = member(p, "writes", json_type_int);
	if ((reads || writes) && (!reads || !writes))
		goto bad;
	if (reads && (__builtin_add_overflow(json_object_get_int64(reads),
					     json_object_get_int64(writes), &sum) ||
		      sum != json_object_get_int64(json_object_object_get(p, "ops")))) {
		snprintf(err, errlen, "point %zu: its reads and writes do not sum to its ops", idx);
		return -1;
	}
	return check_point_stats(p, workers, idx, err, errlen);
bad:
	snprintf(err, errlen, "point %zu lacks a field or has one of the wrong type", idx);
	return -1;
}

int result_validate(struct json_object *doc, char *err, size_t errlen)
{
	struct json_object *points, *host;
	size_t i;

	if (!json_object_is_type(doc, json_type_object)) {
		snprintf(err, errlen, "not a ksbench result (not a JSON object)");
		return -1;
	}
	if (check_schema(doc, err, errlen))
		return -1;
	host = member(doc, "host", json_type_object);
	points = member(doc, "points", json_type_array);
	if (!host || !member(host, "kernel_release", json_type_string) ||
	    !member(host, "target", json_type_string) || !points ||
	    !member(doc, "interrupted", json_type_boolean)) {
		snprintf(err, errlen, "incomplete: host, points or interrupted is missing");
		return -1;
	}
	for (i = 0; i < json_object_array_length(points); i++)
		if (check_point(json_object_array_get_idx(points, i), i, err, errlen))
			return -1;
	if (check_summary(doc, err, errlen))
		return -1;
	if (result_schema_check(doc, err, errlen))
		return -1;
	return boot_fields_check(doc, err, errlen);
}

static int parse_json(const char *data, size_t len, struct json_object **doc,
		      char *err, size_t errlen)
{
	struct json_tokener *tok = json_tokener_new();
	enum json_tokener_error jerr;
	size_t end;

	*doc = json_tokener_parse_ex(tok, data, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (!*doc && jerr == json_tokener_continue) {
		/* a literal or number that ends the file ("null"): the end ends it */
		*doc = json_tokener_parse_ex(tok, "", 1);
		jerr = json_tokener_get_error(tok);
		if (*doc || jerr == json_tokener_success)
			end = len;
		else
			jerr = json_tokener_continue;
	}
	json_tokener_free(tok);
	if (!*doc && jerr == json_tokener_continue) {
		snprintf(err, errlen, "truncated: the JSON ends early");
		return -1;
	}
	if (!*doc && jerr == json_tokener_success) {
		snprintf(err, errlen, "not a ksbench result (the document is null, not a JSON object)");
		return -1;
	}
	if (!*doc) {
		snprintf(err, errlen, "not valid JSON at byte %zu: %s", end,
			 json_tokener_error_desc(jerr));
		return -1;
	}
	while (end < len && isspace((unsigned char)data[end]))
		end++;
	if (end < len) {
		snprintf(err, errlen, "unexpected data after the JSON document at byte %zu", end);
		json_object_put(*doc);
		*doc = NULL;
		return -1;
	}
	return 0;
}

int result_parse(const char *data, size_t len, struct json_object **doc,
		 char *err, size_t errlen)
{
	int ret = parse_json(data, len, doc, err, errlen);

	if (!ret && result_validate(*doc, err, errlen)) {
		json_object_put(*doc);
		*doc = NULL;
		ret = -1;
	}
	return ret;
}

int result_load(const char *path, struct json_object **doc,
		char *err, size_t errlen)
{
	char msg[256];
	char *data;
	size_t len;
	int ret;

	*doc = NULL;
	if (fs_read_file(path, RESULT_FILE_MAX, &data, &len, err, errlen))
		return -1;
	ret = result_parse(data, len, doc, msg, sizeof(msg));
	free(data);
	if (ret) {
		snprintf(err, errlen, "%s: %s", path, msg);
		termsafe_line(err, errlen);	/* it may quote the file */
	}
	return ret;
}
