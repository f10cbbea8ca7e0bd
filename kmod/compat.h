/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernels the module builds for differ in, tested in one place
 * (an out-of-tree module cannot be "for the version it is merged to"):
 * each KSB_HAVE_* names an interface and the release that brought it.
 */
#ifndef KSBENCH_COMPAT_H
#define KSBENCH_COMPAT_H

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

#endif
