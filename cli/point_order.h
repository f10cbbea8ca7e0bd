/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A document's points in the order summaries, tables and charts list
 * them: by workload (params.workloads order, then others as first seen),
 * CPU count, repeat; so each (workload, CPUs) group is contiguous.
 */
#ifndef KSB_POINT_ORDER_H
#define KSB_POINT_ORDER_H

#include <stddef.h>
#include <stdint.h>

struct json_object;

struct ordered_point {
	struct json_object *p;
	const char *workload;
	int64_t cpus, repeat;
	size_t rank;		/* the workload's place in that order */
};

/* The points sorted; *n of them. NULL (and *n 0) when out of memory; free() it. */
struct ordered_point *points_ordered(struct json_object *doc, size_t *n);

/* The end of the (workload, CPUs) group that starts at i. */
size_t points_group_end(const struct ordered_point *op, size_t n, size_t i);

/* The end of the workload that starts at i. */
size_t points_workload_end(const struct ordered_point *op, size_t n, size_t i);

#endif
