// SPDX-License-Identifier: GPL-2.0
/* The text files a human can cat and the CLI parses (docs/debugfs.md). */
#include <linux/cpumask.h>
#include <linux/lockdep.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>

#include "ksbench.h"

static const char *const ksb_kind_names[KSB_NR_KINDS] = {
	[KSB_KIND_LOCK] = "lock",
};

/* Every worker is measured over the run's one window: elapsed_ns is it. */
static void ksb_report_worker(struct seq_file *m, const struct ksb_run *run,
			      const struct ksb_worker *w)
{
	seq_printf(m, "worker cpu=%u ops=%llu elapsed_ns=%llu violations=%llu\n",
		   w->cpu, w->ops[KSB_MEASURE], run->elapsed_ns, w->violations);
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
	seq_printf(m, "hold_ns %llu\nthink_ns %llu\n", p->hold_ns, p->think_ns);
	seq_printf(m, "warmup_ns %llu\nduration_ns %llu\n",
		   p->warmup_ms * NSEC_PER_MSEC, p->duration_ms * NSEC_PER_MSEC);
	seq_printf(m, "elapsed_ns %llu\nstopped_early %d\n", run->elapsed_ns,
		   run->stopped_early);
	seq_printf(m, "ops %llu\nviolations %llu\n", run->ops, run->violations);
	seq_printf(m, "oracle_acquisitions %llu\noracle_counter %llu\n",
		   run->acquisitions, run->counter);
	/* The counter wraps like any unsigned long; compare modulo its width. */
	seq_printf(m, "lost_updates %lu\n",
		   (unsigned long)run->acquisitions - (unsigned long)run->counter);
	for (i = 0; i < run->nr_workers; i++)
		ksb_report_worker(m, run, run->workers[i]);
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

void ksb_report_info(struct seq_file *m)
{
	seq_puts(m, KSB_INFO_HEADER "\n");
	seq_printf(m, "module_version %s\n", KSB_MODULE_VERSION);
	seq_printf(m, "kernel_release %s\n", init_utsname()->release);
	seq_printf(m, "kernel_version %s\n", init_utsname()->version);
	seq_printf(m, "preempt_config %s\n", ksb_preempt_config());
	seq_printf(m, "preempt_rt %d\n", IS_ENABLED(CONFIG_PREEMPT_RT));
	seq_printf(m, "lockdep %d\n", IS_ENABLED(CONFIG_LOCKDEP));
	seq_printf(m, "debug_atomic_sleep %d\n",
		   IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP));
	seq_printf(m, "nr_cpu_ids %u\n", nr_cpu_ids);
	seq_printf(m, "online_cpus %*pbl\n", cpumask_pr_args(cpu_online_mask));
	seq_printf(m, "hz %d\n", HZ);
	seq_puts(m, "clock ktime_get_ns\n");
}

void ksb_report_workloads(struct seq_file *m)
{
	const struct ksb_workload *wl;
	unsigned int i;

	for (i = 0; (wl = ksb_workload_at(i)); i++)
		seq_printf(m, "%s %s %s\n", wl->name,
			   ksb_kind_names[wl->kind], wl->description);
}
