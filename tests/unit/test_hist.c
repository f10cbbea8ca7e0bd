// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "hist.h"

static char err[512];

#define LAST	(KSB_HIST_BUCKETS - 1)
#define assert_err_contains(text) assert_non_null(strstr(err, text))
#define assert_near(a, b, tol) \
	assert_true(fabs((double)(a) - (double)(b)) <= (tol))

/* Histograms are 16 KB: keep them off the test's stack. */
static struct hist *new_hist(void)
{
	struct hist *h = malloc(sizeof(*h));

	assert_non_null(h);
	hist_init(h);
	return h;
}

static void record_n(struct hist *h, uint64_t v, uint64_t times)
{
	while (times--)
		assert_int_equal(hist_record(h, v), 0);
}

static void check_value(uint64_t v)
{
	unsigned int i = ksb_hist_index(v);

	assert_true(i < KSB_HIST_BUCKETS);
	assert_true(ksb_hist_lower(i) <= v);
	if (i < LAST)
		assert_true(v < ksb_hist_upper(i));
}

/* value -> index -> [lower, upper) holds the value, over every magnitude. */
static void test_layout_round_trip(void **state)
{
	uint64_t v, x = 88172645463325252ull;
	unsigned int k, j;

	(void)state;
	for (v = 0; v < 5000; v++)
		check_value(v);
	for (k = 0; k < 64; k++) {
		v = 1ull << k;
		check_value(v - 1);
		check_value(v);
		check_value(v + 1);
	}
	check_value(127);
	check_value(128);
	check_value(10000000000ull);		/* 10 s */
	check_value((1ull << 36) - 1);
	check_value(1ull << 36);
	check_value((1ull << 36) + 12345);
	check_value(UINT64_MAX);
	/* xorshift64 over every magnitude: v >> j for j in 0..63. */
	for (k = 0; k < 2000; k++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		for (j = 0; j < 64; j++)
			check_value(x >> j);
	}
	/* Exact points of the layout. */
	assert_int_equal(ksb_hist_index(0), 0);
	assert_int_equal(ksb_hist_index(127), 127);
	assert_int_equal(ksb_hist_index(128), 128);
	assert_int_equal(ksb_hist_index(129), 128);	/* [128, 130) */
	assert_int_equal(ksb_hist_index(130), 129);
	assert_int_equal(ksb_hist_index((1ull << 36) - 1), LAST);
	assert_int_equal(ksb_hist_index(1ull << 36), LAST);
	assert_int_equal(ksb_hist_index(UINT64_MAX), LAST);
	assert_true(ksb_hist_index(10000000000ull) < LAST);
}

/* Buckets tile the line; 1 ns wide below 128; at most 1/64 above 64. */
static void test_layout_widths(void **state)
{
	unsigned int i;

	(void)state;
	assert_int_equal(KSB_HIST_BUCKETS, 1984);
	assert_int_equal(ksb_hist_lower(0), 0);
	for (i = 0; i < LAST; i++) {
		uint64_t lo = ksb_hist_lower(i), up = ksb_hist_upper(i);

		assert_true(lo < up);
		assert_int_equal(up, ksb_hist_lower(i + 1));
		assert_int_equal(ksb_hist_index(lo), i);
		assert_int_equal(ksb_hist_index(up - 1), i);
		if (i < 128)
			assert_int_equal(up - lo, 1);
		if (i >= 64)
			assert_true((up - lo) * 64 <= lo);
	}
	assert_int_equal(ksb_hist_upper(LAST), UINT64_MAX);
	assert_true(ksb_hist_lower(LAST) < (1ull << 36));
}

static void test_record(void **state)
{
	struct hist *h = new_hist();

	(void)state;
	assert_true(isnan(hist_percentile(h, 0.5, 0)));
	assert_true(isnan(hist_mean(h, 0)));
	assert_true(isnan(hist_stddev(h, 0)));
	assert_true(isnan(hist_min(h, 0)));
	record_n(h, 300, 1);
	record_n(h, 7, 2);
	assert_int_equal(h->count, 3);
	assert_int_equal(h->sum, 314);
	assert_int_equal(h->min, 7);
	assert_int_equal(h->max, 300);
	assert_int_equal(h->counts[7], 2);
	assert_int_equal(h->counts[ksb_hist_index(300)], 1);
	/* The sum never wraps. */
	h->sum = UINT64_MAX - 5;
	assert_int_equal(hist_record(h, 6), -1);
	assert_int_equal(h->count, 3);
	free(h);
}

/* All values below 128 ns: every percentile is exact. */
static void test_percentile_exact_small(void **state)
{
	struct hist *h = new_hist();
	uint64_t v;

	(void)state;
	for (v = 1; v <= 100; v++)
		record_n(h, v, 1);
	assert_near(hist_percentile(h, 0.0, 0), 1, 0);
	assert_near(hist_percentile(h, 0.001, 0), 1, 0);
	assert_near(hist_percentile(h, 0.5, 0), 50, 0);
	assert_near(hist_percentile(h, 0.505, 0), 51, 0);
	assert_near(hist_percentile(h, 0.9, 0), 90, 0);
	assert_near(hist_percentile(h, 0.99, 0), 99, 0);
	assert_near(hist_percentile(h, 0.999, 0), 100, 0);
	assert_near(hist_percentile(h, 1.0, 0), 100, 0);
	assert_near(hist_mean(h, 0), 50.5, 1e-12);
	/* Population sd of 1..100: sqrt((100^2 - 1) / 12). */
	assert_near(hist_stddev(h, 0), sqrt(9999.0 / 12), 1e-9);
	assert_true(isnan(hist_percentile(h, -0.1, 0)));
	assert_true(isnan(hist_percentile(h, 1.1, 0)));
	assert_true(isnan(hist_percentile(h, NAN, 0)));
	free(h);
}

/*
 * Uniform 1..100000: each percentile within half a bucket (1/128 of the
 * value) of the exact nearest-rank value ceil(q N), never decreasing in
 * q, and p100 == max.
 */
static void test_percentile_uniform(void **state)
{
	struct hist *h = new_hist();
	const uint64_t n = 100000;
	double q, p, prev = 0, exact;
	uint64_t v;

	(void)state;
	for (v = 1; v <= n; v++)
		record_n(h, v, 1);
	for (q = 0.0; q <= 1.0; q += 0.0005) {
		p = hist_percentile(h, q, 0);
		exact = fmax(1, ceil(q * (double)n - 1e-9));
		assert_true(p >= prev);
		assert_true(fabs(p - exact) <= exact / 128 + 0.5);
		prev = p;
	}
	assert_near(hist_percentile(h, 1.0, 0), n, 0);
	assert_near(hist_percentile(h, 0.0, 0), 1, 0);
	/* 50000 is in [49664, 50176): midpoint 49919.5. */
	assert_near(hist_percentile(h, 0.5, 0), 49919.5, 0);
	assert_near(hist_mean(h, 0), 50000.5, 1e-9);
	/* The midpoint stddev is within 1% of the exact one. */
	assert_near(hist_stddev(h, 0) / sqrt(((double)n * n - 1) / 12), 1, 0.01);
	free(h);
}

static void test_percentile_spike(void **state)
{
	struct hist *h = new_hist();
	double q;

	(void)state;
	record_n(h, 5000, 1000);	/* 5000 is inside [4992, 5056) */
	for (q = 0; q <= 1.0; q += 0.01)
		assert_near(hist_percentile(h, q, 0), 5000, 0);
	assert_near(hist_mean(h, 0), 5000, 0);
	assert_near(hist_stddev(h, 0), 0, 0);
	free(h);
}

/* 90% at 100 ns and 10% at 10 us. */
static void test_percentile_two_spikes(void **state)
{
	struct hist *h = new_hist();
	struct hist_summary s;

	(void)state;
	record_n(h, 100, 900);
	record_n(h, 10000, 100);
	assert_near(hist_percentile(h, 0.5, 0), 100, 0);
	assert_near(hist_percentile(h, 0.9, 0), 100, 0);	/* rank 900 */
	assert_near(hist_percentile(h, 0.9005, 0), 10000, 0);	/* rank 901 */
	assert_near(hist_percentile(h, 0.99, 0), 10000, 0);
	assert_int_equal(hist_summarize(h, 0, &s), 0);
	assert_int_equal(s.count, 1000);
	assert_near(s.min, 100, 0);
	assert_near(s.max, 10000, 0);
	assert_near(s.mean, 1090, 1e-9);
	/* Both spikes read exactly: sd = sqrt(0.9 * 0.1) * 9900. */
	assert_near(s.stddev, 2970, 1e-6);
	assert_near(s.p50, 100, 0);
	assert_near(s.p90, 100, 0);
	assert_near(s.p99, 10000, 0);
	assert_near(s.p999, 10000, 0);
	free(h);
}

static void test_clock_cost(void **state)
{
	struct hist *h = new_hist();
	struct hist_summary s;

	(void)state;
	record_n(h, 100, 900);
	record_n(h, 10000, 100);
	assert_int_equal(hist_summarize(h, 21, &s), 0);
	assert_int_equal(s.clock_cost_ns, 21);
	assert_near(s.min, 79, 0);
	assert_near(s.max, 9979, 0);
	assert_near(s.p50, 79, 0);
	assert_near(s.p99, 9979, 0);
	assert_near(s.mean, 1069, 1e-9);
	assert_near(s.stddev, 2970, 1e-6);
	/* The raw buckets are untouched. */
	assert_int_equal(h->counts[100], 900);
	assert_int_equal(h->min, 100);
	free(h);

	/* Values below C clamp at 0, and the mean knows it exactly. */
	h = new_hist();
	record_n(h, 10, 5);
	record_n(h, 30, 5);
	assert_near(hist_min(h, 21), 0, 0);
	assert_near(hist_max(h, 21), 9, 0);
	assert_near(hist_percentile(h, 0.5, 21), 0, 0);
	assert_near(hist_percentile(h, 0.6, 21), 9, 0);
	assert_near(hist_mean(h, 21), 4.5, 1e-12);
	assert_near(hist_stddev(h, 21), 4.5, 1e-12);
	/* C above every value: all 0. */
	assert_near(hist_mean(h, 1000), 0, 0);
	assert_near(hist_percentile(h, 1.0, 1000), 0, 0);
	assert_near(hist_stddev(h, 1000), 0, 0);
	free(h);

	/* C inside the log buckets: the mean stays within [min, max]. */
	h = new_hist();
	record_n(h, 150, 10);
	record_n(h, 1000, 10);
	/*
	 * Exactly (0 + 800) / 2 = 400; the values below C are read at
	 * their bucket's midpoint, 150.5 in [150, 152): 399.5.
	 */
	assert_near(hist_mean(h, 200), 400, 1);
	assert_true(hist_mean(h, 2000) == 0);
	free(h);
}

static void test_merge(void **state)
{
	struct hist *a = new_hist(), *b = new_hist(), *all = new_hist();
	struct hist *empty = new_hist();
	uint64_t v;

	(void)state;
	for (v = 1; v < 3000; v += 7) {
		record_n(v % 2 ? a : b, v * 13, 1);
		record_n(all, v * 13, 1);
	}
	assert_int_equal(hist_merge(a, b, err, sizeof(err)), 0);
	assert_memory_equal(a, all, sizeof(*a));
	/* Into an empty one, and an empty one in. */
	assert_int_equal(hist_merge(empty, all, err, sizeof(err)), 0);
	assert_memory_equal(empty, all, sizeof(*all));
	hist_init(b);
	assert_int_equal(hist_merge(a, b, err, sizeof(err)), 0);
	assert_memory_equal(a, all, sizeof(*a));
	/* Min and max come from either side. */
	hist_init(b);
	record_n(b, 3, 1);
	record_n(b, 1000000, 1);
	assert_int_equal(hist_merge(a, b, err, sizeof(err)), 0);
	assert_int_equal(a->min, 3);
	assert_int_equal(a->max, 1000000);
	assert_int_equal(a->count, all->count + 2);
	/* Overflow: refused, dst unchanged. */
	memcpy(empty, a, sizeof(*a));
	b->sum = UINT64_MAX;
	assert_int_equal(hist_merge(a, b, err, sizeof(err)), -1);
	assert_err_contains("overflow");
	assert_memory_equal(a, empty, sizeof(*a));
	free(a);
	free(b);
	free(all);
	free(empty);
}

static void test_parse_buckets(void **state)
{
	struct hist *h = new_hist();

	(void)state;
	assert_int_equal(hist_parse_buckets("144:1,149:2,154:63", h, err,
					    sizeof(err)), 0);
	assert_int_equal(h->count, 66);
	assert_int_equal(h->counts[144], 1);
	assert_int_equal(h->counts[149], 2);
	assert_int_equal(h->counts[154], 63);
	/* Any order; the last bucket; an empty list. */
	assert_int_equal(hist_parse_buckets("1983:5,0:1", h, err,
					    sizeof(err)), 0);
	assert_int_equal(h->count, 6);
	assert_int_equal(h->counts[144], 0);
	assert_int_equal(hist_parse_buckets("", h, err, sizeof(err)), 0);
	assert_int_equal(h->count, 0);
	assert_int_equal(hist_parse_buckets("18446744073709551615:1", h, err,
					    sizeof(err)), -1);
	free(h);
}

static void buckets_bad(const char *s, const char *why)
{
	struct hist *h = new_hist(), *before = new_hist();

	assert_int_equal(hist_parse_buckets("7:3", h, err, sizeof(err)), 0);
	memcpy(before, h, sizeof(*h));
	err[0] = '\0';
	assert_int_equal(hist_parse_buckets(s, h, err, sizeof(err)), -1);
	assert_memory_equal(h, before, sizeof(*h));	/* unchanged */
	assert_err_contains(why);
	free(h);
	free(before);
}

static void test_parse_buckets_errors(void **state)
{
	(void)state;
	buckets_bad("1984:1", "beyond the last bucket");
	buckets_bad("99999:1", "beyond the last bucket");
	buckets_bad("5:0", "count 0");
	buckets_bad("5:1,6:1,5:2", "listed twice");
	buckets_bad("1:2,", "trailing ','");
	buckets_bad(",1:2", "not index:count");
	buckets_bad("1:2,,3:4", "not index:count");
	buckets_bad("abc", "not index:count");
	buckets_bad("1:", "not index:count");
	buckets_bad(":2", "not index:count");
	buckets_bad("1", "not index:count");
	buckets_bad("1:2:3", "not index:count");
	buckets_bad("1;2", "not index:count");
	buckets_bad("-1:2", "not index:count");
	buckets_bad("+1:2", "not index:count");
	buckets_bad(" 1:2", "not index:count");
	buckets_bad("1:2 ", "not index:count");
	buckets_bad("1: 2", "not index:count");
	buckets_bad("0x10:2", "not index:count");
	buckets_bad("1:99999999999999999999", "not index:count");
	buckets_bad("1:18446744073709551615,2:1", "overflow");
}

static void test_from_module(void **state)
{
	struct hist *h = new_hist(), *before;

	(void)state;
	/* 100, 200 (bucket 164 is [200, 202)), 300 twice ([300, 304)). */
	assert_int_equal(hist_from_module(4, 900, 100, 300,
					  "100:1,164:1,203:2", h, err,
					  sizeof(err)), 0);
	assert_int_equal(h->count, 4);
	assert_int_equal(h->sum, 900);
	assert_int_equal(ksb_hist_index(200), 164);
	assert_int_equal(ksb_hist_index(300), 203);
	/* The module's empty histogram. */
	assert_int_equal(hist_from_module(0, 0, 0, 0, "", h, err,
					  sizeof(err)), 0);
	assert_int_equal(h->count, 0);

	before = new_hist();
	assert_int_equal(hist_from_module(2, 20, 10, 10, "10:2", h, err,
					  sizeof(err)), 0);
	memcpy(before, h, sizeof(*h));
#define BAD(c, s, mn, mx, b, why) do { \
		err[0] = '\0'; \
		assert_int_equal(hist_from_module(c, s, mn, mx, b, h, err, \
						  sizeof(err)), -1); \
		assert_err_contains(why); \
		assert_memory_equal(h, before, sizeof(*h)); \
	} while (0)
	BAD(3, 20, 10, 10, "10:2", "buckets hold 2");
	BAD(0, 5, 0, 0, "", "empty but");
	BAD(0, 0, 0, 7, "", "empty but");
	BAD(2, 20, 11, 9, "10:2", "min 11 > max 9");
	BAD(2, 20, 9, 10, "10:2", "not in the first or last");
	BAD(2, 21, 10, 11, "10:2", "not in the first or last");
	BAD(2, 21, 10, 10, "10:2", "impossible");	/* 2 x 10 is 20 */
	BAD(2, 19, 10, 10, "10:2", "impossible");
	BAD(2, 2000, 100, 300, "100:1,203:1", "impossible");
	BAD(2, 20, 10, 10, "10:2,x", "not index:count");
#undef BAD
	free(h);
	free(before);
}

static void test_parse_line(void **state)
{
	struct hist *h = new_hist();
	char name[16];
	unsigned int cpu = 99;

	(void)state;
	assert_int_equal(hist_parse_line("hist acquire cpu=3 count=4 sum=900 min=100 max=300 buckets=100:1,164:1,203:2",
					 name, sizeof(name), &cpu, h, err,
					 sizeof(err)), 0);
	assert_string_equal(name, "acquire");
	assert_int_equal(cpu, 3);
	assert_int_equal(h->count, 4);
	assert_int_equal(h->counts[203], 2);
	/* The value alone, fields in another order, an unknown one, "\n". */
	assert_int_equal(hist_parse_line("hold buckets= max=0 min=0 sum=0 count=0 cpu=0 newkey=5\n",
					 name, sizeof(name), &cpu, h, err,
					 sizeof(err)), 0);
	assert_string_equal(name, "hold");
	assert_int_equal(cpu, 0);
	assert_int_equal(h->count, 0);

#define BAD(line, why) do { \
		err[0] = '\0'; \
		assert_int_equal(hist_parse_line(line, name, sizeof(name), \
						 &cpu, h, err, sizeof(err)), \
				 -1); \
		assert_err_contains(why); \
	} while (0)
	BAD("hist op cpu=0 count=1 sum=5 min=5 max=5", "no 'buckets'");
	BAD("hist op cpu=0 cpu=1 count=1 sum=5 min=5 max=5 buckets=5:1",
	    "appears twice");
	BAD("hist op cpu=x count=1 sum=5 min=5 max=5 buckets=5:1",
	    "not a number");
	BAD("hist op cpu=4294967296 count=1 sum=5 min=5 max=5 buckets=5:1",
	    "out of range");
	BAD("hist op cpu=0 count=1 sum=5 min=5 max=5 buckets=5:1 stray",
	    "not key=value");
	BAD("hist op  cpu=0 count=1 sum=5 min=5 max=5 buckets=5:1",
	    "not key=value");
	BAD("hist cpu=0 count=1 sum=5 min=5 max=5 buckets=5:1",
	    "not a histogram name");
	BAD("hist a_name_longer_than_16 cpu=0 count=1 sum=5 min=5 max=5 buckets=5:1",
	    "not a histogram name");
	BAD("hist op cpu=0 count=2 sum=5 min=5 max=5 buckets=5:1",
	    "buckets hold 1");
#undef BAD
	free(h);
}

static void test_json_round_trip(void **state)
{
	struct hist *h = new_hist(), *back = new_hist();
	struct json_object *o, *parsed;
	const char *text;
	uint64_t v;

	(void)state;
	for (v = 1; v < 100000000; v = v * 3 + 1)
		record_n(h, v, v % 5 + 1);
	record_n(h, 1ull << 40, 2);		/* the open last bucket */
	o = hist_to_json(h);
	assert_non_null(o);
	text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	assert_non_null(strstr(text, "\"buckets\":[[1,2],[4,5],"));
	assert_non_null(strstr(text, "\"sub_bits\":6"));
	parsed = json_tokener_parse(text);
	assert_non_null(parsed);
	assert_int_equal(hist_from_json(parsed, back, err, sizeof(err)), 0);
	assert_memory_equal(h, back, sizeof(*h));
	json_object_put(o);
	json_object_put(parsed);

	/* Empty, and a sum above INT64_MAX (2^27 samples of 2^36 ns). */
	hist_init(h);
	o = hist_to_json(h);
	assert_int_equal(hist_from_json(o, back, err, sizeof(err)), 0);
	assert_memory_equal(h, back, sizeof(*h));
	json_object_put(o);
	h->counts[LAST] = 1ull << 27;
	h->count = 1ull << 27;
	h->sum = 1ull << 63;
	h->min = h->max = 1ull << 36;
	o = hist_to_json(h);
	parsed = json_tokener_parse(json_object_to_json_string(o));
	assert_int_equal(hist_from_json(parsed, back, err, sizeof(err)), 0);
	assert_memory_equal(h, back, sizeof(*h));
	json_object_put(o);
	json_object_put(parsed);
	free(h);
	free(back);
}

static void json_bad(const char *text, const char *why)
{
	struct json_object *o = json_tokener_parse(text);
	struct hist *h = new_hist(), *before = new_hist();

	assert_non_null(o);
	record_n(h, 42, 1);
	memcpy(before, h, sizeof(*h));
	err[0] = '\0';
	assert_int_equal(hist_from_json(o, h, err, sizeof(err)), -1);
	assert_err_contains(why);
	assert_memory_equal(h, before, sizeof(*h));
	json_object_put(o);
	free(h);
	free(before);
}

#define JHEAD "{\"sub_bits\":6,\"max_shift\":36,"

static void test_json_errors(void **state)
{
	(void)state;
	json_bad("[]", "not an object");
	json_bad("{\"sub_bits\":5,\"max_shift\":36,\"count\":0,\"sum\":0,\"min\":0,\"max\":0,\"buckets\":[]}",
		 "bucket layout");
	json_bad("{\"max_shift\":36,\"count\":0,\"sum\":0,\"min\":0,\"max\":0,\"buckets\":[]}",
		 "'sub_bits'");
	json_bad(JHEAD "\"count\":1,\"sum\":5,\"min\":5,\"max\":5}",
		 "'buckets'");
	json_bad(JHEAD "\"count\":-1,\"sum\":5,\"min\":5,\"max\":5,\"buckets\":[[5,1]]}",
		 "'count'");
	json_bad(JHEAD "\"count\":1,\"sum\":\"5\",\"min\":5,\"max\":5,\"buckets\":[[5,1]]}",
		 "'sum'");
	json_bad(JHEAD "\"count\":1,\"sum\":5,\"min\":5,\"max\":5,\"buckets\":[[5]]}",
		 "not [index, count]");
	json_bad(JHEAD "\"count\":1,\"sum\":5,\"min\":5,\"max\":5,\"buckets\":[[5,1.5]]}",
		 "not [index, count]");
	json_bad(JHEAD "\"count\":1,\"sum\":5,\"min\":5,\"max\":5,\"buckets\":[5,1]}",
		 "not [index, count]");
	json_bad(JHEAD "\"count\":1,\"sum\":5,\"min\":5,\"max\":5,\"buckets\":[[1984,1]]}",
		 "out of range");
	json_bad(JHEAD "\"count\":2,\"sum\":10,\"min\":5,\"max\":5,\"buckets\":[[5,1],[5,1]]}",
		 "repeated");
	json_bad(JHEAD "\"count\":1,\"sum\":5,\"min\":5,\"max\":5,\"buckets\":[[5,1],[6,0]]}",
		 "count 0");
	json_bad(JHEAD "\"count\":2,\"sum\":5,\"min\":5,\"max\":5,\"buckets\":[[5,1]]}",
		 "buckets hold 1");
	json_bad(JHEAD "\"count\":1,\"sum\":6,\"min\":5,\"max\":5,\"buckets\":[[5,1]]}",
		 "impossible");
}

static void test_cdf(void **state)
{
	struct hist *h = new_hist();
	struct hist_cdf_point pts[KSB_HIST_BUCKETS];
	struct json_object *o;
	size_t n, i;
	uint64_t v;

	(void)state;
	assert_int_equal(hist_cdf(h, 0, pts, KSB_HIST_BUCKETS), 0);
	record_n(h, 100, 900);
	record_n(h, 10000, 100);
	n = hist_cdf(h, 0, pts, KSB_HIST_BUCKETS);
	assert_int_equal(n, 2);
	assert_near(pts[0].value, 100, 0);
	assert_near(pts[0].fraction, 0.9, 1e-15);
	assert_near(pts[1].value, 10000, 0);	/* clamped to max */
	assert_near(pts[1].fraction, 1.0, 0);
	o = hist_cdf_json(h, 21);
	assert_string_equal(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
			    "[[79.0,0.9],[9979.0,1.0]]");
	json_object_put(o);

	/* Values that correction maps to 0 merge into one point. */
	hist_init(h);
	record_n(h, 10, 5);
	record_n(h, 30, 5);
	n = hist_cdf(h, 21, pts, KSB_HIST_BUCKETS);
	assert_int_equal(n, 2);
	assert_near(pts[0].value, 0, 0);
	assert_near(pts[0].fraction, 0.5, 0);
	assert_near(pts[1].value, 9, 0);
	n = hist_cdf(h, 50, pts, KSB_HIST_BUCKETS);
	assert_int_equal(n, 1);
	assert_near(pts[0].value, 0, 0);
	assert_near(pts[0].fraction, 1.0, 0);

	/* Wide buckets: value is the top of each, exact P(X <= value). */
	hist_init(h);
	for (v = 1; v <= 100000; v++)
		record_n(h, v, 1);
	n = hist_cdf(h, 0, pts, KSB_HIST_BUCKETS);
	assert_true(n > 100 && n <= KSB_HIST_BUCKETS);
	for (i = 0; i < n; i++) {
		assert_near(pts[i].fraction, pts[i].value / 100000, 1e-12);
		if (i)
			assert_true(pts[i].value > pts[i - 1].value &&
				    pts[i].fraction > pts[i - 1].fraction);
	}
	assert_near(pts[n - 1].value, 100000, 0);
	assert_near(pts[n - 1].fraction, 1.0, 0);
	/* A short buffer: filled, and the full count returned. */
	memset(pts, 0, sizeof(pts));
	assert_int_equal(hist_cdf(h, 0, pts, 3), n);
	assert_near(pts[2].value, 3, 0);
	assert_near(pts[3].value, 0, 0);
	free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_round_trip),
		cmocka_unit_test(test_layout_widths),
		cmocka_unit_test(test_record),
		cmocka_unit_test(test_percentile_exact_small),
		cmocka_unit_test(test_percentile_uniform),
		cmocka_unit_test(test_percentile_spike),
		cmocka_unit_test(test_percentile_two_spikes),
		cmocka_unit_test(test_clock_cost),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_parse_buckets),
		cmocka_unit_test(test_parse_buckets_errors),
		cmocka_unit_test(test_from_module),
		cmocka_unit_test(test_parse_line),
		cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_json_errors),
		cmocka_unit_test(test_cdf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
