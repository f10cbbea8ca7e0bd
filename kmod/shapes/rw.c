// SPDX-License-Identifier: GPL-2.0
/*
 * The read/write shape: each operation is a read with probability
 * read_pct %, else a write; the workload supplies both sections (with the
 * oracle, see oracle.h) and think_ns of local work follows each.
 */
#include <linux/prandom.h>

#include "../delay.h"
#include "../ksbench.h"

int ksb_rw_loop(struct ksb_worker *w)
{
	struct ksb_run *run = w->run;
	const struct ksb_workload *wl = run->p.workload;
	const u32 read_pct = run->p.read_pct;
	unsigned int i;

	do {
		for (i = 0; i < run->batch; i++) {
			struct ksb_slot *slot = ksb_pick_slot(w);
			int phase;

			if (prandom_u32_state(&w->rnd) % 100 < read_pct) {
				wl->read(slot, w);
				phase = READ_ONCE(run->phase);
				w->reads[phase]++;
			} else {
				wl->write(slot, w);
				phase = READ_ONCE(run->phase);
			}
			w->ops[phase]++;
			ksb_busy_ns(run->p.think_ns);
		}
	} while (ksb_worker_tick(w));
	return 0;
}
