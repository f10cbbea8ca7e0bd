// SPDX-License-Identifier: GPL-2.0
/*
 * The exclusive-lock shape: acquire, critical section of hold_ns with the
 * oracle, release, think_ns of local work. A semaphore with K > 1 slots
 * runs the counting oracle instead. Nothing in this loop writes a shared
 * cache line except the lock and the data it protects.
 *
 * Latency mode times one operation in 'sample', alternately its acquire
 * (attempt to held) and its hold (held to released): two clock reads and
 * one histogram increment per timed operation.
 */
#include "../clock.h"
#include "../delay.h"
#include "../ksbench.h"
#include "../oracle.h"

enum { KSB_HIST_ACQUIRE, KSB_HIST_HOLD };

static __always_inline void ksb_lock_section(struct ksb_run *run,
					     struct ksb_slot *slot,
					     struct ksb_worker *w,
					     bool counting)
{
	struct ksb_shared *s = slot->shared;

	if (counting)
		ksb_count_enter(s, w, run->p.sem_count);
	else
		ksb_excl_enter(s, w);
	ksb_touch_lines(s, run->p.cs_lines);
	ksb_busy_ns(run->p.hold_ns);
	if (counting)
		ksb_count_exit(s);
	else
		ksb_excl_exit(s, w);
}

static __always_inline void ksb_lock_op(struct ksb_run *run,
					struct ksb_worker *w,
					int (*acquire)(void *lock),
					bool counting, bool latency)
{
	const struct ksb_workload *wl = run->p.workload;
	struct ksb_slot *slot = ksb_pick_slot(w);
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
		w->failures[READ_ONCE(run->phase)]++;
		return;
	}
	if (timed) {
		if (which == KSB_HIST_ACQUIRE)
			t1 = ksb_clock();
		else
			t0 = ksb_clock();
	}
	ksb_lock_section(run, slot, w, counting);
	wl->release(slot->lock);
	if (timed && which == KSB_HIST_HOLD)
		t1 = ksb_clock();
	phase = READ_ONCE(run->phase);
	w->ops[phase]++;
	if (timed)
		ksb_hist_record(w, which, phase, t1 - t0);
}

static __always_inline int ksb_lock_loop_common(struct ksb_worker *w,
						bool counting, bool latency)
{
	struct ksb_run *run = w->run;
	int (*acquire)(void *lock) = run->p.workload->acquire[run->p.acquire];
	unsigned int i;

	do {
		for (i = 0; i < run->batch; i++) {
			ksb_lock_op(run, w, acquire, counting, latency);
			ksb_busy_ns(run->p.think_ns);
		}
	} while (ksb_worker_tick(w));
	return 0;
}

int ksb_lock_loop(struct ksb_worker *w)
{
	const struct ksb_params *p = &w->run->p;
	bool counting = p->workload->counting && p->sem_count > 1;
	bool latency = p->measure == KSB_MEASURE_LATENCY;

	/* One instance per mode, so the common case carries no branch. */
	if (latency)
		return counting ? ksb_lock_loop_common(w, true, true) :
				  ksb_lock_loop_common(w, false, true);
	return counting ? ksb_lock_loop_common(w, true, false) :
			  ksb_lock_loop_common(w, false, false);
}
