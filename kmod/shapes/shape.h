/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every shape's measured loop shares. The shapes are templates:
 * each workload instantiates its loop with its own primitive (a three-line
 * function calling ksb_lock_run() and friends), so the primitive is a
 * direct, inlinable call and the loop carries no indirect call, no
 * retpoline and no call into the core per operation.
 */
#ifndef KSBENCH_SHAPE_H
#define KSBENCH_SHAPE_H

#include <linux/prandom.h>

#include "../clock.h"
#include "../busy.h"
#include "../ksbench.h"
#include "../oracle.h"

/*
 * A run's loop invariants, copied into locals. Fields behind the run
 * pointer would be reloaded after every call into the primitive (a call
 * clobbers memory); locals stay in registers. Never escapes, so the
 * compiler keeps it in registers too.
 */
struct ksb_loop {
	const int *phase;
	struct ksb_slot *slots;
	u32 nr_locks;
	u32 batch;
	u32 cs_lines;
	u32 read_pct;
	u64 hold_ns;
	u64 think_ns;
	u64 sem_count;
};

static __always_inline void ksb_loop_init(struct ksb_loop *l,
					  const struct ksb_run *run)
{
	l->phase = &run->phase;
	l->slots = run->slots;
	l->nr_locks = run->p.nr_locks;
	l->batch = run->batch;
	l->cs_lines = run->p.cs_lines;
	l->read_pct = run->p.read_pct;
	l->hold_ns = run->p.hold_ns;
	l->think_ns = run->p.think_ns;
	l->sem_count = run->p.sem_count;
}

/* Each operation picks its lock with the worker's own seeded PRNG. */
static __always_inline struct ksb_slot *ksb_pick_slot(const struct ksb_loop *l,
						      struct ksb_worker *w)
{
	if (l->nr_locks == 1)
		return &l->slots[0];
	return &l->slots[prandom_u32_state(&w->rnd) % l->nr_locks];
}

#endif
