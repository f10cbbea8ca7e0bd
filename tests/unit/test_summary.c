// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "hist.h"
#include "module_text.h"
#include "result.h"
#include "point.h"
#include "samples.h"
#include "summary.h"

static char err[512];

static struct json_object *point(const char *workload, int cpus, int repeat, double ops_s)
{
	return test_point(workload, "lock", cpus, repeat, ops_s);
}

static struct json_object *doc_new(const char *workloads_json)
{
	struct json_object *doc = json_tokener_parse(
		"{ \"schema\": \"ksbench-result/1\", \"interrupted\": false, "
		"\"host\": { \"target\": \"host\", \"kernel_release\": \"6.1.0\" }, "
		"\"points\": [] }");
	struct json_object *params = json_object_new_object();

	json_object_object_add(params, "workloads", json_tokener_parse(workloads_json));
	json_object_object_add(doc, "params", params);
	return doc;
}

static void add_point(struct json_object *doc, struct json_object *p)
{
	json_object_array_add(json_object_object_get(doc, "points"), p);
}

static struct json_object *get(struct json_object *obj, const char *key)
{
	return json_object_object_get(obj, key);
}

static double num(struct json_object *obj, const char *key)
{
	struct json_object *v = get(obj, key);

	assert_non_null(v);
	return json_object_get_double(v);
}

/* The entry of (workload, cpus), checked to be there once. */
static struct json_object *entry(struct json_object *sum, const char *workload, int cpus)
{
	struct json_object *e, *found = NULL;
	size_t i;

	for (i = 0; i < json_object_array_length(sum); i++) {
		e = json_object_array_get_idx(sum, i);
		if (!strcmp(json_object_get_string(get(e, "workload")), workload) &&
		    json_object_get_int(get(e, "cpus")) == cpus) {
			assert_null(found);
			found = e;
		}
	}
	assert_non_null(found);
	return found;
}

/*
 * Five repeats, one far off: median 11, mean 14.8, s = sqrt(72.7); the
 * 30 is the outlier (modified Z = 0.6745 * 19 / 1 = 12.8), by its repeat
 * number although the points are not in repeat order.
 */
static void test_five_repeats(void **state)
{
	static const double v[] = { 10, 12, 11, 30, 11 };
	static const int order[] = { 3, 0, 4, 1, 2 };
	struct json_object *doc = doc_new("[ \"spinlock\" ]"), *sum, *e, *ci;
	double sd = sqrt(72.7), t = 2.7764451051977987;
	size_t i;

	(void)state;
	for (i = 0; i < 5; i++)
		add_point(doc, point("spinlock", 2, order[i], v[order[i]]));
	assert_int_equal(summary_set(doc, 0.05, err, sizeof(err)), 0);
	assert_int_equal(result_validate(doc, err, sizeof(err)), 0);
	sum = get(doc, "summary");
	assert_int_equal(json_object_array_length(sum), 1);
	e = entry(sum, "spinlock", 2);
	assert_string_equal(json_object_get_string(get(e, "metric")), "throughput_ops_s");
	assert_int_equal(json_object_get_int(get(e, "n")), 5);
	assert_string_equal(json_object_to_json_string(get(e, "repeats")), "[ 0, 1, 2, 3, 4 ]");
	assert_float_equal(num(e, "median"), 11, 0);
	assert_float_equal(num(e, "mean"), 14.8, 1e-12);
	assert_float_equal(num(e, "stddev"), sd, 1e-12);
	assert_float_equal(num(e, "cv"), sd / 14.8, 1e-12);
	assert_float_equal(num(e, "min"), 10, 0);
	assert_float_equal(num(e, "max"), 30, 0);
	assert_string_equal(json_object_to_json_string(get(e, "outliers")), "[ 3 ]");
	assert_true(json_object_get_boolean(get(e, "noisy")));
	/* Student's t with 4 degrees of freedom */
	ci = get(e, "mean_ci95");
	assert_string_equal(json_object_get_string(get(ci, "method")), "student-t");
	assert_float_equal(num(ci, "low"), 14.8 - t * sd / sqrt(5), 1e-9);
	assert_float_equal(num(ci, "high"), 14.8 + t * sd / sqrt(5), 1e-9);
	/* the bootstrap interval of the median holds the median, within the sample */
	ci = get(e, "ci95");
	assert_string_equal(json_object_get_string(get(ci, "method")), "bootstrap-median");
	assert_int_equal(json_object_get_int(get(ci, "resamples")), 2000);
	assert_true(num(ci, "low") >= 10 && num(ci, "low") <= 11);
	assert_true(num(ci, "high") >= 11 && num(ci, "high") <= 30);
	/* not latency mode: no latency keys */
	assert_null(get(e, "latency_ns"));
	json_object_put(doc);
}

/* Few repeats: no interval below 3, no spread below 2. */
static void test_few_repeats(void **state)
{
	struct json_object *doc = doc_new("[ \"a\" ]"), *sum, *e, *ci;

	(void)state;
	add_point(doc, point("a", 1, 0, 100));
	add_point(doc, point("a", 1, 1, 104));
	add_point(doc, point("a", 2, 0, 50));
	sum = summary_new(doc, 0.05, err, sizeof(err));
	assert_non_null(sum);
	e = entry(sum, "a", 1);
	assert_int_equal(json_object_get_int(get(e, "n")), 2);
	assert_float_equal(num(e, "median"), 102, 0);
	assert_float_equal(num(e, "stddev"), sqrt(8), 1e-12);
	ci = get(e, "ci95");
	assert_string_equal(json_object_get_string(get(ci, "method")), "none (n<3)");
	assert_true(json_object_object_get_ex(ci, "low", NULL));
	assert_null(get(ci, "low"));
	assert_null(get(ci, "high"));
	assert_string_equal(json_object_get_string(get(get(e, "mean_ci95"), "method")), "none (n<3)");
	/* CV 2.8%: not noisy at 5%, noisy at 2% */
	assert_false(json_object_get_boolean(get(e, "noisy")));
	e = entry(sum, "a", 2);
	assert_int_equal(json_object_get_int(get(e, "n")), 1);
	assert_null(get(e, "stddev"));
	assert_null(get(e, "cv"));
	assert_false(json_object_get_boolean(get(e, "noisy")));
	assert_string_equal(json_object_to_json_string(get(e, "outliers")), "[ ]");
	json_object_put(sum);
	sum = summary_new(doc, 0.02, err, sizeof(err));
	assert_true(json_object_get_boolean(get(entry(sum, "a", 1), "noisy")));
	json_object_put(sum);
	json_object_put(doc);
}

/* Entries follow params.workloads, then CPU counts up, whatever ran first. */
static void test_entry_order(void **state)
{
	static const char *const want[] = { "b/1", "b/4", "a/1", "c/2" };
	struct json_object *doc = doc_new("[ \"b\", \"a\" ]"), *sum, *e;
	char name[32];
	size_t i;

	(void)state;
	add_point(doc, point("a", 1, 0, 1));
	add_point(doc, point("c", 2, 0, 1));
	add_point(doc, point("b", 4, 0, 1));
	add_point(doc, point("b", 1, 0, 1));
	sum = summary_new(doc, 0.05, err, sizeof(err));
	assert_int_equal(json_object_array_length(sum), 4);
	for (i = 0; i < 4; i++) {
		e = json_object_array_get_idx(sum, i);
		snprintf(name, sizeof(name), "%s/%d", json_object_get_string(get(e, "workload")),
			 json_object_get_int(get(e, "cpus")));
		assert_string_equal(name, want[i]);
	}
	json_object_put(sum);
	json_object_put(doc);
}

static struct json_object *latency_point(const char *text, int repeat)
{
	static const struct result_point_opts opts = { .correct_clock = true };
	struct json_object *p;
	struct module_text mt;

	assert_int_equal(module_text_parse_results(text, &mt, err, sizeof(err)), 0);
	assert_int_equal(result_point_new(&mt, (unsigned int)repeat, &opts, &p, err, sizeof(err)), 0);
	module_text_free(&mt);
	return p;
}

/*
 * Latency mode: each histogram merged over the repeats. The same
 * histogram twice has twice the counts and the same percentiles.
 */
static void test_latency_merge(void **state)
{
	struct json_object *doc = doc_new("[ \"spinlock\" ]"), *p0, *e, *m, *one;
	static const char *const keys[] = { "min", "p50", "p90", "p99", "p999", "p9999", "max" };
	size_t i;

	(void)state;
	p0 = latency_point(results_latency_lock_sample, 0);
	add_point(doc, p0);
	add_point(doc, latency_point(results_latency_lock_sample, 1));
	assert_int_equal(summary_set(doc, 0.05, err, sizeof(err)), 0);
	assert_int_equal(result_validate(doc, err, sizeof(err)), 0);
	e = entry(get(doc, "summary"), "spinlock", 2);
	assert_string_equal(json_object_get_string(get(e, "measure")), "latency");
	assert_int_equal(json_object_get_int(get(e, "clock_subtracted_ns")), 170);
	m = get(get(e, "latency_ns"), "acquire");
	one = get(get(p0, "latency_ns"), "acquire");
	assert_int_equal(json_object_get_int64(get(m, "count")), 2 * 37640);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		assert_float_equal(num(m, keys[i]), num(one, keys[i]), 0);
	assert_float_equal(num(m, "mean"), num(one, "mean"), 0.05);
	/* the summary keeps no buckets: the points have them */
	assert_null(get(m, "hist"));
	assert_non_null(get(get(get(e, "latency_ns"), "hold"), "p99"));
	/* equal throughputs: no spread, no outlier */
	assert_float_equal(num(e, "stddev"), 0, 0);
	assert_string_equal(json_object_to_json_string(get(e, "outliers")), "[ ]");

	/* a repeat whose histogram is damaged is named */
	json_object_object_del(get(get(json_object_array_get_idx(get(doc, "points"), 1),
				       "latency_ns"), "hold"), "hist");
	assert_null(summary_new(doc, 0.05, err, sizeof(err)));
	assert_string_equal(err, "summary: spinlock at 2 CPUs, repeat 1: latency hold: histogram JSON: not an object");
	json_object_put(doc);
}

static void test_max_cv(void **state)
{
	struct json_object *doc = doc_new("[ ]");

	(void)state;
	assert_float_equal(summary_max_cv(doc), RESULT_MAX_CV_DEF, 0);
	json_object_object_add(get(doc, "params"), "max_cv", json_object_new_double(0.1));
	assert_float_equal(summary_max_cv(doc), 0.1, 0);
	json_object_object_add(get(doc, "params"), "max_cv", json_object_new_string("x"));
	assert_float_equal(summary_max_cv(doc), RESULT_MAX_CV_DEF, 0);
	json_object_put(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_five_repeats),
		cmocka_unit_test(test_few_repeats),
		cmocka_unit_test(test_entry_order),
		cmocka_unit_test(test_latency_merge),
		cmocka_unit_test(test_max_cv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
