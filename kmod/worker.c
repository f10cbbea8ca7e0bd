// SPDX-License-Identifier: GPL-2.0
/*
 * What every worker does between batches: decide whether to stop, notice
 * that its CPU is going down, and yield the CPU so no accepted setting can
 * trigger a soft lockup or an RCU stall.
 */
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>

#include "hotplug.h"
#include "ksbench.h"

/* Aim for this much work between two calls to cond_resched(). */
#define KSB_BATCH_TARGET_NS	20000
#define KSB_BATCH_MAX		256
/* A guess at one operation's own cost when hold and think are zero. */
#define KSB_OP_COST_NS		50

unsigned int ksb_batch_size(const struct ksb_params *p)
{
	u64 per_op = p->hold_ns + p->think_ns + KSB_OP_COST_NS;

	return clamp_t(u64, KSB_BATCH_TARGET_NS / per_op, 1, KSB_BATCH_MAX);
}

/* Between batches; returns false when the worker must leave its loop. */
bool ksb_worker_tick(struct ksb_worker *w)
{
	if (READ_ONCE(w->run->phase) == KSB_STOPPING)
		return false;
	/*
	 * Only a CPU going down moves a bound kthread (balance_push), and
	 * it does so before our hotplug callback runs: what the worker does
	 * from here on is not what was asked, so the window ends now.
	 */
	if (unlikely(raw_smp_processor_id() != w->cpu))
		ksb_run_cpu_lost(w->run, w->cpu);
	cond_resched();
	return true;
}

/* Histograms live on the worker's node, away from everything shared. */
int ksb_worker_alloc_hists(struct ksb_worker *w)
{
	unsigned int i;

	for (i = 0; i < KSB_NR_HISTS; i++) {
		w->hist[i] = kvzalloc_node(sizeof(*w->hist[i]), GFP_KERNEL,
					   cpu_to_node(w->cpu));
		if (!w->hist[i])
			return -ENOMEM;
		w->hist[i]->min = U64_MAX;
	}
	return 0;
}

void ksb_worker_free_hists(struct ksb_worker *w)
{
	unsigned int i;

	for (i = 0; i < KSB_NR_HISTS; i++)
		kvfree(w->hist[i]);
}
