/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Facts about the machine ksbench runs on that the module does not report:
 * uname, /proc/cpuinfo, the online CPUs, the live preemption model, the
 * kernel command line and the clocksource (a tsc-early one waited for:
 * sysinfo.c says why).
 */
#ifndef KSB_SYSINFO_H
#define KSB_SYSINFO_H

#include <stdbool.h>

struct host_facts {
	char kernel_release[65];	/* utsname's field sizes */
	char kernel_version[65];
	char cpu_model[128];		/* "unknown" when cpuinfo has none */
	unsigned int online_cpus;
	unsigned int online_prefix;	/* CPUs 0 .. online_prefix-1 are online */
	bool virtualized;		/* cpuinfo's `hypervisor` flag */
	char preempt_live[16];		/* from <debugfs>/sched/preempt; "" unknown */
	char cmdline[4096];		/* /proc/cmdline; "" unknown */
	char clocksource[32];		/* clocksource0's current; "" unknown */
};

/* Never fails: what cannot be read is left as "unknown", 0 or "". */
void sysinfo_read(struct host_facts *hf, const char *debugfs);

/* /proc/sys/kernel/modules_disabled reads 0 (absent counts as enabled). */
bool sysinfo_modules_enabled(void);

#endif
