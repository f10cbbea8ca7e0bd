// SPDX-License-Identifier: GPL-2.0
/*
 * The run lifecycle. `start` creates one bound kthread per selected CPU and
 * a controller thread, and returns. The controller releases the workers
 * together, sleeps until the deadline or a stop request, stops the workers,
 * sums their counters and publishes the results. `stop`, `reset`, a new
 * `start` and rmmod all end a run through the same path, so no thread is
 * ever left behind.
 *
 * All entry points run under ksb_lock; the controller never takes it, so
 * waiting for the controller while holding the lock cannot deadlock.
 */
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/log2.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "ksbench.h"

/* Serializes the knobs and every run state change made from debugfs. */
DEFINE_MUTEX(ksb_lock);
struct ksb_params ksb_params;
struct ksb_run *ksb_current;
static int ksb_run_state = KSB_IDLE;

enum ksb_state ksb_state(void)
{
	/* Pairs with the release in ksb_controller(): results are visible. */
	return smp_load_acquire(&ksb_run_state);
}

/*
 * The rules that tie knobs together, checked at start so the knobs can be
 * written in any order: the hold must be one the workload bounds, and the
 * acquire mode one the primitive has.
 */
int ksb_params_check(const struct ksb_params *p)
{
	const struct ksb_workload *wl = p->workload;

	if (p->hold_ns > wl->max_hold_ns)
		return -ERANGE;
	if (!wl->loop[p->acquire] || (p->flood && !wl->floods))
		return -EOPNOTSUPP;
	if (wl->kind == KSB_KIND_HANDOFF &&
	    cpumask_weight(&p->cpus) < wl->min_workers)
		return -ERANGE;
	return 0;
}

static int ksb_worker_fn(void *arg)
{
	struct ksb_worker *w = arg;
	struct ksb_run *run = w->run;

	/* Interruptible: a long wait here must not look like a hung task. */
	if (wait_for_completion_interruptible(&run->go) || READ_ONCE(run->stop))
		return 0;
	return run->p.workload->loop[run->p.acquire](w);
}

enum ksb_oracle ksb_oracle_of(const struct ksb_params *p)
{
	const struct ksb_workload *wl = p->workload;

	switch (wl->kind) {
	case KSB_KIND_LOCK:
		return wl->counting && p->sem_count > 1 ?
		       KSB_ORACLE_COUNTING : KSB_ORACLE_EXCLUSIVE;
	case KSB_KIND_RW:
		return KSB_ORACLE_RW;
	case KSB_KIND_HANDOFF:
		return KSB_ORACLE_HANDOFF;
	default:
		return wl->count ? KSB_ORACLE_COUNT : KSB_ORACLE_OWNERSHIP;
	}
}

static u64 ksb_sum(const u64 *by_phase)
{
	return by_phase[KSB_WARMUP] + by_phase[KSB_MEASURE] +
	       by_phase[KSB_STOPPING];
}

/*
 * Handoff: every accepted signal owes 'consumers' consumptions (flood: one
 * run per accepted queueing), and the workers' events are what happened.
 */
static void ksb_collect_handoff(struct ksb_run *run)
{
	const struct ksb_workload *wl = run->p.workload;
	unsigned int consumers = run->p.flood ? 1 : wl->consumers(run);
	unsigned int i;

	run->expected = ksb_sum(run->workers[0]->ops) * consumers;
	for (i = 0; i < run->nr_workers; i++) {
		run->events += run->workers[i]->events[KSB_MEASURE];
		run->spurious += run->workers[i]->spurious[KSB_MEASURE];
		run->counted += ksb_sum(run->workers[i]->events);
	}
}

/* What the oracle's shared count is, summed over every lock's data. */
static u64 ksb_counted(const struct ksb_run *run)
{
	const struct ksb_workload *wl = run->p.workload;
	u64 counted = 0;
	unsigned int i;

	for (i = 0; i < run->p.nr_locks; i++)
		counted += wl->kind == KSB_KIND_LOCKFREE ?
			   wl->count(&run->slots[i]) :
			   READ_ONCE(run->slots[i].shared->counter);
	return counted;
}

static void ksb_collect(struct ksb_run *run)
{
	const struct ksb_workload *wl = run->p.workload;
	enum ksb_oracle oracle = ksb_oracle_of(&run->p);
	bool counter = oracle != KSB_ORACLE_COUNTING &&
		       oracle != KSB_ORACLE_OWNERSHIP &&
		       oracle != KSB_ORACLE_HANDOFF;
	unsigned int i;

	for (i = 0; i < run->nr_workers; i++) {
		struct ksb_worker *w = run->workers[i];

		run->ops += w->ops[KSB_MEASURE];
		run->reads += w->reads[KSB_MEASURE];
		run->failures += w->failures[KSB_MEASURE];
		run->retries += w->retries[KSB_MEASURE];
		run->violations += w->violations;
		run->max_inside = max(run->max_inside, w->max_inside);
		/* Every section that bumped the counter, warm-up included. */
		if (counter)
			run->expected += ksb_sum(w->ops) - ksb_sum(w->reads);
	}
	if (oracle == KSB_ORACLE_HANDOFF)
		ksb_collect_handoff(run);
	if (!counter)
		return;
	run->counted = ksb_counted(run);
	/* Per-lock counts that wrap still add up modulo their width. */
	if (wl->count_bits) {
		run->expected &= BIT_ULL(wl->count_bits) - 1;
		run->counted &= BIT_ULL(wl->count_bits) - 1;
	}
}

static void ksb_stop_workers(struct ksb_run *run)
{
	unsigned int i;

	WRITE_ONCE(run->stop, true);
	WRITE_ONCE(run->phase, KSB_STOPPING);
	complete_all(&run->go);
	for (i = 0; i < run->nr_workers; i++) {
		struct ksb_worker *w = run->workers[i];

		if (w && w->task) {
			kthread_stop(w->task);
			put_task_struct(w->task);
			w->task = NULL;
		}
	}
}

/* Sleeps until @until (ktime ns) or a stop request; returns the time. */
static u64 ksb_sleep_until(struct ksb_run *run, u64 until)
{
	u64 now = ktime_get_ns();

	while (!READ_ONCE(run->stop) && now < until) {
		unsigned long left = nsecs_to_jiffies(until - now);

		wait_event_interruptible_timeout(run->wake,
						 READ_ONCE(run->stop) ||
						 kthread_should_stop(),
						 left + 1);
		if (kthread_should_stop())
			WRITE_ONCE(run->stop, true);
		now = ktime_get_ns();
	}
	return now;
}

/*
 * The controller owns the clock: it opens and closes the one measured
 * window that every worker counts against.
 */
static int ksb_controller(void *arg)
{
	struct ksb_run *run = arg;
	u64 start, end, deadline;

	complete_all(&run->go);
	start = ksb_sleep_until(run, ktime_get_ns() +
				run->p.warmup_ms * NSEC_PER_MSEC);
	if (!READ_ONCE(run->stop))
		WRITE_ONCE(run->phase, KSB_MEASURE);
	ksb_sched_snapshot(run, false);
	deadline = start + run->p.duration_ms * NSEC_PER_MSEC;
	end = start;
	for (;;) {
		end = ksb_sleep_until(run, min(end + run->interval_ns,
					       deadline));
		if (READ_ONCE(run->stop) || end >= deadline)
			break;
		ksb_series_tick(run, end - start);
	}
	WRITE_ONCE(run->phase, KSB_STOPPING);
	ksb_sched_snapshot(run, true);
	run->elapsed_ns = end - start;
	run->stopped_early = READ_ONCE(run->stop);

	ksb_stop_workers(run);
	/*
	 * The last tick once the workers stopped: operations that completed
	 * between the deadline and the phase flip belong to the window.
	 */
	if (end > start)
		ksb_series_tick(run, end - start);
	if (run->p.workload->quiesce)
		run->p.workload->quiesce(run);
	ksb_collect(run);
	/* Readers that see DONE see the results: pairs with ksb_state(). */
	smp_store_release(&ksb_run_state, KSB_DONE);
	complete_all(&run->done);
	return 0;
}

static void ksb_run_free(struct ksb_run *run)
{
	unsigned int i;

	ksb_slots_free(run);
	ksb_series_free(run);
	for (i = 0; run->workers && i < run->nr_workers; i++) {
		if (run->workers[i])
			ksb_worker_free_hists(run->workers[i]);
		kfree(run->workers[i]);
	}
	kfree(run->workers);
	kfree(run);
}

/* Ends the current run, if any, and frees it. */
static void ksb_run_reap(void)
{
	struct ksb_run *run = ksb_current;

	if (!run)
		return;
	ksb_run_stop();
	kthread_stop(run->controller);
	put_task_struct(run->controller);
	ksb_current = NULL;
	ksb_run_free(run);
	WRITE_ONCE(ksb_run_state, KSB_IDLE);
}

/* Power-of-two sizes from kmalloc are naturally aligned: a line of its own. */
static void *ksb_alloc_line(size_t size, int node)
{
	return kzalloc_node(roundup_pow_of_two(size), GFP_KERNEL, node);
}

static int ksb_create_workers(struct ksb_run *run)
{
	unsigned int cpu, i = 0;

	for_each_cpu(cpu, &run->p.cpus) {
		struct ksb_worker *w;
		struct task_struct *t;

		if (!cpu_online(cpu))
			return -ERANGE;
		w = ksb_alloc_line(sizeof(*w), cpu_to_node(cpu));
		if (!w)
			return -ENOMEM;
		run->workers[i] = w;
		w->run = run;
		w->cpu = cpu;
		w->id = i++;
		w->sample_left = run->p.sample;
		prandom_seed_state(&w->rnd, run->p.seed + w->id);
		/* Handoffs always time their wake-ups: it is their measure. */
		if ((run->p.measure == KSB_MEASURE_LATENCY ||
		     run->p.workload->kind == KSB_KIND_HANDOFF) &&
		    ksb_worker_alloc_hists(w))
			return -ENOMEM;
		t = kthread_create_on_node(ksb_worker_fn, w, cpu_to_node(cpu),
					   "ksbench/%u", cpu);
		if (IS_ERR(t))
			return PTR_ERR(t);
		get_task_struct(t);
		kthread_bind(t, cpu);
		w->task = t;
	}
	return 0;
}

static struct ksb_run *ksb_run_alloc(void)
{
	struct ksb_run *run = kzalloc(sizeof(*run), GFP_KERNEL);

	if (!run)
		return NULL;
	run->p = ksb_params;
	run->nr_workers = cpumask_weight(&run->p.cpus);
	run->batch = ksb_batch_size(&run->p);
	init_completion(&run->go);
	init_completion(&run->done);
	init_waitqueue_head(&run->wake);
	run->workers = kcalloc(run->nr_workers, sizeof(*run->workers),
			       GFP_KERNEL);
	if (!run->workers) {
		ksb_run_free(run);
		return NULL;
	}
	return run;
}

int ksb_run_start(void)
{
	struct ksb_run *run;
	unsigned int i;
	int err;

	lockdep_assert_held(&ksb_lock);
	if (ksb_state() == KSB_RUNNING)
		return -EBUSY;
	err = ksb_params_check(&ksb_params);
	if (err)
		return err;
	ksb_run_reap();

	run = ksb_run_alloc();
	if (!run)
		return -ENOMEM;
	err = ksb_slots_alloc(run);
	if (err)
		goto fail;
	err = ksb_create_workers(run);
	if (!err)
		err = ksb_series_alloc(run);
	if (err)
		goto fail;
	run->controller = kthread_create(ksb_controller, run, "ksbench/ctl");
	if (IS_ERR(run->controller)) {
		err = PTR_ERR(run->controller);
		goto fail;
	}
	/* Our reference keeps kthread_stop() safe after it has exited. */
	get_task_struct(run->controller);
	/* The workers wait for 'go'; the controller may finish at once. */
	for (i = 0; i < run->nr_workers; i++)
		wake_up_process(run->workers[i]->task);
	ksb_current = run;
	WRITE_ONCE(ksb_run_state, KSB_RUNNING);
	wake_up_process(run->controller);
	return 0;

fail:
	ksb_stop_workers(run);
	ksb_run_free(run);
	return err;
}

/* Stops a run in progress and waits until its results are final. */
void ksb_run_stop(void)
{
	struct ksb_run *run = ksb_current;

	lockdep_assert_held(&ksb_lock);
	if (!run)
		return;
	WRITE_ONCE(run->stop, true);
	wake_up(&run->wake);
	wait_for_completion(&run->done);
}

void ksb_run_reset(void)
{
	lockdep_assert_held(&ksb_lock);
	ksb_run_reap();
}
