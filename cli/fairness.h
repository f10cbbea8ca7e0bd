/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How evenly a point's workers shared the work: per-worker operation
 * counts in, fairness figures out. Pure.
 *
 * The workers are the whole population (not a sample of one), so the CV
 * is the population one (divide by n); with it Jain's index is exactly
 * 1 / (1 + CV^2).
 */
#ifndef KSB_FAIRNESS_H
#define KSB_FAIRNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A worker is starved when its share is below this fraction of the fair
 * share 1/n: at 0.5, a worker doing less than half its fair part. Lower
 * flags only the extreme; higher flags the normal jitter of a contended
 * lock (a few percent either way).
 */
#define KSB_STARVED_FRACTION	0.5

struct fairness {
	unsigned int n;		/* workers */
	uint64_t total;		/* their ops */
	bool idle;		/* every worker did 0 ops */
	double jain;		/* sum^2 / (n sum x^2), in [1/n, 1]; idle: 1 */
	double min_max;		/* min / max, in [0, 1]; idle: 1 */
	double cv;		/* population stddev / mean; idle: 0 */
	double min_share, max_share;	/* of total; idle: 0 */
	unsigned int nr_starved;	/* share < fraction / n; idle: 0 */
	bool starved;		/* nr_starved > 0 */
};

/*
 * The fairness of ops[n] (n >= 1), starved against starve_fraction (use
 * KSB_STARVED_FRACTION; must be in [0, 1]). shares[n], unless NULL,
 * gets each worker's ops / total (all 0 when idle). -1 on bad arguments.
 * An idle point has nobody ahead of anybody: jain 1, min_max 1, cv 0,
 * not starved, and idle set so a report can say so.
 */
int fairness_compute(const uint64_t *ops, unsigned int n,
		     double starve_fraction, struct fairness *f,
		     double *shares);

/*
 * runtime_ns / elapsed_ns: the share of the window the worker was on its
 * CPU. Not clamped: the scheduler's runtime is exact only to a tick, so a
 * busy worker may read slightly above 1. -1 when elapsed_ns is 0.
 */
int fairness_run_fraction(uint64_t runtime_ns, uint64_t elapsed_ns,
			  double *frac);

struct csw_rate {
	double voluntary_s;	/* nvcsw per second: the worker slept */
	double involuntary_s;	/* nivcsw per second: it was preempted */
	double total_s;
	double per_kop;		/* all switches per 1000 ops; 0 if no ops */
};

/* Context-switch rates over the window; -1 when elapsed_ns is 0. */
int fairness_csw_rate(uint64_t nvcsw, uint64_t nivcsw, uint64_t ops,
		      uint64_t elapsed_ns, struct csw_rate *r);

#endif
