// SPDX-License-Identifier: GPL-2.0
/*
 * Atomic bit operations on one shared word, each worker owning one bit:
 * test_and_set_bit must find its bit clear and test_and_clear_bit must
 * find it set. A non-atomic read-modify-write by a neighbour would lose
 * the bit and show as an ownership violation.
 */
#include <linux/bitops.h>

#include "../shapes/lockfree.h"
#include "workloads.h"

static void ksb_bitops_op(struct ksb_slot *slot, struct ksb_worker *w)
{
	unsigned int bit = w->id % BITS_PER_LONG;

	if (test_and_set_bit(bit, slot->lock))
		w->violations++;
	if (!test_and_clear_bit(bit, slot->lock))
		w->violations++;
}

static int ksb_bitops_loop(struct ksb_worker *w)
{
	return ksb_lockfree_run(w, ksb_bitops_op);
}

const struct ksb_workload ksb_bitops_ops = {
	.name = "bitops",
	.kind = KSB_KIND_LOCKFREE,
	.description = "test_and_set_bit/test_and_clear_bit on an owned bit of a shared word",
	.lock_size = sizeof(unsigned long),
	.loop = { [KSB_ACQ_LOCK] = ksb_bitops_loop },
};
