/* SPDX-License-Identifier: GPL-2.0 */
/* The ops tables, one per workload, listed by registry.c. */
#ifndef KSBENCH_WORKLOADS_H
#define KSBENCH_WORKLOADS_H

#include "../ksbench.h"

extern const struct ksb_workload ksb_none_ops;
extern const struct ksb_workload ksb_spinlock_ops;
extern const struct ksb_workload ksb_spinlock_irq_ops;
extern const struct ksb_workload ksb_spinlock_irqsave_ops;
extern const struct ksb_workload ksb_spinlock_bh_ops;
extern const struct ksb_workload ksb_raw_spinlock_ops;
extern const struct ksb_workload ksb_mutex_ops;
extern const struct ksb_workload ksb_semaphore_ops;
extern const struct ksb_workload ksb_rt_mutex_ops;
extern const struct ksb_workload ksb_bitlock_ops;
extern const struct ksb_workload ksb_rwlock_ops;
extern const struct ksb_workload ksb_rwsem_ops;
extern const struct ksb_workload ksb_percpu_rwsem_ops;
extern const struct ksb_workload ksb_seqlock_ops;
extern const struct ksb_workload ksb_rcu_ops;
extern const struct ksb_workload ksb_atomic_inc_ops;
extern const struct ksb_workload ksb_atomic_cmpxchg_ops;
extern const struct ksb_workload ksb_atomic64_inc_ops;
extern const struct ksb_workload ksb_bitops_ops;
extern const struct ksb_workload ksb_this_cpu_inc_ops;
extern const struct ksb_workload ksb_percpu_counter_ops;
extern const struct ksb_workload ksb_local_irq_ops;
extern const struct ksb_workload ksb_preempt_ops;
extern const struct ksb_workload ksb_completion_ops;
extern const struct ksb_workload ksb_completion_all_ops;
extern const struct ksb_workload ksb_waitqueue_ops;
extern const struct ksb_workload ksb_workqueue_ops;
extern const struct ksb_workload ksb_tasklet_ops;
extern const struct ksb_workload ksb_bh_work_ops;
extern const struct ksb_workload ksb_poll_ops;

/* The per-CPU u64 shared by this_cpu_inc, local_irq and preempt. */
int ksb_percpu_u64_init(void *lock, const struct ksb_params *p);
void ksb_percpu_u64_destroy(void *lock);
u64 ksb_percpu_u64_count(struct ksb_slot *slot);

#endif
