// SPDX-License-Identifier: GPL-2.0
/* spinlock_t: spin_lock()/spin_unlock(); a sleeping lock on PREEMPT_RT. */
#include <linux/spinlock.h>

#include "workloads.h"

static DEFINE_SPINLOCK(ksb_spinlock);

static void ksb_spinlock_lock(struct ksb_worker *w)
{
	spin_lock(&ksb_spinlock);
}

static void ksb_spinlock_unlock(struct ksb_worker *w)
{
	spin_unlock(&ksb_spinlock);
}

const struct ksb_workload ksb_spinlock_ops = {
	.name = "spinlock",
	.kind = KSB_KIND_LOCK,
	.description = "spinlock_t, spin_lock/spin_unlock",
	/* Waiters spin with preemption off. */
	.max_hold_ns = KSB_HOLD_NS_MAX_ATOMIC,
	.lock = ksb_spinlock_lock,
	.unlock = ksb_spinlock_unlock,
};
