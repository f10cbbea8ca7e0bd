// SPDX-License-Identifier: GPL-2.0
/* struct rt_mutex: priority-inheriting sleeping lock. */
#include <linux/rtmutex.h>

#include "../shapes/lock.h"
#include "workloads.h"

static int ksb_rt_mutex_init(void *lock, const struct ksb_params *p)
{
	rt_mutex_init((struct rt_mutex *)lock);
	return 0;
}

static int ksb_rt_mutex_lock(void *lock)
{
	rt_mutex_lock(lock);
	return 0;
}

static int ksb_rt_mutex_trylock(void *lock)
{
	return !rt_mutex_trylock(lock);
}

static int ksb_rt_mutex_lock_interruptible(void *lock)
{
	return rt_mutex_lock_interruptible(lock);
}

static void ksb_rt_mutex_unlock(void *lock)
{
	rt_mutex_unlock(lock);
}

static int ksb_rt_mutex_lock_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_rt_mutex_lock, ksb_rt_mutex_unlock);
}

static int ksb_rt_mutex_trylock_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_rt_mutex_trylock, ksb_rt_mutex_unlock);
}

static int ksb_rt_mutex_lock_interruptible_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_rt_mutex_lock_interruptible, ksb_rt_mutex_unlock);
}

const struct ksb_workload ksb_rt_mutex_ops = {
	.name = "rt_mutex",
	.kind = KSB_KIND_LOCK,
	.description = "struct rt_mutex, rt_mutex_lock/rt_mutex_unlock (trylock, interruptible)",
	.max_hold_ns = KSB_HOLD_NS_MAX_SLEEP,
	.lock_size = sizeof(struct rt_mutex),
	.lock_init = ksb_rt_mutex_init,
	.loop = {
		[KSB_ACQ_LOCK] = ksb_rt_mutex_lock_loop,
		[KSB_ACQ_TRYLOCK] = ksb_rt_mutex_trylock_loop,
		[KSB_ACQ_INTERRUPTIBLE] = ksb_rt_mutex_lock_interruptible_loop,
	},
};
