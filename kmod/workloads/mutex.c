// SPDX-License-Identifier: GPL-2.0
/* struct mutex: waiters spin optimistically, then sleep. */
#include <linux/mutex.h>

#include "../shapes/lock.h"
#include "workloads.h"

static int ksb_mutex_init(void *lock, const struct ksb_params *p)
{
	mutex_init((struct mutex *)lock);
	return 0;
}

static void ksb_mutex_destroy(void *lock)
{
	mutex_destroy(lock);
}

static int ksb_mutex_lock(void *lock)
{
	mutex_lock(lock);
	return 0;
}

static int ksb_mutex_trylock(void *lock)
{
	return !mutex_trylock(lock);
}

/* Kthreads take no signals, so this fails only if the kernel is broken. */
static int ksb_mutex_lock_interruptible(void *lock)
{
	return mutex_lock_interruptible(lock);
}

static void ksb_mutex_unlock(void *lock)
{
	mutex_unlock(lock);
}

static int ksb_mutex_lock_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_mutex_lock, ksb_mutex_unlock);
}

static int ksb_mutex_trylock_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_mutex_trylock, ksb_mutex_unlock);
}

static int ksb_mutex_lock_interruptible_loop(struct ksb_worker *w)
{
	return ksb_lock_run(w, ksb_mutex_lock_interruptible, ksb_mutex_unlock);
}

const struct ksb_workload ksb_mutex_ops = {
	.name = "mutex",
	.kind = KSB_KIND_LOCK,
	.description = "struct mutex, mutex_lock/mutex_unlock (trylock, interruptible)",
	.rt_note = "struct mutex is rt_mutex-based, with priority inheritance",
	.max_hold_ns = KSB_HOLD_NS_MAX_SLEEP,
	.lock_size = sizeof(struct mutex),
	.lock_init = ksb_mutex_init,
	.lock_destroy = ksb_mutex_destroy,
	.loop = {
		[KSB_ACQ_LOCK] = ksb_mutex_lock_loop,
		[KSB_ACQ_TRYLOCK] = ksb_mutex_trylock_loop,
		[KSB_ACQ_INTERRUPTIBLE] = ksb_mutex_lock_interruptible_loop,
	},
};
