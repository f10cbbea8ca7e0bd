// SPDX-License-Identifier: GPL-2.0
/*
 * Clock calibration, once at load: back-to-back reads give the cost of a
 * read (its minimum and median) and the smallest step the clock takes.
 * Latency figures include about one read's cost; the CLI subtracts the
 * minimum unless asked to keep raw values.
 */
#include <linux/minmax.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/time64.h>
#include <linux/clocksource.h>

#include "clock.h"

#define KSB_CALIBRATION_PAIRS	1024

struct ksb_clock_cost ksb_clock_cost;
struct ksb_clock_tsc ksb_clock_tsc;

const char *ksb_clock_name(void)
{
	return ksb_clock_tsc.on ? "rdtsc_ordered" : "ktime_get_ns";
}

/* The kernel trusts the TSC as one clock across CPUs: read it directly. */
static void ksb_clock_pick(void)
{
	struct ksb_clock_tsc tsc = { };

#ifdef CONFIG_X86
	if (boot_cpu_has(X86_FEATURE_TSC) && tsc_khz && !check_tsc_unstable()) {
		/* kHz to ns per ms: a TSC above 4.29 GHz fits in a u32 */
		clocks_calc_mult_shift(&tsc.mult, &tsc.shift, tsc_khz,
				       NSEC_PER_MSEC, 1);
		tsc.khz = tsc_khz;
		tsc.on = true;
	}
#endif
	ksb_clock_tsc = tsc;
}

static int ksb_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void ksb_clock_measure(void)
{
	u64 *deltas, step = U64_MAX;
	unsigned int i;

	deltas = kmalloc_array(KSB_CALIBRATION_PAIRS, sizeof(*deltas),
			       GFP_KERNEL);
	if (!deltas)
		return;
	for (i = 0; i < KSB_CALIBRATION_PAIRS; i++) {
		u64 t0, t1;

		/* Short and bounded: two clock reads with preemption off. */
		preempt_disable();
		t0 = ksb_clock();
		t1 = ksb_clock();
		preempt_enable();
		deltas[i] = t1 - t0;
		if (deltas[i])
			step = min(step, deltas[i]);
	}
	sort(deltas, KSB_CALIBRATION_PAIRS, sizeof(*deltas), ksb_cmp_u64, NULL);
	ksb_clock_cost.min_ns = deltas[0];
	ksb_clock_cost.median_ns = deltas[KSB_CALIBRATION_PAIRS / 2];
	ksb_clock_cost.resolution_ns = step == U64_MAX ? 0 : step;
	kfree(deltas);
}

void ksb_clock_calibrate(void)
{
	ksb_clock_pick();
	ksb_clock_measure();
}
