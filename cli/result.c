// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "fsutil.h"
#include "knobs.h"
#include "module_text.h"
#include "result.h"
#include "sysinfo.h"
#include "version.h"

#define SCHEMA_PREFIX	"ksbench-result/"
#define RESULT_FILE_MAX	(256u << 20)

#define add(obj, key, val)	json_object_object_add(obj, key, val)

/* A double printed with a fixed number of decimals, not %.17g noise. */
static struct json_object *json_fixed(double v, int decimals)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
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

static struct json_object *kernel_flags_new(const struct host_facts *host,
					    const struct module_text *info)
{
	struct json_object *flags = json_object_new_object();
	const char *config = mt_str(info->fields, "preempt_config");

	add(flags, "preempt_config", json_str_or_null(config));
	add(flags, "preempt_live", json_str_or_null(preempt_live(host, config)));
	add(flags, "preempt_rt", info_bool(info, "preempt_rt"));
	add(flags, "lockdep", info_bool(info, "lockdep"));
	add(flags, "debug_atomic_sleep", info_bool(info, "debug_atomic_sleep"));
	add(flags, "hz", info_int(info, "hz"));
	return flags;
}

struct json_object *result_host_new(const char *target,
				    const struct host_facts *host,
				    const struct module_text *info)
{
	struct json_object *h = json_object_new_object();

	add(h, "target", json_object_new_string(target));
	add(h, "kernel_release", json_object_new_string(host->kernel_release));
	add(h, "kernel_version", json_object_new_string(host->kernel_version));
	add(h, "kernel_flags", kernel_flags_new(host, info));
	add(h, "cpu_model", json_object_new_string(host->cpu_model));
	add(h, "online_cpus", json_object_new_int64(host->online_cpus));
	add(h, "virtualized", json_object_new_boolean(host->virtualized));
	return h;
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

enum { W_CPU, W_OPS, W_ELAPSED, W_VIOLATIONS, W_READS, W_FAILURES, W_RETRIES,
       W_MAX_INSIDE, NR_WORKER_KEYS };
static const char *const worker_keys[NR_WORKER_KEYS + 1] = {
	"cpu", "ops", "elapsed_ns", "violations", "reads", "failures", "retries",
	"max_inside", NULL
};

/* What the workers add up to, checked against the point's totals. */
struct worker_sums {
	int64_t ops, reads, failures, retries, max_inside;
};

/* The workers array of a point, and their sums. */
static int workers_new(const struct module_text *mt, int64_t total_ops,
		       struct json_object **workers, struct worker_sums *sum,
		       char *err, size_t errlen)
{
	size_t i, n = json_object_array_length(mt->workers);
	int64_t v[NR_WORKER_KEYS];
	struct json_object *w;
	char where[48];

	*workers = json_object_new_array();
	*sum = (struct worker_sums) { 0 };
	for (i = 0; i < n; i++) {
		snprintf(where, sizeof(where), "results: worker %zu", i);
		if (require_ints(json_object_array_get_idx(mt->workers, i),
				 worker_keys, v, where, err, errlen)) {
			json_object_put(*workers);
			return -1;
		}
		w = json_object_new_object();
		add(w, "cpu", json_object_new_int64(v[W_CPU]));
		add(w, "ops", json_object_new_int64(v[W_OPS]));
		add(w, "reads", json_object_new_int64(v[W_READS]));
		add(w, "share", json_fixed(total_ops ? (double)v[W_OPS] / (double)total_ops : 0, 4));
		add(w, "duration_ns", json_object_new_int64(v[W_ELAPSED]));
		add(w, "violations", json_object_new_int64(v[W_VIOLATIONS]));
		add(w, "failures", json_object_new_int64(v[W_FAILURES]));
		add(w, "retries", json_object_new_int64(v[W_RETRIES]));
		add(w, "max_inside", json_object_new_int64(v[W_MAX_INSIDE]));
		json_object_array_add(*workers, w);
		sum->ops += v[W_OPS];
		sum->reads += v[W_READS];
		sum->failures += v[W_FAILURES];
		sum->retries += v[W_RETRIES];
		if (v[W_MAX_INSIDE] > sum->max_inside)
			sum->max_inside = v[W_MAX_INSIDE];
	}
	return 0;
}

enum { P_NR_WORKERS, P_ELAPSED, P_OPS, P_READS, P_WRITES, P_FAILURES, P_RETRIES,
       P_MAX_INSIDE, P_VIOLATIONS, P_LOST, P_STOPPED, P_SEM_COUNT, NR_POINT_KEYS };
static const char *const point_keys[NR_POINT_KEYS + 1] = {
	"nr_workers", "elapsed_ns", "ops", "reads", "writes", "failures", "retries",
	"max_inside", "violations", "lost_updates", "stopped_early", "sem_count", NULL
};

static int check_results_head(const struct module_text *mt, const int64_t *v,
			      char *err, size_t errlen)
{
	const char *state = mt_str(mt->fields, "state");

	if (!state || strcmp(state, "done")) {
		snprintf(err, errlen, "results: state is '%s', not 'done'",
			 state ? state : "(missing)");
		return -1;
	}
	if (!mt_str(mt->fields, "workload") || !mt_str(mt->fields, "cpus") ||
	    !mt_str(mt->fields, "kind") || !mt_str(mt->fields, "oracle")) {
		snprintf(err, errlen, "results: 'workload', 'kind', 'cpus' or 'oracle' is missing");
		return -1;
	}
	if (v[P_ELAPSED] <= 0 || v[P_OPS] < 0 || v[P_NR_WORKERS] < 1) {
		snprintf(err, errlen, "results: elapsed_ns %" PRId64 ", ops %" PRId64
			 ", nr_workers %" PRId64 " make no sense",
			 v[P_ELAPSED], v[P_OPS], v[P_NR_WORKERS]);
		return -1;
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

int result_point_new(const struct module_text *mt, unsigned int repeat,
		     struct json_object **point, char *err, size_t errlen)
{
	struct json_object *p, *workers;
	int64_t v[NR_POINT_KEYS];
	struct worker_sums sum;
	struct oracle_facts facts;
	const char *rt_note;

	if (require_ints(mt->fields, point_keys, v, "results", err, errlen) ||
	    check_results_head(mt, v, err, errlen) ||
	    workers_new(mt, v[P_OPS], &workers, &sum, err, errlen))
		return -1;
	if (check_sums(v, &sum, err, errlen)) {
		json_object_put(workers);
		return -1;
	}
	facts = (struct oracle_facts) {
		.workload = mt_str(mt->fields, "workload"),
		.oracle_kind = mt_str(mt->fields, "oracle"),
		.cpus = (unsigned int)v[P_NR_WORKERS],
		.ops = v[P_OPS], .violations = v[P_VIOLATIONS],
		.lost_updates = v[P_LOST], .max_inside = v[P_MAX_INSIDE],
		.sem_count = v[P_SEM_COUNT],
	};
	rt_note = mt_str(mt->fields, "rt_note");
	p = json_object_new_object();
	add(p, "workload", json_object_new_string(facts.workload));
	add(p, "kind", json_object_new_string(mt_str(mt->fields, "kind")));
	add(p, "oracle_kind", json_object_new_string(facts.oracle_kind));
	add(p, "cpus", json_object_new_int64(v[P_NR_WORKERS]));
	add(p, "cpu_list", json_object_new_string(mt_str(mt->fields, "cpus")));
	add(p, "repeat", json_object_new_int64(repeat));
	add(p, "duration_ns", json_object_new_int64(v[P_ELAPSED]));
	add(p, "ops", json_object_new_int64(v[P_OPS]));
	add(p, "reads", json_object_new_int64(v[P_READS]));
	add(p, "writes", json_object_new_int64(v[P_WRITES]));
	add(p, "throughput_ops_s",
	    json_fixed((double)v[P_OPS] * 1e9 / (double)v[P_ELAPSED], 1));
	add(p, "failures", json_object_new_int64(v[P_FAILURES]));
	add(p, "retries", json_object_new_int64(v[P_RETRIES]));
	add(p, "max_inside", json_object_new_int64(v[P_MAX_INSIDE]));
	add(p, "violations", json_object_new_int64(v[P_VIOLATIONS]));
	add(p, "lost_updates", json_object_new_int64(v[P_LOST]));
	add(p, "oracle", json_object_new_string(result_oracle(&facts)));
	add(p, "stopped_early", json_object_new_boolean(v[P_STOPPED] != 0));
	if (rt_note)
		add(p, "rt_note", json_object_new_string(rt_note));
	add(p, "workers", workers);
	*point = p;
	return 0;
}

void result_add_point(struct json_object *doc, struct json_object *point)
{
	json_object_array_add(json_object_object_get(doc, "points"), point);
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
	add(o, "kernel_image", json_object_new_string(vm->kernel_image));
	add(o, "qemu_version", json_object_new_string(vm->qemu_version));
	add(o, "host_kernel_release", json_object_new_string(vm->host_kernel_release));
	add(o, "host_cpu_model", json_object_new_string(vm->host_cpu_model));
	add(o, "console_log", json_object_new_string(vm->console_log));
	add(doc, "vm", o);
	result_set_string(doc, "host", "target", "vm");
}

void result_set_string(struct json_object *doc, const char *object,
		       const char *key, const char *value)
{
	struct json_object *o = json_object_object_get(doc, object);

	if (o)
		add(o, key, json_object_new_string(value));
}

int result_write(struct json_object *doc, const char *path,
		 char *err, size_t errlen)
{
	const char *text;
	char *data;
	size_t len;
	int ret;

	text = json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
					      JSON_C_TO_STRING_SPACED |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
	len = strlen(text);
	data = malloc(len + 2);
	if (!data) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	memcpy(data, text, len);
	data[len++] = '\n';
	ret = fs_write_atomic(path, data, len, err, errlen);
	free(data);
	return ret;
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
	if (s && !strncmp(s, SCHEMA_PREFIX, strlen(SCHEMA_PREFIX)))
		snprintf(err, errlen, "schema '%s' is not supported (this ksbench %s reads %s)",
			 s, KSB_VERSION, KSB_SCHEMA);
	else
		snprintf(err, errlen, "not a ksbench result (no \"schema\": \"%s\")",
			 KSB_SCHEMA);
	return -1;
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
		sum += json_object_get_int64(ops);
	}
	if (sum != json_object_get_int64(json_object_object_get(p, "ops"))) {
		snprintf(err, errlen, "point %zu: the workers' ops do not sum to its ops", idx);
		return -1;
	}
	/* Files written before reads and writes existed have neither. */
	reads = member(p, "reads", json_type_int);
	writes = member(p, "writes", json_type_int);
	if ((reads || writes) && (!reads || !writes))
		goto bad;
	if (reads && json_object_get_int64(reads) + json_object_get_int64(writes) !=
	    json_object_get_int64(json_object_object_get(p, "ops"))) {
		snprintf(err, errlen, "point %zu: its reads and writes do not sum to its ops", idx);
		return -1;
	}
	return 0;
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
	return 0;
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
	json_tokener_free(tok);
	if (!*doc && jerr == json_tokener_continue) {
		snprintf(err, errlen, "truncated: the JSON ends early");
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
	ret = parse_json(data, len, doc, msg, sizeof(msg));
	free(data);
	if (!ret && result_validate(*doc, msg, sizeof(msg))) {
		json_object_put(*doc);
		*doc = NULL;
		ret = -1;
	}
	if (ret)
		snprintf(err, errlen, "%s: %s", path, msg);
	return ret;
}
