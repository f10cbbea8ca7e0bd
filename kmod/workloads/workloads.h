/* SPDX-License-Identifier: GPL-2.0 */
/* The ops tables, one per workload, listed by registry.c. */
#ifndef KSBENCH_WORKLOADS_H
#define KSBENCH_WORKLOADS_H

#include "../ksbench.h"

extern const struct ksb_workload ksb_none_ops;
extern const struct ksb_workload ksb_spinlock_ops;
extern const struct ksb_workload ksb_mutex_ops;

#endif
