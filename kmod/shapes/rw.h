/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The read/write shape: each operation is a read with probability
 * read_pct %, else a write; the workload supplies both sections (with the
 * oracle, see oracle.h) and think_ns of local work follows each. Latency
 * mode times whole sections, reads and writes in histograms of their own.
 *
 *	return ksb_rw_run(w, ksb_rwlock_read, ksb_rwlock_write);
 */
#ifndef KSBENCH_SHAPE_RW_H
#define KSBENCH_SHAPE_RW_H

#include "shape.h"

enum { KSB_HIST_READ, KSB_HIST_WRITE };

/* Returns the phase the operation completed in. */
static __always_inline int
ksb_rw_op(const struct ksb_loop *l, struct ksb_worker *w, bool latency,
	  void (*read)(struct ksb_slot *slot, struct ksb_worker *w),
	  void (*write)(struct ksb_slot *slot, struct ksb_worker *w))
{
	struct ksb_slot *slot = ksb_pick_slot(l, w);
	bool reading = prandom_u32_state(&w->rnd) % 100 < l->read_pct;
	bool timed = latency && ksb_sample_due(w);
	u64 t0 = 0, t1 = 0;
	int phase;

	if (timed)
		t0 = ksb_clock();
	if (reading)
		read(slot, w);
	else
		write(slot, w);
	if (timed)
		t1 = ksb_clock();
	phase = READ_ONCE(*l->phase);
	w->ops[phase]++;
	if (reading)
		w->reads[phase]++;
	if (timed)
		ksb_hist_record(w, reading ? KSB_HIST_READ : KSB_HIST_WRITE,
				phase, t1 - t0);
	return phase;
}

static __always_inline int
ksb_rw_loop(struct ksb_worker *w, bool latency,
	    void (*read)(struct ksb_slot *slot, struct ksb_worker *w),
	    void (*write)(struct ksb_slot *slot, struct ksb_worker *w))
{
	struct ksb_loop l;
	unsigned int i;

	ksb_loop_init(&l, w->run);
	do {
		for (i = 0; i < l.batch; i++) {
			/* A slow primitive must not hold up a stop for a batch. */
			if (ksb_rw_op(&l, w, latency, read, write) == KSB_STOPPING)
				break;
			ksb_busy_ns(l.think_ns);
		}
	} while (ksb_worker_tick(w));
	return 0;
}

/* One instance per mode, so throughput mode carries no latency branch. */
static __always_inline int
ksb_rw_run(struct ksb_worker *w,
	   void (*read)(struct ksb_slot *slot, struct ksb_worker *w),
	   void (*write)(struct ksb_slot *slot, struct ksb_worker *w))
{
	if (w->run->p.measure == KSB_MEASURE_LATENCY)
		return ksb_rw_loop(w, true, read, write);
	return ksb_rw_loop(w, false, read, write);
}

#endif
