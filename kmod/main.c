// SPDX-License-Identifier: GPL-2.0
/*
 * ksbench: contention workloads over the kernel's synchronization
 * primitives, on bound kthreads, controlled through debugfs.
 *
 * For test machines: a run keeps every selected CPU busy for its duration.
 */
#include <linux/cpumask.h>
#include <linux/module.h>

#include "clock_check.h"
#include "hotplug.h"
#include "ksbench.h"

static int __init ksb_init(void)
{
	int err;

	ksb_params.workload = ksb_workload_find("spinlock");
	cpumask_copy(&ksb_params.cpus, cpumask_of(cpumask_first(cpu_online_mask)));
	ksb_params.duration_ms = KSB_DURATION_MS_DEF;
	ksb_params.warmup_ms = KSB_WARMUP_MS_DEF;
	ksb_params.nr_locks = KSB_NR_LOCKS_DEF;
	ksb_params.read_pct = KSB_READ_PCT_DEF;
	ksb_params.sem_count = 1;
	ksb_params.seed = KSB_SEED_DEF;
	ksb_params.sample = 1;
	ksb_params.interval_ms = KSB_INTERVAL_MS_DEF;
	ksb_params.poll_us = KSB_POLL_US_DEF;
	ksb_clock_calibrate();
	/* Every result carries a short check; debugfs clock_check runs more. */
	err = ksb_clock_check_run(KSB_CLOCK_CHECK_LOAD_MS);
	if (err)
		return err;
	/* Before any run can start: a CPU going down must end it. */
	err = ksb_hotplug_init();
	if (err)
		return err;
	err = ksb_debugfs_init();
	if (err)
		ksb_hotplug_exit();
	return err;
}

static void __exit ksb_exit(void)
{
	/* No file operation is in flight after this, so none can start a run. */
	ksb_debugfs_exit();
	mutex_lock(&ksb_lock);
	ksb_run_reset();
	mutex_unlock(&ksb_lock);
	ksb_hotplug_exit();
}

module_init(ksb_init);
module_exit(ksb_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ksbench: contention benchmark of synchronization primitives");
MODULE_VERSION(KSB_MODULE_VERSION);
