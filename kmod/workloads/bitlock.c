// SPDX-License-Identifier: GPL-2.0
/* A lock in one bit of a word: bit_spin_lock/bit_spin_unlock. */
/*
 * bit_spinlock.h calls cpu_relax() and preempt_disable() without including
 * their headers in 6.12 (earlier kernels got them through other headers).
 */
#include <linux/preempt.h>
#include <linux/processor.h>
#include <linux/bit_spinlock.h>

#include "../shapes/lock.h"
#include "workloads.h"

#define KSB_LOCK_BIT	0

static int ksb_bit_spin_lock(void *lock)
{
	bit_spin_lock(KSB_LOCK_BIT, lock);
	return 0;
}

static int ksb_bit_spin_trylock(void *lock)
{
	return !bit_spin_trylock(KSB_LOCK_BIT, lock);
}

static void ksb_bit_spin_unlock(void *lock)
{
	bit_spin_unlock(KSB_LOCK_BIT, lock);
}

static int ksb_bit_spin_lock_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_bit_spin_lock, ksb_bit_spin_unlock);
}

static int ksb_bit_spin_trylock_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_bit_spin_trylock, ksb_bit_spin_unlock);
}

const struct ksb_workload ksb_bitlock_ops = {
	.name = "bitlock",
	.kind = KSB_KIND_LOCK,
	.description = "bit_spin_lock/bit_spin_unlock on bit 0 of a word (trylock)",
	.rt_note = "unchanged: bit_spin_lock still spins with preemption off",
	.max_hold_ns = KSB_HOLD_NS_MAX_ATOMIC,
	.lock_size = sizeof(unsigned long),
	.loop = {
		[KSB_ACQ_LOCK] = ksb_bit_spin_lock_loop,
		[KSB_ACQ_TRYLOCK] = ksb_bit_spin_trylock_loop,
	},
};
