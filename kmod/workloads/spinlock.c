// SPDX-License-Identifier: GPL-2.0
/*
 * spinlock_t in its four forms: plain, _irq, _irqsave and _bh. Waiters
 * spin with preemption off (and interrupts or softirqs off for the other
 * forms), so the hold is bounded to the atomic limit.
 */
#include <linux/spinlock.h>

#include "../shapes/lock.h"
#include "workloads.h"

/* _irqsave keeps the owner's flags next to the lock it saved them for. */
struct ksb_spinlock {
	spinlock_t lock;	/* the lock contended on */
	unsigned long flags;
};

static int ksb_spinlock_init(void *lock, const struct ksb_params *p)
{
	spin_lock_init(&((struct ksb_spinlock *)lock)->lock);
	return 0;
}

static int ksb_spin_lock(void *lock)
{
	spin_lock(lock);
	return 0;
}

static int ksb_spin_trylock(void *lock)
{
	return !spin_trylock(lock);
}

static void ksb_spin_unlock(void *lock)
{
	spin_unlock(lock);
}

static int ksb_spin_lock_irq(void *lock)
{
	spin_lock_irq(lock);
	return 0;
}

static void ksb_spin_unlock_irq(void *lock)
{
	spin_unlock_irq(lock);
}

static int ksb_spin_lock_irqsave(void *lock)
{
	struct ksb_spinlock *l = lock;
	unsigned long flags;

	spin_lock_irqsave(&l->lock, flags);
	l->flags = flags;
	return 0;
}

static void ksb_spin_unlock_irqrestore(void *lock)
{
	struct ksb_spinlock *l = lock;

	spin_unlock_irqrestore(&l->lock, l->flags);
}

static int ksb_spin_lock_bh(void *lock)
{
	spin_lock_bh(lock);
	return 0;
}

static void ksb_spin_unlock_bh(void *lock)
{
	spin_unlock_bh(lock);
}

#define KSB_SPINLOCK_COMMON					\
	.kind = KSB_KIND_LOCK,					\
	.max_hold_ns = KSB_HOLD_NS_MAX_ATOMIC,			\
	.lock_size = sizeof(struct ksb_spinlock),		\
	.lock_init = ksb_spinlock_init

static int ksb_spin_lock_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_spin_lock, ksb_spin_unlock);
}

static int ksb_spin_trylock_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_spin_trylock, ksb_spin_unlock);
}

const struct ksb_workload ksb_spinlock_ops = {
	KSB_SPINLOCK_COMMON,
	.name = "spinlock",
	.description = "spinlock_t, spin_lock/spin_unlock (trylock: spin_trylock)",
	.rt_note = "spinlock_t is a sleeping rt_mutex-based lock",
	.loop = {
		[KSB_ACQ_LOCK] = ksb_spin_lock_loop,
		[KSB_ACQ_TRYLOCK] = ksb_spin_trylock_loop,
	},
};

static int ksb_spin_lock_irq_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_spin_lock_irq, ksb_spin_unlock_irq);
}

const struct ksb_workload ksb_spinlock_irq_ops = {
	KSB_SPINLOCK_COMMON,
	.name = "spinlock_irq",
	.description = "spinlock_t, spin_lock_irq/spin_unlock_irq",
	.rt_note = "spinlock_t sleeps and _irq leaves interrupts enabled",
	.loop = { [KSB_ACQ_LOCK] = ksb_spin_lock_irq_loop },
};

static int ksb_spin_lock_irqsave_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_spin_lock_irqsave, ksb_spin_unlock_irqrestore);
}

const struct ksb_workload ksb_spinlock_irqsave_ops = {
	KSB_SPINLOCK_COMMON,
	.name = "spinlock_irqsave",
	.description = "spinlock_t, spin_lock_irqsave/spin_unlock_irqrestore",
	.rt_note = "spinlock_t sleeps and _irqsave leaves interrupts enabled",
	.loop = { [KSB_ACQ_LOCK] = ksb_spin_lock_irqsave_loop },
};

static int ksb_spin_lock_bh_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_spin_lock_bh, ksb_spin_unlock_bh);
}

const struct ksb_workload ksb_spinlock_bh_ops = {
	KSB_SPINLOCK_COMMON,
	.name = "spinlock_bh",
	.description = "spinlock_t, spin_lock_bh/spin_unlock_bh",
	.rt_note = "spinlock_t sleeps; _bh takes a per-CPU softirq lock",
	.loop = { [KSB_ACQ_LOCK] = ksb_spin_lock_bh_loop },
};
