/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The exclusive-lock shape: acquire, critical section of hold_ns with the
 * oracle, release, think_ns of local work. A semaphore with K > 1 slots
 * runs the counting oracle instead. Nothing in this loop writes a shared
 * cache line except the lock and the data it protects.
 *
 * Latency mode times one operation in 'sample', alternately its acquire
 * (attempt to held) and its hold (held to released): two clock reads and
 * one histogram increment per timed operation.
 *
 * A workload instantiates it once per acquire mode it has:
 *	static int ksb_spin_lock_loop(struct ksb_worker *w)
 *	{
 *		return ksb_lock_run(w, ksb_spin_lock, ksb_spin_unlock);
 *	}
 */
#ifndef KSBENCH_SHAPE_LOCK_H
#define KSBENCH_SHAPE_LOCK_H

#include "shape.h"

enum { KSB_HIST_ACQUIRE, KSB_HIST_HOLD };

static __always_inline void ksb_lock_section(const struct ksb_loop *l,
					     struct ksb_slot *slot,
					     struct ksb_worker *w,
					     bool counting)
{
	struct ksb_shared *s = slot->shared;

	if (counting)
		ksb_count_enter(s, w, l->sem_count);
	else
		ksb_excl_enter(s, w);
	ksb_touch_lines(s, l->cs_lines);
	ksb_busy_ns(l->hold_ns);
	if (counting)
		ksb_count_exit(s);
	else
		ksb_excl_exit(s, w);
}

/* Returns the phase the operation completed in. */
static __always_inline int ksb_lock_op(const struct ksb_loop *l,
				       struct ksb_worker *w,
				       bool counting, bool latency,
				       int (*acquire)(void *lock),
				       void (*release)(void *lock))
{
	struct ksb_slot *slot = ksb_pick_slot(l, w);
	bool timed = latency && ksb_sample_due(w);
	unsigned int which = KSB_HIST_ACQUIRE;
	u64 t0 = 0, t1 = 0;
	int phase;

	if (timed) {
		which = w->time_hold ? KSB_HIST_HOLD : KSB_HIST_ACQUIRE;
		w->time_hold = !w->time_hold;
		if (which == KSB_HIST_ACQUIRE)
			t0 = ksb_clock();
	}
	if (acquire(slot->lock)) {
		phase = READ_ONCE(*l->phase);
		w->failures[phase]++;
		return phase;
	}
	if (timed) {
		if (which == KSB_HIST_ACQUIRE)
			t1 = ksb_clock();
		else
			t0 = ksb_clock();
	}
	ksb_lock_section(l, slot, w, counting);
	release(slot->lock);
	if (timed && which == KSB_HIST_HOLD)
		t1 = ksb_clock();
	phase = READ_ONCE(*l->phase);
	w->ops[phase]++;
	if (timed)
		ksb_hist_record(w, which, phase, t1 - t0);
	return phase;
}

static __always_inline int ksb_lock_loop(struct ksb_worker *w, bool counting,
					 bool latency,
					 int (*acquire)(void *lock),
					 void (*release)(void *lock))
{
	struct ksb_loop l;
	unsigned int i;

	ksb_loop_init(&l, w->run);
	do {
		for (i = 0; i < l.batch; i++) {
			/* A slow primitive must not hold up a stop for a batch. */
			if (ksb_lock_op(&l, w, counting, latency, acquire,
					release) == KSB_STOPPING)
				break;
			ksb_busy_ns(l.think_ns);
		}
	} while (ksb_worker_tick(w));
	return 0;
}

/*
 * One instance per (counting, latency) pair, so the common case carries no
 * branch for either. @acquire returns 0 once the lock is held.
 */
static __always_inline int ksb_lock_run(struct ksb_worker *w,
					int (*acquire)(void *lock),
					void (*release)(void *lock))
{
	const struct ksb_params *p = &w->run->p;
	bool counting = p->workload->counting && p->sem_count > 1;

	if (p->measure == KSB_MEASURE_LATENCY)
		return counting ?
		       ksb_lock_loop(w, true, true, acquire, release) :
		       ksb_lock_loop(w, false, true, acquire, release);
	return counting ? ksb_lock_loop(w, true, false, acquire, release) :
			  ksb_lock_loop(w, false, false, acquire, release);
}

#endif
