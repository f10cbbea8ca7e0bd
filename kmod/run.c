// SPDX-License-Identifier: GPL-2.0
/*
 * The run lifecycle. `start` creates one bound kthread per selected CPU and
 * a controller thread, and returns. The controller releases the workers
 * together, starts the edge timer and sleeps until the window has closed;
 * then it stops the workers, sums their counters and publishes the
 * results. `stop`, `reset`, a new `start` and rmmod all end a run through
 * the same path, so no thread is ever left behind.
 *
 * The window's edges are a hard hrtimer's, not the controller's: it opens
 * the window at the end of the warm-up, ticks the time series and closes
 * the window at the deadline, from interrupt context. A controller that
 * slept to the deadline itself woke late whenever every CPU ran a worker
 * (each yields only between batches; measured under TCG: 1 s asked, 2.4 s
 * measured), and the window stretched with it. A stop request or a CPU
 * going down closes the window itself, under the same lock.
 *
 * All entry points run under ksb_lock; the controller never takes it, so
 * waiting for the controller while holding the lock cannot deadlock.
 *
 * A CPU going down ends the run (hotplug.h). Workers are created and bound
 * under cpus_read_lock(), and the run is handed to the hotplug callback
 * before that lock is dropped: a CPU is either offline at start (refused)
 * or goes down later with the callback seeing the run. Lock order:
 * ksb_lock, cpu_hotplug_lock, ksb_hp_lock, ksb_window_lock. The callback
 * runs with cpu_hotplug_lock held for write by the hotplug, takes
 * ksb_hp_lock and waits for the controller, which takes neither of them.
 */
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "compat.h"
#include "hotplug.h"
#include "ksbench.h"

/* Serializes the knobs and every run state change made from debugfs. */
DEFINE_MUTEX(ksb_lock);
struct ksb_params ksb_params;
struct ksb_run *ksb_current;
static int ksb_run_state = KSB_IDLE;

/* The dynamic hotplug state our teardown callback is registered at. */
static int ksb_hp_state;
/* The run the hotplug callback may stop; NULL once it is reaped. */
static DEFINE_MUTEX(ksb_hp_lock);
static struct ksb_run *ksb_hp_run;
/*
 * The current run's window, one run at a time: whether it has closed, and
 * the CPUs that went down while it was open (written by the hotplug
 * callback and by workers found off their CPU; read once the run is
 * done). The lock is raw: the edge timer takes it in hard interrupt
 * context, on PREEMPT_RT too. Held, with interrupts off, for at most a
 * snapshot of every worker's counters.
 */
static DEFINE_RAW_SPINLOCK(ksb_window_lock);
static struct cpumask ksb_offlined;
static bool ksb_window_closed;
/* Workers of the current run that have entered ksb_worker_fn(). */
static atomic_t ksb_workers_in;

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

	if (atomic_inc_return(&ksb_workers_in) == run->nr_workers)
		wake_up(&run->wake);
	/* Interruptible: a long wait here must not look like a hung task. */
	if (wait_for_completion_interruptible(&run->go))
		return 0;
	/*
	 * Even when the run stopped before this worker got here (a stop or a
	 * CPU going down right after start): a handoff's signaller releases
	 * its waiters at the end of its loop, and one that skipped its loop
	 * would leave a waiter that started first waiting forever. Every
	 * loop ends within a batch or a round once the phase is STOPPING.
	 */
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

/*
 * @woken: the workers were released by start (not on its failure path).
 * Then each must be in ksb_worker_fn() before kthread_stop(): a kthread
 * stopped before it first runs never calls its function, and a handoff
 * signaller that never ran its loop leaves its waiters waiting forever.
 */
static void ksb_stop_workers(struct ksb_run *run, bool woken)
{
	unsigned int i;

	WRITE_ONCE(run->phase, KSB_STOPPING);
	complete_all(&run->go);
	if (woken)
		wait_event(run->wake,
			   atomic_read(&ksb_workers_in) == run->nr_workers);
	for (i = 0; i < run->nr_workers; i++) {
		struct ksb_worker *w = run->workers[i];

		if (w && w->task) {
			kthread_stop(w->task);
			put_task_struct(w->task);
			w->task = NULL;
		}
	}
}

/*
 * Opens the window at @now (ktime ns); @measure: workers count from here.
 * Under ksb_window_lock, as are the two below.
 */
static void ksb_window_open(struct ksb_run *run, u64 now, bool measure)
{
	run->start_ns = now;
	run->deadline_ns = now + run->p.duration_ms * NSEC_PER_MSEC;
	if (measure)
		WRITE_ONCE(run->phase, KSB_MEASURE);
	ksb_sched_snapshot(run, false);
}

/* Closes it at @now; @early: a stop or a CPU going down cut it short. */
static void ksb_window_end(struct ksb_run *run, u64 now, bool early)
{
	/* Cut in the warm-up: an empty window, nothing counted in it. */
	if (READ_ONCE(run->phase) == KSB_WARMUP)
		ksb_window_open(run, now, false);
	WRITE_ONCE(run->phase, KSB_STOPPING);
	ksb_sched_snapshot(run, true);
	run->elapsed_ns = now - run->start_ns;
	run->stopped_early = early;
	/* The controller that sees it closed sees the above: ksb_wait_window(). */
	smp_store_release(&ksb_window_closed, true);
}

/* The next tick on the window's grid after @now, or the deadline. */
static u64 ksb_next_edge(const struct ksb_run *run, u64 now)
{
	u64 ticks = div64_u64(now - run->start_ns, run->interval_ns) + 1;

	return min(run->start_ns + ticks * run->interval_ns, run->deadline_ns);
}

/*
 * The edge timer, in hard interrupt context: whatever the workers do on
 * this CPU, it runs as soon as interrupts are on (the longest stretch
 * with them off is one bounded hold). Each edge reads the clock itself,
 * so the window is what was measured, however late the timer fired.
 */
static enum hrtimer_restart ksb_window_edge(struct hrtimer *timer)
{
	struct ksb_run *run = container_of(timer, struct ksb_run, edge);
	u64 now = ktime_get_ns();
	bool open, closed_now = false;

	raw_spin_lock(&ksb_window_lock);
	/* A stop may have closed the window first: then it woke the controller. */
	open = !ksb_window_closed;
	if (open && READ_ONCE(run->phase) == KSB_WARMUP) {
		ksb_window_open(run, now, true);
	} else if (open && now >= run->deadline_ns) {
		ksb_window_end(run, now, false);
		open = false;
		closed_now = true;
	} else if (open) {
		ksb_series_tick(run, now - run->start_ns);
	}
	if (open)
		hrtimer_set_expires(timer, ns_to_ktime(ksb_next_edge(run, now)));
	raw_spin_unlock(&ksb_window_lock);
	if (closed_now)
		wake_up_process(run->controller);
	return open ? HRTIMER_RESTART : HRTIMER_NORESTART;
}

/*
 * A stop request (@cpu < 0) or @cpu going down: the window closes now,
 * unless it already has; a CPU lost while it was open is recorded.
 */
static void ksb_window_cut(struct ksb_run *run, int cpu)
{
	unsigned long flags;
	bool cut = false;

	raw_spin_lock_irqsave(&ksb_window_lock, flags);
	if (!ksb_window_closed) {
		if (cpu >= 0)
			cpumask_set_cpu(cpu, &ksb_offlined);
		ksb_window_end(run, ktime_get_ns(), true);
		cut = true;
	}
	raw_spin_unlock_irqrestore(&ksb_window_lock, flags);
	if (cut)
		wake_up_process(run->controller);
}

void ksb_run_cpu_lost(struct ksb_run *run, unsigned int cpu)
{
	ksb_window_cut(run, cpu);
}

const struct cpumask *ksb_run_offlined(const struct ksb_run *run)
{
	return &ksb_offlined;
}

/* Sleeps until the window has closed: its closer wakes the controller. */
static void ksb_wait_window(void)
{
	for (;;) {
		/* Idle: an hour's window is no hung task, and no load. */
		set_current_state(TASK_IDLE);
		/* Pairs with the release in ksb_window_end(): results visible. */
		if (smp_load_acquire(&ksb_window_closed))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

/*
 * The controller releases the workers and starts the edge timer, which
 * owns the one measured window that every worker counts against; once it
 * has closed, the controller stops the workers and publishes the results.
 */
static int ksb_controller(void *arg)
{
	struct ksb_run *run = arg;

	complete_all(&run->go);
	hrtimer_start(&run->edge, ns_to_ktime(ktime_get_ns() +
					      run->p.warmup_ms * NSEC_PER_MSEC),
		      HRTIMER_MODE_ABS_HARD);
	ksb_wait_window();
	/* Waits for an edge in flight: none runs after this. */
	hrtimer_cancel(&run->edge);
	ksb_stop_workers(run, true);
	/*
	 * The last tick once the workers stopped: operations that completed
	 * between the deadline and the phase flip belong to the window.
	 */
	if (run->elapsed_ns)
		ksb_series_tick(run, run->elapsed_ns);
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
	/* A hotplug callback still on this run has seen it done: wait for it. */
	mutex_lock(&ksb_hp_lock);
	ksb_hp_run = NULL;
	mutex_unlock(&ksb_hp_lock);
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

/*
 * Under cpus_read_lock() (lockdep_assert_cpus_held() is not exported): no
 * CPU comes or goes until the hotplug callback sees the run.
 */
static int ksb_create_workers(struct ksb_run *run)
{
	unsigned int cpu, i = 0;

	for_each_cpu(cpu, &run->p.cpus) {
		struct ksb_worker *w;
		struct task_struct *t;

		/* The knob was online when written; it may not be any more. */
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
	ksb_hrtimer_setup(&run->edge, ksb_window_edge, CLOCK_MONOTONIC,
			  HRTIMER_MODE_ABS_HARD);
	run->workers = kcalloc(run->nr_workers, sizeof(*run->workers),
			       GFP_KERNEL);
	if (!run->workers) {
		ksb_run_free(run);
		return NULL;
	}
	return run;
}

/* Hands the run to the hotplug callback, with no CPU lost yet. */
static void ksb_hotplug_watch(struct ksb_run *run)
{
	raw_spin_lock_irq(&ksb_window_lock);
	cpumask_clear(&ksb_offlined);
	WRITE_ONCE(ksb_window_closed, false);
	raw_spin_unlock_irq(&ksb_window_lock);
	mutex_lock(&ksb_hp_lock);
	ksb_hp_run = run;
	mutex_unlock(&ksb_hp_lock);
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
	/*
	 * A CPU gone offline since `cpus` was written: refused before the
	 * last results go (a refused write changes nothing). Checked again
	 * under cpus_read_lock(), where it cannot change.
	 */
	if (!cpumask_subset(&ksb_params.cpus, cpu_online_mask))
		return -ERANGE;
	ksb_run_reap();
	/* The clock for this run: the TSC may have been found unstable since. */
	ksb_clock_calibrate();

	run = ksb_run_alloc();
	if (!run)
		return -ENOMEM;
	/* Outside cpus_read_lock(): a workqueue's lock_init takes it itself. */
	err = ksb_slots_alloc(run);
	if (!err)
		err = ksb_series_alloc(run);
	if (err)
		goto fail;
	cpus_read_lock();
	err = ksb_create_workers(run);
	if (err)
		goto fail_unlock;
	run->controller = kthread_create(ksb_controller, run, "ksbench/ctl");
	if (IS_ERR(run->controller)) {
		err = PTR_ERR(run->controller);
		goto fail_unlock;
	}
	/* Our reference keeps kthread_stop() safe after it has exited. */
	get_task_struct(run->controller);
	/* The workers wait for 'go'; the controller may finish at once. */
	atomic_set(&ksb_workers_in, 0);
	for (i = 0; i < run->nr_workers; i++)
		wake_up_process(run->workers[i]->task);
	ksb_current = run;
	WRITE_ONCE(ksb_run_state, KSB_RUNNING);
	ksb_hotplug_watch(run);
	wake_up_process(run->controller);
	cpus_read_unlock();
	return 0;

fail_unlock:
	cpus_read_unlock();
fail:
	ksb_stop_workers(run, false);
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
	ksb_window_cut(run, -1);
	wait_for_completion(&run->done);
}

void ksb_run_reset(void)
{
	lockdep_assert_held(&ksb_lock);
	ksb_run_reap();
}

/*
 * Teardown of our hotplug state, on the outgoing CPU, while the hotplug
 * holds cpu_hotplug_lock: a run with a worker there ends now, and the CPU
 * goes only once every worker has exited (the controller stops them all).
 * The scheduler has already made the CPU inactive, so a worker that ran
 * meanwhile was pushed elsewhere; it has stopped the run itself.
 */
static int ksb_cpu_down(unsigned int cpu)
{
	struct ksb_run *run;

	mutex_lock(&ksb_hp_lock);
	run = ksb_hp_run;
	if (run && cpumask_test_cpu(cpu, &run->p.cpus)) {
		ksb_run_cpu_lost(run, cpu);
		/* Bounded: workers leave within a batch, a handoff round or 1 s. */
		wait_for_completion(&run->done);
	}
	mutex_unlock(&ksb_hp_lock);
	return 0;
}

int ksb_hotplug_init(void)
{
	int state = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN,
					      "ksbench:online", NULL,
					      ksb_cpu_down);

	if (state < 0)
		return state;
	ksb_hp_state = state;
	return 0;
}

/* After the last run is reaped; waits for a hotplug in progress. */
void ksb_hotplug_exit(void)
{
	cpuhp_remove_state_nocalls(ksb_hp_state);
}
