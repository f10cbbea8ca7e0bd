/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The order in which `ksbench run` measures its points. Pure.
 *
 * Repeats are outermost: round r runs every (CPU count, workload) pair
 * once before round r + 1 starts, so a slow drift of the machine (heat,
 * a neighbour, a growing page cache) spreads over every point alike
 * instead of landing on the last workload. Within a round the plain order
 * is CPU count by CPU count, workload by workload, as given. With shuffle
 * each round is a permutation of that order drawn from a PRNG seeded with
 * the run's seed, so a workload is not always measured right after the
 * same other one (a lock that leaves the caches or the scheduler in some
 * state would otherwise bias its successor the same way every round).
 * The same seed gives the same order on every machine.
 */
#ifndef KSB_SWEEP_H
#define KSB_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sweep_step {
	unsigned int repeat;	/* the round */
	unsigned int cpus;	/* index into the CPU counts */
	unsigned int workload;	/* index into the workloads */
};

/*
 * The whole plan: repeats * nr_cpus * nr_workloads steps into *steps
 * (malloc'ed; the caller frees it), round by round. -1 when a count is 0,
 * the total overflows or memory runs out.
 */
int sweep_plan(unsigned int nr_workloads, unsigned int nr_cpus,
	       unsigned int repeats, bool shuffle, uint64_t seed,
	       struct sweep_step **steps, size_t *nr);

/*
 * splitmix64 (Steele, Lea and Flood 2014): the PRNG of the shuffle, a
 * 64-bit state advanced by a constant and mixed. Exposed for the tests.
 */
uint64_t sweep_rand(uint64_t *state);

#endif
