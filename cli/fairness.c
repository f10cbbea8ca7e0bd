// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "fairness.h"

int fairness_compute(const uint64_t *ops, unsigned int n,
		     double starve_fraction, struct fairness *f,
		     double *shares)
{
	long double sum = 0, sumsq = 0;
	double *x, mean, lo, hi;
	unsigned int i;

	memset(f, 0, sizeof(*f));
	if (!n || !(starve_fraction >= 0 && starve_fraction <= 1))
		return -1;
	x = malloc(n * sizeof(*x));
	if (!x)
		return -1;
	f->n = n;
	for (i = 0; i < n; i++) {
		x[i] = (double)ops[i];
		if (__builtin_add_overflow(f->total, ops[i], &f->total)) {
			free(x);
			memset(f, 0, sizeof(*f));
			return -1;
		}
		sum += x[i];
		sumsq += (long double)x[i] * x[i];
	}
	if (!f->total) {
		f->idle = true;
		f->jain = 1;
		f->min_max = 1;
		if (shares)
			memset(shares, 0, n * sizeof(*shares));
		free(x);
		return 0;
	}
	f->jain = (double)(sum * sum / ((long double)n * sumsq));
	/* In [1/n, 1] mathematically; keep rounding from stepping out. */
	f->jain = fmin(1.0, fmax(1.0 / n, f->jain));
	gsl_stats_minmax(&lo, &hi, x, 1, n);
	f->min_max = lo / hi;
	mean = gsl_stats_mean(x, 1, n);
	f->cv = gsl_stats_sd_with_fixed_mean(x, 1, n, mean) / mean;
	f->min_share = lo / (double)sum;
	f->max_share = hi / (double)sum;
	for (i = 0; i < n; i++) {
		double share = x[i] / (double)sum;

		if (shares)
			shares[i] = share;
		if (share < starve_fraction / n)
			f->nr_starved++;
	}
	f->starved = f->nr_starved > 0;
	free(x);
	return 0;
}

int fairness_run_fraction(uint64_t runtime_ns, uint64_t elapsed_ns,
			  double *frac)
{
	if (!elapsed_ns)
		return -1;
	*frac = (double)runtime_ns / (double)elapsed_ns;
	return 0;
}

int fairness_csw_rate(uint64_t nvcsw, uint64_t nivcsw, uint64_t ops,
		      uint64_t elapsed_ns, struct csw_rate *r)
{
	double s = (double)elapsed_ns / 1e9;

	memset(r, 0, sizeof(*r));
	if (!elapsed_ns)
		return -1;
	r->voluntary_s = (double)nvcsw / s;
	r->involuntary_s = (double)nivcsw / s;
	r->total_s = ((double)nvcsw + (double)nivcsw) / s;
	r->per_kop = ops ? ((double)nvcsw + (double)nivcsw) * 1000 /
			   (double)ops : 0;
	return 0;
}
