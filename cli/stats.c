// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "stats.h"

#define MAD_SCALE	0.6745		/* Iglewicz-Hoaglin: 1 / 1.4826 */
#define MEANAD_SCALE	1.253314	/* sqrt(pi / 2) */

static bool all_finite(const double *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return false;
	return true;
}

/* A sorted copy of x[n], or NULL when out of memory. */
static double *sorted_copy(const double *x, size_t n)
{
	double *s = malloc(n * sizeof(*s));

	if (!s)
		return NULL;
	memcpy(s, x, n * sizeof(*s));
	gsl_sort(s, 1, n);
	return s;
}

/*
 * GSL's default error handler aborts the process, on inputs a result file
 * can carry. Off, its functions return an error value (NaN) that the
 * tests here check: "cannot test", never a crash.
 */
__attribute__((constructor)) static void gsl_errors_returned(void)
{
	gsl_set_error_handler_off();
}

static gsl_rng *boot_rng(void)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);

	if (r)
		gsl_rng_set(r, KSB_STATS_SEED);
	return r;
}

/* The median of a resample of x[n] drawn into buf[n]. */
static double resample_median(gsl_rng *r, const double *x, size_t n,
			      double *buf)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = x[gsl_rng_uniform_int(r, n)];
	return gsl_stats_median(buf, 1, n);
}

/* The percentile interval of boot[KSB_STATS_BOOT] (sorted here). */
static void percentile_ci(double *boot, double *lo, double *hi)
{
	double tail = (1.0 - KSB_STATS_CONF) / 2;

	gsl_sort(boot, 1, KSB_STATS_BOOT);
	*lo = gsl_stats_quantile_from_sorted_data(boot, 1, KSB_STATS_BOOT,
						  tail);
	*hi = gsl_stats_quantile_from_sorted_data(boot, 1, KSB_STATS_BOOT,
						  1.0 - tail);
}

int stats_describe(const double *x, size_t n, struct stats_desc *d)
{
	double *s, *buf = NULL, *boot = NULL, t;
	gsl_rng *r = NULL;
	size_t b;
	int ret = -1;

	memset(d, 0, sizeof(*d));
	if (!n || !all_finite(x, n))
		return -1;
	s = sorted_copy(x, n);
	if (!s)
		return -1;
	d->n = n;
	d->mean = gsl_stats_mean(x, 1, n);
	d->median = gsl_stats_median_from_sorted_data(s, 1, n);
	d->min = s[0];
	d->max = s[n - 1];
	d->stddev = n >= 2 ? gsl_stats_sd_m(x, 1, n, d->mean) : NAN;
	d->cv = n >= 2 && d->mean != 0 ? d->stddev / d->mean : NAN;
	d->mean_lo = d->mean_hi = d->median_lo = d->median_hi = NAN;
	if (n < KSB_STATS_CI_MIN_N) {
		ret = 0;
		goto out;
	}

	t = gsl_cdf_tdist_Pinv(1.0 - (1.0 - KSB_STATS_CONF) / 2,
			       (double)(n - 1));
	d->mean_lo = d->mean - t * d->stddev / sqrt((double)n);
	d->mean_hi = d->mean + t * d->stddev / sqrt((double)n);

	buf = malloc(n * sizeof(*buf));
	boot = malloc(KSB_STATS_BOOT * sizeof(*boot));
	r = boot_rng();
	if (!buf || !boot || !r)
		goto out;
	for (b = 0; b < KSB_STATS_BOOT; b++)
		boot[b] = resample_median(r, x, n, buf);
	percentile_ci(boot, &d->median_lo, &d->median_hi);
	d->has_ci = true;
	ret = 0;
out:
	if (ret)
		memset(d, 0, sizeof(*d));
	if (r)
		gsl_rng_free(r);
	free(boot);
	free(buf);
	free(s);
	return ret;
}

int stats_outliers(const double *x, size_t n, bool *flags, double *z)
{
	double *s, median, mad, meanad, scale, m;
	size_t i;
	int nr = 0;

	if (!n || !all_finite(x, n))
		return -1;
	s = sorted_copy(x, n);
	if (!s)
		return -1;
	median = gsl_stats_median_from_sorted_data(s, 1, n);
	mad = gsl_stats_mad0(x, 1, n, s);	/* s is its work space */
	free(s);
	if (mad > 0) {
		scale = mad / MAD_SCALE;
	} else {
		meanad = gsl_stats_absdev_m(x, 1, n, median);
		scale = MEANAD_SCALE * meanad;
	}
	for (i = 0; i < n; i++) {
		m = scale > 0 ? (x[i] - median) / scale : 0.0;
		flags[i] = fabs(m) > KSB_STATS_OUTLIER_Z;
		nr += flags[i];
		if (z)
			z[i] = m;
	}
	return nr;
}

int stats_welch(const double *x, size_t nx, const double *y, size_t ny,
		struct stats_test *t)
{
	double mx, my, vx, vy, se2, ax, ay;

	memset(t, 0, sizeof(*t));
	if (nx < 2 || ny < 2 || !all_finite(x, nx) || !all_finite(y, ny))
		return -1;
	mx = gsl_stats_mean(x, 1, nx);
	my = gsl_stats_mean(y, 1, ny);
	vx = gsl_stats_variance_m(x, 1, nx, mx);
	vy = gsl_stats_variance_m(y, 1, ny, my);
	ax = vx / (double)nx;
	ay = vy / (double)ny;
	se2 = ax + ay;
	if (se2 == 0) {
		t->df = (double)(nx + ny - 2);
		if (mx == my) {
			t->statistic = 0;
			t->p = 1;
		} else {
			t->statistic = mx > my ? INFINITY : -INFINITY;
			t->p = 0;
		}
		return 0;
	}
	t->statistic = (mx - my) / sqrt(se2);
	t->df = se2 * se2 / (ax * ax / (double)(nx - 1) +
			     ay * ay / (double)(ny - 1));
	/*
	 * Variances near the smallest doubles underflow their squares: no
	 * degrees of freedom to test with (GSL would fail on them).
	 */
	if (!isfinite(t->statistic) || !isfinite(t->df) || !(t->df > 0))
		goto cannot;
	t->p = fmin(1.0, 2 * gsl_cdf_tdist_Q(fabs(t->statistic), t->df));
	if (!isfinite(t->p))
		goto cannot;
	return 0;
cannot:
	memset(t, 0, sizeof(*t));
	return -1;
}

struct ranked {
	double v;
	bool in_x;
};

static int cmp_ranked(const void *a, const void *b)
{
	double va = ((const struct ranked *)a)->v;
	double vb = ((const struct ranked *)b)->v;

	return (va > vb) - (va < vb);
}

/*
 * The exact null distribution of U for nx and ny without ties: f[u] is
 * the number of orderings of nx x's and ny y's with u (x, y) pairs where
 * x > y. The largest element is an x (beating all j y's) or a y:
 * f(i, j, u) = f(i - 1, j, u - j) + f(i, j - 1, u). Additions only, in
 * doubles (C(98, 49) ~ 2.5e28 fits, to 1e-16 relative). Returns f[nx*ny+1]
 * (the caller frees it) or NULL.
 */
static double *mw_exact_counts(size_t nx, size_t ny)
{
	size_t len = nx * ny + 1, i, j, u;
	double *prev = calloc((ny + 1) * len, sizeof(double));
	double *cur = calloc((ny + 1) * len, sizeof(double));
	double *f = malloc(len * sizeof(double)), *tmp;

	if (!prev || !cur || !f)
		goto fail;
	for (j = 0; j <= ny; j++)
		prev[j * len] = 1;		/* i = 0: U is 0 */
	for (i = 1; i <= nx; i++) {
		memset(cur, 0, (ny + 1) * len * sizeof(double));
		cur[0] = 1;			/* j = 0: U is 0 */
		for (j = 1; j <= ny; j++)
			for (u = 0; u < len; u++)
				cur[j * len + u] = cur[(j - 1) * len + u] +
					(u >= j ? prev[j * len + u - j] : 0);
		tmp = prev;
		prev = cur;
		cur = tmp;
	}
	memcpy(f, prev + ny * len, len * sizeof(double));
	free(prev);
	free(cur);
	return f;
fail:
	free(prev);
	free(cur);
	free(f);
	return NULL;
}

int stats_mann_whitney(const double *x, size_t nx, const double *y,
		       size_t ny, struct stats_test *t)
{
	size_t n = nx + ny, i, j, k;
	struct ranked *all;
	double rx = 0, ties = 0, u, mean, sigma, z, corr;
	bool tied = false;

	memset(t, 0, sizeof(*t));
	if (!nx || !ny || !all_finite(x, nx) || !all_finite(y, ny))
		return -1;
	all = malloc(n * sizeof(*all));
	if (!all)
		return -1;
	for (i = 0; i < nx; i++)
		all[i] = (struct ranked){ x[i], true };
	for (i = 0; i < ny; i++)
		all[nx + i] = (struct ranked){ y[i], false };
	qsort(all, n, sizeof(*all), cmp_ranked);
	/* Ranks 1..n, the average over each run of equal values. */
	for (i = 0; i < n; i = j) {
		double rank, tl;

		for (j = i + 1; j < n && all[j].v == all[i].v; j++)
			;
		rank = (double)(i + 1 + j) / 2;
		tl = (double)(j - i);
		if (tl > 1) {
			tied = true;
			ties += tl * tl * tl - tl;
		}
		for (k = i; k < j; k++)
			if (all[k].in_x)
				rx += rank;
	}
	free(all);
	u = rx - (double)nx * (double)(nx + 1) / 2;
	t->statistic = u;
	mean = (double)nx * (double)ny / 2;

	if (nx < KSB_STATS_MW_EXACT_MAX && ny < KSB_STATS_MW_EXACT_MAX &&
	    !tied) {
		double *f = mw_exact_counts(nx, ny), total = 0, tail = 0;
		size_t len = nx * ny + 1, ui = (size_t)u;

		if (!f)
			return -1;
		for (k = 0; k < len; k++)
			total += f[k];
		if (u > mean)
			for (k = ui; k < len; k++)	/* P(U >= u) */
				tail += f[k];
		else
			for (k = 0; k <= ui; k++)	/* P(U <= u) */
				tail += f[k];
		free(f);
		t->p = fmin(1.0, 2 * tail / total);
		t->exact = true;
		return 0;
	}

	sigma = sqrt((double)nx * (double)ny / 12 *
		     ((double)(n + 1) - ties / ((double)n * (double)(n - 1))));
	if (!(sigma > 0)) {
		t->p = 1;		/* every value tied: no evidence */
		return 0;
	}
	z = u - mean;
	corr = z > 0 ? 0.5 : z < 0 ? -0.5 : 0;
	z = (z - corr) / sigma;
	t->p = fmin(1.0, 2 * gsl_cdf_ugaussian_Q(fabs(z)));
	return 0;
}

int stats_ratio_of_medians(const double *x, size_t nx, const double *y,
			   size_t ny, struct stats_ratio *r)
{
	double *sx, *sy, *bx = NULL, *by = NULL, *boot = NULL, my;
	gsl_rng *rng = NULL;
	size_t b, i;
	bool y_positive = true;
	int ret = -1;

	memset(r, 0, sizeof(*r));
	if (!nx || !ny || !all_finite(x, nx) || !all_finite(y, ny))
		return -1;
	sx = sorted_copy(x, nx);
	sy = sorted_copy(y, ny);
	if (!sx || !sy)
		goto out;
	my = gsl_stats_median_from_sorted_data(sy, 1, ny);
	if (!(my > 0))
		goto out;
	r->ratio = gsl_stats_median_from_sorted_data(sx, 1, nx) / my;
	r->lo = r->hi = NAN;
	for (i = 0; i < ny; i++)
		y_positive &= y[i] > 0;
	if (nx < KSB_STATS_CI_MIN_N || ny < KSB_STATS_CI_MIN_N || !y_positive) {
		ret = 0;
		goto out;
	}
	bx = malloc(nx * sizeof(*bx));
	by = malloc(ny * sizeof(*by));
	boot = malloc(KSB_STATS_BOOT * sizeof(*boot));
	rng = boot_rng();
	if (!bx || !by || !boot || !rng)
		goto out;
	for (b = 0; b < KSB_STATS_BOOT; b++) {
		double mx = resample_median(rng, x, nx, bx);

		boot[b] = mx / resample_median(rng, y, ny, by);
	}
	percentile_ci(boot, &r->lo, &r->hi);
	r->has_ci = true;
	ret = 0;
out:
	if (ret)
		memset(r, 0, sizeof(*r));
	if (rng)
		gsl_rng_free(rng);
	free(boot);
	free(by);
	free(bx);
	free(sy);
	free(sx);
	return ret;
}

int stats_geomean(const double *x, size_t n, double *g)
{
	long double s = 0;
	size_t i;

	if (!n)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isfinite(x[i]) || !(x[i] > 0))
			return -1;
		s += logl(x[i]);
	}
	*g = (double)expl(s / (long double)n);
	return 0;
}
