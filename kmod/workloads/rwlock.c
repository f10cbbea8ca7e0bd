// SPDX-License-Identifier: GPL-2.0
/* rwlock_t: spinning reader-writer lock. */
#include <linux/spinlock.h>

#include "../shapes/rw.h"
#include "workloads.h"

static int ksb_rwlock_init(void *lock, const struct ksb_params *p)
{
	rwlock_init((rwlock_t *)lock);
	return 0;
}

static void ksb_rwlock_read(struct ksb_slot *slot, struct ksb_worker *w)
{
	bool consistent;

	read_lock(slot->lock);
	consistent = ksb_read_snapshot(slot->shared, w->run->p.hold_ns);
	read_unlock(slot->lock);
	if (!consistent)
		w->violations++;
}

static void ksb_rwlock_write(struct ksb_slot *slot, struct ksb_worker *w)
{
	write_lock(slot->lock);
	ksb_write_section(slot->shared, w, w->run->p.hold_ns,
			  w->run->p.cs_lines);
	write_unlock(slot->lock);
}

static int ksb_rwlock_loop(struct ksb_worker *w)
{
	return ksb_rw_run(w, ksb_rwlock_read, ksb_rwlock_write);
}

const struct ksb_workload ksb_rwlock_ops = {
	.name = "rwlock",
	.kind = KSB_KIND_RW,
	.description = "rwlock_t, read_lock/write_lock",
	.rt_note = "rwlock_t is a sleeping rt_mutex-based reader-writer lock",
	.max_hold_ns = KSB_HOLD_NS_MAX_ATOMIC,
	.lock_size = sizeof(rwlock_t),
	.lock_init = ksb_rwlock_init,
	.loop = { [KSB_ACQ_LOCK] = ksb_rwlock_loop },
};
