// SPDX-License-Identifier: GPL-2.0
/*
 * struct semaphore: binary with sem_count 1 (the exclusive oracle), or K
 * slots with sem_count K (the counting oracle: never more than K inside).
 */
#include <linux/semaphore.h>

#include "../shapes/lock.h"
#include "workloads.h"

static int ksb_semaphore_init(void *lock, const struct ksb_params *p)
{
	sema_init(lock, p->sem_count);
	return 0;
}

static int ksb_down(void *lock)
{
	down(lock);
	return 0;
}

static int ksb_down_trylock(void *lock)
{
	return down_trylock(lock);
}

static int ksb_down_interruptible(void *lock)
{
	return down_interruptible(lock);
}

static void ksb_up(void *lock)
{
	up(lock);
}

static int ksb_down_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_down, ksb_up);
}

static int ksb_down_trylock_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_down_trylock, ksb_up);
}

static int ksb_down_interruptible_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_down_interruptible, ksb_up);
}

const struct ksb_workload ksb_semaphore_ops = {
	.name = "semaphore",
	.kind = KSB_KIND_LOCK,
	.description = "struct semaphore, down/up; sem_count K > 1 gives K slots",
	.max_hold_ns = KSB_HOLD_NS_MAX_SLEEP,
	.counting = true,
	.lock_size = sizeof(struct semaphore),
	.lock_init = ksb_semaphore_init,
	.loop = {
		[KSB_ACQ_LOCK] = ksb_down_loop,
		[KSB_ACQ_TRYLOCK] = ksb_down_trylock_loop,
		[KSB_ACQ_INTERRUPTIBLE] = ksb_down_interruptible_loop,
	},
};
