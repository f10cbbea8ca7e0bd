// SPDX-License-Identifier: GPL-2.0
/* The text files a human can cat and the CLI parses (docs/debugfs.md). */
#include <linux/cpumask.h>
#include <linux/lockdep.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>

#include "clock.h"
#include "clock_check.h"
#include "hotplug.h"
#include "ksbench.h"
#include "spin_path.h"

const char *const ksb_kind_names[KSB_NR_KINDS] = {
	[KSB_KIND_LOCK] = "lock",
	[KSB_KIND_RW] = "rw",
	[KSB_KIND_LOCKFREE] = "lockfree",
	[KSB_KIND_HANDOFF] = "handoff",
};

const char *const ksb_wait_names[KSB_NR_WAIT] = {
	[KSB_WAIT_PLAIN] = "plain",
	[KSB_WAIT_INTERRUPTIBLE] = "interruptible",
	[KSB_WAIT_TIMEOUT] = "timeout",
};

const char *const ksb_wq_names[KSB_NR_WQ] = {
	[KSB_WQ_BOUND] = "bound",
	[KSB_WQ_UNBOUND] = "unbound",
	[KSB_WQ_SYSTEM] = "system",
	[KSB_WQ_HIGHPRI] = "highpri",
};

const char *const ksb_poll_names[KSB_NR_POLL] = {
	[KSB_POLL_BUSY] = "busy",
	[KSB_POLL_USLEEP] = "usleep",
	[KSB_POLL_MSLEEP] = "msleep",
	[KSB_POLL_SCHEDULE] = "schedule",
};

const char *const ksb_acquire_names[KSB_NR_ACQ] = {
	[KSB_ACQ_LOCK] = "lock",
	[KSB_ACQ_TRYLOCK] = "trylock",
	[KSB_ACQ_INTERRUPTIBLE] = "interruptible",
};

const char *const ksb_rcu_sync_names[KSB_NR_RCU_SYNC] = {
	[KSB_RCU_SYNC] = "sync",
	[KSB_RCU_CALL] = "call_rcu",
};

const char *const ksb_measure_names[KSB_NR_MEASURE] = {
	[KSB_MEASURE_THROUGHPUT] = "throughput",
	[KSB_MEASURE_LATENCY] = "latency",
};

const char *const ksb_hist_names[KSB_NR_KINDS][KSB_NR_HISTS] = {
	[KSB_KIND_LOCK] = { "acquire", "hold" },
	[KSB_KIND_RW] = { "read", "write" },
	[KSB_KIND_LOCKFREE] = { "op" },
	[KSB_KIND_HANDOFF] = { "wakeup", "first", "last" },
};

const char *const ksb_oracle_names[KSB_NR_ORACLES] = {
	[KSB_ORACLE_EXCLUSIVE] = "exclusive",
	[KSB_ORACLE_COUNTING] = "counting",
	[KSB_ORACLE_RW] = "rw",
	[KSB_ORACLE_COUNT] = "count",
	[KSB_ORACLE_OWNERSHIP] = "ownership",
	[KSB_ORACLE_HANDOFF] = "handoff",
};

/* Every worker is measured over the run's one window: elapsed_ns is it. */
static void ksb_report_worker(struct seq_file *m, const struct ksb_run *run,
			      const struct ksb_worker *w)
{
	seq_printf(m, "worker cpu=%u ops=%llu elapsed_ns=%llu violations=%llu",
		   w->cpu, w->ops[KSB_MEASURE], run->elapsed_ns, w->violations);
	seq_printf(m, " reads=%llu failures=%llu retries=%llu max_inside=%llu",
		   w->reads[KSB_MEASURE], w->failures[KSB_MEASURE],
		   w->retries[KSB_MEASURE], w->max_inside);
	seq_printf(m, " nvcsw=%llu nivcsw=%llu runtime_ns=%llu",
		   w->nvcsw, w->nivcsw, w->runtime_ns);
	seq_printf(m, " events=%llu spurious=%llu\n", w->events[KSB_MEASURE],
		   w->spurious[KSB_MEASURE]);
}

/* Sparse: only the buckets that counted something, as index:count. */
static void ksb_report_hist(struct seq_file *m, const char *name,
			    const struct ksb_worker *w, const struct ksb_hist *h)
{
	u64 count = 0;
	char sep = '=';
	unsigned int i;

	for (i = 0; i < KSB_HIST_BUCKETS; i++)
		count += h->buckets[i];
	seq_printf(m, "hist %s cpu=%u count=%llu sum=%llu min=%llu max=%llu buckets",
		   name, w->cpu, count, h->sum, count ? h->min : 0, h->max);
	for (i = 0; i < KSB_HIST_BUCKETS; i++) {
		if (!h->buckets[i])
			continue;
		seq_printf(m, "%c%u:%llu", sep, i, h->buckets[i]);
		sep = ',';
	}
	if (sep == '=')
		seq_putc(m, '=');
	seq_putc(m, '\n');
}

static void ksb_report_hists(struct seq_file *m, const struct ksb_run *run)
{
	const char *const *names = ksb_hist_names[run->p.workload->kind];
	unsigned int i, h;

	if (!run->workers[0]->hist[0])
		return;
	for (h = 0; h < KSB_NR_HISTS; h++)
		for (i = 0; names[h] && i < run->nr_workers; i++)
			ksb_report_hist(m, names[h], run->workers[i],
					run->workers[i]->hist[h]);
}

/* Operations per worker in each interval of the window. */
static void ksb_report_series(struct seq_file *m, const struct ksb_run *run)
{
	unsigned int t, i;

	seq_printf(m, "series interval_ns=%llu ticks=%u\n", run->interval_ns,
		   run->series_ticks);
	for (t = 0; t < run->series_ticks; t++) {
		const u64 *row = run->series + (size_t)t * run->nr_workers;
		const u64 *prev = row - run->nr_workers;

		seq_printf(m, "tick t_ns=%llu ops", run->series_t_ns[t]);
		for (i = 0; i < run->nr_workers; i++)
			seq_printf(m, "%c%llu", i ? ',' : '=',
				   row[i] - (t ? prev[i] : 0));
		seq_putc(m, '\n');
	}
}

static void ksb_report_clock(struct seq_file *m)
{
	seq_printf(m, "clock %s\n", ksb_clock_name());
	if (ksb_clock_tsc.on)
		seq_printf(m, "clock_tsc_khz %u\n", ksb_clock_tsc.khz);
	seq_printf(m, "clock_cost_min_ns %llu\nclock_cost_median_ns %llu\n",
		   ksb_clock_cost.min_ns, ksb_clock_cost.median_ns);
	seq_printf(m, "clock_resolution_ns %llu\n", ksb_clock_cost.resolution_ns);
}

/* What the primitive is on this kernel, when PREEMPT_RT changes it. */
static const char *ksb_rt_note(const struct ksb_workload *wl)
{
	return IS_ENABLED(CONFIG_PREEMPT_RT) ? wl->rt_note : NULL;
}

void ksb_report_results(struct seq_file *m, const struct ksb_run *run)
{
	const struct ksb_params *p;
	unsigned int i;

	seq_puts(m, KSB_RESULTS_HEADER "\n");
	if (!run) {
		seq_puts(m, "state idle\nend\n");
		return;
	}
	p = &run->p;
	seq_puts(m, "state done\n");
	seq_printf(m, "workload %s\nkind %s\n", p->workload->name,
		   ksb_kind_names[p->workload->kind]);
	seq_printf(m, "cpus %*pbl\nnr_workers %u\n", cpumask_pr_args(&p->cpus),
		   run->nr_workers);
	if (ksb_rt_note(p->workload))
		seq_printf(m, "rt_note %s\n", ksb_rt_note(p->workload));
	seq_printf(m, "hold_ns %llu\nthink_ns %llu\n", p->hold_ns, p->think_ns);
	seq_printf(m, "acquire %s\nnr_locks %llu\ncs_lines %llu\n",
		   ksb_acquire_names[p->acquire], p->nr_locks, p->cs_lines);
	seq_printf(m, "read_pct %llu\nsem_count %llu\nrcu_sync %s\nseed %llu\n",
		   p->read_pct, p->sem_count, ksb_rcu_sync_names[p->rcu_sync],
		   p->seed);
	seq_printf(m, "measure %s\nsample %llu\n",
		   ksb_measure_names[p->measure], p->sample);
	seq_printf(m, "wait %s\nexclusive %llu\nwq %s\nflood %llu\n",
		   ksb_wait_names[p->wait], p->exclusive, ksb_wq_names[p->wq],
		   p->flood);
	seq_printf(m, "poll %s\npoll_ns %llu\n", ksb_poll_names[p->poll],
		   p->poll_us * NSEC_PER_USEC);
	ksb_report_clock(m);
	seq_printf(m, "warmup_ns %llu\nduration_ns %llu\n",
		   p->warmup_ms * NSEC_PER_MSEC, p->duration_ms * NSEC_PER_MSEC);
	seq_printf(m, "elapsed_ns %llu\nstopped_early %d\n", run->elapsed_ns,
		   run->stopped_early);
	/* Only when a CPU went down mid-run: it also stopped the run. */
	if (!cpumask_empty(ksb_run_offlined(run)))
		seq_printf(m, "offlined_cpus %*pbl\n",
			   cpumask_pr_args(ksb_run_offlined(run)));
	seq_printf(m, "ops %llu\nreads %llu\nwrites %llu\n", run->ops,
		   run->reads, run->ops - run->reads);
	seq_printf(m, "failures %llu\nretries %llu\nmax_inside %llu\n",
		   run->failures, run->retries, run->max_inside);
	seq_printf(m, "events %llu\nspurious %llu\n", run->events,
		   run->spurious);
	seq_printf(m, "oracle %s\nviolations %llu\n",
		   ksb_oracle_names[ksb_oracle_of(p)], run->violations);
	seq_printf(m, "oracle_acquisitions %llu\noracle_counter %llu\n",
		   run->expected, run->counted);
	/* Counters wrap like any unsigned long; compare modulo its width. */
	seq_printf(m, "lost_updates %lu\n",
		   (unsigned long)run->expected - (unsigned long)run->counted);
	for (i = 0; i < run->nr_workers; i++)
		ksb_report_worker(m, run, run->workers[i]);
	ksb_report_hists(m, run);
	ksb_report_series(m, run);
	seq_puts(m, "end\n");
}

static const char *ksb_preempt_config(void)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		return "rt";
	if (IS_ENABLED(CONFIG_PREEMPT_DYNAMIC))
		return "dynamic";
	if (IS_ENABLED(CONFIG_PREEMPT))
		return "full";
	if (IS_ENABLED(CONFIG_PREEMPT_VOLUNTARY))
		return "voluntary";
	return "none";
}

/*
 * Options of the kernel the module was built for that change what a lock
 * costs: lock debugging and instrumentation (a debug kernel's timings are
 * not comparable with a production kernel's) and paravirt spinlocks.
 */
static const struct {
	const char *key;
	int on;
} ksb_config_flags[] = {
	{ "lockdep", IS_ENABLED(CONFIG_LOCKDEP) },
	{ "debug_atomic_sleep", IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP) },
	{ "prove_locking", IS_ENABLED(CONFIG_PROVE_LOCKING) },
	{ "lock_stat", IS_ENABLED(CONFIG_LOCK_STAT) },
	{ "debug_spinlock", IS_ENABLED(CONFIG_DEBUG_SPINLOCK) },
	{ "debug_mutexes", IS_ENABLED(CONFIG_DEBUG_MUTEXES) },
	{ "debug_objects", IS_ENABLED(CONFIG_DEBUG_OBJECTS) },
	{ "kasan", IS_ENABLED(CONFIG_KASAN) },
	{ "kmemleak", IS_ENABLED(CONFIG_DEBUG_KMEMLEAK) },
	{ "paravirt_spinlocks", IS_ENABLED(CONFIG_PARAVIRT_SPINLOCKS) },
};

void ksb_report_info(struct seq_file *m)
{
	unsigned int i;

	seq_puts(m, KSB_INFO_HEADER "\n");
	seq_printf(m, "module_version %s\n", KSB_MODULE_VERSION);
	seq_printf(m, "kernel_release %s\n", init_utsname()->release);
	seq_printf(m, "kernel_version %s\n", init_utsname()->version);
	seq_printf(m, "preempt_config %s\n", ksb_preempt_config());
	seq_printf(m, "preempt_rt %d\n", IS_ENABLED(CONFIG_PREEMPT_RT));
	for (i = 0; i < ARRAY_SIZE(ksb_config_flags); i++)
		seq_printf(m, "%s %d\n", ksb_config_flags[i].key,
			   ksb_config_flags[i].on);
	/* the build's limit; nr_cpu_ids is what this boot can have */
	seq_printf(m, "nr_cpus %d\n", CONFIG_NR_CPUS);
	seq_printf(m, "nr_cpu_ids %u\n", nr_cpu_ids);
	seq_printf(m, "online_cpus %*pbl\n", cpumask_pr_args(cpu_online_mask));
	seq_printf(m, "hz %d\n", HZ);
	seq_printf(m, "spin_slowpath %s\n", ksb_spin_slowpath());
	seq_printf(m, "hypervisor_bit %d\n", ksb_hypervisor_bit());
	ksb_report_clock(m);
	ksb_clock_check_report(m);
}

void ksb_report_workloads(struct seq_file *m)
{
	const struct ksb_workload *wl;
	unsigned int i;

	for (i = 0; (wl = ksb_workload_at(i)); i++) {
		seq_printf(m, "%s %s %u %s", wl->name, ksb_kind_names[wl->kind],
			   max(wl->min_workers, 1U), wl->description);
		if (ksb_rt_note(wl))
			seq_printf(m, " [PREEMPT_RT: %s]", ksb_rt_note(wl));
		if (wl->unavailable)
			seq_printf(m, " [unavailable: %s]", wl->unavailable);
		seq_putc(m, '\n');
	}
}
