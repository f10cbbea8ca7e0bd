// SPDX-License-Identifier: GPL-2.0
/*
 * Work items: the latency from queue_work_on() to the work function
 * starting, on our own per-CPU (bound) workqueue, an unbound one, a
 * WQ_HIGHPRI one, or system_wq (the wq knob). Flood mode queues as fast
 * as it can without waiting: a queue_work_on() that finds the item still
 * pending is a coalesced re-queue (reported as failures), and every
 * accepted queueing must still run exactly once.
 */
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "../compat.h"
#include "deferred.h"
#include "workloads.h"

struct ksb_work {
	struct work_struct work;
	struct ksb_worker *w;		/* whose CPU, whose counters */
	struct ksb_handoff *h;
};

struct ksb_workqueue {
	struct ksb_handoff h;
	struct workqueue_struct *wq;
	bool own_wq;
	unsigned int nr_items;
	struct ksb_work *items;
};

static void ksb_work_fn(struct work_struct *work)
{
	struct ksb_work *item = container_of(work, struct ksb_work, work);

	ksb_handoff_consume(item->w->run, item->h, item->w,
			    ksb_handoff_round(item->h));
}

static struct workqueue_struct *ksb_wq_create(int which, bool *own)
{
	*own = which != KSB_WQ_SYSTEM;
	switch (which) {
	case KSB_WQ_UNBOUND:
		return alloc_workqueue("ksbench_unbound", WQ_UNBOUND, 0);
	case KSB_WQ_HIGHPRI:
		return alloc_workqueue("ksbench_highpri", WQ_HIGHPRI | KSB_WQ_PERCPU, 0);
	case KSB_WQ_SYSTEM:
		return system_wq;
	default:
		return alloc_workqueue("ksbench_bound", KSB_WQ_PERCPU, 0);
	}
}

static int ksb_workqueue_init(void *lock, const struct ksb_params *p)
{
	struct ksb_workqueue *q = lock;
	unsigned int i;

	ksb_handoff_init(&q->h);
	q->nr_items = cpumask_weight(&p->cpus);
	q->items = kcalloc(q->nr_items, sizeof(*q->items), GFP_KERNEL);
	if (!q->items)
		return -ENOMEM;
	for (i = 0; i < q->nr_items; i++) {
		INIT_WORK(&q->items[i].work, ksb_work_fn);
		q->items[i].h = &q->h;
	}
	q->wq = ksb_wq_create(p->wq, &q->own_wq);
	if (!q->wq) {
		kfree(q->items);
		return -ENOMEM;
	}
	return 0;
}

static void ksb_workqueue_destroy(void *lock)
{
	struct ksb_workqueue *q = lock;
	unsigned int i;

	for (i = 0; i < q->nr_items; i++)
		cancel_work_sync(&q->items[i].work);
	if (q->own_wq)
		destroy_workqueue(q->wq);
	kfree(q->items);
}

/* Every accepted queueing runs before the counts are read. */
static void ksb_workqueue_quiesce(struct ksb_run *run)
{
	struct ksb_workqueue *q = run->slots[0].lock;
	unsigned int i;

	for (i = 0; i < q->nr_items; i++)
		flush_work(&q->items[i].work);
}

static bool ksb_queue_work(struct ksb_slot *slot, struct ksb_worker *w,
			   u64 round)
{
	struct ksb_workqueue *q = slot->lock;
	struct ksb_worker *target = w->run->workers[ksb_deferred_target(w->run,
									round)];
	struct ksb_work *item = &q->items[target->id];

	item->w = target;
	return queue_work_on(target->cpu, q->wq, &item->work);
}

static int ksb_workqueue_loop(struct ksb_worker *w)
{
	return ksb_handoff_run(w, ksb_queue_work, NULL, NULL);
}

const struct ksb_workload ksb_workqueue_ops = {
	.name = "workqueue",
	.kind = KSB_KIND_HANDOFF,
	.description = "queue_work_on() to the work running (bound/unbound/system/highpri; flood)",
	.rt_note = KSB_HANDOFF_RT_NOTE,
	.max_hold_ns = 0,
	.lock_size = sizeof(struct ksb_workqueue),
	.lock_init = ksb_workqueue_init,
	.lock_destroy = ksb_workqueue_destroy,
	.quiesce = ksb_workqueue_quiesce,
	.floods = true,
	.consumers = ksb_handoff_one,
	.min_workers = 1,
	.loop = { [KSB_ACQ_LOCK] = ksb_workqueue_loop },
};
