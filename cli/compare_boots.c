// SPDX-License-Identifier: GPL-2.0
/*
 * The boot as compare's unit of replication (compare.h): a side's
 * values grouped by the boot that measured them, each boot's median, and
 * which unit a row is tested in. docs/compare.md says why boot medians
 * and Mann-Whitney over them.
 */
#include <stdlib.h>

#include <json-c/json.h>

#include "boot_groups.h"
#include "compare.h"

const char *compare_unit_name(enum compare_unit u)
{
	return u == COMPARE_UNIT_BOOT ? "boot" : "repeat";
}

int compare_side_boots(struct compare_side *s)
{
	struct boot_median *bm;
	size_t i, nr;

	if (boot_medians(s->values, s->boots, s->n, &bm, &nr))
		return -1;
	s->boot_ids = malloc((nr ? nr : 1) * sizeof(*s->boot_ids));
	s->boot_n = malloc((nr ? nr : 1) * sizeof(*s->boot_n));
	s->boot_values = malloc((nr ? nr : 1) * sizeof(*s->boot_values));
	if (!s->boot_ids || !s->boot_n || !s->boot_values) {
		free(bm);
		return -1;
	}
	for (i = 0; i < nr; i++) {
		s->boot_ids[i] = bm[i].boot;
		s->boot_n[i] = bm[i].n;
		s->boot_values[i] = bm[i].median;
	}
	s->nr_boots = nr;
	s->boot_median = boot_median_of(s->boot_values, nr);
	free(bm);
	return 0;
}

enum compare_unit compare_unit_of(const struct compare_side *base,
				  const struct compare_side *other)
{
	return base->nr_boots >= 2 && other->nr_boots >= 2 ? COMPARE_UNIT_BOOT :
							     COMPARE_UNIT_REPEAT;
}

static int int64_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

unsigned int compare_doc_boots(struct json_object *doc)
{
	struct json_object *points = json_object_object_get(doc, "points");
	size_t i, n = json_object_is_type(points, json_type_array) ?
		      json_object_array_length(points) : 0;
	int64_t *b = malloc((n ? n : 1) * sizeof(*b));
	unsigned int distinct = 0;

	if (!b)
		return 1;
	for (i = 0; i < n; i++)
		b[i] = boot_of(json_object_array_get_idx(points, i));
	qsort(b, n, sizeof(*b), int64_cmp);
	for (i = 0; i < n; i++)
		distinct += !i || b[i] != b[i - 1];
	free(b);
	return distinct ? distinct : 1;
}
