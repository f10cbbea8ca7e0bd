// SPDX-License-Identifier: GPL-2.0
/*
 * The exclusive-lock shape: acquire, critical section of hold_ns with the
 * oracle, release, think_ns of local work. Nothing in this loop writes a
 * shared cache line except the lock itself and the oracle's line.
 */
#include "../delay.h"
#include "../ksbench.h"
#include "../oracle.h"

int ksb_lock_loop(struct ksb_worker *w)
{
	struct ksb_run *run = w->run;
	const struct ksb_workload *wl = run->p.workload;
	struct ksb_oracle *oracle = run->oracle;
	const u64 hold_ns = run->p.hold_ns;
	const u64 think_ns = run->p.think_ns;
	const unsigned int batch = run->batch;
	unsigned int i;

	do {
		for (i = 0; i < batch; i++) {
			wl->lock(w);
			ksb_oracle_enter(oracle, w);
			ksb_busy_ns(hold_ns);
			ksb_oracle_exit(oracle, w);
			wl->unlock(w);
			w->ops[READ_ONCE(run->phase)]++;
			ksb_busy_ns(think_ns);
		}
	} while (ksb_worker_tick(w));
	return 0;
}
