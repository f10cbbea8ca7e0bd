// SPDX-License-Identifier: GPL-2.0
/* Points grouped by (workload, cpus) (point_groups.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "json_get.h"
#include "point_groups.h"

/* "2 spinlock": the cpus first, so no workload name can forge a key. */
static const char *key_text(char *buf, size_t len, const char *workload, int64_t cpus)
{
	snprintf(buf, len, "%" PRId64 " %s", cpus, workload);
	return buf;
}

/* A json-c object is a hash table: the map from key text to number. */
size_t name_rank(struct json_object *map, const char *name, size_t *next)
{
	struct json_object *v;

	if (json_object_object_get_ex(map, name, &v))
		return (size_t)json_object_get_int64(v);
	json_object_object_add(map, name, json_object_new_int64((int64_t)*next));
	return (*next)++;
}

static size_t array_len(struct json_object *a)
{
	return json_object_is_type(a, json_type_array) ? json_object_array_length(a) : 0;
}

int point_groups_build(struct point_groups *pg, struct json_object *array)
{
	size_t i, n = array_len(array), gid, *of = calloc(n ? n : 1, sizeof(*of));
	struct json_object *p;
	const char *w;
	char key[4096];

	memset(pg, 0, sizeof(*pg));
	pg->map = json_object_new_object();
	pg->g = calloc(n ? n : 1, sizeof(*pg->g));
	pg->all = calloc(n ? n : 1, sizeof(*pg->all));
	if (!of || !pg->map || !pg->g || !pg->all) {
		free(of);
		point_groups_free(pg);
		return -1;
	}
	for (i = 0; i < n; i++) {
		p = json_object_array_get_idx(array, i);
		w = json_get_str(p, "workload");
		of[i] = SIZE_MAX;
		if (!w)
			continue;
		gid = name_rank(pg->map, key_text(key, sizeof(key), w, json_get_int(p, "cpus")),
				&pg->nr);
		if (!pg->g[gid].nr++) {
			pg->g[gid].workload = w;
			pg->g[gid].cpus = json_get_int(p, "cpus");
		}
		of[i] = gid;
	}
	/* each group's slice of all[], then the points in array order */
	for (gid = 0, i = 0; gid < pg->nr; gid++) {
		pg->g[gid].pts = pg->all + i;
		i += pg->g[gid].nr;
		pg->g[gid].nr = 0;
	}
	for (i = 0; i < n; i++)
		if (of[i] != SIZE_MAX)
			pg->g[of[i]].pts[pg->g[of[i]].nr++] = json_object_array_get_idx(array, i);
	free(of);
	return 0;
}

const struct point_group *point_groups_find(const struct point_groups *pg,
					    const char *workload, int64_t cpus)
{
	struct json_object *v;
	char key[4096];

	if (!workload || !json_object_object_get_ex(pg->map, key_text(key, sizeof(key),
								       workload, cpus), &v))
		return NULL;
	return &pg->g[json_object_get_int64(v)];
}

void point_groups_free(struct point_groups *pg)
{
	json_object_put(pg->map);
	free(pg->g);
	free(pg->all);
	memset(pg, 0, sizeof(*pg));
}
