/* SPDX-License-Identifier: GPL-2.0 */
/* Busy time inside and outside critical sections (hold and think). */
#ifndef KSBENCH_BUSY_H
#define KSBENCH_BUSY_H

#include <linux/delay.h>

/*
 * ndelay() is the kernel's calibrated busy wait: it burns CPU time without
 * touching shared memory, which is what "work" in and out of a critical
 * section should do. Values are bounded by the knobs' limits (10 ms).
 */
static __always_inline void ksb_busy_ns(u64 ns)
{
	if (ns)
		ndelay(ns);
}

#endif
