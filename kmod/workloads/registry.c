// SPDX-License-Identifier: GPL-2.0
/* Every workload the module offers: adding one is one line here. */
#include <linux/kernel.h>
#include <linux/string.h>

#include "workloads.h"

static const struct ksb_workload *const ksb_workloads[] = {
	&ksb_none_ops,
	&ksb_spinlock_ops,
	&ksb_spinlock_irq_ops,
	&ksb_spinlock_irqsave_ops,
	&ksb_spinlock_bh_ops,
	&ksb_raw_spinlock_ops,
	&ksb_mutex_ops,
	&ksb_semaphore_ops,
	&ksb_rt_mutex_ops,
	&ksb_bitlock_ops,
	&ksb_rwlock_ops,
	&ksb_rwsem_ops,
	&ksb_percpu_rwsem_ops,
	&ksb_seqlock_ops,
	&ksb_rcu_ops,
	&ksb_atomic_inc_ops,
	&ksb_atomic_cmpxchg_ops,
	&ksb_atomic64_inc_ops,
	&ksb_bitops_ops,
	&ksb_this_cpu_inc_ops,
	&ksb_percpu_counter_ops,
	&ksb_local_irq_ops,
	&ksb_preempt_ops,
	&ksb_completion_ops,
	&ksb_completion_all_ops,
	&ksb_waitqueue_ops,
	&ksb_workqueue_ops,
	&ksb_tasklet_ops,
	&ksb_bh_work_ops,
	&ksb_poll_ops,
};

const struct ksb_workload *ksb_workload_at(unsigned int i)
{
	return i < ARRAY_SIZE(ksb_workloads) ? ksb_workloads[i] : NULL;
}

const struct ksb_workload *ksb_workload_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ksb_workloads); i++)
		if (!strcmp(ksb_workloads[i]->name, name))
			return ksb_workloads[i];
	return NULL;
}
