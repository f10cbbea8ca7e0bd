/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernels the module builds for differ in, tested in one place
 * (an out-of-tree module cannot be "for the version it is merged to"):
 * each KSB_HAVE_* names an interface and the release that brought it.
 */
#ifndef KSBENCH_COMPAT_H
#define KSBENCH_COMPAT_H

#include <linux/hrtimer.h>
#include <linux/version.h>

/* BH workqueues (system_bh_wq, WQ_BH): 6.9. */
#define KSB_HAVE_BH_WORKQUEUE	(LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0))

/*
 * WQ_PERCPU (6.17): a per-CPU workqueue says so; from 7.x alloc_workqueue()
 * warns when a workqueue has neither it nor WQ_UNBOUND.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 17, 0)
#define KSB_WQ_PERCPU		WQ_PERCPU
#else
#define KSB_WQ_PERCPU		0
#endif

/* hrtimer_setup() (6.13) replaced hrtimer_init() and setting ->function. */
#define KSB_HAVE_HRTIMER_SETUP	(LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0))

static inline void
ksb_hrtimer_setup(struct hrtimer *timer,
		  enum hrtimer_restart (*function)(struct hrtimer *),
		  clockid_t clock, enum hrtimer_mode mode)
{
#if KSB_HAVE_HRTIMER_SETUP
	hrtimer_setup(timer, function, clock, mode);
#else
	hrtimer_init(timer, clock, mode);
	timer->function = function;
#endif
}

#endif
