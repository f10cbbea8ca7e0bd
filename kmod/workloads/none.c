// SPDX-License-Identifier: GPL-2.0
/*
 * The negative control: the same critical section with no lock at all. On
 * two or more CPUs the oracle must report violations and lost updates; if
 * it does not, the oracle is blind and no other result can be trusted.
 */
#include "../shapes/lock.h"
#include "workloads.h"

static int ksb_none_lock(void *lock)
{
	return 0;
}

static void ksb_none_unlock(void *lock)
{
}

static int ksb_none_lock_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_none_lock, ksb_none_unlock);
}

const struct ksb_workload ksb_none_ops = {
	.name = "none",
	.kind = KSB_KIND_LOCK,
	.description = "no lock: negative control, the oracle must see races",
	.max_hold_ns = KSB_HOLD_NS_MAX_SLEEP,
	.loop = { [KSB_ACQ_LOCK] = ksb_none_lock_loop },
};
