/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Latency histograms as the CLI keeps them: the module's per-worker
 * histograms (the `hist` lines of docs/debugfs.md, in the bucket layout of
 * include/ksb_hist.h), merged across workers and repeats, and the numbers
 * read from them. Pure: text or JSON in, values or a message out.
 *
 * Reading rules (every reader takes the clock cost C, 0 for raw values):
 *
 * - Percentiles are nearest-rank over the buckets: for q in [0, 1] the
 *   rank is r = max(1, ceil(q * count)), and the value reported is the
 *   representative value of the bucket holding the r-th smallest sample:
 *   the bucket's midpoint (lower + upper - 1) / 2, clamped to [min, max].
 *   Rank 1 reports min and rank count reports max, both exact, so p0 ==
 *   min and p100 == max. The representative value grows with the bucket
 *   index and the clamp keeps the order, so percentiles never decrease
 *   as q grows. Error: at most half a bucket, i.e. 0 below 128 ns and at
 *   most 1/128 of the value above.
 * - mean is exact: sum / count.
 * - stddev is the population standard deviation of the representative
 *   values (midpoints), so it is approximate to the bucket width (1 ns
 *   below 128 ns, 1/64 of the value above).
 * - Clock-cost correction: each timed interval includes about one clock
 *   read. Reading with cost C reports every value x as max(x - C, 0):
 *   min, max and percentiles are their raw value so transformed (still
 *   monotone); the mean is (sum - C*count + sum over x < C of (C - x)) /
 *   count, exact when C <= 128 ns (values below C then sit in 1 ns
 *   buckets; the clock costs tens of ns) and using representative values
 *   above, then kept within the corrected [min, max]. The buckets
 *   themselves stay raw, so corrected histograms are never merged.
 */
#ifndef KSB_HIST_CLI_H
#define KSB_HIST_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ksb_hist.h"

struct json_object;

/*
 * Raw counts in the ksb_hist.h layout. count is the sum of counts[];
 * sum, min and max are exact over the samples (all 0 when count is 0).
 */
struct hist {
	uint64_t counts[KSB_HIST_BUCKETS];
	uint64_t count;
	uint64_t sum;
	uint64_t min;
	uint64_t max;
};

/* The numbers `ksbench` reports for one histogram, corrected by C. */
struct hist_summary {
	uint64_t count;
	uint64_t clock_cost_ns;		/* the C applied */
	double min, max, mean, stddev;
	double p50, p90, p99, p999;
};

/* One point of the empirical CDF: P(X <= value) = fraction. */
struct hist_cdf_point {
	double value;
	double fraction;
};

/* An empty histogram. */
void hist_init(struct hist *h);

/* Counts one sample of ns; -1 (and no change) when sum would overflow. */
int hist_record(struct hist *h, uint64_t ns);

/*
 * Adds src into dst (dst may be empty). -1 with a message, and dst
 * unchanged, when a count or the sum would overflow 64 bits.
 */
int hist_merge(struct hist *dst, const struct hist *src,
	       char *err, size_t errlen);

/*
 * The module's bucket list, "idx:count,idx:count" (empty: no buckets),
 * into counts[] (the rest zeroed) and count. Strict: decimal digits only,
 * index < KSB_HIST_BUCKETS, count > 0, no index twice, nothing else; on
 * error h is unchanged. Sets count from the buckets; sum, min and max
 * are left for the caller (see hist_from_module).
 */
int hist_parse_buckets(const char *s, struct hist *h,
		       char *err, size_t errlen);

/*
 * One histogram from the module's fields, checked for consistency: the
 * buckets sum to count; an empty one has sum, min and max 0; otherwise
 * min <= max, min and max fall in the first and last non-empty buckets,
 * and sum lies within what the buckets allow. On error h is unchanged.
 */
int hist_from_module(uint64_t count, uint64_t sum, uint64_t min,
		     uint64_t max, const char *buckets, struct hist *h,
		     char *err, size_t errlen);

/*
 * A whole `hist` line, "hist NAME cpu=N count=.. sum=.. min=.. max=..
 * buckets=..", or the same without the leading "hist " (a trailing
 * newline is allowed). Tokens are separated by one space; the six known
 * fields must each appear once, in any order, and unknown key=value
 * fields are ignored (the contract lets the module add keys). NAME is
 * copied to name[namelen]. Then as hist_from_module.
 */
int hist_parse_line(const char *line, char *name, size_t namelen,
		    unsigned int *cpu, struct hist *h, char *err, size_t errlen);

/* max(x - C, 0). */
static inline double hist_correct(double x, uint64_t clock_cost)
{
	return x > (double)clock_cost ? x - (double)clock_cost : 0.0;
}

/* The q-quantile (q in [0, 1]) by the rule above; NAN if empty or q bad. */
double hist_percentile(const struct hist *h, double q, uint64_t clock_cost);

/* Exact mean, corrected as above; NAN if empty. */
double hist_mean(const struct hist *h, uint64_t clock_cost);

/* Population stddev of the corrected midpoints; NAN if empty. */
double hist_stddev(const struct hist *h, uint64_t clock_cost);

/* min and max, corrected; NAN if empty. */
double hist_min(const struct hist *h, uint64_t clock_cost);
double hist_max(const struct hist *h, uint64_t clock_cost);

/* All of the above at once; -1 (s zeroed, count 0) if h is empty. */
int hist_summarize(const struct hist *h, uint64_t clock_cost,
		   struct hist_summary *s);

/*
 * The empirical CDF at the top of each non-empty bucket: value is the
 * bucket's largest value (upper - 1) clamped to [min, max], corrected,
 * and fraction the share of samples <= it, which is exact there. Points
 * that correction maps onto one value are merged (the last fraction
 * stands). Writes at most max points (KSB_HIST_BUCKETS always suffice)
 * and returns how many there are, which may exceed max.
 */
size_t hist_cdf(const struct hist *h, uint64_t clock_cost,
		struct hist_cdf_point *pts, size_t max);

/*
 * The same as [[value, fraction], ...], numbers printed with 9
 * significant digits; NULL on allocation failure.
 */
struct json_object *hist_cdf_json(const struct hist *h, uint64_t clock_cost);

/*
 * The raw histogram, re-mergeable: {"sub_bits": 6, "max_shift": 36,
 * "count", "sum", "min", "max", "buckets": [[idx, count], ...]}, buckets
 * in increasing index, only the non-empty ones. NULL on allocation failure.
 */
struct json_object *hist_to_json(const struct hist *h);

/*
 * The inverse, as strict as hist_from_module; a layout other than this
 * build's (sub_bits, max_shift) is refused. On error h is unchanged.
 */
int hist_from_json(const struct json_object *obj, struct hist *h,
		   char *err, size_t errlen);

#endif
