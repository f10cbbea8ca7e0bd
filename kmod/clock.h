/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The clock latency mode reads, and what it costs to read it. One clock
 * for every kind: intervals measured on one CPU and, for handoffs, across
 * CPUs, so it must be monotonic system-wide.
 */
#ifndef KSBENCH_CLOCK_H
#define KSBENCH_CLOCK_H

#include <linux/ktime.h>
#include <linux/timekeeping.h>

#include "ksbench.h"

#define KSB_CLOCK_NAME	"ktime_get_ns"

static __always_inline u64 ksb_clock(void)
{
	return ktime_get_ns();
}

/* Latency mode: is this operation one of the timed ones? */
static __always_inline bool ksb_sample_due(struct ksb_worker *w)
{
	if (--w->sample_left)
		return false;
	w->sample_left = w->run->p.sample;
	return true;
}

/* Counts a timed interval; only the measured window feeds histograms. */
static __always_inline void ksb_hist_record(struct ksb_worker *w,
					    unsigned int which, int phase,
					    u64 ns)
{
	struct ksb_hist *h = w->hist[which];

	if (phase != KSB_MEASURE)
		return;
	h->buckets[ksb_hist_index(ns)]++;
	h->sum += ns;
	if (ns < h->min)
		h->min = ns;
	if (ns > h->max)
		h->max = ns;
}

#endif
