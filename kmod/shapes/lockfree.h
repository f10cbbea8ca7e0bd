/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lock-free shape: one operation on shared or per-CPU data, then
 * think_ns of local work. The oracle is the count the operations leave
 * behind, compared with the operations the workers counted (run.c).
 * Latency mode times the operation itself.
 *
 *	return ksb_lockfree_run(w, ksb_atomic_inc_op);
 */
#ifndef KSBENCH_SHAPE_LOCKFREE_H
#define KSBENCH_SHAPE_LOCKFREE_H

#include "shape.h"

enum { KSB_HIST_OP };

static __always_inline int
ksb_lockfree_loop(struct ksb_worker *w, bool latency,
		  void (*op)(struct ksb_slot *slot, struct ksb_worker *w))
{
	struct ksb_loop l;
	unsigned int i;

	ksb_loop_init(&l, w->run);
	do {
		for (i = 0; i < l.batch; i++) {
			bool timed = latency && ksb_sample_due(w);
			u64 t0 = 0, t1 = 0;
			int phase;

			if (timed)
				t0 = ksb_clock();
			op(ksb_pick_slot(&l, w), w);
			if (timed)
				t1 = ksb_clock();
			phase = READ_ONCE(*l.phase);
			w->ops[phase]++;
			if (timed)
				ksb_hist_record(w, KSB_HIST_OP, phase, t1 - t0);
			if (phase == KSB_STOPPING)
				break;
			ksb_busy_ns(l.think_ns);
		}
	} while (ksb_worker_tick(w));
	return 0;
}

/* One instance per mode, so throughput mode carries no latency branch. */
static __always_inline int
ksb_lockfree_run(struct ksb_worker *w,
		 void (*op)(struct ksb_slot *slot, struct ksb_worker *w))
{
	if (w->run->p.measure == KSB_MEASURE_LATENCY)
		return ksb_lockfree_loop(w, true, op);
	return ksb_lockfree_loop(w, false, op);
}

#endif
