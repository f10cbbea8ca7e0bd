/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How busy the host was with other work while a guest ran. Under TCG a
 * vCPU is a host thread: when other work takes the host's CPUs, vCPUs are
 * preempted, a lock holder or a waker stalls for the host's timeslice and
 * handoffs and fair locks measure the host's scheduler (docs/rt-wakeup.md).
 * The host's busy CPU time over the guest's life, less what its children
 * (qemu) used, is what the rest of the host took.
 */
#ifndef KSB_HOST_LOAD_H
#define KSB_HOST_LOAD_H

struct host_load_mark {
	double busy_s;		/* /proc/stat: every CPU's non-idle time; < 0 unknown */
	double children_s;	/* getrusage(RUSAGE_CHILDREN): reaped children's CPU time */
	double wall_s;
};

void host_load_mark(struct host_load_mark *m);

/*
 * The host CPUs other work kept busy on average between two marks (the
 * children reaped between them excluded); NAN when /proc/stat was unreadable.
 */
double host_load_others(const struct host_load_mark *from, const struct host_load_mark *to);

struct json_object;

/*
 * vm.host_others_cpus (null when unknown) into the result's vm object,
 * and a warning on stderr when other work took more of the host than the
 * guest's vCPUs left free (by a quarter of a CPU).
 */
void host_load_describe(struct json_object *vm, double others, unsigned int host_cpus,
			unsigned int smp);

#endif
