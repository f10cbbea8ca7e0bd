// SPDX-License-Identifier: GPL-2.0
/* struct rw_semaphore: sleeping reader-writer lock. */
#include <linux/rwsem.h>

#include "../shapes/rw.h"
#include "workloads.h"

static int ksb_rwsem_init(void *lock, const struct ksb_params *p)
{
	init_rwsem((struct rw_semaphore *)lock);
	return 0;
}

static void ksb_rwsem_read(struct ksb_slot *slot, struct ksb_worker *w)
{
	bool consistent;

	down_read(slot->lock);
	consistent = ksb_read_snapshot(slot->shared, w->run->p.hold_ns);
	up_read(slot->lock);
	if (!consistent)
		w->violations++;
}

static void ksb_rwsem_write(struct ksb_slot *slot, struct ksb_worker *w)
{
	down_write(slot->lock);
	ksb_write_section(slot->shared, w, w->run->p.hold_ns,
			  w->run->p.cs_lines);
	up_write(slot->lock);
}

static int ksb_rwsem_loop(struct ksb_worker *w)
{
	return ksb_rw_run(w, ksb_rwsem_read, ksb_rwsem_write);
}

const struct ksb_workload ksb_rwsem_ops = {
	.name = "rwsem",
	.kind = KSB_KIND_RW,
	.description = "struct rw_semaphore, down_read/down_write",
	.rt_note = "rw_semaphore is rt_mutex-based (rwbase_rt)",
	.max_hold_ns = KSB_HOLD_NS_MAX_SLEEP,
	.lock_size = sizeof(struct rw_semaphore),
	.lock_init = ksb_rwsem_init,
	.loop = { [KSB_ACQ_LOCK] = ksb_rwsem_loop },
};
