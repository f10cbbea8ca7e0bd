// SPDX-License-Identifier: GPL-2.0
/*
 * seqlock_t: writers exclude each other with a spinlock; readers take no
 * lock and retry when a writer overlapped them. A snapshot a reader keeps
 * after read_seqretry() said "done" must be consistent.
 */
#include <linux/seqlock.h>

#include "../shapes/rw.h"
#include "workloads.h"

static int ksb_seqlock_init(void *lock, const struct ksb_params *p)
{
	seqlock_init((seqlock_t *)lock);
	return 0;
}

static void ksb_seqlock_read(struct ksb_slot *slot, struct ksb_worker *w)
{
	struct ksb_run *run = w->run;
	bool consistent;
	unsigned int seq;

	for (;;) {
		seq = read_seqbegin(slot->lock);
		consistent = ksb_read_snapshot(slot->shared, run->p.hold_ns);
		if (!read_seqretry(slot->lock, seq))
			break;
		w->retries[READ_ONCE(run->phase)]++;
	}
	if (!consistent)
		w->violations++;
}

static void ksb_seqlock_write(struct ksb_slot *slot, struct ksb_worker *w)
{
	write_seqlock(slot->lock);
	ksb_write_section(slot->shared, w, w->run->p.hold_ns,
			  w->run->p.cs_lines);
	write_sequnlock(slot->lock);
}

static int ksb_seqlock_loop(struct ksb_worker *w)
{
	return ksb_rw_run(w, ksb_seqlock_read, ksb_seqlock_write);
}

const struct ksb_workload ksb_seqlock_ops = {
	.name = "seqlock",
	.kind = KSB_KIND_RW,
	.description = "seqlock_t, read_seqbegin/read_seqretry and write_seqlock; retries counted",
	.rt_note = "the writer's spinlock_t sleeps; readers that meet a writer wait on its lock",
	.max_hold_ns = KSB_HOLD_NS_MAX_ATOMIC,
	.lock_size = sizeof(seqlock_t),
	.lock_init = ksb_seqlock_init,
	.loop = { [KSB_ACQ_LOCK] = ksb_seqlock_loop },
};
