// SPDX-License-Identifier: GPL-2.0
/*
 * struct completion: waiters in wait_for_completion() (or its
 * _interruptible and _timeout forms: the wait knob), the signaller calls
 * complete(), which wakes one waiter, or complete_all(), which wakes them
 * all (completion_all, with first- and last-waiter latency).
 *
 * complete_all() leaves a completion done until reinit_completion(); a
 * waiter coming back for the next round must not find it still done. So
 * rounds alternate between two completions, and each round re-arms the
 * one the next round will use, which no waiter can be on yet.
 */
#include <linux/completion.h>
#include <linux/jiffies.h>

#include "../shapes/handoff.h"
#include "workloads.h"

struct ksb_completion {
	struct ksb_handoff h;
	struct completion done[2];
};

static int ksb_completion_init(void *lock, const struct ksb_params *p)
{
	struct ksb_completion *c = lock;

	ksb_handoff_init(&c->h);
	init_completion(&c->done[0]);
	init_completion(&c->done[1]);
	return 0;
}

/* Returns false on a timed wait that timed out. */
static bool ksb_completion_wait_on(struct ksb_run *run, struct completion *c)
{
	switch (run->p.wait) {
	case KSB_WAIT_INTERRUPTIBLE:
		/* Kthreads take no signals: -ERESTARTSYS would be a bug. */
		return !wait_for_completion_interruptible(c);
	case KSB_WAIT_TIMEOUT:
		return wait_for_completion_timeout(c,
						   msecs_to_jiffies(KSB_IDLE_MS));
	default:
		wait_for_completion(c);
		return true;
	}
}

static u64 ksb_completion_take(struct ksb_slot *slot, struct ksb_worker *w,
			       struct completion *done)
{
	struct ksb_completion *c = slot->lock;

	for (;;) {
		bool woken = ksb_completion_wait_on(w->run, done);

		if (ksb_handoff_over(w->run, &c->h))
			return 0;
		if (woken)
			return ksb_handoff_round(&c->h);
	}
}

static u64 ksb_completion_wait(struct ksb_slot *slot, struct ksb_worker *w)
{
	struct ksb_completion *c = slot->lock;

	return ksb_completion_take(slot, w, &c->done[0]);
}

static bool ksb_complete(struct ksb_slot *slot, struct ksb_worker *w,
			 u64 round)
{
	struct ksb_completion *c = slot->lock;

	complete(&c->done[0]);
	return true;
}

static u64 ksb_completion_all_wait(struct ksb_slot *slot, struct ksb_worker *w)
{
	struct ksb_completion *c = slot->lock;

	return ksb_completion_take(slot, w, &c->done[(w->seen_round + 1) & 1]);
}

static bool ksb_complete_all(struct ksb_slot *slot, struct ksb_worker *w,
			     u64 round)
{
	struct ksb_completion *c = slot->lock;

	reinit_completion(&c->done[(round + 1) & 1]);
	complete_all(&c->done[round & 1]);
	return true;
}

/* Wakes every waiter at the end; they find nothing pending and leave. */
static void ksb_completion_release(struct ksb_slot *slot)
{
	struct ksb_completion *c = slot->lock;

	complete_all(&c->done[0]);
	complete_all(&c->done[1]);
}

static int ksb_completion_loop(struct ksb_worker *w)
{
	return ksb_handoff_run(w, ksb_complete, ksb_completion_wait,
			       ksb_completion_release);
}

static int ksb_completion_all_loop(struct ksb_worker *w)
{
	return ksb_handoff_run(w, ksb_complete_all, ksb_completion_all_wait,
			       ksb_completion_release);
}

const struct ksb_workload ksb_completion_ops = {
	.name = "completion",
	.kind = KSB_KIND_HANDOFF,
	.description = "complete() wakes one waiter in wait_for_completion",
	.max_hold_ns = 0,
	.lock_size = sizeof(struct ksb_completion),
	.lock_init = ksb_completion_init,
	.consumers = ksb_handoff_one,
	.min_workers = 2,
	.loop = { [KSB_ACQ_LOCK] = ksb_completion_loop },
};

const struct ksb_workload ksb_completion_all_ops = {
	.name = "completion_all",
	.kind = KSB_KIND_HANDOFF,
	.description = "complete_all() to every waiter, reinit_completion between rounds",
	.max_hold_ns = 0,
	.lock_size = sizeof(struct ksb_completion),
	.lock_init = ksb_completion_init,
	.consumers = ksb_handoff_every_waiter,
	.min_workers = 2,
	.loop = { [KSB_ACQ_LOCK] = ksb_completion_all_loop },
};
