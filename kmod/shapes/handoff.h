/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The handoff shape: worker 0 signals, consumers wake up, and the measure
 * is the time from the signal to the consumer running. A consumer is a
 * waiter thread (completion, waitqueue, poll: every other worker) or the
 * deferred function itself (workqueue, tasklet: running on another
 * worker's CPU, or on the signaller's when it is alone).
 *
 * One round: the signaller stamps t_signal, publishes the round number,
 * signals, and waits until the round's consumers have acknowledged it.
 * Each consumer records now - t_signal and acknowledges. The oracle:
 * every signal is consumed exactly the number of times the primitive
 * promises (counts compared at the end), no consumer takes a round twice,
 * and a round left unconsumed for a second is a lost wake-up.
 *
 * At stop the signaller lets the round in flight finish, closes the
 * handoff (no round comes after), then wakes every waiter (release),
 * which leaves once it is closed and nothing is pending.
 *
 *	static int ksb_completion_loop(struct ksb_worker *w)
 *	{
 *		return ksb_handoff_run(w, ksb_complete, ksb_completion_wait,
 *				       ksb_completion_release);
 *	}
 */
#ifndef KSBENCH_SHAPE_HANDOFF_H
#define KSBENCH_SHAPE_HANDOFF_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/minmax.h>

#include "shape.h"

enum { KSB_HIST_WAKEUP, KSB_HIST_FIRST, KSB_HIST_LAST };

/*
 * What PREEMPT_RT changes for every wake-up, and why a loaded host turns it
 * into milliseconds in a VM (docs/rt-wakeup.md has the traces).
 */
#define KSB_HANDOFF_RT_NOTE \
	"each tick wakes the ktimers and rcuc threads and remote wake-ups take " \
	"the target's runqueue lock (no TTWU_QUEUE): in a VM on a busy host, " \
	"wake-ups stall while vCPUs are preempted (docs/rt-wakeup.md)"

/* How often a waiting signaller looks for a stop. */
#define KSB_ACK_POLL_MS		10
/* A round nobody consumed for this long was a lost wake-up. */
#define KSB_LOST_WAKEUP_NS	NSEC_PER_SEC
/* Idle workers and timed waits look for a stop this often. */
#define KSB_IDLE_MS		20

/* What every handoff shares; a workload's lock object begins with it. */
struct ksb_handoff {
	u64 t_signal;			/* when the current round was signalled */
	u64 round;			/* rounds signalled so far */
	atomic_t pending;		/* consumptions the round still owes */
	struct completion acked;	/* ... and it owes none */
	bool closed;			/* the signaller publishes no more rounds */
};

static inline void ksb_handoff_init(struct ksb_handoff *h)
{
	h->closed = false;
	init_completion(&h->acked);
}

/* Consumptions a signal owes, for the ops table's 'consumers'. */
static inline unsigned int ksb_handoff_one(const struct ksb_run *run)
{
	return 1;
}

static inline unsigned int ksb_handoff_every_waiter(const struct ksb_run *run)
{
	return run->nr_workers - 1;
}

/* The round a consumer may take, published after t_signal. */
static __always_inline u64 ksb_handoff_round(const struct ksb_handoff *h)
{
	/* Pairs with the signaller's release: t_signal is the round's. */
	return smp_load_acquire(&h->round);
}

/*
 * A waiter may leave: the signaller has closed the handoff and no round
 * waits for it. Not the phase alone: a waiter that saw the stop and
 * nothing pending could leave while the signaller, past its own look at
 * the phase, published one more round that then went unconsumed (seen
 * once on the debug kernel: poll, 1 violation, 1 lost update). The
 * acquire pairs with the close's release, so the last round and its
 * pending count are visible here once the close is.
 */
static __always_inline bool ksb_handoff_over(const struct ksb_run *run,
					     const struct ksb_handoff *h)
{
	/* Pairs with the signaller's smp_store_release() of closed. */
	return smp_load_acquire(&h->closed) && atomic_read(&h->pending) <= 0;
}

/* A consumer took @round: record the wake-up and acknowledge it. */
static __always_inline void ksb_handoff_consume(struct ksb_run *run,
						struct ksb_handoff *h,
						struct ksb_worker *w, u64 round)
{
	u64 latency = ksb_clock() - READ_ONCE(h->t_signal);
	int phase = READ_ONCE(run->phase);
	int owed;

	w->events[phase]++;
	if (run->p.flood)
		return;
	if (round <= w->seen_round)
		w->violations++;	/* the same round, consumed twice */
	w->seen_round = round;
	w->last_latency_ns = latency;
	ksb_hist_record(w, KSB_HIST_WAKEUP, phase, latency);
	/* A consumer beyond what the round owed is a double consumption. */
	owed = atomic_dec_return(&h->pending);
	if (!owed)
		complete(&h->acked);
	else if (owed < 0)
		w->violations++;
}

/*
 * Waits for the round's acknowledgements. A stop does not cut a round
 * short (its consumers are still running), but a lost one does.
 */
static noinline void ksb_handoff_await(struct ksb_run *run,
				       struct ksb_handoff *h,
				       struct ksb_worker *w)
{
	u64 start = ksb_clock();
	bool lost = false;

	while (!wait_for_completion_timeout(&h->acked,
					    msecs_to_jiffies(KSB_ACK_POLL_MS))) {
		if (!lost && ksb_clock() - start > KSB_LOST_WAKEUP_NS) {
			w->violations++;
			lost = true;
		}
		if (lost && READ_ONCE(run->phase) == KSB_STOPPING)
			return;
	}
}

/* The first and the last of the round's consumers to wake (broadcasts). */
static noinline void ksb_handoff_spread(struct ksb_run *run,
					struct ksb_worker *w, int phase)
{
	u64 first = U64_MAX, last = 0;
	unsigned int i;

	for (i = 1; i < run->nr_workers; i++) {
		u64 latency = READ_ONCE(run->workers[i]->last_latency_ns);

		first = min(first, latency);
		last = max(last, latency);
	}
	ksb_hist_record(w, KSB_HIST_FIRST, phase, first);
	ksb_hist_record(w, KSB_HIST_LAST, phase, last);
}

/*
 * @signal returns false when the primitive took nothing (a work item
 * already pending: a coalesced re-queue, flood mode only).
 */
static __always_inline int
ksb_handoff_signaller(struct ksb_worker *w, struct ksb_slot *slot,
		      bool (*signal)(struct ksb_slot *slot,
				     struct ksb_worker *w, u64 round),
		      void (*release)(struct ksb_slot *slot))
{
	struct ksb_run *run = w->run;
	struct ksb_handoff *h = slot->lock;
	unsigned int consumers = run->p.workload->consumers(run);
	bool flood = run->p.flood;
	unsigned int i;
	int phase;

	do {
		for (i = 0; i < run->batch; i++) {
			u64 round = h->round + 1;

			/* Waiters leave once stopping: a new round would go unconsumed. */
			if (READ_ONCE(run->phase) == KSB_STOPPING)
				break;
			if (!flood) {
				reinit_completion(&h->acked);
				atomic_set(&h->pending, consumers);
			}
			WRITE_ONCE(h->t_signal, ksb_clock());
			/* Pairs with ksb_handoff_round(): stamp, then round. */
			smp_store_release(&h->round, round);
			if (!signal(slot, w, round)) {
				w->failures[READ_ONCE(run->phase)]++;
				continue;
			}
			if (!flood)
				ksb_handoff_await(run, h, w);
			phase = READ_ONCE(run->phase);
			w->ops[phase]++;
			if (!flood && consumers > 1)
				ksb_handoff_spread(run, w, phase);
			if (phase == KSB_STOPPING)
				break;
		}
	} while (ksb_worker_tick(w));
	/* After the last round's publication and count: ksb_handoff_over(). */
	smp_store_release(&h->closed, true);
	if (release)
		release(slot);
	return 0;
}

/* @wait returns the round to consume, or 0 when the run is over. */
static __always_inline int
ksb_handoff_waiter(struct ksb_worker *w, struct ksb_slot *slot,
		   u64 (*wait)(struct ksb_slot *slot, struct ksb_worker *w))
{
	u64 round;

	while ((round = wait(slot, w)))
		ksb_handoff_consume(w->run, slot->lock, w, round);
	return 0;
}

/* Deferred work runs elsewhere; this worker only keeps its CPU quiet. */
static noinline int ksb_handoff_idle(struct ksb_worker *w)
{
	while (READ_ONCE(w->run->phase) != KSB_STOPPING &&
	       !kthread_should_stop())
		msleep_interruptible(KSB_IDLE_MS);
	return 0;
}

static __always_inline int
ksb_handoff_run(struct ksb_worker *w,
		bool (*signal)(struct ksb_slot *slot, struct ksb_worker *w,
			       u64 round),
		u64 (*wait)(struct ksb_slot *slot, struct ksb_worker *w),
		void (*release)(struct ksb_slot *slot))
{
	struct ksb_slot *slot = &w->run->slots[0];

	if (w->id == 0)
		return ksb_handoff_signaller(w, slot, signal, release);
	if (wait)
		return ksb_handoff_waiter(w, slot, wait);
	return ksb_handoff_idle(w);
}

#endif
