/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The elements of a points (or skipped) array grouped by their (workload,
 * cpus) key, each group found by a hash lookup: what report, compare and
 * the point order use instead of a scan per key, so that a file of 20,000
 * workloads costs linear time.
 */
#ifndef KSB_POINT_GROUPS_H
#define KSB_POINT_GROUPS_H

#include <stddef.h>
#include <stdint.h>

struct json_object;

struct point_group {
	const char *workload;
	int64_t cpus;
	struct json_object **pts;	/* in the array's order */
	size_t nr;
};

struct point_groups {
	struct json_object *map;	/* key text -> group number */
	struct point_group *g;		/* in order of first appearance */
	size_t nr;
	struct json_object **all;	/* the groups' pts, one after another */
};

/*
 * Groups the objects of array (NULL: none) that have a string workload;
 * 0, or -1 when out of memory.
 */
int point_groups_build(struct point_groups *pg, struct json_object *array);

/* The group of (workload, cpus), or NULL. */
const struct point_group *point_groups_find(const struct point_groups *pg,
					    const char *workload, int64_t cpus);

void point_groups_free(struct point_groups *pg);

/*
 * A name's number in a map (a json-c object used as a hash table): its
 * value if present; else next, recorded, and *next incremented.
 */
size_t name_rank(struct json_object *map, const char *name, size_t *next);

#endif
