/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The correctness oracles, one per kind of guarantee, run inside the
 * measured sections. A primitive that fails its guarantee shows up in
 * w->violations and, for the plain counter, as lost updates at the end.
 */
#ifndef KSBENCH_ORACLE_H
#define KSBENCH_ORACLE_H

#include <linux/atomic.h>
#include <linux/compiler.h>

#include "busy.h"
#include "ksbench.h"

/* Writes the critical section's extra cache lines (--cs-lines). */
static __always_inline void ksb_touch_lines(struct ksb_shared *s,
					    unsigned int nr_lines)
{
	unsigned int i;

	for (i = 0; i < nr_lines; i++)
		WRITE_ONCE(s->lines[i][0], s->lines[i][0] + 1);
}

/*
 * Mutual exclusion: nobody else's mark on entry, ours still there on exit,
 * and a counter bumped with a plain load and store (not atomic on purpose:
 * lost updates reveal a broken lock).
 */
static __always_inline void ksb_excl_enter(struct ksb_shared *s,
					   struct ksb_worker *w)
{
	if (READ_ONCE(s->owner) != KSB_NO_OWNER)
		w->violations++;
	WRITE_ONCE(s->owner, w->id);
	WRITE_ONCE(s->counter, READ_ONCE(s->counter) + 1);
}

static __always_inline void ksb_excl_exit(struct ksb_shared *s,
					  struct ksb_worker *w)
{
	if (READ_ONCE(s->owner) != w->id)
		w->violations++;
	WRITE_ONCE(s->owner, KSB_NO_OWNER);
}

/* K-slot exclusion: never more than @limit inside; the peak is recorded. */
static __always_inline void ksb_count_enter(struct ksb_shared *s,
					    struct ksb_worker *w, u64 limit)
{
	u64 inside = atomic_inc_return(&s->inside);

	if (inside > limit)
		w->violations++;
	if (inside > w->max_inside)
		w->max_inside = inside;
}

static __always_inline void ksb_count_exit(struct ksb_shared *s)
{
	atomic_dec(&s->inside);
}

/*
 * Readers must never see a writer at work. A writer, holding exclusion
 * among writers, moves 'first' on, holds, then makes 'second' match; a
 * reader that finds them different, or finds 'first' moved during its
 * section, overlapped a writer. Readers only read shared memory, so the
 * check does not change how a read-side primitive scales.
 */
static __always_inline void ksb_write_section(struct ksb_shared *s,
					      struct ksb_worker *w,
					      u64 hold_ns, unsigned int lines)
{
	unsigned long next = READ_ONCE(s->first) + 1;

	ksb_excl_enter(s, w);
	WRITE_ONCE(s->first, next);
	ksb_touch_lines(s, lines);
	ksb_busy_ns(hold_ns);
	WRITE_ONCE(s->second, next);
	ksb_excl_exit(s, w);
}

/* Returns true when the snapshot was consistent. */
static __always_inline bool ksb_read_snapshot(const struct ksb_shared *s,
					      u64 hold_ns)
{
	unsigned long first = READ_ONCE(s->first);
	unsigned long second = READ_ONCE(s->second);

	ksb_busy_ns(hold_ns);
	return first == second && READ_ONCE(s->first) == first;
}

#endif
