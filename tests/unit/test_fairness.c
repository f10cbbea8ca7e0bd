// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "fairness.h"

#define assert_near(a, b, tol) \
	assert_true(fabs((double)(a) - (double)(b)) <= (tol))

static void test_equal(void **state)
{
	const uint64_t ops[] = { 100, 100, 100, 100 };
	struct fairness f;
	double shares[4];

	(void)state;
	assert_int_equal(fairness_compute(ops, 4, KSB_STARVED_FRACTION, &f,
					  shares), 0);
	assert_int_equal(f.n, 4);
	assert_int_equal(f.total, 400);
	assert_false(f.idle);
	assert_near(f.jain, 1, 0);
	assert_near(f.min_max, 1, 0);
	assert_near(f.cv, 0, 0);
	assert_near(f.min_share, 0.25, 0);
	assert_near(f.max_share, 0.25, 0);
	assert_near(shares[0] + shares[1] + shares[2] + shares[3], 1, 1e-15);
	assert_false(f.starved);
	assert_int_equal(f.nr_starved, 0);
}

/* One worker did everything: Jain's lower bound 1/n. */
static void test_one_hog(void **state)
{
	const uint64_t ops[] = { 0, 1000, 0, 0 };
	struct fairness f;
	double shares[4];

	(void)state;
	assert_int_equal(fairness_compute(ops, 4, KSB_STARVED_FRACTION, &f,
					  shares), 0);
	assert_near(f.jain, 0.25, 1e-15);
	assert_near(f.min_max, 0, 0);
	assert_near(shares[1], 1, 0);
	assert_near(shares[0], 0, 0);
	/* population sd of (0, 1000, 0, 0) = 433.01, mean 250: cv = sqrt 3 */
	assert_near(f.cv, sqrt(3), 1e-12);
	assert_true(f.starved);
	assert_int_equal(f.nr_starved, 3);
}

/*
 * 1 2 3 4: Jain = 10^2 / (4 * 30) = 5/6; population CV = sqrt(1.25) / 2.5
 * = 0.4472; and Jain = 1 / (1 + CV^2) exactly.
 */
static void test_known(void **state)
{
	const uint64_t ops[] = { 1, 2, 3, 4 };
	struct fairness f;

	(void)state;
	assert_int_equal(fairness_compute(ops, 4, KSB_STARVED_FRACTION, &f,
					  NULL), 0);
	assert_near(f.jain, 5.0 / 6, 1e-15);
	assert_near(f.cv, sqrt(1.25) / 2.5, 1e-15);
	assert_near(f.jain, 1 / (1 + f.cv * f.cv), 1e-15);
	assert_near(f.min_max, 0.25, 0);
	assert_near(f.min_share, 0.1, 1e-15);
	assert_near(f.max_share, 0.4, 1e-15);
	/* 0.1 < 0.5 / 4: worker 0 is starved. */
	assert_true(f.starved);
	assert_int_equal(f.nr_starved, 1);
	/* Two workers 3:1: Jain = 16 / (2 * 10) = 0.8. */
	assert_int_equal(fairness_compute((const uint64_t[]){ 300, 100 }, 2,
					  KSB_STARVED_FRACTION, &f, NULL), 0);
	assert_near(f.jain, 0.8, 1e-15);
	assert_false(f.starved);	/* 0.25 is exactly 0.5 / 2 */
}

/* The threshold: share < fraction / n; fair share 0.25, threshold 0.125. */
static void test_starved_threshold(void **state)
{
	struct fairness f;

	(void)state;
	assert_int_equal(fairness_compute((const uint64_t[]){ 30, 30, 28, 12 },
					  4, KSB_STARVED_FRACTION, &f, NULL), 0);
	assert_true(f.starved);
	assert_int_equal(fairness_compute((const uint64_t[]){ 30, 30, 27, 13 },
					  4, KSB_STARVED_FRACTION, &f, NULL), 0);
	assert_false(f.starved);
	/* Another fraction: 0.13 < 0.6 / 4. */
	assert_int_equal(fairness_compute((const uint64_t[]){ 30, 30, 27, 13 },
					  4, 0.6, &f, NULL), 0);
	assert_true(f.starved);
	/* 0: nobody is ever starved; 1: all below fair share are. */
	assert_int_equal(fairness_compute((const uint64_t[]){ 1, 0, 99 }, 3,
					  0, &f, NULL), 0);
	assert_false(f.starved);
	assert_int_equal(fairness_compute((const uint64_t[]){ 30, 30, 24, 16 },
					  4, 1, &f, NULL), 0);
	assert_int_equal(f.nr_starved, 2);
}

static void test_idle_and_single(void **state)
{
	const uint64_t zero[] = { 0, 0, 0 };
	struct fairness f;
	double shares[3] = { 9, 9, 9 };

	(void)state;
	assert_int_equal(fairness_compute(zero, 3, KSB_STARVED_FRACTION, &f,
					  shares), 0);
	assert_true(f.idle);
	assert_int_equal(f.total, 0);
	assert_near(f.jain, 1, 0);
	assert_near(f.min_max, 1, 0);
	assert_near(f.cv, 0, 0);
	assert_false(f.starved);
	assert_near(shares[0] + shares[1] + shares[2], 0, 0);
	assert_int_equal(fairness_compute((const uint64_t[]){ 77 }, 1,
					  KSB_STARVED_FRACTION, &f, shares), 0);
	assert_near(f.jain, 1, 0);
	assert_near(shares[0], 1, 0);
	assert_false(f.starved);
}

static void test_bad_args(void **state)
{
	const uint64_t ops[] = { 1, UINT64_MAX };
	struct fairness f;

	(void)state;
	assert_int_equal(fairness_compute(ops, 0, 0.5, &f, NULL), -1);
	assert_int_equal(fairness_compute(ops, 1, 1.5, &f, NULL), -1);
	assert_int_equal(fairness_compute(ops, 1, -0.1, &f, NULL), -1);
	assert_int_equal(fairness_compute(ops, 1, NAN, &f, NULL), -1);
	assert_int_equal(fairness_compute(ops, 2, 0.5, &f, NULL), -1);
}

/* Jain stays in [1/n, 1] and equals 1 / (1 + CV^2) on random counts. */
static void test_jain_bounds(void **state)
{
	uint64_t ops[64], x = 0x9e3779b97f4a7c15ull;
	struct fairness f;
	unsigned int n, i, round;

	(void)state;
	for (round = 0; round < 500; round++) {
		n = round % 64 + 1;
		for (i = 0; i < n; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* Spread over magnitudes, zeros included. */
			ops[i] = (x >> (x % 61)) % 1000000000;
		}
		assert_int_equal(fairness_compute(ops, n, KSB_STARVED_FRACTION,
						  &f, NULL), 0);
		if (f.idle)
			continue;
		assert_true(f.jain >= 1.0 / n && f.jain <= 1.0);
		assert_true(f.min_max >= 0 && f.min_max <= 1);
		assert_near(f.jain, 1 / (1 + f.cv * f.cv), 1e-12);
	}
}

static void test_run_fraction_and_csw(void **state)
{
	struct csw_rate r;
	double frac;

	(void)state;
	assert_int_equal(fairness_run_fraction(485045531, 500041234, &frac), 0);
	assert_near(frac, 485045531.0 / 500041234, 1e-15);
	/* Not clamped: exact to a tick only. */
	assert_int_equal(fairness_run_fraction(1004, 1000, &frac), 0);
	assert_near(frac, 1.004, 1e-15);
	frac = 7;
	assert_int_equal(fairness_run_fraction(5, 0, &frac), -1);
	assert_near(frac, 7, 0);

	assert_int_equal(fairness_csw_rate(10, 31, 2000000, 500000000, &r), 0);
	assert_near(r.voluntary_s, 20, 1e-12);
	assert_near(r.involuntary_s, 62, 1e-12);
	assert_near(r.total_s, 82, 1e-12);
	assert_near(r.per_kop, 41 * 1000.0 / 2000000, 1e-15);
	assert_int_equal(fairness_csw_rate(10, 31, 0, 500000000, &r), 0);
	assert_near(r.per_kop, 0, 0);
	assert_int_equal(fairness_csw_rate(1, 1, 1, 0, &r), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_one_hog),
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_starved_threshold),
		cmocka_unit_test(test_idle_and_single),
		cmocka_unit_test(test_bad_args),
		cmocka_unit_test(test_jain_bounds),
		cmocka_unit_test(test_run_fraction_and_csw),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
