// SPDX-License-Identifier: GPL-2.0
/*
 * The read/write shape: each operation is a read with probability
 * read_pct %, else a write; the workload supplies both sections (with the
 * oracle, see oracle.h) and think_ns of local work follows each. Latency
 * mode times whole sections, reads and writes in histograms of their own.
 */
#include <linux/prandom.h>

#include "../clock.h"
#include "../delay.h"
#include "../ksbench.h"

enum { KSB_HIST_READ, KSB_HIST_WRITE };

static __always_inline void ksb_rw_op(struct ksb_run *run,
				      struct ksb_worker *w, bool latency)
{
	const struct ksb_workload *wl = run->p.workload;
	struct ksb_slot *slot = ksb_pick_slot(w);
	bool read = prandom_u32_state(&w->rnd) % 100 < run->p.read_pct;
	bool timed = latency && ksb_sample_due(w);
	u64 t0 = 0, t1 = 0;
	int phase;

	if (timed)
		t0 = ksb_clock();
	if (read)
		wl->read(slot, w);
	else
		wl->write(slot, w);
	if (timed)
		t1 = ksb_clock();
	phase = READ_ONCE(run->phase);
	w->ops[phase]++;
	if (read)
		w->reads[phase]++;
	if (timed)
		ksb_hist_record(w, read ? KSB_HIST_READ : KSB_HIST_WRITE, phase,
				t1 - t0);
}

static __always_inline int ksb_rw_loop_common(struct ksb_worker *w,
					      bool latency)
{
	struct ksb_run *run = w->run;
	unsigned int i;

	do {
		for (i = 0; i < run->batch; i++) {
			ksb_rw_op(run, w, latency);
			ksb_busy_ns(run->p.think_ns);
		}
	} while (ksb_worker_tick(w));
	return 0;
}

int ksb_rw_loop(struct ksb_worker *w)
{
	if (w->run->p.measure == KSB_MEASURE_LATENCY)
		return ksb_rw_loop_common(w, true);
	return ksb_rw_loop_common(w, false);
}
