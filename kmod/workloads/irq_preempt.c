// SPDX-License-Identifier: GPL-2.0
/*
 * Disabling interrupts or preemption around a per-CPU read-modify-write
 * that lasts hold_ns: local_irq_save/restore and get_cpu/put_cpu. The
 * section must stay on the worker's CPU and its plain update must never
 * be lost; the oracle sums the per-CPU counts at the end.
 */
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/smp.h>

#include "../shapes/lockfree.h"
#include "workloads.h"

static __always_inline void ksb_percpu_section(struct ksb_slot *slot,
					       struct ksb_worker *w,
					       unsigned int cpu)
{
	u64 *count = per_cpu_ptr(*(u64 __percpu **)slot->lock, cpu);
	u64 value = READ_ONCE(*count);

	if (cpu != w->cpu)
		w->violations++;
	ksb_busy_ns(w->run->p.hold_ns);
	WRITE_ONCE(*count, value + 1);
}

static void ksb_local_irq_op(struct ksb_slot *slot, struct ksb_worker *w)
{
	unsigned long flags;

	local_irq_save(flags);
	ksb_percpu_section(slot, w, smp_processor_id());
	local_irq_restore(flags);
}

static void ksb_preempt_op(struct ksb_slot *slot, struct ksb_worker *w)
{
	ksb_percpu_section(slot, w, get_cpu());
	put_cpu();
}

static int ksb_local_irq_loop(struct ksb_worker *w)
{
	return ksb_lockfree_run(w, ksb_local_irq_op);
}

const struct ksb_workload ksb_local_irq_ops = {
	.name = "local_irq",
	.kind = KSB_KIND_LOCKFREE,
	.description = "local_irq_save/restore around a per-CPU update of hold_ns",
	.rt_note = "still disables hard interrupts; most handlers run in threads",
	.max_hold_ns = KSB_HOLD_NS_MAX_ATOMIC,
	.lock_size = sizeof(u64 __percpu *),
	.lock_init = ksb_percpu_u64_init,
	.lock_destroy = ksb_percpu_u64_destroy,
	.loop = { [KSB_ACQ_LOCK] = ksb_local_irq_loop },
	.count = ksb_percpu_u64_count,
};

static int ksb_preempt_loop(struct ksb_worker *w)
{
	return ksb_lockfree_run(w, ksb_preempt_op);
}

const struct ksb_workload ksb_preempt_ops = {
	.name = "preempt",
	.kind = KSB_KIND_LOCKFREE,
	.description = "get_cpu/put_cpu around a per-CPU update of hold_ns",
	.max_hold_ns = KSB_HOLD_NS_MAX_ATOMIC,
	.lock_size = sizeof(u64 __percpu *),
	.lock_init = ksb_percpu_u64_init,
	.lock_destroy = ksb_percpu_u64_destroy,
	.loop = { [KSB_ACQ_LOCK] = ksb_preempt_loop },
	.count = ksb_percpu_u64_count,
};
