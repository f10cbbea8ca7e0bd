// SPDX-License-Identifier: GPL-2.0
/*
 * Tasklets: tasklet_schedule() to the tasklet running. A tasklet runs on
 * the CPU that scheduled it, so a round for another CPU is scheduled
 * there from an IPI (smp_call_function_single_async()), and its latency
 * includes the IPI. PREEMPT_RT does not let an IPI callback raise a
 * softirq (it may run from the idle task's queue flush), so there the IPI
 * hands over to a hard-interrupt irq_work, as a device interrupt would.
 * Tasklets are deprecated from 6.9 in favour of BH workqueues; this
 * workload uses tasklets on every kernel it builds for.
 */
#include <linux/interrupt.h>
#include <linux/irq_work.h>
#include <linux/slab.h>
#include <linux/smp.h>

#include "deferred.h"
#include "workloads.h"

struct ksb_tasklet {
	struct tasklet_struct tasklet;
	call_single_data_t csd;		/* schedules it on another CPU */
	struct irq_work irq_work;	/* ... from hard irq on PREEMPT_RT */
	struct ksb_worker *w;
	struct ksb_handoff *h;
};

struct ksb_tasklets {
	struct ksb_handoff h;
	unsigned int nr_items;
	struct ksb_tasklet *items;
};

static void ksb_tasklet_fn(struct tasklet_struct *t)
{
	struct ksb_tasklet *item = from_tasklet(item, t, tasklet);

	ksb_handoff_consume(item->w->run, item->h, item->w,
			    ksb_handoff_round(item->h));
}

static void ksb_tasklet_irq_work(struct irq_work *work)
{
	struct ksb_tasklet *item = container_of(work, struct ksb_tasklet,
						irq_work);

	tasklet_schedule(&item->tasklet);
}

static void ksb_tasklet_ipi(void *info)
{
	struct ksb_tasklet *item = info;

	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		irq_work_queue(&item->irq_work);
	else
		tasklet_schedule(&item->tasklet);
}

static int ksb_tasklet_init(void *lock, const struct ksb_params *p)
{
	struct ksb_tasklets *t = lock;
	unsigned int i;

	ksb_handoff_init(&t->h);
	t->nr_items = cpumask_weight(&p->cpus);
	t->items = kcalloc(t->nr_items, sizeof(*t->items), GFP_KERNEL);
	if (!t->items)
		return -ENOMEM;
	for (i = 0; i < t->nr_items; i++) {
		struct ksb_tasklet *item = &t->items[i];

		tasklet_setup(&item->tasklet, ksb_tasklet_fn);
		INIT_CSD(&item->csd, ksb_tasklet_ipi, item);
		item->irq_work = IRQ_WORK_INIT_HARD(ksb_tasklet_irq_work);
		item->h = &t->h;
	}
	return 0;
}

/* No tasklet may be scheduled or running once the run is over. */
static void ksb_tasklet_quiesce(struct ksb_run *run)
{
	struct ksb_tasklets *t = run->slots[0].lock;
	unsigned int i;

	for (i = 0; i < t->nr_items; i++) {
		irq_work_sync(&t->items[i].irq_work);
		tasklet_kill(&t->items[i].tasklet);
	}
}

static void ksb_tasklet_destroy(void *lock)
{
	struct ksb_tasklets *t = lock;

	kfree(t->items);
}

static bool ksb_tasklet_schedule(struct ksb_slot *slot, struct ksb_worker *w,
				 u64 round)
{
	struct ksb_tasklets *t = slot->lock;
	struct ksb_worker *target = w->run->workers[ksb_deferred_target(w->run,
									round)];
	struct ksb_tasklet *item = &t->items[target->id];

	item->w = target;
	if (target == w) {
		tasklet_schedule(&item->tasklet);
		return true;
	}
	/* The previous round on this CSD was acknowledged: it is free. */
	return !smp_call_function_single_async(target->cpu, &item->csd);
}

static int ksb_tasklet_loop(struct ksb_worker *w)
{
	return ksb_handoff_run(w, ksb_tasklet_schedule, NULL, NULL);
}

const struct ksb_workload ksb_tasklet_ops = {
	.name = "tasklet",
	.kind = KSB_KIND_HANDOFF,
	.description = "tasklet_schedule() to the tasklet running; on another CPU via an IPI",
	.rt_note = "tasklets run in softirq threads; another CPU's is raised from hard irq_work",
	.max_hold_ns = 0,
	.lock_size = sizeof(struct ksb_tasklets),
	.lock_init = ksb_tasklet_init,
	.lock_destroy = ksb_tasklet_destroy,
	.quiesce = ksb_tasklet_quiesce,
	.consumers = ksb_handoff_one,
	.min_workers = 1,
	.loop = { [KSB_ACQ_LOCK] = ksb_tasklet_loop },
};
