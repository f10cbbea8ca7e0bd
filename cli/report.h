/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The human summary of a result document: what `ksbench run` prints at the
 * end and `ksbench show` prints for a file. Reads only validated documents
 * (result_validate).
 */
#ifndef KSB_REPORT_H
#define KSB_REPORT_H

#include <stddef.h>
#include <stdio.h>

struct json_object;

/* report_print's flags */
#define REPORT_POINTS	1u	/* every point's counters too */

/*
 * Header (kernel, target, the knobs not at their default), then the
 * summary (the document's, or one computed as summary.h does for files
 * without it): one throughput row per (workload, CPU count) with its
 * spread and notes, and in latency mode one table of percentiles per
 * histogram and the clock's cost. REPORT_POINTS adds the table of every
 * point, which is also what a file whose summary cannot be made shows.
 */
void report_print(FILE *out, struct json_object *doc, unsigned int flags);

/*
 * One line per point whose oracle verdict is `fail`, each starting with
 * prefix; returns how many there were.
 */
unsigned int report_oracle_failures(FILE *out, struct json_object *doc,
				    const char *prefix);

/* 950 -> "950", 20479155.5 -> "20.5M": three significant digits. */
void report_rate(double ops_s, char *buf, size_t len);

/* 850.5 -> "850ns", 2193.5 -> "2.19us", 1.1e8 -> "110ms", NAN -> "-". */
void report_ns(double ns, char *buf, size_t len);

#endif
