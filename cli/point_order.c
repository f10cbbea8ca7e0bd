// SPDX-License-Identifier: GPL-2.0
/* Points in report order (point_order.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "json_get.h"
#include "point_groups.h"
#include "point_order.h"

/*
 * Ranks by params.workloads, then by first appearance for workloads the
 * list lacks: one map (point_groups.h) from name to rank.
 */
static struct json_object *ranks_new(struct json_object *doc, size_t *next)
{
	struct json_object *list = json_object_object_get(json_object_object_get(doc, "params"),
							  "workloads");
	struct json_object *ranks = json_object_new_object();
	size_t i, n = json_object_is_type(list, json_type_array) ?
		      json_object_array_length(list) : 0;
	const char *name;

	*next = 0;
	for (i = 0; ranks && i < n; i++) {
		name = json_object_get_string(json_object_array_get_idx(list, i));
		if (name)
			name_rank(ranks, name, next);
	}
	*next = n;
	return ranks;
}

static int ordered_cmp(const void *a, const void *b)
{
	const struct ordered_point *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->cpus != y->cpus)
		return x->cpus < y->cpus ? -1 : 1;
	return (x->repeat > y->repeat) - (x->repeat < y->repeat);
}

struct ordered_point *points_ordered(struct json_object *doc, size_t *n)
{
	struct json_object *points = json_object_object_get(doc, "points"), *ranks;
	size_t i, len = json_object_is_type(points, json_type_array) ? json_object_array_length(points) : 0, next;
	struct ordered_point *op = calloc(len ? len : 1, sizeof(*op));

	*n = 0;
	ranks = ranks_new(doc, &next);
	if (!op || !ranks) {
		free(op);
		json_object_put(ranks);
		return NULL;
	}
	for (i = 0; i < len; i++) {
		op[i].p = json_object_array_get_idx(points, i);
		op[i].workload = json_get_str(op[i].p, "workload");
		op[i].cpus = json_get_int(op[i].p, "cpus");
		op[i].repeat = json_get_int(op[i].p, "repeat");
		/* a point without a name sorts last */
		op[i].rank = op[i].workload ? name_rank(ranks, op[i].workload, &next) : SIZE_MAX;
	}
	json_object_put(ranks);
	qsort(op, len, sizeof(*op), ordered_cmp);
	*n = len;
	return op;
}

size_t points_group_end(const struct ordered_point *op, size_t n, size_t i)
{
	size_t end;

	for (end = i + 1; end < n && op[end].rank == op[i].rank &&
	     op[end].cpus == op[i].cpus; end++)
		;
	return end;
}

size_t points_workload_end(const struct ordered_point *op, size_t n, size_t i)
{
	size_t end;

	for (end = i + 1; end < n && op[end].rank == op[i].rank; end++)
		;
	return end;
}
