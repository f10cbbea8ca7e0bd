// SPDX-License-Identifier: GPL-2.0
/*
 * Reference values: where a closed form exists it is given; the others
 * were computed outside GSL with mpmath at 30 digits (Welch: two-sided
 * p = I_{df/(df+t^2)}(df/2, 1/2), the regularized incomplete beta) and
 * by enumerating every ordering (Mann-Whitney exact), with R's
 * definitions (t.test(var.equal = FALSE), wilcox.test(correct = TRUE)).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "stats.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define assert_near(a, b, tol) \
	assert_true(fabs((double)(a) - (double)(b)) <= (tol))
#define assert_rel(a, b, rel) \
	assert_true(fabs((double)(a) - (double)(b)) <= (rel) * fabs((double)(b)))

static void test_describe_known(void **state)
{
	/* mean 22, deviations -21 -20 -19 -18 78: sum of squares 7610. */
	const double x[] = { 4, 100, 2, 3, 1 };
	struct stats_desc d, again;

	(void)state;
	assert_int_equal(stats_describe(x, N(x), &d), 0);
	assert_int_equal(d.n, 5);
	assert_near(d.mean, 22, 1e-12);
	assert_near(d.median, 3, 0);
	assert_near(d.min, 1, 0);
	assert_near(d.max, 100, 0);
	assert_near(d.stddev, sqrt(7610.0 / 4), 1e-12);
	assert_near(d.cv, sqrt(7610.0 / 4) / 22, 1e-12);
	assert_true(d.has_ci);
	/* t(0.975, 4) = 2.7764451052 (mpmath); the mean +- t s / sqrt(5). */
	assert_near(d.mean_hi - d.mean,
		    2.7764451052 * sqrt(7610.0 / 4) / sqrt(5), 1e-7);
	assert_near(d.mean - d.mean_lo, d.mean_hi - d.mean, 1e-9);
	/*
	 * Bootstrap of the median of 5: P(resampled median = 1) = P(3 or
	 * more of 5 draws are 1) = 0.058 > 0.025, likewise for 100, so the
	 * percentile interval is the whole range. The outlier (100) moves
	 * the mean to 22, far from the median 3: the headline is the median.
	 */
	assert_near(d.median_lo, 1, 0);
	assert_near(d.median_hi, 100, 0);
	/* Deterministic: a fixed seed. */
	assert_int_equal(stats_describe(x, N(x), &again), 0);
	assert_memory_equal(&d, &again, sizeof(d));
}

static void test_describe_ci(void **state)
{
	/* 20 values around 1000: the intervals hold the centre and are tight. */
	const double x[] = { 1003, 998, 1001, 995, 1010, 1002, 999, 1004, 997,
			     1000, 1006, 993, 1001, 1002, 998, 1005, 996, 1000,
			     1003, 999 };
	struct stats_desc d;

	(void)state;
	assert_int_equal(stats_describe(x, N(x), &d), 0);
	assert_true(d.has_ci);
	assert_true(d.median_lo <= d.median && d.median <= d.median_hi);
	assert_true(d.mean_lo <= d.mean && d.mean <= d.mean_hi);
	assert_true(d.median_lo > d.min && d.median_hi < d.max);
	assert_true(d.median_hi - d.median_lo < 6);
	assert_near(d.median, 1000.5, 0);
	assert_near(d.mean, 1000.6, 1e-9);
	/* Median with an interval at n = 3, 4, 6, 7 too. */
	for (size_t n = 3; n < 8; n++) {
		assert_int_equal(stats_describe(x, n, &d), 0);
		assert_true(d.has_ci);
		assert_true(d.median_lo <= d.median && d.median <= d.median_hi);
		assert_true(d.min <= d.median_lo && d.median_hi <= d.max);
	}
}

static void test_describe_small(void **state)
{
	const double one[] = { 42 }, two[] = { 10, 20 };
	const double bad[] = { 1, NAN, 3 }, inf[] = { 1, INFINITY };
	struct stats_desc d;

	(void)state;
	assert_int_equal(stats_describe(one, 1, &d), 0);
	assert_near(d.mean, 42, 0);
	assert_near(d.median, 42, 0);
	assert_true(isnan(d.stddev));
	assert_true(isnan(d.cv));
	assert_false(d.has_ci);
	assert_true(isnan(d.median_lo));
	assert_int_equal(stats_describe(two, 2, &d), 0);
	assert_near(d.median, 15, 0);
	assert_near(d.stddev, sqrt(50), 1e-12);
	assert_false(d.has_ci);		/* n < 3: no interval */
	assert_int_equal(stats_describe(one, 0, &d), -1);
	assert_int_equal(stats_describe(bad, 3, &d), -1);
	assert_int_equal(stats_describe(inf, 2, &d), -1);
	/* mean 0: no CV. */
	assert_int_equal(stats_describe((const double[]){ -1, 1 }, 2, &d), 0);
	assert_true(isnan(d.cv));
}

static void test_outliers(void **state)
{
	/* median 10.05, MAD 0.15: M(20) = 0.6745 * 9.95 / 0.15 = 44.7. */
	const double x[] = { 10, 10.1, 9.9, 10.2, 9.8, 20 };
	/* MAD 0; MeanAD 19: M(100) = 95 / (1.253314 * 19) = 3.99. */
	const double spike[] = { 5, 5, 5, 5, 100 };
	/* MAD 0; MeanAD 0.25: M(6) = 1 / (1.253314 * 0.25) = 3.19. */
	const double near[] = { 5, 5, 5, 6 };
	const double same[] = { 7, 7, 7 };
	bool flags[7];
	double z[7];

	(void)state;
	assert_int_equal(stats_outliers(x, N(x), flags, z), 1);
	assert_true(flags[5]);
	assert_false(flags[0] || flags[1] || flags[2] || flags[3] || flags[4]);
	assert_near(z[5], 0.6745 * 9.95 / 0.15, 1e-9);
	assert_near(z[4], -0.6745 * 0.25 / 0.15, 1e-9);

	assert_int_equal(stats_outliers(spike, N(spike), flags, z), 1);
	assert_true(flags[4]);
	assert_near(z[4], 95 / (1.253314 * 19), 1e-9);
	assert_near(z[0], 0, 0);

	assert_int_equal(stats_outliers(near, N(near), flags, z), 0);
	assert_near(z[3], 1 / (1.253314 * 0.25), 1e-9);

	assert_int_equal(stats_outliers(same, N(same), flags, NULL), 0);
	assert_int_equal(stats_outliers(same, 1, flags, z), 0);
	assert_near(z[0], 0, 0);
	assert_int_equal(stats_outliers(same, 0, flags, z), -1);
	assert_int_equal(stats_outliers((const double[]){ 1, NAN }, 2, flags,
					z), -1);
	/* Low outliers too. */
	assert_int_equal(stats_outliers((const double[]){ 100, 101, 99, 100,
							  102, 98, 3 },
					7, flags, NULL), 1);
	assert_true(flags[6]);
}

/*
 * Issue 14: throughputs near the smallest doubles (a file can hold them)
 * underflow the variances' squares; GSL's default handler aborted the
 * process on the degrees of freedom that left. Now: cannot test (-1).
 */
static void test_welch_underflow(void **state)
{
	const double a[] = { 1e-160, 2e-160, 3e-160 }, b[] = { 3e-160, 6e-160, 9e-160 };
	struct stats_test t;

	(void)state;
	assert_int_equal(stats_welch(a, 3, b, 3, &t), -1);
	assert_float_equal(t.p, 0, 0);
}

static void test_welch(void **state)
{
	const double a[] = { 1, 2, 3 }, b[] = { 4, 5, 6 };
	const double c[] = { 1, 3 }, d[] = { 6, 8 };
	const double e[] = { 10, 12, 14, 16, 18 }, f[] = { 20, 21, 22, 23 };
	/* Larger, unequal sizes and spreads. */
	const double g[] = { 19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9,
			     19.5, 22.0 };
	const double h[] = { 28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6,
			     20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9, 21.6,
			     24.3, 20.4, 23.9, 13.3 };
	struct stats_test t;

	(void)state;
	/*
	 * Equal sizes and variances: t = -3 / sqrt(2/3) = -3.674235, df = 4,
	 * p = 0.0213116411 (R: t.test(1:3, 4:6) prints p-value = 0.02131).
	 */
	assert_int_equal(stats_welch(a, 3, b, 3, &t), 0);
	assert_near(t.statistic, -3.67423461417477, 1e-12);
	assert_near(t.df, 4, 1e-12);
	assert_rel(t.p, 0.0213116411287567, 1e-8);
	/*
	 * df = 2, where the t distribution has a closed form: two-sided
	 * p = 1 - |t| / sqrt(2 + t^2), t = -5 / sqrt(2): p = 0.0715233091.
	 */
	assert_int_equal(stats_welch(c, 2, d, 2, &t), 0);
	assert_near(t.statistic, -5 / sqrt(2), 1e-12);
	assert_near(t.df, 2, 1e-12);
	assert_rel(t.p, 1 - 5 / sqrt(2) / sqrt(2 + 12.5), 1e-9);
	/* Unequal variances: a fractional df. */
	assert_int_equal(stats_welch(e, N(e), f, N(f), &t), 0);
	assert_near(t.statistic, -4.82450640677008, 1e-12);
	assert_near(t.df, 5.52078774617068, 1e-10);
	assert_rel(t.p, 0.00366853831238407, 1e-7);
	assert_int_equal(stats_welch(g, N(g), h, N(h), &t), 0);
	assert_near(t.statistic, -2.22551203996985, 1e-12);
	assert_near(t.df, 24.5246349442573, 1e-9);
	assert_rel(t.p, 0.0354845308300102, 1e-7);
	/* Symmetric: swapping flips t, keeps p. */
	assert_int_equal(stats_welch(h, N(h), g, N(g), &t), 0);
	assert_near(t.statistic, 2.22551203996985, 1e-12);
	assert_rel(t.p, 0.0354845308300102, 1e-7);
	/* Same sample: p = 1. */
	assert_int_equal(stats_welch(g, N(g), g, N(g), &t), 0);
	assert_near(t.statistic, 0, 0);
	assert_near(t.p, 1, 1e-12);
	/* No variance on either side. */
	assert_int_equal(stats_welch((const double[]){ 5, 5 }, 2,
				     (const double[]){ 5, 5, 5 }, 3, &t), 0);
	assert_near(t.p, 1, 0);
	assert_int_equal(stats_welch((const double[]){ 5, 5 }, 2,
				     (const double[]){ 6, 6, 6 }, 3, &t), 0);
	assert_near(t.p, 0, 0);
	assert_true(isinf(t.statistic) && t.statistic < 0);
	/* Too small, not finite. */
	assert_int_equal(stats_welch(a, 1, b, 3, &t), -1);
	assert_int_equal(stats_welch(a, 3, (const double[]){ 1, NAN }, 2, &t),
			 -1);
}

static void test_mann_whitney_exact(void **state)
{
	const double a[] = { 1, 2, 3 }, b[] = { 4, 5, 6 };
	const double c[] = { 1, 2, 3, 4 }, d[] = { 5, 6, 7, 8 };
	const double e[] = { 1, 3, 5, 7 }, f[] = { 2, 4, 6, 8 };
	const double g[] = { 0.8, 8.5, 9.1, 9.9, 3.2, 12.5 };
	const double h[] = { 1.1, 2.2, 4.4, 5.5, 0.5, 6.0, 7.7 };
	double big_x[49], big_y[49];
	struct stats_test t;
	size_t i;

	(void)state;
	/* Fully apart, 3 + 3: only 1 of C(6,3) = 20 orderings, p = 2/20. */
	assert_int_equal(stats_mann_whitney(a, 3, b, 3, &t), 0);
	assert_true(t.exact);
	assert_near(t.statistic, 0, 0);
	assert_near(t.p, 0.1, 1e-15);
	assert_int_equal(stats_mann_whitney(b, 3, a, 3, &t), 0);
	assert_near(t.statistic, 9, 0);
	assert_near(t.p, 0.1, 1e-15);
	/* 4 + 4: p = 2/70 (R: wilcox.test(1:4, 5:8): 0.02857). */
	assert_int_equal(stats_mann_whitney(c, 4, d, 4, &t), 0);
	assert_near(t.p, 2.0 / 70, 1e-15);
	/*
	 * Interleaved, U = 6: the counts of U = 0..6 over the 70 orderings
	 * are 1 1 2 3 5 5 7 (Gaussian binomial [8 4]), p = 2 * 24/70.
	 */
	assert_int_equal(stats_mann_whitney(e, 4, f, 4, &t), 0);
	assert_near(t.statistic, 6, 0);
	assert_near(t.p, 48.0 / 70, 1e-15);
	/* U at the centre: p capped at 1. */
	assert_int_equal(stats_mann_whitney((const double[]){ 1.5, 7 }, 2,
					    (const double[]){ 2, 3, 4, 5, 6 },
					    5, &t), 0);
	assert_near(t.statistic, 5, 0);
	assert_near(t.p, 1, 0);
	/* 6 + 7, U = 32: by enumerating all 1716 orderings, p = 236/1716. */
	assert_int_equal(stats_mann_whitney(g, N(g), h, N(h), &t), 0);
	assert_near(t.statistic, 32, 0);
	assert_near(t.p, 0.13752913752913754, 1e-14);
	/* 1 + 1: p = 1. */
	assert_int_equal(stats_mann_whitney(a, 1, b, 1, &t), 0);
	assert_near(t.p, 1, 0);
	/* 49 + 49 apart: still exact, p = 2 / C(98, 49) = 7.850029e-29. */
	for (i = 0; i < 49; i++) {
		big_x[i] = (double)i;
		big_y[i] = 100.0 + (double)i;
	}
	assert_int_equal(stats_mann_whitney(big_x, 49, big_y, 49, &t), 0);
	assert_true(t.exact);
	assert_rel(t.p, 7.850029192963324e-29, 1e-9);
}

static void test_mann_whitney_normal(void **state)
{
	/*
	 * Ties: ranks of 1 2 2 2 3 3 4 5 6 6 with averages; U = 4.5, tie
	 * sum (t^3 - t) = 24 + 6 + 6 = 36, sigma = sqrt(25/12 * (11 - 36/90))
	 * = 4.699291, z = (4.5 - 12.5 + 0.5) / sigma = -1.595986,
	 * p = erfc(|z| / sqrt 2) = 0.110492024.
	 */
	const double a[] = { 1, 2, 2, 3, 4 }, b[] = { 2, 3, 5, 6, 6 };
	double x[60], y[60];
	struct stats_test t;
	size_t i;

	(void)state;
	assert_int_equal(stats_mann_whitney(a, 5, b, 5, &t), 0);
	assert_false(t.exact);
	assert_near(t.statistic, 4.5, 1e-12);
	assert_rel(t.p, 0.11049202405566808, 1e-9);
	/*
	 * 60 + 60 without ties is past the exact limit: x = 0..59, y = x +
	 * 30.5: U = 435, sigma = sqrt(3600 * 121 / 12) = 190.52559,
	 * z = (435 - 1800 + 0.5) / sigma = -7.16177, p = 7.96433e-13.
	 */
	for (i = 0; i < 60; i++) {
		x[i] = (double)i;
		y[i] = (double)i + 30.5;
	}
	assert_int_equal(stats_mann_whitney(x, 60, y, 60, &t), 0);
	assert_false(t.exact);
	assert_near(t.statistic, 435, 0);
	assert_rel(t.p, 7.964332670470494e-13, 1e-6);
	/* Everything tied: no evidence, p = 1. */
	assert_int_equal(stats_mann_whitney((const double[]){ 3, 3 }, 2,
					    (const double[]){ 3, 3, 3 }, 3,
					    &t), 0);
	assert_near(t.p, 1, 0);
	assert_int_equal(stats_mann_whitney(a, 0, b, 5, &t), -1);
	assert_int_equal(stats_mann_whitney(a, 5, (const double[]){ INFINITY },
					    1, &t), -1);
}

static void test_ratio_of_medians(void **state)
{
	const double x[] = { 200, 210, 190, 205, 195 };
	const double y[] = { 100, 105, 95, 102, 98 };
	struct stats_ratio r, again;

	(void)state;
	assert_int_equal(stats_ratio_of_medians(x, N(x), y, N(y), &r), 0);
	assert_near(r.ratio, 2, 1e-15);
	assert_true(r.has_ci);
	assert_true(r.lo <= r.ratio && r.ratio <= r.hi);
	assert_true(r.lo >= 190.0 / 105 && r.hi <= 210.0 / 95);
	assert_int_equal(stats_ratio_of_medians(x, N(x), y, N(y), &again), 0);
	assert_memory_equal(&r, &again, sizeof(r));
	/* Reversed: the reciprocal. */
	assert_int_equal(stats_ratio_of_medians(y, N(y), x, N(x), &r), 0);
	assert_near(r.ratio, 0.5, 1e-15);
	/* Too few for an interval. */
	assert_int_equal(stats_ratio_of_medians(x, 2, y, N(y), &r), 0);
	assert_near(r.ratio, 205.0 / 100, 1e-15);
	assert_false(r.has_ci);
	/* A zero in y: ratio yes, interval no (a resample could divide by 0). */
	assert_int_equal(stats_ratio_of_medians(x, 3, (const double[]){ 0, 5, 6 },
						3, &r), 0);
	assert_near(r.ratio, 40, 1e-12);
	assert_false(r.has_ci);
	/* median(y) not positive, empty, not finite. */
	assert_int_equal(stats_ratio_of_medians(x, 3, (const double[]){ 0, 0, 6 },
						3, &r), -1);
	assert_int_equal(stats_ratio_of_medians(x, 0, y, 3, &r), -1);
	assert_int_equal(stats_ratio_of_medians((const double[]){ NAN }, 1, y,
						3, &r), -1);
}

static void test_geomean(void **state)
{
	double g;

	(void)state;
	assert_int_equal(stats_geomean((const double[]){ 1, 10, 100 }, 3, &g),
			 0);
	assert_near(g, 10, 1e-12);
	assert_int_equal(stats_geomean((const double[]){ 2, 8 }, 2, &g), 0);
	assert_near(g, 4, 1e-12);
	assert_int_equal(stats_geomean((const double[]){ 0.5 }, 1, &g), 0);
	assert_near(g, 0.5, 1e-15);
	g = 7;
	assert_int_equal(stats_geomean((const double[]){ 1, 0 }, 2, &g), -1);
	assert_int_equal(stats_geomean((const double[]){ 1, -2 }, 2, &g), -1);
	assert_int_equal(stats_geomean((const double[]){ 1, NAN }, 2, &g), -1);
	assert_int_equal(stats_geomean(&g, 0, &g), -1);
	assert_near(g, 7, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_describe_known),
		cmocka_unit_test(test_describe_ci),
		cmocka_unit_test(test_describe_small),
		cmocka_unit_test(test_outliers),
		cmocka_unit_test(test_welch),
		cmocka_unit_test(test_welch_underflow),
		cmocka_unit_test(test_mann_whitney_exact),
		cmocka_unit_test(test_mann_whitney_normal),
		cmocka_unit_test(test_ratio_of_medians),
		cmocka_unit_test(test_geomean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
