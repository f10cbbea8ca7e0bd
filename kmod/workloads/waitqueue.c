// SPDX-License-Identifier: GPL-2.0
/*
 * A wait queue with a condition, the way wait_event() is built (open-coded
 * here to count the wake-ups that found the condition false). wake_up()
 * wakes every non-exclusive waiter, a thundering herd that all consume
 * the round; with exclusive waiters it wakes one, and the waiters claim
 * rounds so each is taken once. The wait knob picks TASK_UNINTERRUPTIBLE,
 * TASK_INTERRUPTIBLE or a timed sleep.
 */
#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/wait.h>

#include "../shapes/handoff.h"
#include "workloads.h"

struct ksb_waitqueue {
	struct ksb_handoff h;
	wait_queue_head_t head;
	u64 claimed;		/* exclusive: the last round some waiter took */
};

static int ksb_waitqueue_init(void *lock, const struct ksb_params *p)
{
	struct ksb_waitqueue *q = lock;

	ksb_handoff_init(&q->h);
	init_waitqueue_head(&q->head);
	return 0;
}

/* The round this waiter may consume now, or 0. */
static u64 ksb_waitqueue_claim(struct ksb_waitqueue *q, struct ksb_worker *w,
			       bool exclusive)
{
	u64 round = ksb_handoff_round(&q->h);
	u64 claimed;

	if (!exclusive)
		return round > w->seen_round ? round : 0;
	claimed = READ_ONCE(q->claimed);
	if (claimed < round && cmpxchg(&q->claimed, claimed, round) == claimed)
		return round;
	return 0;
}

static u64 ksb_waitqueue_wait(struct ksb_slot *slot, struct ksb_worker *w)
{
	struct ksb_waitqueue *q = slot->lock;
	struct ksb_run *run = w->run;
	bool exclusive = run->p.exclusive;
	int state = run->p.wait == KSB_WAIT_PLAIN ? TASK_UNINTERRUPTIBLE :
						    TASK_INTERRUPTIBLE;
	bool woken = false;
	DEFINE_WAIT(wait);
	u64 round;

	for (;;) {
		if (exclusive)
			prepare_to_wait_exclusive(&q->head, &wait, state);
		else
			prepare_to_wait(&q->head, &wait, state);
		round = ksb_waitqueue_claim(q, w, exclusive);
		if (round || ksb_handoff_over(run, &q->h))
			break;
		if (woken)
			w->spurious[READ_ONCE(run->phase)]++;
		if (run->p.wait == KSB_WAIT_TIMEOUT)
			schedule_timeout(msecs_to_jiffies(KSB_IDLE_MS));
		else
			schedule();
		woken = true;
	}
	finish_wait(&q->head, &wait);
	return round;
}

static bool ksb_wake_up(struct ksb_slot *slot, struct ksb_worker *w,
			u64 round)
{
	struct ksb_waitqueue *q = slot->lock;

	wake_up(&q->head);
	return true;
}

static void ksb_waitqueue_release(struct ksb_slot *slot)
{
	struct ksb_waitqueue *q = slot->lock;

	wake_up_all(&q->head);
}

static unsigned int ksb_waitqueue_consumers(const struct ksb_run *run)
{
	return run->p.exclusive ? 1 : ksb_handoff_every_waiter(run);
}

static int ksb_waitqueue_loop(struct ksb_worker *w)
{
	return ksb_handoff_run(w, ksb_wake_up, ksb_waitqueue_wait,
			       ksb_waitqueue_release);
}

const struct ksb_workload ksb_waitqueue_ops = {
	.name = "waitqueue",
	.kind = KSB_KIND_HANDOFF,
	.description = "wake_up() to waiters on a condition; exclusive: wake one, else all",
	.rt_note = KSB_HANDOFF_RT_NOTE,
	.max_hold_ns = 0,
	.lock_size = sizeof(struct ksb_waitqueue),
	.lock_init = ksb_waitqueue_init,
	.consumers = ksb_waitqueue_consumers,
	.min_workers = 2,
	.loop = { [KSB_ACQ_LOCK] = ksb_waitqueue_loop },
};
