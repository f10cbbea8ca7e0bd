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

static int (*const ksb_loops[KSB_NR_KINDS])(struct ksb_worker *w) = {
	[KSB_KIND_LOCK] = ksb_lock_loop,
};

static int ksb_worker_fn(void *arg)
{
	struct ksb_worker *w = arg;
	struct ksb_run *run = w->run;

	/* Interruptible: a long wait here must not look like a hung task. */
	if (wait_for_completion_interruptible(&run->go) || READ_ONCE(run->stop))
		return 0;
	return ksb_loops[run->p.workload->kind](w);
}

static void ksb_collect(struct ksb_run *run)
{
	unsigned int i;
	int phase;

	for (i = 0; i < run->nr_workers; i++) {
		struct ksb_worker *w = run->workers[i];

		run->ops += w->ops[KSB_MEASURE];
		run->violations += w->violations;
		for (phase = 0; phase < KSB_NR_PHASES; phase++)
			run->acquisitions += w->ops[phase];
	}
	run->counter = READ_ONCE(run->oracle->counter);
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
	u64 start, end;

	complete_all(&run->go);
	start = ksb_sleep_until(run, ktime_get_ns() +
				run->p.warmup_ms * NSEC_PER_MSEC);
	if (!READ_ONCE(run->stop))
		WRITE_ONCE(run->phase, KSB_MEASURE);
	run->window_start_ns = start;
	end = ksb_sleep_until(run, start + run->p.duration_ms * NSEC_PER_MSEC);
	WRITE_ONCE(run->phase, KSB_STOPPING);
	run->elapsed_ns = end - start;
	run->stopped_early = READ_ONCE(run->stop);

	ksb_stop_workers(run);
	ksb_collect(run);
	/* Readers that see DONE see the results: pairs with ksb_state(). */
	smp_store_release(&ksb_run_state, KSB_DONE);
	complete_all(&run->done);
	return 0;
}

static void ksb_run_free(struct ksb_run *run)
{
	unsigned int i;

	for (i = 0; i < run->nr_workers; i++)
		kfree(run->workers[i]);
	kfree(run->workers);
	kfree(run->oracle);
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
	if (run->p.workload->exit)
		run->p.workload->exit(run);
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
	run->oracle = ksb_alloc_line(sizeof(*run->oracle), NUMA_NO_NODE);
	if (!run->workers || !run->oracle) {
		ksb_run_free(run);
		return NULL;
	}
	run->oracle->owner = KSB_NO_OWNER;
	return run;
}

int ksb_run_start(void)
{
	const struct ksb_workload *wl = ksb_params.workload;
	struct ksb_run *run;
	unsigned int i;
	int err;

	lockdep_assert_held(&ksb_lock);
	if (ksb_state() == KSB_RUNNING)
		return -EBUSY;
	ksb_run_reap();

	run = ksb_run_alloc();
	if (!run)
		return -ENOMEM;
	err = wl->init ? wl->init(run) : 0;
	if (err) {
		ksb_run_free(run);
		return err;
	}
	err = ksb_create_workers(run);
	if (err)
		goto fail;
	/* Running before the controller exists: it may finish at once. */
	ksb_current = run;
	WRITE_ONCE(ksb_run_state, KSB_RUNNING);
	run->controller = kthread_run(ksb_controller, run, "ksbench/ctl");
	if (IS_ERR(run->controller)) {
		err = PTR_ERR(run->controller);
		ksb_current = NULL;
		WRITE_ONCE(ksb_run_state, KSB_IDLE);
		goto fail;
	}
	get_task_struct(run->controller);
	for (i = 0; i < run->nr_workers; i++)
		wake_up_process(run->workers[i]->task);
	return 0;

fail:
	ksb_stop_workers(run);
	if (wl->exit)
		wl->exit(run);
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
