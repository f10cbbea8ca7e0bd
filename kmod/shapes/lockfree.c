// SPDX-License-Identifier: GPL-2.0
/*
 * The lock-free shape: one operation on shared or per-CPU data, then
 * think_ns of local work. The oracle is the count the operations leave
 * behind, compared with the operations the workers counted (run.c).
 * Latency mode times the operation itself.
 */
#include "../clock.h"
#include "../delay.h"
#include "../ksbench.h"

enum { KSB_HIST_OP };

static __always_inline int ksb_lockfree_loop_common(struct ksb_worker *w,
						    bool latency)
{
	struct ksb_run *run = w->run;
	const struct ksb_workload *wl = run->p.workload;
	unsigned int i;

	do {
		for (i = 0; i < run->batch; i++) {
			bool timed = latency && ksb_sample_due(w);
			u64 t0 = 0, t1 = 0;
			int phase;

			if (timed)
				t0 = ksb_clock();
			wl->op(ksb_pick_slot(w), w);
			if (timed)
				t1 = ksb_clock();
			phase = READ_ONCE(run->phase);
			w->ops[phase]++;
			if (timed)
				ksb_hist_record(w, KSB_HIST_OP, phase, t1 - t0);
			ksb_busy_ns(run->p.think_ns);
		}
	} while (ksb_worker_tick(w));
	return 0;
}

int ksb_lockfree_loop(struct ksb_worker *w)
{
	if (w->run->p.measure == KSB_MEASURE_LATENCY)
		return ksb_lockfree_loop_common(w, true);
	return ksb_lockfree_loop_common(w, false);
}
