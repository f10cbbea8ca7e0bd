// SPDX-License-Identifier: GPL-2.0
/*
 * The exclusive-lock shape: acquire, critical section of hold_ns with the
 * oracle, release, think_ns of local work. A semaphore with K > 1 slots
 * runs the counting oracle instead. Nothing in this loop writes a shared
 * cache line except the lock and the data it protects.
 */
#include "../delay.h"
#include "../ksbench.h"
#include "../oracle.h"

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

static __always_inline int ksb_lock_loop_common(struct ksb_worker *w,
						bool counting)
{
	struct ksb_run *run = w->run;
	const struct ksb_workload *wl = run->p.workload;
	int (*acquire)(void *lock) = wl->acquire[run->p.acquire];
	const u64 think_ns = run->p.think_ns;
	unsigned int i;

	do {
		for (i = 0; i < run->batch; i++) {
			struct ksb_slot *slot = ksb_pick_slot(w);

			if (acquire(slot->lock)) {
				w->failures[READ_ONCE(run->phase)]++;
			} else {
				ksb_lock_section(run, slot, w, counting);
				wl->release(slot->lock);
				w->ops[READ_ONCE(run->phase)]++;
			}
			ksb_busy_ns(think_ns);
		}
	} while (ksb_worker_tick(w));
	return 0;
}

int ksb_lock_loop(struct ksb_worker *w)
{
	const struct ksb_run *run = w->run;

	/* Two instances, so the common exclusive case has no extra branch. */
	if (run->p.workload->counting && run->p.sem_count > 1)
		return ksb_lock_loop_common(w, true);
	return ksb_lock_loop_common(w, false);
}
