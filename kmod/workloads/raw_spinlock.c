// SPDX-License-Identifier: GPL-2.0
/* raw_spinlock_t: a true spinning lock on every kernel, PREEMPT_RT too. */
#include <linux/spinlock.h>

#include "../shapes/lock.h"
#include "workloads.h"

static int ksb_raw_spinlock_init(void *lock, const struct ksb_params *p)
{
	raw_spin_lock_init((raw_spinlock_t *)lock);
	return 0;
}

static int ksb_raw_spin_lock(void *lock)
{
	raw_spin_lock(lock);
	return 0;
}

static int ksb_raw_spin_trylock(void *lock)
{
	return !raw_spin_trylock(lock);
}

static void ksb_raw_spin_unlock(void *lock)
{
	raw_spin_unlock(lock);
}

static int ksb_raw_spin_lock_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_raw_spin_lock, ksb_raw_spin_unlock);
}

static int ksb_raw_spin_trylock_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_raw_spin_trylock, ksb_raw_spin_unlock);
}

const struct ksb_workload ksb_raw_spinlock_ops = {
	.name = "raw_spinlock",
	.kind = KSB_KIND_LOCK,
	.description = "raw_spinlock_t, raw_spin_lock/raw_spin_unlock",
	.rt_note = "unchanged: raw_spinlock_t still spins",
	.max_hold_ns = KSB_HOLD_NS_MAX_ATOMIC,
	.lock_size = sizeof(raw_spinlock_t),
	.lock_init = ksb_raw_spinlock_init,
	.loop = {
		[KSB_ACQ_LOCK] = ksb_raw_spin_lock_loop,
		[KSB_ACQ_TRYLOCK] = ksb_raw_spin_trylock_loop,
	},
};
