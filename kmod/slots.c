// SPDX-License-Identifier: GPL-2.0
/*
 * The locks a run contends on and the data each protects. Lock objects and
 * their data live on cache lines of their own, so the only sharing a run
 * measures is the sharing the workload asks for.
 */
#include <linux/cache.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "ksbench.h"

/* Power-of-two sizes come back naturally aligned from kmalloc and vmalloc. */
static void *ksb_zalloc_aligned(size_t size)
{
	return kvzalloc(roundup_pow_of_two(size), GFP_KERNEL);
}

static size_t ksb_lock_stride(const struct ksb_run *run)
{
	return ALIGN(max_t(size_t, run->p.workload->lock_size, 1),
		     L1_CACHE_BYTES);
}

static size_t ksb_shared_stride(const struct ksb_run *run)
{
	return sizeof(struct ksb_shared) + run->p.cs_lines * L1_CACHE_BYTES;
}

int ksb_slots_alloc(struct ksb_run *run)
{
	const struct ksb_workload *wl = run->p.workload;
	size_t lock_stride = ksb_lock_stride(run);
	size_t shared_stride = ksb_shared_stride(run);
	unsigned int i;
	int err;

	run->slots = kcalloc(run->p.nr_locks, sizeof(*run->slots), GFP_KERNEL);
	run->lock_mem = ksb_zalloc_aligned(lock_stride * run->p.nr_locks);
	run->shared_mem = ksb_zalloc_aligned(shared_stride * run->p.nr_locks);
	if (!run->slots || !run->lock_mem || !run->shared_mem) {
		run->p.nr_locks = 0;	/* nothing to destroy */
		return -ENOMEM;
	}

	for (i = 0; i < run->p.nr_locks; i++) {
		struct ksb_slot *slot = &run->slots[i];

		slot->lock = run->lock_mem + i * lock_stride;
		slot->shared = run->shared_mem + i * shared_stride;
		slot->shared->owner = KSB_NO_OWNER;
		if (wl->lock_init) {
			err = wl->lock_init(slot->lock, &run->p);
			if (err) {
				/* Only the ones set up so far get destroyed. */
				run->p.nr_locks = i;
				return err;
			}
		}
	}
	return 0;
}

void ksb_slots_free(struct ksb_run *run)
{
	const struct ksb_workload *wl = run->p.workload;
	unsigned int i;

	if (run->slots && wl->lock_destroy)
		for (i = 0; i < run->p.nr_locks; i++)
			wl->lock_destroy(run->slots[i].lock);
	kvfree(run->shared_mem);
	kvfree(run->lock_mem);
	kfree(run->slots);
}
