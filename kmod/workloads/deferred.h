/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What workqueue and tasklet share: one deferred item per worker CPU, and
 * the rule that picks the CPU a round runs on: the signaller's own when it
 * is alone (same-CPU handoff), else the other workers' in turn.
 */
#ifndef KSBENCH_DEFERRED_H
#define KSBENCH_DEFERRED_H

#include "../shapes/handoff.h"

static inline unsigned int ksb_deferred_target(const struct ksb_run *run,
					       u64 round)
{
	if (run->nr_workers == 1)
		return 0;
	return 1 + round % (run->nr_workers - 1);
}

#endif
