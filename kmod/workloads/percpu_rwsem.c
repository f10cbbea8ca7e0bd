// SPDX-License-Identifier: GPL-2.0
/*
 * struct percpu_rw_semaphore: readers touch only per-CPU data; a writer
 * waits for an RCU grace period, so writes are slow by design.
 */
#include <linux/percpu-rwsem.h>

#include "../shapes/rw.h"
#include "workloads.h"

static int ksb_percpu_rwsem_init(void *lock, const struct ksb_params *p)
{
	return percpu_init_rwsem((struct percpu_rw_semaphore *)lock);
}

static void ksb_percpu_rwsem_destroy(void *lock)
{
	percpu_free_rwsem(lock);
}

static void ksb_percpu_rwsem_read(struct ksb_slot *slot, struct ksb_worker *w)
{
	bool consistent;

	percpu_down_read(slot->lock);
	consistent = ksb_read_snapshot(slot->shared, w->run->p.hold_ns);
	percpu_up_read(slot->lock);
	if (!consistent)
		w->violations++;
}

static void ksb_percpu_rwsem_write(struct ksb_slot *slot, struct ksb_worker *w)
{
	percpu_down_write(slot->lock);
	ksb_write_section(slot->shared, w, w->run->p.hold_ns,
			  w->run->p.cs_lines);
	percpu_up_write(slot->lock);
}

static int ksb_percpu_rwsem_loop(struct ksb_worker *w)
{
	return ksb_rw_run(w, ksb_percpu_rwsem_read, ksb_percpu_rwsem_write);
}

const struct ksb_workload ksb_percpu_rwsem_ops = {
	.name = "percpu_rwsem",
	.kind = KSB_KIND_RW,
	.description = "struct percpu_rw_semaphore, percpu_down_read/percpu_down_write",
	.max_hold_ns = KSB_HOLD_NS_MAX_SLEEP,
	.lock_size = sizeof(struct percpu_rw_semaphore),
	.lock_init = ksb_percpu_rwsem_init,
	.lock_destroy = ksb_percpu_rwsem_destroy,
	.loop = { [KSB_ACQ_LOCK] = ksb_percpu_rwsem_loop },
};
