// SPDX-License-Identifier: GPL-2.0
/*
 * Boots as the unit of replication (ksbench run --boots=N): the per-boot
 * medians (boot_groups.c), one kernel's boots merged into one document
 * (boot_merge.c), the loader's checks of the boot fields, compare's test
 * over boot medians against the test over pooled repeats
 * (compare_boots.c), and the summary's boot medians.
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

#include "boot_groups.h"
#include "boot_merge.h"
#include "compare.h"
#include "compare_format.h"
#include "point.h"
#include "result.h"
#include "summary.h"

static char err[512];

static struct json_object *doc_new(const char *release, int repeat)
{
	char text[1024];

	snprintf(text, sizeof(text),
		 "{ \"schema\": \"ksbench-result/1\", \"interrupted\": false, "
		 "\"host\": { \"target\": \"vm\", \"kernel_release\": \"%s\", "
		 "\"kernel_flags\": { \"spin_slowpath\": \"native\" } }, "
		 "\"params\": { \"duration_ns\": 100000000, \"repeat\": %d }, "
		 "\"points\": [] }", release, repeat);
	return json_tokener_parse(text);
}

/* A point of workload at 1 CPU; boot 0 adds none. */
static void add_point(struct json_object *doc, const char *workload, int repeat, int boot,
		      double ops_s)
{
	struct json_object *p = test_point(workload, "lock", 1, repeat, ops_s);

	if (boot)
		json_object_object_add(p, "boot", json_object_new_int(boot));
	json_object_array_add(json_object_object_get(doc, "points"), p);
}

/* A "boots" record list of boots 1..n, and params.boots = n. */
static void add_records(struct json_object *doc, int n)
{
	struct json_object *a = json_object_new_array(), *r;
	int i;

	for (i = 1; i <= n; i++) {
		r = json_object_new_object();
		json_object_object_add(r, "boot", json_object_new_int(i));
		json_object_object_add(r, "kept", json_object_new_boolean(1));
		json_object_array_add(a, r);
	}
	json_object_object_add(doc, "boots", a);
	json_object_object_add(json_object_object_get(doc, "params"), "boots",
			       json_object_new_int(n));
}

/*
 * Fixture: boots of `reps` repeats, each boot's values its level plus
 * a tiny within-boot spread (repeats within a boot agree, as measured).
 */
static void add_boots(struct json_object *doc, const double *level, int nr_boots, int reps,
		      bool record_boot)
{
	int b, r;

	for (b = 0; b < nr_boots; b++)
		for (r = 0; r < reps; r++)
			add_point(doc, "spinlock", b * reps + r, record_boot ? b + 1 : 0,
				  level[b] * (1 + 0.001 * (r - reps / 2)));
	if (record_boot)
		add_records(doc, nr_boots);
}

/* The per-boot statistic. */

static void test_boot_medians(void **state)
{
	/* interleaved boots, as A1 B1 A2 B2 rounds leave them in a pooled list */
	static const double v[] = { 10, 30, 12, 31, 11, 29, 50, 13 };
	static const int64_t b[] = { 1, 2, 1, 2, 1, 2, 3, 1 };
	struct boot_median *bm;
	size_t nr;

	(void)state;
	assert_int_equal(boot_medians(v, b, 8, &bm, &nr), 0);
	assert_int_equal(nr, 3);
	assert_int_equal(bm[0].boot, 1);
	assert_int_equal(bm[0].n, 4);
	assert_true(bm[0].median == 11.5);	/* 10 11 12 13 */
	assert_int_equal(bm[1].boot, 2);
	assert_true(bm[1].median == 30);
	assert_int_equal(bm[2].boot, 3);
	assert_int_equal(bm[2].n, 1);
	assert_true(bm[2].median == 50);
	free(bm);
	/* no boot recorded: one group */
	assert_int_equal(boot_medians(v, (const int64_t[8]) { 0 }, 8, &bm, &nr), 0);
	assert_int_equal(nr, 1);
	assert_int_equal(bm[0].boot, 0);
	assert_true(bm[0].median == 21);	/* 10 11 12 13 | 29 30 31 50 */
	free(bm);
	assert_int_equal(boot_medians(v, b, 0, &bm, &nr), 0);
	assert_int_equal(nr, 0);
	free(bm);
}

/* Merging one kernel's boots. */

static struct json_object *guest_doc(int repeats, double level)
{
	struct json_object *d = doc_new("6.1.0-57-amd64", repeats);
	int r;

	for (r = 0; r < repeats; r++)
		add_point(d, "spinlock", r, 0, level + r);
	return d;
}

static void test_merge(void **state)
{
	struct boot_merge m;
	struct json_object *doc, *points, *p, *boots, *other;
	struct boot_record rec = { .boot = 1, .started = 1764780000, .seconds = 12.5,
				   .console_log = "r.boot1.console.log" };
	size_t i;

	(void)state;
	assert_int_equal(boot_merge_init(&m, 4), 0);
	assert_int_equal(boot_merge_add(&m, guest_doc(3, 100), &rec, err, sizeof(err)), 0);
	rec = (struct boot_record) { .boot = 2, .exit_status = 1, .seconds = -1,
				     .problem = "no result came back (guest status -1)" };
	assert_int_equal(boot_merge_add(&m, NULL, &rec, err, sizeof(err)), 0);
	rec = (struct boot_record) { .boot = 3, .seconds = 11 };
	assert_int_equal(boot_merge_add(&m, guest_doc(3, 200), &rec, err, sizeof(err)), 0);
	/* another params: one file has one params, so not kept */
	other = guest_doc(3, 300);
	json_object_object_add(json_object_object_get(other, "params"), "hold_ns",
			       json_object_new_int(1000));
	rec = (struct boot_record) { .boot = 4, .seconds = 11 };
	assert_int_equal(boot_merge_add(&m, other, &rec, err, sizeof(err)), 1);
	assert_non_null(strstr(err, "params differ"));
	doc = boot_merge_finish(&m);
	assert_non_null(doc);
	assert_int_equal(result_validate(doc, err, sizeof(err)), 0);
	points = json_object_object_get(doc, "points");
	assert_int_equal(json_object_array_length(points), 6);
	for (i = 0; i < 6; i++) {
		p = json_object_array_get_idx(points, i);
		/* boot 1's repeats 0..2, boot 3's 6..8: unique, in boot order */
		assert_int_equal(json_object_get_int(json_object_object_get(p, "boot")),
				 i < 3 ? 1 : 3);
		assert_int_equal(json_object_get_int(json_object_object_get(p, "repeat")),
				 i < 3 ? (int)i : 6 + (int)i - 3);
	}
	assert_int_equal(json_object_get_int(json_object_object_get(
				json_object_object_get(doc, "params"), "boots")), 4);
	boots = json_object_object_get(doc, "boots");
	assert_int_equal(json_object_array_length(boots), 4);
	assert_true(json_object_get_boolean(json_object_object_get(
				json_object_array_get_idx(boots, 0), "kept")));
	assert_false(json_object_get_boolean(json_object_object_get(
				json_object_array_get_idx(boots, 1), "kept")));
	assert_non_null(strstr(json_object_get_string(json_object_object_get(
				json_object_array_get_idx(boots, 3), "problem")), "params differ"));
	assert_string_equal(json_object_get_string(json_object_object_get(
				json_object_array_get_idx(boots, 0), "console_log")), "r.boot1.console.log");
	json_object_put(doc);
	/* no boot gave a document: nothing to write */
	assert_int_equal(boot_merge_init(&m, 2), 0);
	rec = (struct boot_record) { .boot = 1, .exit_status = 1 };
	assert_int_equal(boot_merge_add(&m, NULL, &rec, err, sizeof(err)), 0);
	assert_null(boot_merge_finish(&m));
}

/* The loader refuses bad boot fields, naming what and where. */

static void refused(struct json_object *doc, const char *what, const char *where)
{
	int ret = result_validate(doc, err, sizeof(err));

	if (!ret || !strstr(err, what) || !strstr(err, where) ||
	    strncmp(err, "not a valid ksbench result: ", 28))
		fail_msg("want \"not a valid ksbench result: ...%s... at ...%s\", got %d: %s",
			 what, where, ret, err);
	json_object_put(doc);
}

static struct json_object *good_doc(void)
{
	static const double level[] = { 100, 120 };
	struct json_object *d = doc_new("6.1.0-57-amd64", 2);

	add_boots(d, level, 2, 2, true);
	return d;
}

static struct json_object *point_of(struct json_object *doc, size_t i)
{
	return json_object_array_get_idx(json_object_object_get(doc, "points"), i);
}

static void test_schema(void **state)
{
	struct json_object *d;

	(void)state;
	d = good_doc();
	assert_int_equal(result_validate(d, err, sizeof(err)), 0);
	json_object_put(d);
	d = good_doc();
	json_object_object_add(point_of(d, 1), "boot", json_object_new_int(0));
	refused(d, "out of range", "points[1].boot");
	d = good_doc();
	json_object_object_add(point_of(d, 2), "boot", json_object_new_string("2"));
	refused(d, "a string where an integer belongs", "points[2].boot");
	d = good_doc();
	json_object_object_add(point_of(d, 2), "boot", json_object_new_double(1.5));
	refused(d, "a number where an integer belongs", "points[2].boot");
	d = good_doc();
	json_object_object_del(point_of(d, 3), "boot");
	refused(d, "a point without \"boot\"", "points[3]");
	d = good_doc();
	json_object_object_add(point_of(d, 3), "boot", json_object_new_int(3));
	refused(d, "boot 3 is beyond params.boots (2)", "points[3].boot");
	d = good_doc();
	json_object_object_del(json_object_object_get(d, "params"), "boots");
	json_object_array_del_idx(json_object_object_get(d, "boots"), 1, 1);
	refused(d, "boot 2 is not in \"boots\"", "points[2].boot");
	d = good_doc();
	json_object_object_add(json_object_array_get_idx(json_object_object_get(d, "boots"), 1),
			       "boot", json_object_new_int(1));
	refused(d, "boot 1 is recorded twice", "boots[1].boot");
	d = good_doc();
	json_object_object_add(json_object_array_get_idx(json_object_object_get(d, "boots"), 0),
			       "kept", json_object_new_string("yes"));
	refused(d, "a string where a boolean belongs", "boots[0].kept");
	d = good_doc();
	json_object_object_add(json_object_object_get(d, "params"), "boots",
			       json_object_new_int(-2));
	refused(d, "out of range", "params.boots");
	d = good_doc();
	json_object_object_add(d, "boots", json_object_new_object());
	refused(d, "an object where an array belongs", "boots");
}

/* compare: the boot as the unit. */

static struct compare *compare_pair(struct json_object **docs)
{
	static const char *const paths[] = { "a.json", "b.json" };
	struct compare *c;

	assert_int_equal(result_validate(docs[0], err, sizeof(err)), 0);
	assert_int_equal(result_validate(docs[1], err, sizeof(err)), 0);
	assert_int_equal(compare_new(docs, paths, 2, COMPARE_THROUGHPUT, &c, err, sizeof(err)), 0);
	return c;
}

/*
 * Two boots a side, B's a little faster in both, repeats tight within
 * each boot: pooled over 16 repeats a side Mann-Whitney is certain, but
 * two boots against two cannot give p < 0.05 whatever they are.
 */
static void test_pooled_significant_too_few_boots(void **state)
{
	static const double a[] = { 100, 101 }, b[] = { 105, 106 };
	struct json_object *docs[2];
	const struct compare_row *r;
	struct compare *c;
	int with_boots;

	(void)state;
	for (with_boots = 0; with_boots < 2; with_boots++) {
		docs[0] = doc_new("6.1.0-a", 8);
		docs[1] = doc_new("6.1.0-b", 8);
		add_boots(docs[0], a, 2, 8, with_boots);
		add_boots(docs[1], b, 2, 8, with_boots);
		c = compare_pair(docs);
		r = &c->others[0].rows[0];
		if (!with_boots) {
			/* the same values without boots: the pooled test */
			assert_int_equal(r->unit, COMPARE_UNIT_REPEAT);
			assert_int_equal(r->verdict, COMPARE_FASTER);
			assert_true(r->mw.p < 0.001);
		} else {
			assert_int_equal(r->unit, COMPARE_UNIT_BOOT);
			assert_int_equal(r->base.nr_boots, 2);
			assert_int_equal(r->verdict, COMPARE_TOO_FEW_BOOTS);
			assert_true(fabs(r->min_p - 1.0 / 3) < 1e-12);
			assert_true(fabs(r->ratio - 105.5 / 100.5) < 1e-3);
			assert_false(r->has_ci);	/* below 3 boots a side */
		}
		compare_free(c);
		json_object_put(docs[0]);
		json_object_put(docs[1]);
	}
}

/*
 * Four boots a side, 8 repeats each: pooled, B's repeats rank above A's
 * often enough for p ~ 0.01; per boot, B's medians sit among A's (one A
 * boot drifted high), and the test over boot medians says no change.
 */
static void test_pooled_significant_boots_no_change(void **state)
{
	static const double a[] = { 100, 102, 104, 120 }, b[] = { 103, 105, 107, 109 };
	struct json_object *docs[2];
	const struct compare_row *r;
	struct compare *c;
	char *out = NULL;
	size_t len = 0;
	FILE *mem;

	(void)state;
	docs[0] = doc_new("6.1.0-a", 8);
	docs[1] = doc_new("6.1.0-b", 8);
	add_boots(docs[0], a, 4, 8, false);
	add_boots(docs[1], b, 4, 8, false);
	c = compare_pair(docs);
	assert_int_equal(c->others[0].rows[0].verdict, COMPARE_FASTER);
	assert_true(c->others[0].rows[0].mw.p < 0.02);
	compare_free(c);
	json_object_put(docs[0]);
	json_object_put(docs[1]);

	docs[0] = doc_new("6.1.0-a", 8);
	docs[1] = doc_new("6.1.0-b", 8);
	add_boots(docs[0], a, 4, 8, true);
	add_boots(docs[1], b, 4, 8, true);
	c = compare_pair(docs);
	r = &c->others[0].rows[0];
	assert_int_equal(r->unit, COMPARE_UNIT_BOOT);
	assert_int_equal(r->verdict, COMPARE_NO_CHANGE);
	assert_true(r->mw.p > 0.4 && r->mw.p < 0.5);	/* U 11 of 16: exact p 0.486 */
	assert_true(fabs(r->min_p - 2.0 / 70) < 1e-12);
	assert_int_equal(c->files[0].nr_boots, 4);
	mem = open_memstream(&out, &len);
	assert_int_equal(compare_print(mem, c, COMPARE_FORMAT_JSON), 0);
	fclose(mem);
	assert_non_null(strstr(out, "\"unit\": \"boot\""));
	assert_non_null(strstr(out, "\"of\": \"boot medians\""));
	assert_non_null(strstr(out, "\"boots\": 4"));
	free(out);
	compare_free(c);
	json_object_put(docs[0]);
	json_object_put(docs[1]);
}

/* Boot medians apart in every boot: 4 against 4 reaches p = 2/70. */
static void test_boots_significant(void **state)
{
	static const double a[] = { 100, 140, 110, 130 }, b[] = { 60, 80, 70, 75 };
	struct json_object *docs[2] = { doc_new("6.1.0-a", 3), doc_new("6.1.0-b", 3) };
	const struct compare_row *r;
	struct compare *c;
	char *out = NULL;
	size_t len = 0;
	FILE *mem;

	(void)state;
	add_boots(docs[0], a, 4, 3, true);
	add_boots(docs[1], b, 4, 3, true);
	c = compare_pair(docs);
	r = &c->others[0].rows[0];
	assert_int_equal(r->verdict, COMPARE_SLOWER);
	assert_true(fabs(r->mw.p - 2.0 / 70) < 1e-9);
	assert_true(fabs(r->ratio - 72.5 / 120) < 1e-3);	/* medians of boot medians */
	assert_true(r->has_ci);
	mem = open_memstream(&out, &len);
	assert_int_equal(compare_print(mem, c, COMPARE_FORMAT_TABLE), 0);
	fclose(mem);
	assert_non_null(strstr(out, "unit of replication: the boot (A 4 boots, B 4)"));
	assert_non_null(strstr(out, "  (4 boots)"));
	assert_null(strstr(out, "p sees one boot per side"));
	free(out);
	compare_free(c);
	json_object_put(docs[0]);
	json_object_put(docs[1]);
}

/* One boot a side: today's test, and the footer says what it cannot see. */
static void test_single_boot_footer(void **state)
{
	static const double a[] = { 100 }, b[] = { 90 };
	struct json_object *docs[2] = { doc_new("6.1.0-a", 5), doc_new("6.1.0-b", 5) };
	struct compare *c;
	char *out = NULL;
	size_t len = 0;
	FILE *mem;

	(void)state;
	add_boots(docs[0], a, 1, 5, false);
	add_boots(docs[1], b, 1, 5, false);
	c = compare_pair(docs);
	assert_int_equal(c->others[0].rows[0].unit, COMPARE_UNIT_REPEAT);
	assert_int_equal(c->others[0].rows[0].verdict, COMPARE_SLOWER);
	mem = open_memstream(&out, &len);
	assert_int_equal(compare_print(mem, c, COMPARE_FORMAT_TABLE), 0);
	fclose(mem);
	assert_non_null(strstr(out, "p sees one boot per side (repeats within a boot)"));
	free(out);
	compare_free(c);
	json_object_put(docs[0]);
	json_object_put(docs[1]);
}

/* The summary keeps each boot's median. */
static void test_summary_boot_medians(void **state)
{
	static const double a[] = { 15.5e6, 24.4e6 };
	struct json_object *d = doc_new("6.1.0-a", 3), *s, *bm;

	(void)state;
	add_boots(d, a, 2, 3, true);
	s = summary_new(d, 0.05, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(json_object_get_int(json_object_object_get(
				json_object_array_get_idx(s, 0), "boots")), 2);
	bm = json_object_object_get(json_object_array_get_idx(s, 0), "boot_medians");
	assert_int_equal(json_object_array_length(bm), 2);
	assert_true(fabs(json_object_get_double(json_object_object_get(
				json_object_array_get_idx(bm, 1), "median")) - 24.4e6) < 1);
	json_object_put(s);
	json_object_put(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boot_medians),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_schema),
		cmocka_unit_test(test_pooled_significant_too_few_boots),
		cmocka_unit_test(test_pooled_significant_boots_no_change),
		cmocka_unit_test(test_boots_significant),
		cmocka_unit_test(test_single_boot_footer),
		cmocka_unit_test(test_summary_boot_medians),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
