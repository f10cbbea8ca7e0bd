/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The clock latency mode reads, and what it costs to read it. One clock
 * for every kind: intervals measured on one CPU and, for handoffs, across
 * CPUs, so it must be monotonic system-wide.
 *
 * ktime_get_ns() goes through the timekeeper's seqcount and an indirect
 * call to the clocksource; under TCG that is 110 ns with the TSC as the
 * clocksource, 230-480 ns with hpet. Where the kernel itself trusts the
 * TSC as one clock for all CPUs (x86, not marked unstable: the boot's
 * synchronization check passed, or tsc=reliable said so, and no watchdog
 * has caught it since), the TSC is read directly, ordered as
 * ktime_get_ns() orders it (rdtsc_ordered()), and scaled by the kernel's
 * tsc_khz. local_clock() would be cheaper still but is not monotonic
 * across CPUs. The choice is made when no run is in progress
 * (ksb_clock_calibrate()), never during one.
 */
#ifndef KSBENCH_CLOCK_H
#define KSBENCH_CLOCK_H

#include <linux/ktime.h>
#include <linux/timekeeping.h>

#include "ksbench.h"

#ifdef CONFIG_X86
#include <linux/math64.h>
#include <asm/msr.h>
#include <asm/tsc.h>
#endif

struct ksb_clock_tsc {
	bool on;		/* read the TSC instead of ktime_get_ns() */
	u32 mult, shift;	/* ns = cycles * mult >> shift */
	unsigned int khz;	/* tsc_khz when chosen */
};

extern struct ksb_clock_tsc ksb_clock_tsc;

static __always_inline u64 ksb_clock(void)
{
#ifdef CONFIG_X86
	if (likely(ksb_clock_tsc.on))
		return mul_u64_u32_shr(rdtsc_ordered(), ksb_clock_tsc.mult,
				       ksb_clock_tsc.shift);
#endif
	return ktime_get_ns();
}

/* "rdtsc_ordered" or "ktime_get_ns" */
const char *ksb_clock_name(void);

/*
 * ksb_clock_calibrate() (ksbench.h) picks the clock as above and measures
 * its cost; call it only while no run is in progress.
 */

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
