// SPDX-License-Identifier: GPL-2.0
/*
 * The between-boots table of `ksbench show` for a file of ksbench run
 * --boots=N (report_boots.h): each boot's median throughput per
 * (workload, CPU count), from the summary's boot_medians, and how far
 * apart they are; then the boots that failed or are doubtful.
 */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "boot_groups.h"
#include "json_get.h"
#include "report.h"
#include "report_boots.h"

static const char *name_of(struct json_object *e)
{
	const char *s = json_get_str(e, "workload");

	return s ? s : "?";
}

/* The boots any entry has, ascending, as flags over 1..BOOT_ID_MAX; how many. */
static size_t boot_columns(struct json_object *summary, bool *col, int64_t *last)
{
	struct json_object *bm;
	size_t i, k, n = 0;
	int64_t b;

	*last = 0;
	for (i = 0; i < json_object_array_length(summary); i++) {
		bm = json_object_object_get(json_object_array_get_idx(summary, i), "boot_medians");
		for (k = 0; json_object_is_type(bm, json_type_array) &&
		     k < json_object_array_length(bm); k++) {
			b = json_get_int(json_object_array_get_idx(bm, k), "boot");
			if (b < 1 || b > BOOT_ID_MAX || col[b])
				continue;
			col[b] = true;
			n++;
			*last = b > *last ? b : *last;
		}
	}
	return n;
}

/* One entry's row: a cell per boot column, "-" where it has none, and the spread. */
static void print_row(FILE *out, struct json_object *e, const bool *col, int64_t last,
		      int wn)
{
	struct json_object *bm = json_object_object_get(e, "boot_medians"), *m;
	double lo = INFINITY, hi = 0, v;
	char cell[32];
	int64_t b;
	size_t k;

	fprintf(out, "%-*s  %4" PRId64, wn, name_of(e), json_get_int(e, "cpus"));
	for (b = 1; b <= last; b++) {
		if (!col[b])
			continue;
		snprintf(cell, sizeof(cell), "-");
		for (k = 0; k < json_object_array_length(bm); k++) {
			m = json_object_array_get_idx(bm, k);
			if (json_get_int(m, "boot") != b)
				continue;
			v = json_get_num(m, "median");
			report_rate(v, cell, sizeof(cell));
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
		fprintf(out, "  %8s", cell);
	}
	if (lo > 0 && isfinite(lo) && json_object_array_length(bm) > 1)
		fprintf(out, "  %6.2fx\n", hi / lo);
	else
		fprintf(out, "  %7s\n", "-");
}

/* The boots whose record names a problem, one line each. */
static void print_problems(FILE *out, struct json_object *doc)
{
	struct json_object *boots = json_object_object_get(doc, "boots"), *r;
	size_t i, kept = 0, n;

	if (!json_object_is_type(boots, json_type_array))
		return;
	n = json_object_array_length(boots);
	for (i = 0; i < n; i++)
		kept += json_object_get_boolean(json_object_object_get(
				json_object_array_get_idx(boots, i), "kept"));
	fprintf(out, "boots: %zu of %zu kept\n", kept, n);
	for (i = 0; i < n; i++) {
		r = json_object_array_get_idx(boots, i);
		if (!json_get_str(r, "problem"))
			continue;
		fprintf(out, "boot %" PRId64 "%s: %s\n", json_get_int(r, "boot"),
			json_object_get_boolean(json_object_object_get(r, "kept")) ? "" : " (not kept)",
			json_get_str(r, "problem"));
	}
}

void report_boots(FILE *out, struct json_object *doc, struct json_object *summary)
{
	bool *col = calloc(BOOT_ID_MAX + 1, sizeof(*col));
	int wn = (int)strlen("workload"), len;
	char head[32];
	int64_t b, last;
	size_t i;

	if (!col || !json_object_is_type(summary, json_type_array) ||
	    boot_columns(summary, col, &last) < 2) {
		free(col);
		return;
	}
	for (i = 0; i < json_object_array_length(summary); i++) {
		len = (int)strlen(name_of(json_object_array_get_idx(summary, i)));
		wn = len > wn ? len : wn;
	}
	fprintf(out, "\nbetween boots (each boot's median over its repeats; spread: highest / lowest):\n");
	fprintf(out, "%-*s  %4s", wn, "workload", "cpus");
	for (b = 1; b <= last; b++) {
		if (!col[b])
			continue;
		snprintf(head, sizeof(head), "boot %" PRId64, b);
		fprintf(out, "  %8s", head);
	}
	fprintf(out, "  %7s\n", "spread");
	for (i = 0; i < json_object_array_length(summary); i++)
		print_row(out, json_object_array_get_idx(summary, i), col, last, wn);
	print_problems(out, doc);
	free(col);
}
