/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The correctness oracle run inside every critical section. Entering
 * checks that nobody else owns the section and bumps a counter with a
 * plain load and store; leaving checks that the mark is still ours. A lock
 * that lets two CPUs in shows as violations and as lost counter updates.
 */
#ifndef KSBENCH_ORACLE_H
#define KSBENCH_ORACLE_H

#include <linux/compiler.h>

#include "ksbench.h"

static __always_inline void ksb_oracle_enter(struct ksb_oracle *o,
					     struct ksb_worker *w)
{
	if (READ_ONCE(o->owner) != KSB_NO_OWNER)
		w->violations++;
	WRITE_ONCE(o->owner, w->id);
	/* Not atomic on purpose: lost updates reveal a broken lock. */
	WRITE_ONCE(o->counter, READ_ONCE(o->counter) + 1);
}

static __always_inline void ksb_oracle_exit(struct ksb_oracle *o,
					    struct ksb_worker *w)
{
	if (READ_ONCE(o->owner) != w->id)
		w->violations++;
	WRITE_ONCE(o->owner, KSB_NO_OWNER);
}

#endif
