/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The live progress line of `ksbench run` (on a terminal only), and the
 * events the VM guest's run sends the host so it can show the same line:
 * one text line each over the guest's control port (/dev/ttyS2; vm.h):
 *
 *   run <points>                the run caught its stop signals: the host
 *                               may now pass a Ctrl-C on to it
 *   point <i> <n> <cpus> <repeat> <elapsed_ms> <eta_ms> <workload>
 *                               point i (from 1) of n starts
 *
 * Pure: text in, text out.
 */
#ifndef KSB_PROGRESS_H
#define KSB_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "ksbench_abi.h"

struct progress_point {
	unsigned int index;		/* from 1 */
	unsigned int total;
	unsigned int cpus;
	unsigned int repeat;
	uint64_t elapsed_ms;		/* since the sweep began */
	uint64_t eta_ms;		/* estimated time left */
	char workload[KSB_NAME_MAX];
};

enum progress_event { PROGRESS_NONE, PROGRESS_RUN, PROGRESS_POINT };

/*
 * Time left before point done+1 of total starts: the mean of the points
 * done so far, or point_ms (warm-up + duration) before the first.
 */
uint64_t progress_eta_ms(unsigned int done, unsigned int total,
			 uint64_t elapsed_ms, uint64_t point_ms);

/* "[3/40] mutex, 2 CPUs, repeat 1, 0:12 elapsed, ETA 1:40", after "prefix " if any. */
void progress_text(const struct progress_point *p, const char *prefix,
		   char *buf, size_t len);

/* Cuts text to fit a terminal of cols columns (one left for the cursor); 0: as is. */
void progress_fit(char *text, unsigned int cols);

/* The event lines, newline included. */
void progress_event_run(unsigned int points, char *buf, size_t len);
void progress_event_point(const struct progress_point *p, char *buf, size_t len);

/*
 * One line from the guest: which event, *p filled for a point. Anything
 * else is PROGRESS_NONE; a workload name outside [A-Za-z0-9_] too (it is
 * shown on a terminal).
 */
enum progress_event progress_event_parse(const char *line, struct progress_point *p);

#endif
