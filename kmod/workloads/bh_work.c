// SPDX-License-Identifier: GPL-2.0
/*
 * BH workqueues, the tasklet's successor (6.9): queue_work_on() on
 * system_bh_wq to the work running in softirq context on the CPU it was
 * queued for. For another CPU the workqueue core raises that CPU's softirq
 * itself (through irq_work), so unlike the tasklet workload no IPI of our
 * own is needed; the latency is queue to the work function starting.
 * Before 6.9 there is no BH workqueue: the workload is listed with the
 * reason and cannot be started.
 */
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "../compat.h"
#include "deferred.h"
#include "workloads.h"

#if KSB_HAVE_BH_WORKQUEUE

struct ksb_bh_item {
	struct work_struct work;
	struct ksb_worker *w;		/* whose CPU, whose counters */
	struct ksb_handoff *h;
};

struct ksb_bh {
	struct ksb_handoff h;
	unsigned int nr_items;
	struct ksb_bh_item *items;
};

static void ksb_bh_fn(struct work_struct *work)
{
	struct ksb_bh_item *item = container_of(work, struct ksb_bh_item, work);

	ksb_handoff_consume(item->w->run, item->h, item->w,
			    ksb_handoff_round(item->h));
}

static int ksb_bh_init(void *lock, const struct ksb_params *p)
{
	struct ksb_bh *b = lock;
	unsigned int i;

	ksb_handoff_init(&b->h);
	b->nr_items = cpumask_weight(&p->cpus);
	b->items = kcalloc(b->nr_items, sizeof(*b->items), GFP_KERNEL);
	if (!b->items)
		return -ENOMEM;
	for (i = 0; i < b->nr_items; i++) {
		INIT_WORK(&b->items[i].work, ksb_bh_fn);
		b->items[i].h = &b->h;
	}
	return 0;
}

static void ksb_bh_destroy(void *lock)
{
	struct ksb_bh *b = lock;
	unsigned int i;

	for (i = 0; i < b->nr_items; i++)
		cancel_work_sync(&b->items[i].work);
	kfree(b->items);
}

/* No work item may be pending or running once the run is over. */
static void ksb_bh_quiesce(struct ksb_run *run)
{
	struct ksb_bh *b = run->slots[0].lock;
	unsigned int i;

	for (i = 0; i < b->nr_items; i++)
		flush_work(&b->items[i].work);
}

static bool ksb_bh_queue(struct ksb_slot *slot, struct ksb_worker *w, u64 round)
{
	struct ksb_bh *b = slot->lock;
	struct ksb_worker *target = w->run->workers[ksb_deferred_target(w->run,
									round)];
	struct ksb_bh_item *item = &b->items[target->id];

	item->w = target;
	return queue_work_on(target->cpu, system_bh_wq, &item->work);
}

static int ksb_bh_loop(struct ksb_worker *w)
{
	return ksb_handoff_run(w, ksb_bh_queue, NULL, NULL);
}

const struct ksb_workload ksb_bh_work_ops = {
	.name = "bh_work",
	.kind = KSB_KIND_HANDOFF,
	.description = "queue_work_on() on system_bh_wq to the work running in softirq context",
	.rt_note = "BH work runs in softirq context, which PREEMPT_RT runs in preemptible threads",
	.max_hold_ns = 0,
	.lock_size = sizeof(struct ksb_bh),
	.lock_init = ksb_bh_init,
	.lock_destroy = ksb_bh_destroy,
	.quiesce = ksb_bh_quiesce,
	.consumers = ksb_handoff_one,
	.min_workers = 1,
	.loop = { [KSB_ACQ_LOCK] = ksb_bh_loop },
};

#else

/* Listed, with no loop: starting it fails (EOPNOTSUPP), and it says why. */
const struct ksb_workload ksb_bh_work_ops = {
	.name = "bh_work",
	.kind = KSB_KIND_HANDOFF,
	.description = "queue_work_on() on system_bh_wq to the work running in softirq context",
	.unavailable = "BH workqueues arrived in Linux 6.9; this kernel has tasklets only",
	.lock_size = sizeof(struct ksb_handoff),
	.consumers = ksb_handoff_one,
	.min_workers = 1,
};

#endif
