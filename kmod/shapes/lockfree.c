// SPDX-License-Identifier: GPL-2.0
/*
 * The lock-free shape: one operation on shared or per-CPU data, then
 * think_ns of local work. The oracle is the count the operations leave
 * behind, compared with the operations the workers counted (run.c).
 */
#include "../delay.h"
#include "../ksbench.h"

int ksb_lockfree_loop(struct ksb_worker *w)
{
	struct ksb_run *run = w->run;
	const struct ksb_workload *wl = run->p.workload;
	unsigned int i;

	do {
		for (i = 0; i < run->batch; i++) {
			wl->op(ksb_pick_slot(w), w);
			w->ops[READ_ONCE(run->phase)]++;
			ksb_busy_ns(run->p.think_ns);
		}
	} while (ksb_worker_tick(w));
	return 0;
}
