// SPDX-License-Identifier: GPL-2.0
/*
 * ksbench compare: alignment, statistics, verdicts, geomean, threshold
 * (compare.c) and the four output formats (compare_format.c), over small
 * result documents built here and checked with result_validate.
 */
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

#include "compare.h"
#include "compare_format.h"
#include "knobs.h"
#include "point.h"
#include "result.h"
#include "stats.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define assert_near(a, b, tol) \
	assert_true(fabs((double)(a) - (double)(b)) <= (tol))

static char err[512];

/* Documents. */

/* params: a JSON object text, or NULL for the knobs at their defaults. */
static struct json_object *doc_new(const char *release, const char *params)
{
	char text[1024];

	snprintf(text, sizeof(text),
		 "{ \"schema\": \"ksbench-result/1\", \"interrupted\": false, "
		 "\"host\": { \"target\": \"host\", \"kernel_release\": \"%s\", "
		 "\"cpu_model\": \"Test CPU\", \"online_cpus\": 4 }, "
		 "\"params\": %s, \"points\": [] }", release,
		 params ? params : "{ \"duration_ns\": 100000000, \"hold_ns\": 0, "
				   "\"acquire\": \"lock\", \"repeat\": 4 }");
	return json_tokener_parse(text);
}

/* As ksbench run writes them now: every knob in params. */
static struct json_object *doc_full(const char *release)
{
	struct json_object *doc = doc_new(release, "{ \"repeat\": 1 }");
	struct json_object *params = json_object_object_get(doc, "params");
	struct knob_values kv;
	unsigned int i;

	knobs_default(&kv);
	for (i = 0; i < NR_KNOBS; i++)
		json_object_object_add(params, knob_table[i].key, knob_json(i, kv.v[i]));
	return doc;
}

/* test_point(), added to doc's points. */
static struct json_object *add_point(struct json_object *doc, const char *workload,
				     const char *kind, int cpus, int repeat, double ops_s)
{
	struct json_object *p = test_point(workload, kind, cpus, repeat, ops_s);

	json_object_array_add(json_object_object_get(doc, "points"), p);
	return p;
}

/* Points at one (workload, cpus), one per value, repeats 0, 1, ... */
static void add_points(struct json_object *doc, const char *workload, int cpus,
		       const double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		add_point(doc, workload, "lock", cpus, (int)i, v[i]);
}

/* A latency entry named hist with p50 = v, p99 = 2v, p999 = 3v. */
static void add_latency(struct json_object *p, const char *hist, double v)
{
	struct json_object *lat = json_object_new_object(), *e = json_object_new_object();

	json_object_object_add(e, "count", json_object_new_int(100));
	json_object_object_add(e, "min", json_object_new_double(0));
	json_object_object_add(e, "p50", json_object_new_double(v));
	json_object_object_add(e, "p90", json_object_new_double(1.5 * v));
	json_object_object_add(e, "p99", json_object_new_double(2 * v));
	json_object_object_add(e, "p999", json_object_new_double(3 * v));
	json_object_object_add(e, "p9999", json_object_new_double(3 * v));
	json_object_object_add(e, "max", json_object_new_double(4 * v));
	json_object_object_add(lat, hist, e);
	json_object_object_add(p, "latency_ns", lat);
}

static void add_skipped(struct json_object *doc, const char *workload, int cpus)
{
	struct json_object *s = json_object_object_get(doc, "skipped");
	struct json_object *o = json_object_new_object();

	if (!s) {
		s = json_object_new_array();
		json_object_object_add(doc, "skipped", s);
	}
	json_object_object_add(o, "workload", json_object_new_string(workload));
	json_object_object_add(o, "cpus", json_object_new_int(cpus));
	json_object_object_add(o, "repeat", json_object_new_int(0));
	json_object_object_add(o, "reason", json_object_new_string("needs 2 CPUs"));
	json_object_array_add(s, o);
}

/* Compares docs[0..n) (each checked as result_load would) into *c. */
static struct compare *compare_docs(struct json_object **docs, unsigned int n,
				    enum compare_metric m)
{
	static const char *const paths[] = {
		"results/a.json", "results/b.json", "results/c.json"
	};
	struct compare *c;
	unsigned int i;

	for (i = 0; i < n; i++)
		assert_int_equal(result_validate(docs[i], err, sizeof(err)), 0);
	assert_int_equal(compare_new(docs, paths, n, m, &c, err, sizeof(err)), 0);
	return c;
}

static void docs_put(struct json_object **docs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		json_object_put(docs[i]);
}

static const struct compare_row *find_row(const struct compare *c, unsigned int other,
					  const char *workload, int cpus)
{
	const struct compare_other *o = &c->others[other - 1];
	size_t i;

	for (i = 0; i < o->nr_rows; i++)
		if (!strcmp(o->rows[i].workload, workload) && o->rows[i].cpus == cpus)
			return &o->rows[i];
	fail_msg("no row %s %d", workload, cpus);
	return NULL;
}

static const double base4[] = { 100, 101, 102, 103 };
static const double low4[] = { 90, 91, 92, 93 };

/* Alignment. */

static void test_align_one_sided(void **state)
{
	struct json_object *docs[2] = { doc_new("6.1.0-a", NULL), doc_new("6.1.0-b", NULL) };
	const struct compare_row *r;
	struct compare *c;

	(void)state;
	add_points(docs[0], "spinlock", 1, base4, 4);
	add_points(docs[0], "spinlock", 2, base4, 4);
	add_points(docs[0], "mutex", 1, base4, 4);
	add_skipped(docs[0], "completion", 1);
	add_points(docs[0], "completion", 2, base4, 4);
	add_points(docs[1], "rwsem", 2, base4, 4);	/* first in B, last in order */
	add_points(docs[1], "spinlock", 2, low4, 4);
	add_points(docs[1], "spinlock", 1, low4, 4);
	add_skipped(docs[1], "completion", 1);
	add_points(docs[1], "completion", 2, base4, 4);
	c = compare_docs(docs, 2, COMPARE_THROUGHPUT);

	assert_int_equal(c->nr_params, 0);
	assert_true(c->files[1].aligned);
	assert_int_equal(c->others[0].nr_rows, 6);
	/* baseline's workload order, then B's new ones; CPU counts ascending */
	r = c->others[0].rows;
	assert_string_equal(r[0].workload, "spinlock");
	assert_int_equal(r[0].cpus, 1);
	assert_int_equal(r[0].status, COMPARE_COMPARED);
	assert_string_equal(r[1].workload, "spinlock");
	assert_int_equal(r[1].cpus, 2);
	assert_string_equal(r[2].workload, "mutex");
	assert_int_equal(r[2].status, COMPARE_ONLY_BASE);
	assert_int_equal(r[2].other.nr_points, 0);
	assert_near(r[2].base.median, 101.5, 0);
	assert_string_equal(r[3].workload, "completion");
	assert_int_equal(r[3].cpus, 1);
	assert_int_equal(r[3].status, COMPARE_SKIPPED);
	assert_string_equal(r[3].base.skipped, "needs 2 CPUs");
	assert_string_equal(r[3].other.skipped, "needs 2 CPUs");
	assert_int_equal(r[4].status, COMPARE_COMPARED);
	assert_string_equal(r[5].workload, "rwsem");
	assert_int_equal(r[5].status, COMPARE_ONLY_OTHER);
	assert_int_equal(r[5].verdict, COMPARE_NONE);
	compare_free(c);

	/* skipped on one side, run on the other: skipped, not "only in" */
	json_object_array_del_idx(json_object_object_get(docs[1], "skipped"), 0, 1);
	add_points(docs[1], "completion", 1, base4, 4);
	c = compare_docs(docs, 2, COMPARE_THROUGHPUT);
	r = find_row(c, 1, "completion", 1);
	assert_int_equal(r->status, COMPARE_SKIPPED);
	assert_non_null(r->base.skipped);
	assert_null(r->other.skipped);
	assert_int_equal(r->other.nr_points, 4);
	compare_free(c);
	docs_put(docs, 2);
}

static char *print_to_string(const struct compare *c, enum compare_format f);

static void test_align_knobs(void **state)
{
	struct json_object *docs[3] = {
		/* an older file: no acquire, nr_locks...: the defaults */
		doc_new("6.1.0-a", "{ \"duration_ns\": 500000000, \"hold_ns\": 0, \"repeat\": 4 }"),
		doc_new("6.1.0-b", "{ \"duration_ns\": 100000000, \"hold_ns\": 1000, "
			"\"acquire\": \"lock\", \"repeat\": 4 }"),
		doc_new("6.1.0-c", "{ \"duration_ns\": 100000000, \"hold_ns\": 0, "
			"\"acquire\": \"lock\", \"repeat\": 4, \"seed\": 7 }"),
	};
	const struct compare_param *p;
	struct compare *c;
	unsigned int i;
	char *out;

	(void)state;
	for (i = 0; i < 3; i++)
		add_points(docs[i], "spinlock", 1, base4, 4);
	c = compare_docs(docs, 3, COMPARE_THROUGHPUT);

	/* duration, hold_ns and seed differ; acquire absent in A is its default */
	assert_int_equal(c->nr_params, 3);
	p = &c->params[0];
	assert_string_equal(p->key, "duration_ns");
	assert_false(p->blocks);
	assert_string_equal(p->value[0], "500ms");
	assert_string_equal(p->value[1], "100ms");
	p = &c->params[1];
	assert_string_equal(p->key, "hold_ns");
	assert_true(p->blocks);
	assert_string_equal(p->value[0], "0s");
	assert_string_equal(p->value[1], "1us");
	assert_string_equal(p->value[2], "0s");
	assert_true(p->recorded[0]);
	p = &c->params[2];
	assert_string_equal(p->key, "seed");
	assert_false(p->blocks);
	assert_false(p->recorded[0]);
	assert_string_equal(p->value[0], "1");
	assert_string_equal(p->value[2], "7");
	assert_true(c->files[0].nr_defaulted > 0);
	assert_int_equal(c->files[1].nr_defaulted, c->files[0].nr_defaulted - 1);

	/* B's hold differs: its point does not align; C's only notes */
	assert_false(c->files[1].aligned);
	assert_true(c->files[2].aligned);
	assert_int_equal(c->others[0].nr_rows, 1);
	assert_int_equal(c->others[0].rows[0].status, COMPARE_KNOBS_DIFFER);
	assert_int_equal(c->others[0].rows[0].verdict, COMPARE_NONE);
	assert_true(isnan(c->others[0].rows[0].ratio));
	assert_int_equal(c->others[0].geomeans[0].n, 0);
	assert_int_equal(c->others[1].rows[0].status, COMPARE_COMPARED);

	out = print_to_string(c, COMPARE_FORMAT_TABLE);
	assert_non_null(strstr(out, "\nparams that differ (* not in the file: the default):\n"
			       "  duration_ns: A 500ms, B 100ms, C 100ms (noted; points still aligned)\n"
			       "  hold_ns: A 0s, B 1us, C 0s (changes what is measured: B not aligned with A)\n"
			       "  seed: A 1*, B 1*, C 7 (noted; points still aligned)\n"));
	assert_non_null(strstr(out, "\nB vs A:\n(B's measuring knobs differ from A's: nothing is "
			       "compared, its points are listed)\n"));
	assert_non_null(strstr(out, "  not aligned: knobs differ\n"));
	free(out);
	compare_free(c);
	docs_put(docs, 3);
}

/* correct_clock blocks for latency metrics only. */
static void test_align_correct_clock(void **state)
{
	struct json_object *docs[2] = {
		doc_new("6.1.0-a", NULL),
		doc_new("6.1.0-b", "{ \"correct_clock\": false }"),
	};
	struct compare *c;

	(void)state;
	add_points(docs[0], "spinlock", 1, base4, 4);
	add_points(docs[1], "spinlock", 1, base4, 4);
	c = compare_docs(docs, 2, COMPARE_THROUGHPUT);
	assert_true(c->files[1].aligned);
	compare_free(c);
	c = compare_docs(docs, 2, COMPARE_P99);
	assert_false(c->files[1].aligned);
	compare_free(c);
	docs_put(docs, 2);
}

/* The spinlock slow path is a measuring fact: it blocks like a knob. */
static void set_slowpath(struct json_object *doc, const char *path)
{
	struct json_object *host = json_object_object_get(doc, "host");
	struct json_object *flags = json_object_new_object();

	json_object_object_add(flags, "spin_slowpath", json_object_new_string(path));
	json_object_object_add(host, "kernel_flags", flags);
}

static void test_align_spin_slowpath(void **state)
{
	struct json_object *docs[3] = {
		doc_new("6.1.0-a", NULL), doc_new("6.1.0-b", NULL), doc_new("6.1.0-c", NULL),
	};
	struct compare *c;
	unsigned int i;
	char *out;

	(void)state;
	set_slowpath(docs[0], "native");
	set_slowpath(docs[1], "virt-tas");
	set_slowpath(docs[2], "native");
	for (i = 0; i < 3; i++)
		add_points(docs[i], "spinlock", 1, base4, 4);
	c = compare_docs(docs, 3, COMPARE_THROUGHPUT);
	assert_int_equal(c->nr_params, 1);
	assert_string_equal(c->params[0].key, "spin_slowpath");
	assert_true(c->params[0].blocks);
	assert_false(c->files[1].aligned);
	assert_true(c->files[2].aligned);
	assert_int_equal(c->others[0].rows[0].status, COMPARE_KNOBS_DIFFER);
	assert_int_equal(c->others[1].rows[0].status, COMPARE_COMPARED);
	out = print_to_string(c, COMPARE_FORMAT_TABLE);
	assert_non_null(strstr(out, "  spin_slowpath: A native, B virt-tas, C native "
			       "(changes what is measured: B not aligned with A)\n"));
	free(out);
	compare_free(c);
	docs_put(docs, 3);

	/* a file that does not record it is unknown, never assumed native */
	docs[0] = doc_new("6.1.0-a", NULL);
	docs[1] = doc_new("6.1.0-b", NULL);
	set_slowpath(docs[0], "native");
	add_points(docs[0], "spinlock", 1, base4, 4);
	add_points(docs[1], "spinlock", 1, base4, 4);
	c = compare_docs(docs, 2, COMPARE_THROUGHPUT);
	assert_int_equal(c->nr_params, 1);
	assert_string_equal(c->params[0].value[1], "unknown");
	assert_false(c->files[1].aligned);
	compare_free(c);
	docs_put(docs, 2);
}

static void test_labels(void **state)
{
	struct json_object *docs[3] = {
		doc_new("6.1.0-56-amd64", NULL), doc_new("6.1.0-56-rt-amd64", NULL),
		doc_new("6.1.0-56-amd64", NULL),
	};
	struct compare *c;

	(void)state;
	c = compare_docs(docs, 3, COMPARE_THROUGHPUT);
	assert_string_equal(c->files[0].label, "6.1.0-56-amd64 (a.json)");
	assert_string_equal(c->files[1].label, "6.1.0-56-rt-amd64");
	assert_string_equal(c->files[2].label, "6.1.0-56-amd64 (c.json)");
	assert_string_equal(c->files[1].host, "Test CPU, 4 CPUs");
	assert_int_equal(c->files[2].letter, 'C');
	compare_free(c);
	docs_put(docs, 3);
}

/* Statistics. */

static void test_ratio_ci(void **state)
{
	const double b5[] = { 100, 100, 100, 100, 100 }, o5[] = { 90, 90, 90, 90, 90 };
	const double bx[] = { 10, 11, 12, 13, 14 }, ox[] = { 20, 22, 24, 26, 28 };
	struct json_object *docs[2] = { doc_new("6.1.0-a", NULL), doc_new("6.1.0-b", NULL) };
	const struct compare_row *r;
	struct stats_ratio sr;
	struct compare *c;

	(void)state;
	add_points(docs[0], "spinlock", 1, b5, 5);
	add_points(docs[1], "spinlock", 1, o5, 5);
	add_points(docs[0], "mutex", 1, bx, 5);
	add_points(docs[1], "mutex", 1, ox, 5);
	add_points(docs[0], "mutex", 2, bx, 2);	/* too few for an interval */
	add_points(docs[1], "mutex", 2, ox, 5);
	c = compare_docs(docs, 2, COMPARE_THROUGHPUT);

	/* constant sides: every resample's ratio is 0.9 */
	r = find_row(c, 1, "spinlock", 1);
	assert_near(r->ratio, 0.9, 1e-15);
	assert_true(r->has_ci);
	assert_near(r->lo, 0.9, 1e-15);
	assert_near(r->hi, 0.9, 1e-15);

	/* twice the values: ratio 2; the interval holds it within the ranges' ratios */
	r = find_row(c, 1, "mutex", 1);
	assert_near(r->base.median, 12, 0);
	assert_near(r->other.median, 24, 0);
	assert_near(r->ratio, 2, 0);
	assert_true(r->has_ci);
	assert_true(r->lo < 2 && r->hi > 2);
	assert_true(r->lo >= 20.0 / 14 && r->hi <= 28.0 / 10);
	/* it is stats_ratio_of_medians of the other over the baseline */
	assert_int_equal(stats_ratio_of_medians(ox, 5, bx, 5, &sr), 0);
	assert_near(r->lo, sr.lo, 0);
	assert_near(r->hi, sr.hi, 0);

	r = find_row(c, 1, "mutex", 2);
	assert_near(r->base.median, 10.5, 0);
	assert_near(r->ratio, 24 / 10.5, 1e-15);
	assert_false(r->has_ci);
	assert_true(r->has_welch);	/* 2 and 5 */
	compare_free(c);
	docs_put(docs, 2);
}

static void test_min_p(void **state)
{
	(void)state;
	assert_near(compare_min_p(1, 1), 1, 0);
	assert_near(compare_min_p(3, 3), 0.1, 1e-15);		/* 2 / 20 */
	assert_near(compare_min_p(3, 4), 2.0 / 35, 1e-15);
	assert_near(compare_min_p(4, 4), 2.0 / 70, 1e-15);
	assert_near(compare_min_p(3, 5), 2.0 / 56, 1e-15);
	assert_near(compare_min_p(40, 1), 2.0 / 41, 1e-15);
	assert_near(compare_min_p(1, 40), 2.0 / 41, 1e-15);
	assert_true(compare_min_p(60, 60) < 1e-30);
}

static void test_verdicts(void **state)
{
	const double b3[] = { 100, 101, 102 }, o3[] = { 50, 51, 52 };
	const double mixed_b[] = { 100, 104, 98, 102, 101 }, mixed_o[] = { 99, 103, 100, 97, 105 };
	struct json_object *docs[2] = { doc_new("6.1.0-a", NULL), doc_new("6.1.0-b", NULL) };
	const struct compare_row *r;
	struct compare *c;

	(void)state;
	add_points(docs[0], "spinlock", 1, base4, 4);	/* 4 vs 4, all lower */
	add_points(docs[1], "spinlock", 1, low4, 4);
	add_points(docs[0], "spinlock", 2, low4, 4);	/* 4 vs 4, all higher */
	add_points(docs[1], "spinlock", 2, base4, 4);
	add_points(docs[0], "mutex", 1, b3, 3);		/* 3 vs 3: p >= 0.1 */
	add_points(docs[1], "mutex", 1, o3, 3);
	add_points(docs[0], "mutex", 2, mixed_b, 5);	/* interleaved */
	add_points(docs[1], "mutex", 2, mixed_o, 5);
	c = compare_docs(docs, 2, COMPARE_THROUGHPUT);

	r = find_row(c, 1, "spinlock", 1);
	assert_true(r->mw.exact);
	assert_near(r->mw.statistic, 0, 0);
	assert_near(r->mw.p, 2.0 / 70, 1e-12);
	assert_near(r->min_p, 2.0 / 70, 1e-15);
	assert_int_equal(r->verdict, COMPARE_SLOWER);
	assert_true(r->has_welch);
	assert_true(r->welch.statistic < 0);
	r = find_row(c, 1, "spinlock", 2);
	assert_int_equal(r->verdict, COMPARE_FASTER);
	/* 3 against 3, fully separated: the best p is 0.1, not significant */
	r = find_row(c, 1, "mutex", 1);
	assert_near(r->mw.p, 0.1, 1e-12);
	assert_near(r->min_p, 0.1, 1e-15);
	assert_int_equal(r->verdict, COMPARE_TOO_FEW);
	r = find_row(c, 1, "mutex", 2);
	assert_true(r->mw.p >= COMPARE_ALPHA);
	assert_int_equal(r->verdict, COMPARE_NO_CHANGE);
	compare_free(c);
	docs_put(docs, 2);

	/* the rule itself; latency: higher is worse */
	assert_int_equal(compare_verdict_of(COMPARE_THROUGHPUT, 0.01, 0.03, 0.8, false),
			 COMPARE_SLOWER);
	assert_int_equal(compare_verdict_of(COMPARE_P99, 0.01, 0.03, 0.8, false),
			 COMPARE_FASTER);
	assert_int_equal(compare_verdict_of(COMPARE_P99, 0.01, 0.03, 1.3, true),
			 COMPARE_SLOWER);
	assert_int_equal(compare_verdict_of(COMPARE_P50, 0.2, 0.03, 1.3, true),
			 COMPARE_NO_CHANGE);
	/* equal medians: the ranks say which way */
	assert_int_equal(compare_verdict_of(COMPARE_THROUGHPUT, 0.01, 0.001, 1, true),
			 COMPARE_FASTER);
	/* a p below alpha does not count when min_p is not below it (ties) */
	assert_int_equal(compare_verdict_of(COMPARE_THROUGHPUT, 0.04, 0.057, 0.5, false),
			 COMPARE_TOO_FEW);
	assert_int_equal(compare_verdict_of(COMPARE_THROUGHPUT, 0.04, 0.05, 0.5, false),
			 COMPARE_TOO_FEW);
}

/* A point whose oracle failed is still compared, and the row says so. */
static void test_oracle_note(void **state)
{
	struct json_object *docs[2] = { doc_new("6.1.0-a", NULL), doc_new("6.1.0-b", NULL) };
	struct json_object *p;
	struct compare *c;
	char *out;

	(void)state;
	add_points(docs[0], "spinlock", 1, base4, 4);
	add_points(docs[1], "spinlock", 1, low4, 4);
	p = json_object_array_get_idx(json_object_object_get(docs[1], "points"), 2);
	json_object_object_add(p, "oracle", json_object_new_string("fail"));
	c = compare_docs(docs, 2, COMPARE_THROUGHPUT);
	assert_int_equal(c->others[0].rows[0].other.nr_oracle_fail, 1);
	assert_int_equal(c->others[0].rows[0].verdict, COMPARE_SLOWER);
	out = print_to_string(c, COMPARE_FORMAT_TABLE);
	assert_non_null(strstr(out, "  slower; oracle FAIL in B (1 of 4)\n"));
	free(out);
	out = print_to_string(c, COMPARE_FORMAT_CSV);
	assert_non_null(strstr(out, ",slower,false,slower; oracle FAIL in B (1 of 4),repeat,1,1,"));
	free(out);
	compare_free(c);
	docs_put(docs, 2);
}

static void test_latency_metric(void **state)
{
	struct json_object *docs[2] = { doc_new("6.1.0-a", NULL), doc_new("6.1.0-b", NULL) };
	const struct compare_row *r;
	struct json_object *p;
	struct compare *c;
	int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		p = add_point(docs[0], "spinlock", "lock", 2, i, 1e6);
		add_latency(p, "acquire", 100 + i);
		p = add_point(docs[1], "spinlock", "lock", 2, i, 1e6);
		add_latency(p, "acquire", 200 + i);
		/* rw reads the write section's histogram */
		p = add_point(docs[0], "rwsem", "rw", 2, i, 1e6);
		add_latency(p, "write", 1000 + i);
		p = add_point(docs[1], "rwsem", "rw", 2, i, 1e6);
		add_latency(p, "read", 500 + i);
		add_point(docs[0], "mutex", "lock", 2, i, 1e6);	/* throughput mode */
		add_point(docs[1], "mutex", "lock", 2, i, 1e6);
	}
	c = compare_docs(docs, 2, COMPARE_P99);
	r = find_row(c, 1, "spinlock", 2);
	assert_int_equal(r->status, COMPARE_COMPARED);
	assert_near(r->base.median, 2 * 101.5, 1e-12);
	assert_near(r->other.median, 2 * 201.5, 1e-12);
	assert_int_equal(r->verdict, COMPARE_SLOWER);	/* higher latency */
	r = find_row(c, 1, "rwsem", 2);
	assert_int_equal(r->status, COMPARE_NO_METRIC);	/* B has no write histogram */
	assert_int_equal(r->base.n, 4);
	assert_int_equal(r->other.n, 0);
	assert_int_equal(r->other.nr_points, 4);
	r = find_row(c, 1, "mutex", 2);
	assert_int_equal(r->status, COMPARE_NO_METRIC);
	compare_free(c);

	c = compare_docs(docs, 2, COMPARE_P999);
	r = find_row(c, 1, "spinlock", 2);
	assert_near(r->base.median, 3 * 101.5, 1e-12);
	compare_free(c);
	docs_put(docs, 2);

	assert_string_equal(compare_histogram("lock"), "acquire");
	assert_string_equal(compare_histogram("rw"), "write");
	assert_string_equal(compare_histogram("lockfree"), "op");
	assert_string_equal(compare_histogram("handoff"), "wakeup");
	assert_null(compare_histogram("other"));
	assert_null(compare_histogram(NULL));
}

static void test_geomean(void **state)
{
	const double one[] = { 100, 100, 100, 100 }, half[] = { 50, 50, 50, 50 };
	const double twice[] = { 200, 200, 200, 200 }, four[] = { 400, 400, 400, 400 };
	struct json_object *docs[2] = { doc_new("6.1.0-a", NULL), doc_new("6.1.0-b", NULL) };
	const struct compare_geomean *g;
	struct compare *c;

	(void)state;
	add_points(docs[0], "spinlock", 1, one, 4);
	add_points(docs[1], "spinlock", 1, half, 4);
	add_points(docs[0], "spinlock", 2, one, 4);
	add_points(docs[1], "spinlock", 2, twice, 4);
	add_points(docs[0], "mutex", 1, one, 4);
	add_points(docs[1], "mutex", 1, four, 4);
	add_points(docs[0], "mutex", 2, one, 4);	/* only in A: not in the means */
	c = compare_docs(docs, 2, COMPARE_THROUGHPUT);
	assert_int_equal(c->others[0].nr_geomeans, 3);
	g = c->others[0].geomeans;
	assert_string_equal(g[0].workload, "spinlock");
	assert_int_equal(g[0].n, 2);
	assert_near(g[0].ratio, 1, 1e-12);		/* sqrt(0.5 * 2) */
	assert_string_equal(g[1].workload, "mutex");
	assert_int_equal(g[1].n, 1);
	assert_near(g[1].ratio, 4, 1e-12);
	assert_null(g[2].workload);
	assert_int_equal(g[2].n, 3);
	assert_near(g[2].ratio, cbrt(4), 1e-12);	/* (0.5 * 2 * 4)^(1/3) */
	compare_free(c);
	docs_put(docs, 2);
}

static void test_threshold(void **state)
{
	const double b3[] = { 100, 101, 102 }, o3[] = { 10, 11, 12 };
	struct json_object *docs[2] = { doc_new("6.1.0-a", NULL), doc_new("6.1.0-b", NULL) };
	struct compare *c;
	double pct;
	int i;

	(void)state;
	add_points(docs[0], "spinlock", 1, base4, 4);	/* ratio 91.5/101.5 = 0.901 */
	add_points(docs[1], "spinlock", 1, low4, 4);
	add_points(docs[0], "mutex", 1, b3, 3);		/* 0.11, but too few repeats */
	add_points(docs[1], "mutex", 1, o3, 3);
	add_points(docs[0], "rwsem", 1, low4, 4);	/* faster: never a regression */
	add_points(docs[1], "rwsem", 1, base4, 4);
	c = compare_docs(docs, 2, COMPARE_THROUGHPUT);
	assert_int_equal(compare_apply_threshold(c, 5), 1);
	assert_true(find_row(c, 1, "spinlock", 1)->beyond);
	assert_false(find_row(c, 1, "mutex", 1)->beyond);
	assert_false(find_row(c, 1, "rwsem", 1)->beyond);
	assert_int_equal(compare_apply_threshold(c, 9.8), 1);	/* 9.85% down */
	assert_int_equal(compare_apply_threshold(c, 9.9), 0);
	assert_int_equal(compare_apply_threshold(c, 0), 1);
	assert_true(find_row(c, 1, "spinlock", 1)->beyond);
	compare_free(c);
	docs_put(docs, 2);

	/* latency: a rise is the regression */
	docs[0] = doc_new("6.1.0-a", NULL);
	docs[1] = doc_new("6.1.0-b", NULL);
	for (i = 0; i < 4; i++) {
		add_latency(add_point(docs[0], "spinlock", "lock", 2, i, 1e6), "acquire", 100 + i);
		add_latency(add_point(docs[1], "spinlock", "lock", 2, i, 1e6), "acquire", 120 + i);
	}
	c = compare_docs(docs, 2, COMPARE_P50);	/* 121.5 / 101.5: +19.7% */
	assert_int_equal(compare_apply_threshold(c, 19), 1);
	assert_int_equal(compare_apply_threshold(c, 20), 0);
	compare_free(c);
	docs_put(docs, 2);

	assert_int_equal(compare_parse_threshold("5", &pct, err, sizeof(err)), 0);
	assert_near(pct, 5, 0);
	assert_int_equal(compare_parse_threshold("2.5%", &pct, err, sizeof(err)), 0);
	assert_near(pct, 2.5, 0);
	assert_int_equal(compare_parse_threshold("0", &pct, err, sizeof(err)), 0);
	assert_near(pct, 0, 0);
	assert_int_equal(compare_parse_threshold("-5", &pct, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'-5'"));
	assert_int_equal(compare_parse_threshold("", &pct, err, sizeof(err)), -1);
	assert_int_equal(compare_parse_threshold("%", &pct, err, sizeof(err)), -1);
	assert_int_equal(compare_parse_threshold("5x", &pct, err, sizeof(err)), -1);
	assert_int_equal(compare_parse_threshold("1.2.3", &pct, err, sizeof(err)), -1);
	assert_int_equal(compare_parse_threshold("1e3", &pct, err, sizeof(err)), -1);
	assert_int_equal(compare_parse_threshold("nan", &pct, err, sizeof(err)), -1);
}

static void test_parse_names(void **state)
{
	enum compare_metric m;
	enum compare_format f;

	(void)state;
	assert_int_equal(compare_parse_metric("p999", &m, err, sizeof(err)), 0);
	assert_int_equal(m, COMPARE_P999);
	assert_int_equal(compare_parse_metric("throughput", &m, err, sizeof(err)), 0);
	assert_int_equal(m, COMPARE_THROUGHPUT);
	assert_int_equal(compare_parse_metric("p95", &m, err, sizeof(err)), -1);
	assert_string_equal(err, "'p95' is not one of throughput, p50, p99 or p999");
	assert_int_equal(compare_parse_format("markdown", &f, err, sizeof(err)), 0);
	assert_int_equal(f, COMPARE_FORMAT_MARKDOWN);
	assert_int_equal(compare_parse_format("html", &f, err, sizeof(err)), -1);
	assert_string_equal(err, "'html' is not one of table, json, csv or markdown");
}

static void test_too_few_files(void **state)
{
	struct json_object *docs[1] = { doc_new("6.1.0-a", NULL) };
	const char *paths[1] = { "a.json" };
	struct compare *c;

	(void)state;
	assert_int_equal(compare_new(docs, paths, 1, COMPARE_THROUGHPUT, &c, err,
				     sizeof(err)), -1);
	assert_null(c);
	assert_non_null(strstr(err, "baseline"));
	docs_put(docs, 1);
}

/* Formats: one comparison with a row of each kind. */

static struct compare *format_sample(struct json_object **docs)
{
	double low40[40], one = 100, half = 50;
	struct compare *c;
	int i;

	docs[0] = doc_full("6.1.0-56-amd64");
	docs[1] = doc_full("6.1.0-56-rt-amd64");
	/*
	 * 1 repeat against 40, all lower: Mann-Whitney's exact p is 2/41,
	 * below 0.05, with no interval (n < 3) and no Welch (n < 2): every
	 * number is exact.
	 */
	for (i = 0; i < 40; i++)
		low40[i] = 50 + i;		/* median 69.5 */
	add_points(docs[0], "spinlock", 1, &one, 1);
	add_points(docs[1], "spinlock", 1, low40, 40);
	add_points(docs[0], "spinlock", 2, &one, 1);	/* 1 against 1 */
	add_points(docs[1], "spinlock", 2, &half, 1);
	add_points(docs[0], "mutex", 1, &one, 1);
	add_skipped(docs[0], "completion", 1);
	add_skipped(docs[1], "completion", 1);
	c = compare_docs(docs, 2, COMPARE_THROUGHPUT);
	compare_apply_threshold(c, 5);
	return c;
}

static char *print_to_string(const struct compare *c, enum compare_format f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	assert_non_null(mem);
	assert_int_equal(compare_print(mem, c, f), 0);
	fclose(mem);
	return buf;
}

static void test_format_csv(void **state)
{
	static const char want[] =
		"workload,cpus,baseline,other,metric,status,"
		"baseline_points,baseline_n,baseline_median,other_points,other_n,other_median,"
		"ratio,ci_low,ci_high,test,u,p,exact,min_p,welch_t,welch_df,welch_p,"
		"verdict,beyond_threshold,note,unit,baseline_boots,other_boots,"
		"baseline_boot_median,other_boot_median\n"
		"spinlock,1,6.1.0-56-amd64,6.1.0-56-rt-amd64,throughput,compared,"
		"1,1,100,40,40,69.5,0.695,,,mann-whitney-u,0,0.04878048780487805,true,"
		"0.04878048780487805,,,,slower,true,,repeat,1,1,100,69.5\n"
		"spinlock,2,6.1.0-56-amd64,6.1.0-56-rt-amd64,throughput,compared,"
		"1,1,100,1,1,50,0.5,,,mann-whitney-u,0,1,true,1,,,,too few repeats,false,,"
		"repeat,1,1,100,50\n"
		"mutex,1,6.1.0-56-amd64,6.1.0-56-rt-amd64,throughput,only-in-baseline,"
		"1,1,100,0,0,,,,,,,,,,,,,,false,only in A,,1,0,100,\n"
		"completion,1,6.1.0-56-amd64,6.1.0-56-rt-amd64,throughput,skipped,"
		"0,0,,0,0,,,,,,,,,,,,,,false,skipped in A and B: needs 2 CPUs,,0,0,,\n";
	struct json_object *docs[2];
	struct compare *c;
	char *out;

	(void)state;
	c = format_sample(docs);
	out = print_to_string(c, COMPARE_FORMAT_CSV);
	assert_string_equal(out, want);
	free(out);
	compare_free(c);
	docs_put(docs, 2);
}

static void test_format_table(void **state)
{
	struct json_object *docs[2];
	struct compare *c;
	char *out;

	(void)state;
	c = format_sample(docs);
	out = print_to_string(c, COMPARE_FORMAT_TABLE);
	assert_non_null(strstr(out, "ksbench compare: throughput (ops/s, higher is better)\n"));
	assert_non_null(strstr(out, "A  6.1.0-56-amd64     Test CPU, 4 CPUs  results/a.json  (baseline)\n"));
	assert_non_null(strstr(out, "B  6.1.0-56-rt-amd64  Test CPU, 4 CPUs  results/b.json\n"));
	assert_non_null(strstr(out, "\nB vs A:\n"
			       "unit of replication: the repeat (A 1 boot, B 1)\n"
			       "workload    cpus  A ops/s  B ops/s  B/A [95% CI]      p  verdict\n"
			       "spinlock       1      100       70  0.69          0.049  slower, beyond 5%\n"
			       "spinlock       2      100       50  0.50          1.000  too few repeats (1 vs 1, p >= 1)\n"
			       "mutex          1      100        -  -                 -  only in A\n"
			       "completion     1        -        -  -                 -  skipped in A and B: needs 2 CPUs\n"
			       "geometric mean of B/A: spinlock 0.59 (2); all 0.59 (2)\n"));
	assert_non_null(strstr(out, "Threshold 5%: 1 significant regression beyond it.\n"));
	assert_non_null(strstr(out, "Mann-Whitney U, two-sided"));
	free(out);
	compare_free(c);
	docs_put(docs, 2);
}

static void test_format_markdown(void **state)
{
	struct json_object *docs[2];
	struct compare *c;
	char *out;

	(void)state;
	c = format_sample(docs);
	out = print_to_string(c, COMPARE_FORMAT_MARKDOWN);
	assert_non_null(strstr(out, "| **A** (baseline) | 6.1.0-56-amd64 | Test CPU, 4 CPUs | `results/a.json` |\n"));
	assert_non_null(strstr(out, "\n#### B vs A\n\n"
			       "unit of replication: the repeat (A 1 boot, B 1).\n\n"
			       "| workload | cpus | A ops/s | B ops/s | B/A [95% CI] | p | verdict |\n"
			       "|---|--:|--:|--:|---|--:|---|\n"
			       "| spinlock | 1 | 100 | 70 | 0.69 | 0.049 | slower, beyond 5% |\n"));
	assert_non_null(strstr(out, "| mutex | 1 | 100 | - | - | - | only in A |\n"));
	free(out);
	compare_free(c);
	docs_put(docs, 2);
}

static void test_format_json(void **state)
{
	struct json_object *docs[2], *j, *cmp, *row, *v;
	struct compare *c;
	char *out;

	(void)state;
	c = format_sample(docs);
	out = print_to_string(c, COMPARE_FORMAT_JSON);
	j = json_tokener_parse(out);
	assert_non_null(j);
	assert_string_equal(json_object_get_string(json_object_object_get(j, "schema")),
			    "ksbench-compare/1");
	assert_string_equal(json_object_get_string(json_object_object_get(j, "metric")),
			    "throughput");
	assert_int_equal(json_object_get_int(json_object_object_get(j, "beyond_threshold")), 1);
	assert_int_equal(json_object_array_length(json_object_object_get(j, "files")), 2);
	cmp = json_object_array_get_idx(json_object_object_get(j, "comparisons"), 0);
	assert_int_equal(json_object_array_length(json_object_object_get(cmp, "rows")), 4);
	row = json_object_array_get_idx(json_object_object_get(cmp, "rows"), 0);
	assert_string_equal(json_object_get_string(json_object_object_get(row, "verdict")),
			    "slower");
	assert_near(json_object_get_double(json_object_object_get(row, "ratio")), 0.695, 0);
	v = json_object_object_get(row, "mann_whitney");
	assert_near(json_object_get_double(json_object_object_get(v, "p")), 2.0 / 41, 0);
	assert_null(json_object_object_get(row, "ci95"));
	assert_null(json_object_object_get(row, "welch"));
	v = json_object_object_get(json_object_object_get(row, "other"), "values");
	assert_int_equal(json_object_array_length(v), 40);
	row = json_object_array_get_idx(json_object_object_get(cmp, "rows"), 3);
	assert_string_equal(json_object_get_string(json_object_object_get(row, "status")),
			    "skipped");
	assert_null(json_object_object_get(row, "verdict"));
	v = json_object_object_get(json_object_object_get(cmp, "geomean"), "overall");
	assert_int_equal(json_object_get_int(json_object_object_get(v, "n")), 2);
	json_object_put(j);
	free(out);
	compare_free(c);
	docs_put(docs, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_align_one_sided),
		cmocka_unit_test(test_align_knobs),
		cmocka_unit_test(test_align_correct_clock),
		cmocka_unit_test(test_align_spin_slowpath),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_ratio_ci),
		cmocka_unit_test(test_min_p),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_oracle_note),
		cmocka_unit_test(test_latency_metric),
		cmocka_unit_test(test_geomean),
		cmocka_unit_test(test_threshold),
		cmocka_unit_test(test_parse_names),
		cmocka_unit_test(test_too_few_files),
		cmocka_unit_test(test_format_csv),
		cmocka_unit_test(test_format_table),
		cmocka_unit_test(test_format_markdown),
		cmocka_unit_test(test_format_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
