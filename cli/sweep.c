// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "sweep.h"

uint64_t sweep_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n) (Lemire's multiply-shift; the bias is below 2^-32). */
static size_t rand_below(uint64_t *state, size_t n)
{
	return (size_t)(((unsigned __int128)sweep_rand(state) * n) >> 64);
}

int sweep_plan(unsigned int nr_workloads, unsigned int nr_cpus,
	       unsigned int repeats, bool shuffle, uint64_t seed,
	       struct sweep_step **steps, size_t *nr)
{
	size_t per_round, total, i, j, r;
	uint64_t state = seed;
	struct sweep_step *s, tmp;

	*steps = NULL;
	*nr = 0;
	if (!nr_workloads || !nr_cpus || !repeats ||
	    __builtin_mul_overflow((size_t)nr_workloads, (size_t)nr_cpus, &per_round) ||
	    __builtin_mul_overflow(per_round, (size_t)repeats, &total))
		return -1;
	s = malloc(total * sizeof(*s));
	if (!s)
		return -1;
	for (i = 0; i < total; i++)
		s[i] = (struct sweep_step) {
			.repeat = (unsigned int)(i / per_round),
			.cpus = (unsigned int)(i / nr_workloads % nr_cpus),
			.workload = (unsigned int)(i % nr_workloads),
		};
	for (r = 0; shuffle && r < repeats; r++) {
		struct sweep_step *round = s + r * per_round;

		/* Fisher-Yates, from the end */
		for (i = per_round; i > 1; i--) {
			j = rand_below(&state, i);
			tmp = round[i - 1];
			round[i - 1] = round[j];
			round[j] = tmp;
		}
	}
	*steps = s;
	*nr = total;
	return 0;
}
