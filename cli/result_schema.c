// SPDX-License-Identifier: GPL-2.0
/*
 * The types and ranges of every member the read side uses (result_schema.h):
 * one table per object of docs/results-json.md, walked once at load time,
 * so that summary, report, compare, export and plot can trust what they
 * read. Members a table does not name are not checked (newer files may
 * carry more); a member it names must have one of its types, and a number
 * must be finite and within its range.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "boot_groups.h"
#include "result_schema.h"

enum {
	T_NULL = 1u << 0, T_BOOL = 1u << 1, T_INT = 1u << 2, T_DOUBLE = 1u << 3,
	T_STR = 1u << 4, T_ARR = 1u << 5, T_OBJ = 1u << 6,
};
#define T_NUM		(T_INT | T_DOUBLE)

/*
 * Counts, nanoseconds and other integers stay below 2^53: exact as doubles,
 * and sums of a few thousand of them cannot overflow an int64.
 */
#define COUNT_MAX	9007199254740992.0
#define CPUS_MAX	65536.0
#define REPEAT_MAX	2147483647.0
#define RATE_MAX	1e18
#define BOOT(k)		{ k, T_INT, 1, BOOT_ID_MAX, NULL }

struct rule {
	const char *key;		/* NULL ends a table; "*" every member */
	unsigned int types;
	double min, max;		/* a number's range, inclusive */
	const struct rule *sub;		/* an object's members, an array's element */
};

#define END		{ NULL, 0, 0, 0, NULL }
#define COUNT(k)	{ k, T_INT, 0, COUNT_MAX, NULL }
#define COUNT_OR_NULL(k) { k, T_INT | T_NULL, 0, COUNT_MAX, NULL }
#define REAL(k, lo, hi)	{ k, T_NUM | T_NULL, lo, hi, NULL }
#define STR(k)		{ k, T_STR, 0, 0, NULL }
#define STR_OR_NULL(k)	{ k, T_STR | T_NULL, 0, 0, NULL }
#define BOOL(k)		{ k, T_BOOL, 0, 0, NULL }
#define BOOL_OR_NULL(k)	{ k, T_BOOL | T_NULL, 0, 0, NULL }
#define OBJ(k, sub)	{ k, T_OBJ, 0, 0, sub }
#define ARR(k, elem)	{ k, T_ARR, 0, 0, elem }

static const struct rule cpu_elem[] = { { "", T_INT, 0, CPUS_MAX - 1, NULL }, END };
static const struct rule cpus_elem[] = { { "", T_INT, 1, CPUS_MAX, NULL }, END };
static const struct rule repeat_elem[] = { { "", T_INT, 0, REPEAT_MAX, NULL }, END };
static const struct rule str_elem[] = { STR(""), END };

static const struct rule latency_entry[] = {
	COUNT("count"), REAL("min", -COUNT_MAX, COUNT_MAX), REAL("p50", -COUNT_MAX, COUNT_MAX),
	REAL("p90", -COUNT_MAX, COUNT_MAX), REAL("p99", -COUNT_MAX, COUNT_MAX),
	REAL("p999", -COUNT_MAX, COUNT_MAX), REAL("p9999", -COUNT_MAX, COUNT_MAX),
	REAL("max", -COUNT_MAX, COUNT_MAX), REAL("mean", -COUNT_MAX, COUNT_MAX),
	REAL("stddev", 0, COUNT_MAX), { "hist", T_OBJ, 0, 0, NULL }, END
};
static const struct rule latency[] = { OBJ("*", latency_entry), END };

static const struct rule clock_rules[] = {
	STR("name"), COUNT("cost_min_ns"), COUNT("cost_median_ns"), COUNT("resolution_ns"),
	COUNT("subtracted_ns"), BOOL("corrected"), END
};

static const struct rule fairness_rules[] = {
	REAL("jain", 0, 1), REAL("cv", 0, COUNT_MAX), REAL("min_share", 0, 1),
	REAL("max_share", 0, 1), REAL("min_max_ratio", 0, COUNT_MAX),
	{ "n", T_INT, 1, CPUS_MAX, NULL }, { "nr_starved", T_INT, 0, CPUS_MAX, NULL },
	STR("of"), BOOL("starved"), REAL("starved_fraction", 0, 1), END
};

static const struct rule sched_rules[] = {
	REAL("csw_per_s", 0, RATE_MAX), REAL("voluntary_csw_per_s", 0, RATE_MAX),
	REAL("run_fraction", 0, COUNT_MAX), COUNT("nvcsw"), COUNT("nivcsw"), END
};

static const struct rule timed_ops[] = { COUNT("*"), END };
static const struct rule p99_ns[] = { REAL("*", -COUNT_MAX, COUNT_MAX), END };

static const struct rule worker_rules[] = {
	{ "cpu", T_INT, 0, CPUS_MAX - 1, NULL }, COUNT("ops"), COUNT("reads"),
	COUNT("duration_ns"), COUNT("events"), COUNT("failures"), COUNT("retries"),
	COUNT("max_inside"), COUNT("violations"), COUNT("nvcsw"), COUNT("nivcsw"),
	COUNT("runtime_ns"), REAL("share", 0, 1), REAL("csw_per_s", 0, RATE_MAX),
	REAL("run_fraction", 0, COUNT_MAX), OBJ("timed_ops", timed_ops),
	OBJ("p99_ns", p99_ns), END
};
static const struct rule worker_elem[] = { OBJ("", worker_rules), END };

static const struct rule point_rules[] = {
	STR("workload"), STR("kind"), STR("oracle_kind"), STR("oracle"), STR("cpu_list"),
	STR("measure"), STR("rt_note"),
	{ "cpus", T_INT, 1, CPUS_MAX, NULL }, { "repeat", T_INT, 0, REPEAT_MAX, NULL },
	BOOT("boot"), COUNT("duration_ns"), COUNT("ops"), COUNT("reads"), COUNT("writes"),
	{ "throughput_ops_s", T_NUM, 0, RATE_MAX, NULL }, COUNT("failures"), COUNT("retries"),
	COUNT("max_inside"), COUNT("events"), COUNT("spurious"), COUNT("violations"),
	COUNT("lost_updates"), COUNT_OR_NULL("stalls"), BOOL("stopped_early"),
	{ "sample", T_INT, 0, COUNT_MAX, NULL }, OBJ("clock", clock_rules),
	OBJ("latency_ns", latency), OBJ("fairness", fairness_rules), OBJ("sched", sched_rules),
	ARR("workers", worker_elem), ARR("offlined_cpus", cpu_elem),
	{ "series", T_OBJ, 0, 0, NULL }, END
};
static const struct rule point_elem[] = { OBJ("", point_rules), END };

static const struct rule skipped_rules[] = {
	STR("workload"), STR_OR_NULL("reason"), { "cpus", T_INT, 1, CPUS_MAX, NULL },
	{ "repeat", T_INT, 0, REPEAT_MAX, NULL }, BOOT("boot"), END
};
static const struct rule skipped_elem[] = { OBJ("", skipped_rules), END };

static const struct rule interval_rules[] = {
	REAL("low", -RATE_MAX, RATE_MAX), REAL("high", -RATE_MAX, RATE_MAX), STR("method"),
	COUNT("resamples"), END
};

static const struct rule boot_median_rules[] = {
	{ "boot", T_INT, 0, BOOT_ID_MAX, NULL }, { "n", T_INT, 1, REPEAT_MAX, NULL },
	REAL("median", 0, RATE_MAX), END
};
static const struct rule boot_median_elem[] = { OBJ("", boot_median_rules), END };

static const struct rule summary_rules[] = {
	STR("workload"), STR("kind"), STR("measure"), STR("metric"),
	{ "cpus", T_INT, 1, CPUS_MAX, NULL }, { "n", T_INT, 0, REPEAT_MAX, NULL },
	ARR("repeats", repeat_elem), ARR("outliers", repeat_elem),
	REAL("median", 0, RATE_MAX), REAL("mean", 0, RATE_MAX), REAL("stddev", 0, RATE_MAX),
	REAL("cv", 0, COUNT_MAX), REAL("min", 0, RATE_MAX), REAL("max", 0, RATE_MAX),
	{ "ci95", T_OBJ | T_NULL, 0, 0, interval_rules },
	{ "mean_ci95", T_OBJ | T_NULL, 0, 0, interval_rules }, BOOL("noisy"),
	COUNT("clock_subtracted_ns"), OBJ("latency_ns", latency), BOOT("boots"),
	ARR("boot_medians", boot_median_elem), END
};
static const struct rule summary_elem[] = { OBJ("", summary_rules), END };

static const struct rule flag_rules[] = {
	STR_OR_NULL("preempt_config"), STR_OR_NULL("preempt_live"),
	{ "hz", T_INT | T_NULL, 0, COUNT_MAX, NULL },
	{ "nr_cpus", T_INT | T_NULL, 0, CPUS_MAX, NULL }, STR_OR_NULL("spin_slowpath"),
	BOOL_OR_NULL("*"), END
};

static const struct rule clock_check_rules[] = {
	STR("clock"), COUNT_OR_NULL("duration_ns"), { "cpus", T_INT | T_NULL, 0, CPUS_MAX, NULL },
	COUNT_OR_NULL("reads"), COUNT_OR_NULL("handovers"), COUNT_OR_NULL("backward_steps"),
	COUNT_OR_NULL("max_backward_ns"), END
};

static const struct rule host_rules[] = {
	STR("target"), STR("kernel_release"), STR_OR_NULL("kernel_version"),
	STR_OR_NULL("cpu_model"), STR_OR_NULL("cmdline"), STR_OR_NULL("clocksource"),
	BOOL_OR_NULL("debug"), BOOL_OR_NULL("virtualized"),
	{ "online_cpus", T_INT | T_NULL, 0, CPUS_MAX, NULL }, OBJ("kernel_flags", flag_rules),
	{ "clock_check", T_OBJ | T_NULL, 0, 0, clock_check_rules }, END
};

static const struct rule suite_rules[] = { STR_OR_NULL("name"), STR_OR_NULL("path"), END };

static const struct rule params_rules[] = {
	ARR("workloads", str_elem), ARR("cpus", cpus_elem),
	{ "repeat", T_INT, 0, REPEAT_MAX, NULL }, REAL("max_cv", 0, COUNT_MAX),
	BOOL("shuffle"), BOOL("correct_clock"), OBJ("suite", suite_rules), BOOT("boots"), END
};

/* One boot of --boots=N (boot_merge.h). */
static const struct rule boot_rules[] = {
	BOOT("boot"), STR_OR_NULL("started"), REAL("seconds", 0, COUNT_MAX),
	STR_OR_NULL("console_log"), { "exit_status", T_INT, -1, 255, NULL },
	BOOL("interrupted"), BOOL("kept"), COUNT("points"), STR_OR_NULL("problem"),
	STR_OR_NULL("created"), STR_OR_NULL("clocksource"), STR_OR_NULL("spin_slowpath"),
	COUNT("failed_boots"), END
};
static const struct rule boot_elem[] = { OBJ("", boot_rules), END };

/* A boot retried because its kernel failed before ksbench's init (run_vm.h). */
static const struct rule failed_boot_rules[] = {
	STR("error"), STR_OR_NULL("console_log"), END
};
static const struct rule failed_boot_elem[] = { OBJ("", failed_boot_rules), END };

static const struct rule vm_rules[] = {
	STR_OR_NULL("accel"), { "smp", T_INT | T_NULL, 0, CPUS_MAX, NULL },
	{ "memory_mb", T_INT | T_NULL, 0, COUNT_MAX, NULL },
	{ "host_cpus", T_INT | T_NULL, 0, CPUS_MAX, NULL }, STR_OR_NULL("kernel_image"),
	STR_OR_NULL("qemu_version"), STR_OR_NULL("host_kernel_release"),
	STR_OR_NULL("host_cpu_model"), STR_OR_NULL("console_log"),
	BOOL_OR_NULL("overcommitted"), STR_OR_NULL("cpu"), STR_OR_NULL("cpu_reason"),
	BOOL_OR_NULL("hypervisor_bit"), STR_OR_NULL("clock_params"), STR_OR_NULL("clock_reason"),
	REAL("host_others_cpus", 0, CPUS_MAX), REAL("boot_s", 0, COUNT_MAX),
	ARR("failed_boots", failed_boot_elem), END
};

static const struct rule kernel_rules[] = {
	STR_OR_NULL("spec"), STR_OR_NULL("image"), STR_OR_NULL("params"),
	STR_OR_NULL("cmdline_extra"), STR_OR_NULL("flavour"), BOOL_OR_NULL("debug"), END
};

static const struct rule tool_rules[] = {
	STR_OR_NULL("version"), STR_OR_NULL("command"), STR_OR_NULL("module_version"), END
};

static const struct rule doc_rules[] = {
	STR("schema"), STR_OR_NULL("created"), BOOL("interrupted"), OBJ("host", host_rules),
	OBJ("params", params_rules), ARR("points", point_elem), ARR("skipped", skipped_elem),
	ARR("summary", summary_elem), OBJ("vm", vm_rules), OBJ("kernel", kernel_rules),
	OBJ("tool", tool_rules), ARR("boots", boot_elem), END
};

static const char *type_name(struct json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null:	return "null";
	case json_type_boolean:	return "a boolean";
	case json_type_int:	return "an integer";
	case json_type_double:	return "a number";
	case json_type_string:	return "a string";
	case json_type_array:	return "an array";
	case json_type_object:	return "an object";
	}
	return "a value";
}

static const char *wanted_name(unsigned int types)
{
	if (types & T_OBJ)
		return "an object";
	if (types & T_ARR)
		return "an array";
	if (types & T_STR)
		return "a string";
	if (types & T_BOOL)
		return "a boolean";
	if (types & T_DOUBLE)
		return "a number";
	return "an integer";
}

static unsigned int type_bit(struct json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null:	return T_NULL;
	case json_type_boolean:	return T_BOOL;
	case json_type_int:	return T_INT;
	case json_type_double:	return T_DOUBLE;
	case json_type_string:	return T_STR;
	case json_type_array:	return T_ARR;
	case json_type_object:	return T_OBJ;
	}
	return 0;
}

static int check_value(struct json_object *v, const struct rule *r, const char *where,
		       char *err, size_t errlen);

/* An integer beyond int64 (json-c keeps it as uint64) reads as its double. */
static double number_of(struct json_object *v)
{
	return json_object_get_double(v);
}

static int check_number(struct json_object *v, const struct rule *r, const char *where,
			char *err, size_t errlen)
{
	double d = number_of(v);

	if (!isfinite(d)) {
		snprintf(err, errlen, "not a valid ksbench result: %s, not a finite number, at %s",
			 json_object_to_json_string(v), where);
		return -1;
	}
	if (d < r->min || d > r->max ||
	    (json_object_is_type(v, json_type_int) && json_object_get_int64(v) == INT64_MAX)) {
		snprintf(err, errlen, "not a valid ksbench result: %.6g is out of range"
			 " (%.6g to %.6g) at %s", d, r->min, r->max, where);
		return -1;
	}
	return 0;
}

/* "*" is every member the table does not name. */
static bool named(const struct rule *rules, const char *key)
{
	for (; rules->key; rules++)
		if (!strcmp(rules->key, key))
			return true;
	return false;
}

static int check_members(struct json_object *obj, const struct rule *rules, const char *where,
			 char *err, size_t errlen)
{
	const struct rule *r;
	struct json_object *v;
	char sub[256];

	for (r = rules; r->key; r++) {
		if (strcmp(r->key, "*")) {
			if (!json_object_object_get_ex(obj, r->key, &v))
				continue;
			snprintf(sub, sizeof(sub), "%s%s%s", where, *where ? "." : "", r->key);
			if (check_value(v, r, sub, err, errlen))
				return -1;
			continue;
		}
		json_object_object_foreach(obj, key, val) {
			if (named(rules, key))
				continue;
			snprintf(sub, sizeof(sub), "%s.%.64s", where, key);
			if (check_value(val, r, sub, err, errlen))
				return -1;
		}
	}
	return 0;
}

static int check_value(struct json_object *v, const struct rule *r, const char *where,
		       char *err, size_t errlen)
{
	unsigned int bit = type_bit(v);
	char sub[256];
	size_t i;

	if (!(bit & r->types)) {
		snprintf(err, errlen, "not a valid ksbench result: %s where %s belongs at %s",
			 type_name(v), wanted_name(r->types), where);
		return -1;
	}
	if (bit & (T_INT | T_DOUBLE))
		return check_number(v, r, where, err, errlen);
	if (bit == T_OBJ && r->sub)
		return check_members(v, r->sub, where, err, errlen);
	if (bit == T_ARR && r->sub) {
		for (i = 0; i < json_object_array_length(v); i++) {
			snprintf(sub, sizeof(sub), "%s[%zu]", where, i);
			if (check_value(json_object_array_get_idx(v, i), r->sub, sub, err, errlen))
				return -1;
		}
	}
	return 0;
}

int result_schema_check(struct json_object *doc, char *err, size_t errlen)
{
	static const struct rule top = OBJ("", doc_rules);

	return check_value(doc, &top, "", err, errlen);
}
