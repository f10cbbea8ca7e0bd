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
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "ksbench_abi.h"

struct ksb_run;
struct ksb_worker;

enum ksb_kind {
	KSB_KIND_LOCK,		/* exclusive lock around a critical section */
	KSB_NR_KINDS,
};

/* One per primitive; see kmod/workloads/. */
struct ksb_workload {
	const char *name;
	enum ksb_kind kind;
	const char *description;
	/* Longest hold this workload accepts (bounded irq/preempt-off time). */
	u64 max_hold_ns;
	/* Optional: set up and tear down per-run state. */
	int (*init)(struct ksb_run *run);
	void (*exit)(struct ksb_run *run);
	/* KSB_KIND_LOCK */
	void (*lock)(struct ksb_worker *w);
	void (*unlock)(struct ksb_worker *w);
};

/* The knobs, as set through debugfs; a run takes a copy at start. */
struct ksb_params {
	const struct ksb_workload *workload;
	struct cpumask cpus;
	u64 duration_ms;
	u64 warmup_ms;
	u64 hold_ns;
	u64 think_ns;
};

/*
 * The correctness oracle's shared data, on its own cache line: an owner
 * mark and a counter that is deliberately not atomic, so a broken lock
 * shows up as overlapping owners and as lost updates.
 */
struct ksb_oracle {
	int owner;
	unsigned long counter;
} ____cacheline_aligned_in_smp;

#define KSB_NO_OWNER	(-1)

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
 * progress, and allocated on a cache line of its own (see ksb_run_start()).
 */
struct ksb_worker {
	struct ksb_run *run;
	struct task_struct *task;
	unsigned int cpu;
	int id;
	u64 ops[KSB_NR_PHASES];	/* completed operations, by phase */
	u64 violations;
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
	struct ksb_oracle *oracle;
	void *workload_data;		/* owned by the workload's init/exit */
	unsigned int batch;		/* operations between cond_resched() */
	int phase;			/* enum ksb_phase */
	bool stop;			/* stop requested */

	struct task_struct *controller;
	struct completion go;		/* releases the workers together */
	struct completion done;		/* results are final */
	wait_queue_head_t wake;		/* the controller sleeps here */

	/* Results, written by the controller before 'done'. */
	bool stopped_early;
	u64 window_start_ns;
	u64 elapsed_ns;
	u64 ops;
	u64 violations;
	u64 acquisitions;
	u64 counter;
};

/* Registry (workloads/registry.c). */
const struct ksb_workload *ksb_workload_find(const char *name);
const struct ksb_workload *ksb_workload_at(unsigned int i);

/* Run lifecycle (run.c); callers hold ksb_lock. */
extern struct mutex ksb_lock;
extern struct ksb_params ksb_params;
extern struct ksb_run *ksb_current;
enum ksb_state ksb_state(void);
int ksb_run_start(void);
void ksb_run_stop(void);
void ksb_run_reset(void);

/* Shapes (shapes/): the measured loop of each kind. */
int ksb_lock_loop(struct ksb_worker *w);

/* Worker bookkeeping between batches (worker.c). */
bool ksb_worker_tick(struct ksb_worker *w);
unsigned int ksb_batch_size(const struct ksb_params *p);

/* Text output (report.c). */
struct seq_file;
void ksb_report_results(struct seq_file *m, const struct ksb_run *run);
void ksb_report_info(struct seq_file *m);
void ksb_report_workloads(struct seq_file *m);

/* debugfs (control.c). */
int ksb_debugfs_init(void);
void ksb_debugfs_exit(void);

#endif
