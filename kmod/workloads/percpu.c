// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU data: a percpu_counter, and a plain per-CPU u64 bumped with
 * this_cpu_inc. Nothing is shared while the run goes on; the oracle sums
 * the CPUs' counts at the end. The per-CPU u64 is also what the local_irq
 * and preempt workloads protect (irq_preempt.c).
 */
#include <linux/percpu.h>
#include <linux/percpu_counter.h>

#include "../shapes/lockfree.h"
#include "workloads.h"

int ksb_percpu_u64_init(void *lock, const struct ksb_params *p)
{
	u64 __percpu **count = lock;

	*count = alloc_percpu(u64);
	return *count ? 0 : -ENOMEM;
}

void ksb_percpu_u64_destroy(void *lock)
{
	free_percpu(*(u64 __percpu **)lock);
}

u64 ksb_percpu_u64_count(struct ksb_slot *slot)
{
	u64 __percpu *count = *(u64 __percpu **)slot->lock;
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += *per_cpu_ptr(count, cpu);
	return sum;
}

static void ksb_this_cpu_inc_op(struct ksb_slot *slot, struct ksb_worker *w)
{
	this_cpu_inc(**(u64 __percpu **)slot->lock);
}

static int ksb_this_cpu_inc_loop(struct ksb_worker *w)
{
	return ksb_lockfree_run(w, ksb_this_cpu_inc_op);
}

const struct ksb_workload ksb_this_cpu_inc_ops = {
	.name = "this_cpu_inc",
	.kind = KSB_KIND_LOCKFREE,
	.description = "this_cpu_inc on a per-CPU u64, summed at the end",
	.lock_size = sizeof(u64 __percpu *),
	.lock_init = ksb_percpu_u64_init,
	.lock_destroy = ksb_percpu_u64_destroy,
	.loop = { [KSB_ACQ_LOCK] = ksb_this_cpu_inc_loop },
	.count = ksb_percpu_u64_count,
};

static int ksb_percpu_counter_init(void *lock, const struct ksb_params *p)
{
	return percpu_counter_init(lock, 0, GFP_KERNEL);
}

static void ksb_percpu_counter_destroy(void *lock)
{
	percpu_counter_destroy(lock);
}

static void ksb_percpu_counter_op(struct ksb_slot *slot, struct ksb_worker *w)
{
	percpu_counter_inc(slot->lock);
}

static u64 ksb_percpu_counter_count(struct ksb_slot *slot)
{
	return percpu_counter_sum(slot->lock);
}

static int ksb_percpu_counter_loop(struct ksb_worker *w)
{
	return ksb_lockfree_run(w, ksb_percpu_counter_op);
}

const struct ksb_workload ksb_percpu_counter_ops = {
	.name = "percpu_counter",
	.kind = KSB_KIND_LOCKFREE,
	.description = "percpu_counter_inc, folded into the shared count in batches",
	.lock_size = sizeof(struct percpu_counter),
	.lock_init = ksb_percpu_counter_init,
	.lock_destroy = ksb_percpu_counter_destroy,
	.loop = { [KSB_ACQ_LOCK] = ksb_percpu_counter_loop },
	.count = ksb_percpu_counter_count,
};
