/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statistics over the repeats of one point (a few doubles: throughputs,
 * latencies) and between two points, for `ksbench show` and `compare`.
 * Pure and deterministic: the bootstrap draws from GSL's mt19937 seeded
 * with KSB_STATS_SEED, so the same sample always gives the same interval.
 *
 * The headline for a point is the median with its bootstrap 95% interval,
 * not the mean with Student's t interval:
 * - benchmark repeats are few (3 to 10) and their disturbances one-sided
 *   (a host hiccup, a VM exit storm, a noisy neighbour makes a run slow,
 *   never fast), so the distribution is skewed with outliers. One bad
 *   repeat out of five moves the mean and widens the t interval, which
 *   assumes normality; the median ignores it (breakdown point 50%);
 * - the percentile bootstrap assumes no distribution.
 * Its limits, stated rather than hidden: a bootstrap median is always one
 * of the sample's values (or the mean of two), so with few repeats the
 * interval is the sample's range or close to it, and its real coverage is
 * below 95% (n = 3: [min, max], which holds the true median with
 * probability 75%). Below KSB_STATS_CI_MIN_N (3) no interval is given at
 * all. The mean and its t interval are reported too, for comparison.
 */
#ifndef KSB_STATS_H
#define KSB_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KSB_STATS_CONF		0.95	/* confidence of every interval */
#define KSB_STATS_CI_MIN_N	3	/* fewer values: no interval */
#define KSB_STATS_BOOT		2000	/* bootstrap resamples */
#define KSB_STATS_SEED		20240229UL	/* mt19937 seed, fixed */
#define KSB_STATS_OUTLIER_Z	3.5	/* |modified Z| above: outlier */
#define KSB_STATS_MW_EXACT_MAX	50	/* Mann-Whitney exact below this n */

/* Descriptive statistics of one sample. NAN where undefined. */
struct stats_desc {
	size_t n;
	double mean, median, min, max;
	double stddev;		/* sample (n - 1); NAN when n < 2 */
	double cv;		/* stddev / mean; NAN when n < 2 or mean 0 */
	bool has_ci;		/* n >= KSB_STATS_CI_MIN_N */
	double mean_lo, mean_hi;	/* Student's t, KSB_STATS_CONF */
	double median_lo, median_hi;	/* percentile bootstrap */
};

/*
 * n >= 1 finite values (not modified). -1 when n is 0, a value is not
 * finite, or memory runs out; d is then zeroed.
 */
int stats_describe(const double *x, size_t n, struct stats_desc *d);

/*
 * Iglewicz-Hoaglin modified Z-scores, M = 0.6745 (x - median) / MAD,
 * flagging |M| > KSB_STATS_OUTLIER_Z. When MAD is 0 (half the values
 * equal) the scale falls back to the mean absolute deviation from the
 * median: M = (x - median) / (1.253314 * MeanAD) (1.253314 = sqrt(pi/2)
 * makes MeanAD estimate sigma as 1.4826 MAD does); when that is 0 too,
 * all values are equal and none is an outlier. flags[n] is written,
 * z[n] too unless NULL (0 where all are equal). Returns the number
 * flagged, or -1 as stats_describe.
 */
int stats_outliers(const double *x, size_t n, bool *flags, double *z);

/* Welch's unequal-variance t-test, two-sided. */
struct stats_test {
	double statistic;	/* Welch: t; Mann-Whitney: U of the first */
	double df;		/* Welch only (Welch-Satterthwaite) */
	double p;		/* two-sided p-value */
	bool exact;		/* Mann-Whitney: exact distribution used */
};

/*
 * t = (mean_x - mean_y) / sqrt(s_x^2/n_x + s_y^2/n_y), p = 2 P(T_df > |t|)
 * (gsl_cdf_tdist_Q). Needs n_x, n_y >= 2 and finite values, else -1. Both
 * variances 0: t = 0, p = 1 if the means are equal, else t = +-inf, p = 0
 * and df = n_x + n_y - 2. Variances so small that their squares underflow
 * leave no degrees of freedom: -1 (cannot test), never GSL's abort.
 */
int stats_welch(const double *x, size_t nx, const double *y, size_t ny,
		struct stats_test *t);

/*
 * Mann-Whitney U (Wilcoxon rank-sum), two-sided, as R's wilcox.test:
 * statistic U = R_x - n_x(n_x+1)/2 with average ranks for ties. Exact
 * null distribution when both n < KSB_STATS_MW_EXACT_MAX and there are no
 * ties: p = min(1, 2 P(U <= u)) or min(1, 2 P(U >= u)), whichever tail u
 * is in. Otherwise the normal approximation with the tie-corrected
 * variance n_x n_y / 12 ((N+1) - sum(t^3 - t) / (N(N-1))) and a 0.5
 * continuity correction; all values tied gives p = 1. Needs n_x, n_y >= 1
 * and finite values, else -1.
 */
int stats_mann_whitney(const double *x, size_t nx, const double *y,
		       size_t ny, struct stats_test *t);

/* median(x) / median(y), with a bootstrap interval. */
struct stats_ratio {
	double ratio;
	bool has_ci;		/* both n >= KSB_STATS_CI_MIN_N */
	double lo, hi;		/* percentile bootstrap, KSB_STATS_CONF */
};

/*
 * Resamples x and y independently KSB_STATS_BOOT times (seeded as above)
 * and takes the percentile interval of the ratios of their medians. -1
 * when a sample is empty or not finite, or median(y) is not positive
 * (a resample whose median(y) is 0 would make the ratio infinite, so y's
 * values must all be positive for an interval; has_ci is false if not).
 */
int stats_ratio_of_medians(const double *x, size_t nx, const double *y,
			   size_t ny, struct stats_ratio *r);

/* exp(mean(log x)); -1 when n is 0 or a value is not finite and > 0. */
int stats_geomean(const double *x, size_t n, double *g);

#endif
