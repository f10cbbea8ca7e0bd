// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "series.h"

static char err[512];

#define assert_err_contains(text) assert_non_null(strstr(err, text))
#define assert_near(a, b, tol) \
	assert_true(fabs((double)(a) - (double)(b)) <= (tol))

/* As kmod/report.c writes it; the last tick is cut short by a stop. */
static const char results_text[] =
	"ksbench-results 1\n"
	"state done\n"
	"nr_workers 3\n"
	"worker cpu=0 ops=600 elapsed_ns=450000000\n"
	"worker cpu=1 ops=330 elapsed_ns=450000000\n"
	"worker cpu=2 ops=0 elapsed_ns=450000000\n"
	"hist op cpu=0 count=0 sum=0 min=0 max=0 buckets=\n"
	"series interval_ns=100000000 ticks=5\n"
	"tick t_ns=100000000 ops=100,80,0\n"
	"tick t_ns=200000000 ops=150,0,0\n"
	"tick t_ns=300000000 ops=140,90,0\n"
	"tick t_ns=400000000 ops=160,85,0\n"
	"tick t_ns=450000000 ops=50,0,0\n"
	"end\n";

static void test_parse_text(void **state)
{
	struct series s;

	(void)state;
	assert_int_equal(series_parse_text(results_text, 3, &s, err,
					   sizeof(err)), 0);
	assert_int_equal(s.interval_ns, 100000000);
	assert_int_equal(s.nr_ticks, 5);
	assert_int_equal(s.filled, 5);
	assert_int_equal(s.nr_workers, 3);
	assert_int_equal(s.t_ns[0], 100000000);
	assert_int_equal(s.t_ns[4], 450000000);
	assert_int_equal(series_ops(&s, 0, 0), 100);
	assert_int_equal(series_ops(&s, 0, 1), 80);
	assert_int_equal(series_ops(&s, 3, 1), 85);
	assert_int_equal(series_ops(&s, 4, 0), 50);
	series_free(&s);
	assert_null(s.t_ns);
	series_free(&s);	/* twice is fine */

	/* nr_workers 0: the first tick line tells. */
	assert_int_equal(series_parse_text(results_text, 0, &s, err,
					   sizeof(err)), 0);
	assert_int_equal(s.nr_workers, 3);
	assert_int_equal(series_ops(&s, 2, 1), 90);
	series_free(&s);
}

static void test_throughput(void **state)
{
	struct series s;

	(void)state;
	assert_int_equal(series_parse_text(results_text, 3, &s, err,
					   sizeof(err)), 0);
	assert_int_equal(series_tick_ns(&s, 0), 100000000);
	assert_int_equal(series_tick_ns(&s, 4), 50000000);
	assert_int_equal(series_tick_ops(&s, 0, SERIES_ALL_WORKERS), 180);
	assert_int_equal(series_tick_ops(&s, 1, 0), 150);
	assert_near(series_throughput(&s, 0, SERIES_ALL_WORKERS), 1800, 1e-9);
	assert_near(series_throughput(&s, 0, 1), 800, 1e-9);
	/* The short last tick: 50 ops in 50 ms. */
	assert_near(series_throughput(&s, 4, 0), 1000, 1e-9);
	assert_near(series_throughput(&s, 4, 2), 0, 0);
	series_free(&s);
}

/*
 * Worker 1 did 0 in ticks 1 and 4 with a median of 80 per tick: two
 * stalls. Worker 2 never ran (median 0): no stall, that is another
 * problem. Worker 0 never stopped.
 */
static void test_stalls(void **state)
{
	struct series_stall st[8];
	struct series s;

	(void)state;
	assert_int_equal(series_parse_text(results_text, 3, &s, err,
					   sizeof(err)), 0);
	assert_int_equal(series_stalls(&s, st, 8), 2);
	assert_int_equal(st[0].tick, 1);
	assert_int_equal(st[0].worker, 1);
	assert_near(st[0].median_ops, 80, 0);
	assert_near(st[0].expected_ops, 80, 1e-9);
	assert_int_equal(st[1].tick, 4);
	assert_int_equal(st[1].worker, 1);
	assert_near(st[1].expected_ops, 40, 1e-9);	/* half a tick */
	/* A short buffer still counts them all. */
	memset(st, 0, sizeof(st));
	assert_int_equal(series_stalls(&s, st, 1), 2);
	assert_int_equal(st[0].tick, 1);
	assert_int_equal(st[1].tick, 0);
	series_free(&s);

	/* Median 0 with an even count: (0 + 0) / 2; median 5 with (0 + 10). */
	assert_int_equal(series_parse_text("series interval_ns=10 ticks=4\n"
					   "tick t_ns=10 ops=0,0\n"
					   "tick t_ns=20 ops=0,0\n"
					   "tick t_ns=30 ops=0,10\n"
					   "tick t_ns=40 ops=7,10\n",
					   2, &s, err, sizeof(err)), 0);
	assert_int_equal(series_stalls(&s, st, 8), 2);
	assert_int_equal(st[0].worker, 1);
	assert_near(st[0].median_ops, 5, 0);
	assert_int_equal(st[1].tick, 1);
	series_free(&s);

	/* No ticks: no stalls. */
	assert_int_equal(series_parse_text("series interval_ns=10 ticks=0\n",
					   2, &s, err, sizeof(err)), 0);
	assert_int_equal(series_stalls(&s, st, 8), 0);
	series_free(&s);
}

static void test_header(void **state)
{
	struct series s;

	(void)state;
	assert_int_equal(series_parse_header("interval_ns=5 ticks=2", 2, &s,
					     err, sizeof(err)), 0);
	assert_int_equal(s.interval_ns, 5);
	assert_int_equal(s.nr_ticks, 2);
	series_free(&s);
	/* The whole line, in another order, with a key from the future. */
	assert_int_equal(series_parse_header("series ticks=0 interval_ns=7 jitter=1\n",
					     1, &s, err, sizeof(err)), 0);
	assert_int_equal(s.interval_ns, 7);
	series_free(&s);

#define BAD(v, why) do { \
		err[0] = '\0'; \
		assert_int_equal(series_parse_header(v, 2, &s, err, \
						     sizeof(err)), -1); \
		assert_err_contains(why); \
		assert_null(s.t_ns); \
	} while (0)
	BAD("interval_ns=5", "no 'ticks'");
	BAD("ticks=5", "no 'interval_ns'");
	BAD("interval_ns=0 ticks=1", "not a positive number");
	BAD("interval_ns=-5 ticks=1", "not a positive number");
	BAD("interval_ns=5x ticks=1", "not a positive number");
	BAD("interval_ns=99999999999999999999 ticks=1", "not a positive number");
	BAD("interval_ns=5 ticks=4098", "not a number in 0..4097");
	BAD("interval_ns=5 ticks=", "not a number");
	BAD("interval_ns=5 ticks=1 ticks=2", "appears twice");
	BAD("interval_ns=5  ticks=1", "not key=value");
	BAD("interval_ns=5 ticks=1 ", "not key=value");
	BAD("interval_ns=5 =1 ticks=1", "not key=value");
	BAD("", "not key=value");
#undef BAD
}

static void test_tick_errors(void **state)
{
	struct series s;

	(void)state;
	assert_int_equal(series_parse_header("interval_ns=10 ticks=2", 3, &s,
					     err, sizeof(err)), 0);
#define BAD(v, why) do { \
		err[0] = '\0'; \
		assert_int_equal(series_parse_tick(&s, v, err, sizeof(err)), \
				 -1); \
		assert_err_contains(why); \
		assert_int_equal(s.filled, 0); \
	} while (0)
	BAD("t_ns=10 ops=1,2", "2 ops values for 3 workers");
	BAD("t_ns=10 ops=1,2,3,4", "4 ops values for 3 workers");
	BAD("t_ns=10 ops=1,,3", "not a list of numbers");
	BAD("t_ns=10 ops=1,2,", "not a list of numbers");
	BAD("t_ns=10 ops=1,x,3", "not a list of numbers");
	BAD("t_ns=10 ops=1,-2,3", "not a list of numbers");
	BAD("t_ns=10 ops=1, 2,3", "not key=value");
	BAD("t_ns=10 ops=", "0 ops values");
	BAD("t_ns=0 ops=1,2,3", "above the previous");
	BAD("t_ns=x ops=1,2,3", "above the previous");
	BAD("t_ns=10", "no 'ops'");
#undef BAD
	assert_int_equal(series_check_complete(&s, err, sizeof(err)), -1);
	assert_err_contains("0 of 2 ticks");
	assert_int_equal(series_parse_tick(&s, "tick t_ns=10 ops=1,2,3\n", err,
					   sizeof(err)), 0);
	/* Time must move forward. */
	assert_int_equal(series_parse_tick(&s, "t_ns=10 ops=1,2,3", err,
					   sizeof(err)), -1);
	assert_err_contains("above the previous");
	assert_int_equal(series_parse_tick(&s, "t_ns=9 ops=1,2,3", err,
					   sizeof(err)), -1);
	assert_int_equal(series_parse_tick(&s, "t_ns=11 ops=4,5,6", err,
					   sizeof(err)), 0);
	assert_int_equal(series_check_complete(&s, err, sizeof(err)), 0);
	/* No more than declared. */
	assert_int_equal(series_parse_tick(&s, "t_ns=12 ops=4,5,6", err,
					   sizeof(err)), -1);
	assert_err_contains("more ticks than the 2 declared");
	assert_int_equal(series_ops(&s, 1, 2), 6);
	series_free(&s);
}

static void text_bad(const char *text, unsigned int nr_workers,
		     const char *why)
{
	struct series s;

	err[0] = '\0';
	assert_int_equal(series_parse_text(text, nr_workers, &s, err,
					   sizeof(err)), -1);
	assert_err_contains(why);
	assert_null(s.t_ns);
	assert_null(s.ops);
}

static void test_text_errors(void **state)
{
	(void)state;
	text_bad("ksbench-results 1\nend\n", 2, "no series line");
	/* Cut: a tick missing before end, or at the end of the text. */
	text_bad("series interval_ns=10 ticks=2\ntick t_ns=10 ops=1,2\nend\n",
		 2, "'end' where tick 2 of 2 was due");
	text_bad("series interval_ns=10 ticks=2\ntick t_ns=10 ops=1,2\n", 2,
		 "1 of 2 ticks");
	text_bad("series interval_ns=10 ticks=1\ntick t_ns=10 ops=1,2\ntick t_ns=20 ops=1,2\n",
		 2, "outside the series");
	text_bad("tick t_ns=10 ops=1,2\nseries interval_ns=10 ticks=1\n", 2,
		 "outside the series");
	text_bad("series interval_ns=10 ticks=0\nseries interval_ns=10 ticks=0\n",
		 2, "a second series line");
	text_bad("series interval_ns=10 ticks=1\ntick t_ns=10 ops=1,2\n", 3,
		 "2 ops values for 3 workers");
	text_bad("series interval_ns=10 ticks=2\ntick t_ns=10 ops=1,2\ntick t_ns=20 ops=1,2,3\n",
		 0, "3 ops values for 2 workers");
}

static void test_json(void **state)
{
	struct series s, back;
	struct json_object *o, *parsed;
	const char *text;
	unsigned int k, w;

	(void)state;
	assert_int_equal(series_parse_text(results_text, 3, &s, err,
					   sizeof(err)), 0);
	o = series_to_json(&s);
	assert_non_null(o);
	text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	assert_string_equal(text,
			    "{\"interval_ns\":100000000,"
			    "\"t_ns\":[100000000,200000000,300000000,400000000,450000000],"
			    "\"ops\":[[100,80,0],[150,0,0],[140,90,0],[160,85,0],[50,0,0]]}");
	parsed = json_tokener_parse(text);
	assert_int_equal(series_from_json(parsed, &back, err, sizeof(err)), 0);
	assert_int_equal(back.interval_ns, s.interval_ns);
	assert_int_equal(back.nr_ticks, 5);
	assert_int_equal(back.filled, 5);
	assert_int_equal(back.nr_workers, 3);
	for (k = 0; k < 5; k++) {
		assert_int_equal(back.t_ns[k], s.t_ns[k]);
		for (w = 0; w < 3; w++)
			assert_int_equal(series_ops(&back, k, w),
					 series_ops(&s, k, w));
	}
	json_object_put(o);
	json_object_put(parsed);
	series_free(&back);
	series_free(&s);

	/* No ticks. */
	parsed = json_tokener_parse("{\"interval_ns\":5,\"t_ns\":[],\"ops\":[]}");
	assert_int_equal(series_from_json(parsed, &back, err, sizeof(err)), 0);
	assert_int_equal(back.nr_ticks, 0);
	json_object_put(parsed);
	series_free(&back);
}

static void json_bad(const char *text, const char *why)
{
	struct json_object *o = json_tokener_parse(text);
	struct series s;

	assert_non_null(o);
	err[0] = '\0';
	assert_int_equal(series_from_json(o, &s, err, sizeof(err)), -1);
	assert_err_contains(why);
	assert_null(s.t_ns);
	json_object_put(o);
}

static void test_json_errors(void **state)
{
	(void)state;
	json_bad("[]", "not an object");
	json_bad("{\"t_ns\":[],\"ops\":[]}", "'interval_ns'");
	json_bad("{\"interval_ns\":0,\"t_ns\":[],\"ops\":[]}", "'interval_ns'");
	json_bad("{\"interval_ns\":5,\"ops\":[]}", "'t_ns' or 'ops'");
	json_bad("{\"interval_ns\":5,\"t_ns\":[1],\"ops\":[]}",
		 "1 times and 0 rows");
	json_bad("{\"interval_ns\":5,\"t_ns\":[1],\"ops\":[[]]}",
		 "not a non-empty array");
	json_bad("{\"interval_ns\":5,\"t_ns\":[1,1],\"ops\":[[1],[2]]}",
		 "t_ns[1]");
	json_bad("{\"interval_ns\":5,\"t_ns\":[0],\"ops\":[[1]]}", "t_ns[0]");
	json_bad("{\"interval_ns\":5,\"t_ns\":[1,2],\"ops\":[[1],[2,3]]}",
		 "ops[1] is not an array of 1");
	json_bad("{\"interval_ns\":5,\"t_ns\":[1],\"ops\":[[-1]]}",
		 "ops[0][0]");
	json_bad("{\"interval_ns\":5,\"t_ns\":[1],\"ops\":[[1.5]]}",
		 "ops[0][0]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_text),
		cmocka_unit_test(test_throughput),
		cmocka_unit_test(test_stalls),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_tick_errors),
		cmocka_unit_test(test_text_errors),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
