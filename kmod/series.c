// SPDX-License-Identifier: GPL-2.0
/*
 * What the controller records about the workers while they run: their
 * operation counts at every tick of the window (a time series that shows
 * warm-up effects and stalls), and their scheduler counters at the start
 * and end of the window (context switches, time on the CPU). The workers
 * write nothing for this; the controller reads their counters.
 */
#include <linux/math64.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "ksbench.h"

int ksb_series_alloc(struct ksb_run *run)
{
	u64 duration_ns = run->p.duration_ms * NSEC_PER_MSEC;

	/* A long run gets wider ticks rather than an unbounded series. */
	run->interval_ns = max(run->p.interval_ms * NSEC_PER_MSEC,
			       DIV64_U64_ROUND_UP(duration_ns,
						  KSB_SERIES_MAX - 1));
	/* One tick per interval, and one more for a stop between ticks. */
	run->series_max = div64_u64(duration_ns, run->interval_ns) + 2;
	run->series = kvcalloc(array_size(run->series_max, run->nr_workers),
			       sizeof(*run->series), GFP_KERNEL);
	run->series_t_ns = kvcalloc(run->series_max, sizeof(*run->series_t_ns),
				    GFP_KERNEL);
	return run->series && run->series_t_ns ? 0 : -ENOMEM;
}

void ksb_series_free(struct ksb_run *run)
{
	kvfree(run->series);
	kvfree(run->series_t_ns);
}

/* Records every worker's measured ops @t_ns into the window. */
void ksb_series_tick(struct ksb_run *run, u64 t_ns)
{
	u64 *row;
	unsigned int i;

	if (run->series_ticks >= run->series_max)
		return;
	row = run->series + (size_t)run->series_ticks * run->nr_workers;
	for (i = 0; i < run->nr_workers; i++)
		row[i] = READ_ONCE(run->workers[i]->ops[KSB_MEASURE]);
	run->series_t_ns[run->series_ticks++] = t_ns;
}

/*
 * Called at the start of the window and again at its end, which turns
 * the counters into deltas. The task's counters are updated by the
 * scheduler at switches and ticks, so the runtime is exact to a tick.
 */
void ksb_sched_snapshot(struct ksb_run *run, bool end)
{
	unsigned int i;

	for (i = 0; i < run->nr_workers; i++) {
		struct ksb_worker *w = run->workers[i];
		struct task_struct *t = w->task;
		u64 nvcsw = READ_ONCE(t->nvcsw);
		u64 nivcsw = READ_ONCE(t->nivcsw);
		u64 runtime = READ_ONCE(t->se.sum_exec_runtime);

		if (end) {
			w->nvcsw = nvcsw - w->nvcsw;
			w->nivcsw = nivcsw - w->nivcsw;
			w->runtime_ns = runtime - w->runtime_ns;
		} else {
			w->nvcsw = nvcsw;
			w->nivcsw = nivcsw;
			w->runtime_ns = runtime;
		}
	}
}
