/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A CPU going down during a run (run.c). Workers are bound to their CPUs,
 * and the scheduler pushes a bound kthread off a CPU that is going down,
 * its affinity gone. So a run ends as soon as one of its CPUs goes: a
 * hotplug teardown callback, on the outgoing CPU, stops the run and waits
 * until every worker has exited, and the results name the CPU.
 */
#ifndef KSBENCH_HOTPLUG_H
#define KSBENCH_HOTPLUG_H

#include <linux/cpumask.h>

struct ksb_run;

/* At load and unload: the dynamic hotplug state and its callback. */
int ksb_hotplug_init(void);
void ksb_hotplug_exit(void);

/*
 * @cpu is going down (a worker found itself moved off it, or the hotplug
 * callback runs): ends the run, and records the CPU unless the window has
 * already closed.
 */
void ksb_run_cpu_lost(struct ksb_run *run, unsigned int cpu);

/* The CPUs that went down during a finished run (empty: none). */
const struct cpumask *ksb_run_offlined(const struct ksb_run *run);

#endif
