// SPDX-License-Identifier: GPL-2.0
/* The boots of a result file, read side (boot_groups.h). */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "boot_groups.h"
#include "json_get.h"

int64_t boot_of(struct json_object *point)
{
	struct json_object *v;

	if (!json_object_object_get_ex(point, "boot", &v) || !json_object_is_type(v, json_type_int))
		return 0;
	return json_object_get_int64(v);
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double boot_median_of(const double *x, size_t n)
{
	double *s, m;

	if (!n)
		return NAN;
	s = malloc(n * sizeof(*s));
	if (!s)
		return NAN;
	memcpy(s, x, n * sizeof(*s));
	qsort(s, n, sizeof(*s), dbl_cmp);
	m = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	free(s);
	return m;
}

struct tagged {
	int64_t boot;
	double v;
};

static int tagged_cmp(const void *a, const void *b)
{
	const struct tagged *x = a, *y = b;

	if (x->boot != y->boot)
		return x->boot < y->boot ? -1 : 1;
	return dbl_cmp(&x->v, &y->v);
}

int boot_medians(const double *values, const int64_t *boots, size_t n,
		 struct boot_median **out, size_t *nr)
{
	struct tagged *t = malloc((n ? n : 1) * sizeof(*t));
	struct boot_median *bm = malloc((n ? n : 1) * sizeof(*bm));
	size_t i, start, k = 0, len;

	*out = NULL;
	*nr = 0;
	if (!t || !bm) {
		free(t);
		free(bm);
		return -1;
	}
	for (i = 0; i < n; i++)
		t[i] = (struct tagged) { boots[i], values[i] };
	qsort(t, n, sizeof(*t), tagged_cmp);
	for (start = 0; start < n; start = i) {
		for (i = start; i < n && t[i].boot == t[start].boot; i++)
			;
		len = i - start;
		/* sorted by value within the boot: the middle one(s) */
		bm[k++] = (struct boot_median) {
			.boot = t[start].boot, .n = len,
			.median = len % 2 ? t[start + len / 2].v :
					    (t[start + len / 2 - 1].v + t[start + len / 2].v) / 2,
		};
	}
	free(t);
	*out = bm;
	*nr = k;
	return 0;
}

/* The boots "boots" lists, as flags over 1..BOOT_ID_MAX; -1 on a repeat. */
static int listed_boots(struct json_object *records, int64_t max, bool *listed,
			char *err, size_t errlen)
{
	struct json_object *r;
	int64_t b;
	size_t i;

	for (i = 0; i < json_object_array_length(records); i++) {
		r = json_object_array_get_idx(records, i);
		b = json_get_int(r, "boot");
		if (!json_object_object_get_ex(r, "boot", NULL)) {
			snprintf(err, errlen, "not a valid ksbench result: a boot record without "
				 "\"boot\" at boots[%zu]", i);
			return -1;
		}
		if (max && b > max) {
			snprintf(err, errlen, "not a valid ksbench result: boot %lld is beyond "
				 "params.boots (%lld) at boots[%zu].boot", (long long)b,
				 (long long)max, i);
			return -1;
		}
		if (listed[b]) {
			snprintf(err, errlen, "not a valid ksbench result: boot %lld is recorded "
				 "twice at boots[%zu].boot", (long long)b, i);
			return -1;
		}
		listed[b] = true;
	}
	return 0;
}

/* Every point has a boot or none has, within params.boots, each listed. */
static int check_points(struct json_object *points, const bool *listed, bool has_records,
			int64_t max, char *err, size_t errlen)
{
	size_t i, n = json_object_array_length(points), with = 0;
	int64_t b;

	for (i = 0; i < n; i++)
		with += boot_of(json_object_array_get_idx(points, i)) > 0;
	for (i = 0; i < n; i++) {
		b = boot_of(json_object_array_get_idx(points, i));
		if (!b && (with || has_records)) {
			snprintf(err, errlen, "not a valid ksbench result: a point without \"boot\" "
				 "in a file whose points have boots at points[%zu]", i);
			return -1;
		}
		if (b && max && b > max) {
			snprintf(err, errlen, "not a valid ksbench result: boot %lld is beyond "
				 "params.boots (%lld) at points[%zu].boot", (long long)b,
				 (long long)max, i);
			return -1;
		}
		if (b && has_records && !listed[b]) {
			snprintf(err, errlen, "not a valid ksbench result: boot %lld is not in "
				 "\"boots\" at points[%zu].boot", (long long)b, i);
			return -1;
		}
	}
	return 0;
}

int boot_fields_check(struct json_object *doc, char *err, size_t errlen)
{
	struct json_object *records = json_object_object_get(doc, "boots");
	struct json_object *points = json_object_object_get(doc, "points");
	int64_t max = json_get_int(json_object_object_get(doc, "params"), "boots");
	bool has_records = json_object_is_type(records, json_type_array);
	bool *listed = calloc(BOOT_ID_MAX + 1, sizeof(*listed));
	int ret = -1;

	if (!listed) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (has_records && listed_boots(records, max, listed, err, errlen))
		goto out;
	if (json_object_is_type(points, json_type_array) &&
	    check_points(points, listed, has_records, max, err, errlen))
		goto out;
	ret = 0;
out:
	free(listed);
	return ret;
}
