/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksbench core: the types shared by the run lifecycle, the debugfs control
 * files, the workload shapes and the workloads' ops tables.
 *
 * The core knows no primitive. A workload is an ops table (struct
 * ksb_workload) of a given kind; the kind picks the shape of the measured
 * loop (kmod/shapes/), and the ops table supplies the primitive.
 */
#ifndef KSBENCH_H
#define KSBENCH_H

#include <linux/cache.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/hrtimer.h>
#include <linux/mutex.h>
#include <linux/prandom.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "ksb_hist.h"
#include "ksbench_abi.h"

struct ksb_run;
struct ksb_worker;
struct ksb_slot;

enum ksb_kind {
	KSB_KIND_LOCK,		/* exclusive (or K-slot) lock around a section */
	KSB_KIND_RW,		/* readers and writers, --read-pct mix */
	KSB_KIND_LOCKFREE,	/* atomics, bit ops, per-CPU data, irq/preempt */
	KSB_KIND_HANDOFF,	/* a signaller and its consumers: wake-up latency */
	KSB_NR_KINDS,
};

enum ksb_acquire {
	KSB_ACQ_LOCK,
	KSB_ACQ_TRYLOCK,
	KSB_ACQ_INTERRUPTIBLE,
	KSB_NR_ACQ,
};

enum ksb_measure {
	KSB_MEASURE_THROUGHPUT,	/* no clock read per operation */
	KSB_MEASURE_LATENCY,	/* timestamps around sampled operations */
	KSB_NR_MEASURE,
};

enum ksb_wait {
	KSB_WAIT_PLAIN,
	KSB_WAIT_INTERRUPTIBLE,
	KSB_WAIT_TIMEOUT,
	KSB_NR_WAIT,
};

enum ksb_wq {
	KSB_WQ_BOUND,		/* a per-CPU workqueue of our own */
	KSB_WQ_UNBOUND,
	KSB_WQ_SYSTEM,		/* system_wq */
	KSB_WQ_HIGHPRI,
	KSB_NR_WQ,
};

enum ksb_poll {
	KSB_POLL_BUSY,		/* cpu_relax() */
	KSB_POLL_USLEEP,	/* usleep_range() */
	KSB_POLL_MSLEEP,
	KSB_POLL_SCHEDULE,	/* schedule_timeout() */
	KSB_NR_POLL,
};

enum ksb_rcu_sync {
	KSB_RCU_SYNC,		/* synchronize_rcu() then free */
	KSB_RCU_CALL,		/* call_rcu() frees */
	KSB_NR_RCU_SYNC,
};

/* The knobs, as set through debugfs; a run takes a copy at start. */
struct ksb_params {
	const struct ksb_workload *workload;
	struct cpumask cpus;
	u64 duration_ms;
	u64 warmup_ms;
	u64 hold_ns;
	u64 think_ns;
	u64 nr_locks;
	u64 cs_lines;
	u64 read_pct;
	u64 sem_count;
	u64 seed;
	u64 sample;
	u64 interval_ms;
	u64 exclusive;		/* waitqueue: exclusive waiters, wake one */
	u64 flood;		/* workqueue: queue without waiting */
	u64 poll_us;
	int acquire;		/* enum ksb_acquire */
	int rcu_sync;		/* enum ksb_rcu_sync */
	int measure;		/* enum ksb_measure */
	int wait;		/* enum ksb_wait */
	int wq;			/* enum ksb_wq */
	int poll;		/* enum ksb_poll */
};

/*
 * One per primitive; see kmod/workloads/. The core allocates nr_locks lock
 * objects of lock_size bytes, each on cache lines of its own, and hands
 * them to the ops as 'void *lock'. The measured loop is the kind's shape
 * (kmod/shapes/) instantiated by the workload with its own primitive,
 * one per acquire mode the primitive has: a NULL entry is a mode it lacks.
 */
struct ksb_workload {
	const char *name;
	enum ksb_kind kind;
	const char *description;
	/* What the primitive becomes on PREEMPT_RT, when that differs. */
	const char *rt_note;
	/* Why this kernel cannot run it (NULL: it can); it has no loop then. */
	const char *unavailable;
	/* Longest hold this workload accepts (bounded irq/preempt-off time). */
	u64 max_hold_ns;
	/* A semaphore: sem_count > 1 gives K slots and the counting oracle. */
	bool counting;
	size_t lock_size;
	int (*lock_init)(void *lock, const struct ksb_params *p);
	void (*lock_destroy)(void *lock);
	/* Once, after every worker stopped (rcu_barrier(), flush work). */
	void (*quiesce)(struct ksb_run *run);
	/* Flood mode (queue without waiting for each round) is offered. */
	bool floods;

	int (*loop[KSB_NR_ACQ])(struct ksb_worker *w);

	/*
	 * KSB_KIND_LOCKFREE: the count the operations left behind (NULL when
	 * the op's own checks are the whole oracle), wrapping at count_bits
	 * (0: 64).
	 */
	u64 (*count)(struct ksb_slot *slot);
	unsigned int count_bits;

	/*
	 * KSB_KIND_HANDOFF: consumptions each signal owes (1, or every
	 * waiter), and the fewest workers the workload runs with.
	 */
	unsigned int (*consumers)(const struct ksb_run *run);
	unsigned int min_workers;
};

/* Which oracle checked a run: see oracle.h and docs/debugfs.md. */
enum ksb_oracle {
	KSB_ORACLE_EXCLUSIVE,	/* owner mark and plain counter */
	KSB_ORACLE_COUNTING,	/* at most sem_count inside */
	KSB_ORACLE_RW,		/* writers exclusive, readers see no writer */
	KSB_ORACLE_COUNT,	/* final count equals the operations */
	KSB_ORACLE_OWNERSHIP,	/* the op's own checks */
	KSB_ORACLE_HANDOFF,	/* every signal consumed exactly once */
	KSB_NR_ORACLES,
};

/*
 * The data a lock protects, on lines of its own after the lock: the
 * oracle's owner mark and plain counter, the two fields readers check for
 * consistency, the occupancy of a counting semaphore, and cs_lines more
 * cache lines written inside every critical section.
 */
struct ksb_shared {
	int owner;
	atomic_t inside;
	unsigned long counter;
	unsigned long first;
	unsigned long second;
	unsigned long lines[][L1_CACHE_BYTES / sizeof(unsigned long)]
		____cacheline_aligned_in_smp;
} ____cacheline_aligned_in_smp;

#define KSB_NO_OWNER	(-1)

struct ksb_slot {
	void *lock;
	struct ksb_shared *shared;
};

/*
 * Latency histograms: up to three per worker, named by the kind (acquire
 * and hold for locks, read and write for rw, op for lockfree, wakeup,
 * first and last for handoff). The bucket layout is include/ksb_hist.h;
 * sum, min and max are exact.
 */
enum { KSB_NR_HISTS = 3 };

struct ksb_hist {
	u64 sum;
	u64 min;
	u64 max;
	u64 buckets[KSB_HIST_BUCKETS];
};

/*
 * The phases of a run, flipped by the controller. Workers count each
 * operation under the phase they read when it completed, so the measured
 * window is one and the same for every worker, with no clock read per op.
 */
enum ksb_phase {
	KSB_WARMUP,
	KSB_MEASURE,
	KSB_STOPPING,
	KSB_NR_PHASES,
};

/*
 * Per-worker state, written only by its own worker while the run is in
 * progress, and allocated on cache lines of its own.
 */
struct ksb_worker {
	struct ksb_run *run;
	struct task_struct *task;
	unsigned int cpu;
	int id;
	struct rnd_state rnd;
	u64 ops[KSB_NR_PHASES];		/* completed operations */
	u64 reads[KSB_NR_PHASES];	/* of which read-side (rw kind) */
	u64 failures[KSB_NR_PHASES];	/* failed trylocks, interrupted waits */
	u64 retries[KSB_NR_PHASES];	/* seqlock read retries, CAS failures */
	u64 violations;			/* any phase: the oracle never rests */
	u64 max_inside;			/* counting semaphore occupancy seen */
	u64 events[KSB_NR_PHASES];	/* handoff: signals this worker consumed */
	u64 spurious[KSB_NR_PHASES];	/* handoff: woken with nothing to do */
	u64 seen_round;			/* handoff: last round consumed */
	u64 last_latency_ns;		/* handoff: that round's wake-up */
	u32 sample_left;		/* operations until the next timed one */
	bool time_hold;			/* lock kind: alternate acquire/hold */
	struct ksb_hist *hist[KSB_NR_HISTS];	/* latency mode only */

	/* Scheduler counters over the window, read by the controller. */
	u64 nvcsw;
	u64 nivcsw;
	u64 runtime_ns;
} ____cacheline_aligned_in_smp;

enum ksb_state {
	KSB_IDLE,
	KSB_RUNNING,
	KSB_DONE,
};

struct ksb_run {
	/* Read-mostly while the run is in progress. */
	struct ksb_params p;
	unsigned int nr_workers;
	struct ksb_worker **workers;
	struct ksb_slot *slots;
	void *lock_mem;
	void *shared_mem;
	unsigned int batch;		/* operations between cond_resched() */
	int phase;			/* enum ksb_phase */

	struct task_struct *controller;
	struct completion go;		/* releases the workers together */
	struct completion done;		/* results are final */
	wait_queue_head_t wake;		/* for every worker to be in its loop */

	/*
	 * The window's edges, in ktime ns: a hard hrtimer opens it, ticks
	 * the series and closes it, so no edge waits for a CPU that a
	 * spinning worker holds (run.c).
	 */
	struct hrtimer edge;
	u64 start_ns;
	u64 deadline_ns;
	u64 next_edge_ns;

	/* Ops per worker at each tick of the window: [tick][worker]. */
	u64 *series;
	u64 *series_t_ns;
	unsigned int series_max;
	unsigned int series_ticks;
	u64 interval_ns;

	/* Results, written by the controller before 'done'. */
	bool stopped_early;
	u64 elapsed_ns;
	u64 ops;
	u64 reads;
	u64 failures;
	u64 retries;
	u64 violations;
	u64 max_inside;
	u64 events;
	u64 spurious;
	u64 expected;			/* what the shared count should be */
	u64 counted;			/* what it is */
};

/* Registry (workloads/registry.c). */
const struct ksb_workload *ksb_workload_find(const char *name);
const struct ksb_workload *ksb_workload_at(unsigned int i);

/* Run lifecycle (run.c); callers hold ksb_lock. */
extern struct mutex ksb_lock;
extern struct ksb_params ksb_params;
extern struct ksb_run *ksb_current;
enum ksb_state ksb_state(void);
int ksb_params_check(const struct ksb_params *p);
enum ksb_oracle ksb_oracle_of(const struct ksb_params *p);
int ksb_run_start(void);
void ksb_run_stop(void);
void ksb_run_reset(void);

/* The locks and the data they protect (slots.c). */
int ksb_slots_alloc(struct ksb_run *run);
void ksb_slots_free(struct ksb_run *run);

/* Worker bookkeeping between batches (worker.c). */
bool ksb_worker_tick(struct ksb_worker *w);
unsigned int ksb_batch_size(const struct ksb_params *p);
int ksb_worker_alloc_hists(struct ksb_worker *w);
void ksb_worker_free_hists(struct ksb_worker *w);

/* The clock and its measured cost (clock.c). */
struct ksb_clock_cost {
	u64 min_ns;
	u64 median_ns;
	u64 resolution_ns;	/* smallest non-zero step seen */
};

extern struct ksb_clock_cost ksb_clock_cost;
void ksb_clock_calibrate(void);

/* The time series and scheduler counters (series.c). */
int ksb_series_alloc(struct ksb_run *run);
void ksb_series_free(struct ksb_run *run);
void ksb_series_tick(struct ksb_run *run, u64 t_ns);
void ksb_sched_snapshot(struct ksb_run *run, bool end);

/* Text output (report.c). */
struct seq_file;
extern const char *const ksb_kind_names[KSB_NR_KINDS];
extern const char *const ksb_acquire_names[KSB_NR_ACQ];
extern const char *const ksb_rcu_sync_names[KSB_NR_RCU_SYNC];
extern const char *const ksb_oracle_names[KSB_NR_ORACLES];
extern const char *const ksb_measure_names[KSB_NR_MEASURE];
extern const char *const ksb_hist_names[KSB_NR_KINDS][KSB_NR_HISTS];
extern const char *const ksb_wait_names[KSB_NR_WAIT];
extern const char *const ksb_wq_names[KSB_NR_WQ];
extern const char *const ksb_poll_names[KSB_NR_POLL];
void ksb_report_results(struct seq_file *m, const struct ksb_run *run);
void ksb_report_info(struct seq_file *m);
void ksb_report_workloads(struct seq_file *m);

/* debugfs (control.c). */
int ksb_debugfs_init(void);
void ksb_debugfs_exit(void);

#endif
