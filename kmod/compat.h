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

#endif
