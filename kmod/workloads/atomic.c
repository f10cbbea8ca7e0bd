// SPDX-License-Identifier: GPL-2.0
/*
 * Atomic read-modify-writes on one shared word: atomic_inc, a CAS loop on
 * atomic_cmpxchg (failed compares counted as retries), and atomic64_inc.
 * The oracle: the final value equals the increments the workers counted.
 */
#include <linux/atomic.h>

#include "../shapes/lockfree.h"
#include "workloads.h"

static void ksb_atomic_inc_op(struct ksb_slot *slot, struct ksb_worker *w)
{
	atomic_inc(slot->lock);
}

static void ksb_atomic_cmpxchg_op(struct ksb_slot *slot, struct ksb_worker *w)
{
	atomic_t *v = slot->lock;
	int old = atomic_read(v), seen;

	while ((seen = atomic_cmpxchg(v, old, old + 1)) != old) {
		w->retries[READ_ONCE(w->run->phase)]++;
		old = seen;
	}
}

/* 32-bit counters wrap; the oracle compares modulo 2^32 (see count). */
static u64 ksb_atomic_count(struct ksb_slot *slot)
{
	return (u32)atomic_read(slot->lock);
}

static void ksb_atomic64_inc_op(struct ksb_slot *slot, struct ksb_worker *w)
{
	atomic64_inc(slot->lock);
}

static u64 ksb_atomic64_count(struct ksb_slot *slot)
{
	return atomic64_read(slot->lock);
}

static int ksb_atomic_inc_loop(struct ksb_worker *w)
{
	return ksb_lockfree_run(w, ksb_atomic_inc_op);
}

const struct ksb_workload ksb_atomic_inc_ops = {
	.name = "atomic_inc",
	.kind = KSB_KIND_LOCKFREE,
	.description = "atomic_inc on one shared atomic_t",
	.lock_size = sizeof(atomic_t),
	.loop = { [KSB_ACQ_LOCK] = ksb_atomic_inc_loop },
	.count = ksb_atomic_count,
	.count_bits = 32,
};

static int ksb_atomic_cmpxchg_loop(struct ksb_worker *w)
{
	return ksb_lockfree_run(w, ksb_atomic_cmpxchg_op);
}

const struct ksb_workload ksb_atomic_cmpxchg_ops = {
	.name = "atomic_cmpxchg",
	.kind = KSB_KIND_LOCKFREE,
	.description = "increment by atomic_cmpxchg loop; failed compares are retries",
	.lock_size = sizeof(atomic_t),
	.loop = { [KSB_ACQ_LOCK] = ksb_atomic_cmpxchg_loop },
	.count = ksb_atomic_count,
	.count_bits = 32,
};

static int ksb_atomic64_inc_loop(struct ksb_worker *w)
{
	return ksb_lockfree_run(w, ksb_atomic64_inc_op);
}

const struct ksb_workload ksb_atomic64_inc_ops = {
	.name = "atomic64_inc",
	.kind = KSB_KIND_LOCKFREE,
	.description = "atomic64_inc on one shared atomic64_t",
	.lock_size = sizeof(atomic64_t),
	.loop = { [KSB_ACQ_LOCK] = ksb_atomic64_inc_loop },
	.count = ksb_atomic64_count,
};
