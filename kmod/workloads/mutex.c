// SPDX-License-Identifier: GPL-2.0
/* struct mutex: mutex_lock()/mutex_unlock(); waiters may sleep. */
#include <linux/mutex.h>

#include "workloads.h"

static DEFINE_MUTEX(ksb_mutex);

static void ksb_mutex_lock(struct ksb_worker *w)
{
	mutex_lock(&ksb_mutex);
}

static void ksb_mutex_unlock(struct ksb_worker *w)
{
	mutex_unlock(&ksb_mutex);
}

const struct ksb_workload ksb_mutex_ops = {
	.name = "mutex",
	.kind = KSB_KIND_LOCK,
	.description = "struct mutex, mutex_lock/mutex_unlock",
	.max_hold_ns = KSB_HOLD_NS_MAX_SLEEP,
	.lock = ksb_mutex_lock,
	.unlock = ksb_mutex_unlock,
};
