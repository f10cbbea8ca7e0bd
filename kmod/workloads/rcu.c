// SPDX-License-Identifier: GPL-2.0
/*
 * RCU: readers dereference a published object under rcu_read_lock();
 * writers, serialized by a mutex, publish a new copy with
 * rcu_assign_pointer() and free the old one after a grace period, through
 * synchronize_rcu() or call_rcu() (rcu_sync). A freed object is poisoned
 * first, so a reader that outlives its grace period sees the poison; a
 * torn object shows as two fields that differ.
 */
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "../shapes/rw.h"
#include "workloads.h"

#define KSB_RCU_LIVE	0x6b73622d6c697665UL	/* "ksb-live" */
#define KSB_RCU_POISON	0x6b73622d64656164UL	/* "ksb-dead" */

struct ksb_rcu_obj {
	unsigned long magic;
	unsigned long first;
	unsigned long second;
	struct rcu_head rcu;
};

struct ksb_rcu {
	struct mutex writer;	/* writers publish one at a time */
	struct ksb_rcu_obj __rcu *current_obj;
};

static struct ksb_rcu_obj *ksb_rcu_obj_new(unsigned long value)
{
	struct ksb_rcu_obj *obj = kmalloc(sizeof(*obj), GFP_KERNEL);

	if (obj) {
		obj->magic = KSB_RCU_LIVE;
		obj->first = value;
		obj->second = value;
	}
	return obj;
}

static void ksb_rcu_obj_free(struct ksb_rcu_obj *obj)
{
	WRITE_ONCE(obj->magic, KSB_RCU_POISON);
	kfree(obj);
}

static void ksb_rcu_obj_free_cb(struct rcu_head *rcu)
{
	ksb_rcu_obj_free(container_of(rcu, struct ksb_rcu_obj, rcu));
}

static int ksb_rcu_init(void *lock, const struct ksb_params *p)
{
	struct ksb_rcu *r = lock;
	struct ksb_rcu_obj *obj = ksb_rcu_obj_new(0);

	if (!obj)
		return -ENOMEM;
	mutex_init(&r->writer);
	RCU_INIT_POINTER(r->current_obj, obj);
	return 0;
}

/* Runs after every worker stopped and after quiesce: no reader is left. */
static void ksb_rcu_destroy(void *lock)
{
	struct ksb_rcu *r = lock;

	ksb_rcu_obj_free(rcu_dereference_protected(r->current_obj, true));
	mutex_destroy(&r->writer);
}

/* Callbacks still queued by call_rcu() run module code: wait for them. */
static void ksb_rcu_quiesce(struct ksb_run *run)
{
	rcu_barrier();
}

static void ksb_rcu_read(struct ksb_slot *slot, struct ksb_worker *w)
{
	struct ksb_rcu *r = slot->lock;
	struct ksb_rcu_obj *obj;
	unsigned long first;
	bool intact;

	rcu_read_lock();
	obj = rcu_dereference(r->current_obj);
	first = READ_ONCE(obj->first);
	ksb_busy_ns(w->run->p.hold_ns);
	/* Checked last: a grace period that ended too soon poisoned it. */
	intact = READ_ONCE(obj->second) == first &&
		 READ_ONCE(obj->magic) == KSB_RCU_LIVE;
	rcu_read_unlock();
	if (!intact)
		w->violations++;
}

static void ksb_rcu_write(struct ksb_slot *slot, struct ksb_worker *w)
{
	struct ksb_run *run = w->run;
	struct ksb_rcu *r = slot->lock;
	struct ksb_rcu_obj *old, *obj;

	mutex_lock(&r->writer);
	old = rcu_dereference_protected(r->current_obj,
					lockdep_is_held(&r->writer));
	obj = ksb_rcu_obj_new(old->first + 1);
	if (!obj) {
		mutex_unlock(&r->writer);
		w->failures[READ_ONCE(run->phase)]++;
		return;
	}
	ksb_excl_enter(slot->shared, w);
	ksb_touch_lines(slot->shared, run->p.cs_lines);
	ksb_busy_ns(run->p.hold_ns);
	ksb_excl_exit(slot->shared, w);
	rcu_assign_pointer(r->current_obj, obj);
	mutex_unlock(&r->writer);

	if (run->p.rcu_sync == KSB_RCU_CALL) {
		call_rcu(&old->rcu, ksb_rcu_obj_free_cb);
	} else {
		synchronize_rcu();
		ksb_rcu_obj_free(old);
	}
}

static int ksb_rcu_loop(struct ksb_worker *w)
{
	return ksb_rw_run(w, ksb_rcu_read, ksb_rcu_write);
}

const struct ksb_workload ksb_rcu_ops = {
	.name = "rcu",
	.kind = KSB_KIND_RW,
	.description = "rcu_read_lock readers; writers publish a copy, free after a grace period",
	.max_hold_ns = KSB_HOLD_NS_MAX_ATOMIC,
	.lock_size = sizeof(struct ksb_rcu),
	.lock_init = ksb_rcu_init,
	.lock_destroy = ksb_rcu_destroy,
	.quiesce = ksb_rcu_quiesce,
	.loop = { [KSB_ACQ_LOCK] = ksb_rcu_loop },
};
