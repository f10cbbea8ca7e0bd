// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <json-c/json.h>

#include "knobs.h"
#include "parse.h"
#include "report.h"
#include "result.h"

#define NOTES_MAX	96

/* One point, flattened for sorting and printing. */
struct row {
	const char *workload;
	unsigned int rank;		/* the workload's first appearance */
	int64_t cpus, repeat, ops, violations, lost_updates;
	double ops_s;
	const char *oracle;
	const char *rt_note;		/* NULL: none */
	char notes[NOTES_MAX];		/* what else the point says; "" none */
};

/*
 * Statistics over the repeats of one (workload, cpus). Only the median for
 * now; spread and confidence intervals belong here too.
 */
struct group_stats {
	size_t n;
	double median;
};

static const char *get_str(struct json_object *obj, const char *key)
{
	const char *s = json_object_get_string(json_object_object_get(obj, key));

	return s ? s : "?";
}

static int64_t get_int(struct json_object *obj, const char *key)
{
	return json_object_get_int64(json_object_object_get(obj, key));
}

void report_rate(double v, char *buf, size_t len)
{
	static const char *const suffix[] = { "", "k", "M", "G", "T" };
	unsigned int i = 0;

	while (v >= 999.5 && i < sizeof(suffix) / sizeof(suffix[0]) - 1) {
		v /= 1000;
		i++;
	}
	if (!i)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.*f%s", v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2,
			 v, suffix[i]);
}

static void append_note(char *buf, size_t len, size_t *used, const char *note)
{
	if (*used)
		str_append(buf, len, used, ", ");
	str_append(buf, len, used, note);
}

/*
 * The notes column: the read share of a rw point, failed trylocks and
 * interrupted waits, retries (seqlock, CAS), and a counting semaphore's
 * peak against its K; each only where it is not zero or always there.
 */
static void point_notes(struct json_object *doc, struct json_object *p,
			char *buf, size_t len)
{
	struct oracle_facts f;
	size_t used = 0;
	char note[48], num[16];
	int64_t v;

	buf[0] = '\0';
	result_point_facts(doc, p, &f);
	/* files from before reads were counted have no "reads" */
	if (!strcmp(get_str(p, "kind"), "rw") && f.ops > 0 &&
	    json_object_object_get_ex(p, "reads", NULL)) {
		snprintf(note, sizeof(note), "reads %.0f%%",
			 100.0 * (double)get_int(p, "reads") / (double)f.ops);
		append_note(buf, len, &used, note);
	}
	v = get_int(p, "failures");
	if (v > 0) {
		report_rate((double)v, num, sizeof(num));
		snprintf(note, sizeof(note), "fail %s", num);
		append_note(buf, len, &used, note);
	}
	v = get_int(p, "retries");
	if (v > 0) {
		report_rate((double)v, num, sizeof(num));
		snprintf(note, sizeof(note), "retries %s", num);
		append_note(buf, len, &used, note);
	}
	if (f.oracle_kind && !strcmp(f.oracle_kind, ORACLE_KIND_COUNTING)) {
		snprintf(note, sizeof(note), "max_in %" PRId64 "/%" PRId64,
			 f.max_inside, f.sem_count);
		append_note(buf, len, &used, note);
	}
}

/* The rank of name among rows[0..n), or the next free rank. */
static unsigned int workload_rank(const struct row *rows, size_t n,
				  const char *name, unsigned int *next_rank)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(rows[i].workload, name))
			return rows[i].rank;
	return (*next_rank)++;
}

static int row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->cpus != y->cpus)
		return x->cpus < y->cpus ? -1 : 1;
	return (x->repeat > y->repeat) - (x->repeat < y->repeat);
}

/* The points as rows, sorted by workload (as first seen), cpus, repeat. */
static struct row *rows_new(struct json_object *doc, size_t *nr)
{
	struct json_object *points = json_object_object_get(doc, "points"), *p;
	size_t i, n = json_object_array_length(points);
	struct row *rows = calloc(n ? n : 1, sizeof(*rows));
	unsigned int next_rank = 0;

	if (!rows)
		return NULL;
	for (i = 0; i < n; i++) {
		p = json_object_array_get_idx(points, i);
		rows[i].workload = get_str(p, "workload");
		rows[i].rank = workload_rank(rows, i, rows[i].workload,
					     &next_rank);
		rows[i].cpus = get_int(p, "cpus");
		rows[i].repeat = get_int(p, "repeat");
		rows[i].ops = get_int(p, "ops");
		rows[i].violations = get_int(p, "violations");
		rows[i].lost_updates = get_int(p, "lost_updates");
		rows[i].ops_s = json_object_get_double(json_object_object_get(p, "throughput_ops_s"));
		rows[i].oracle = get_str(p, "oracle");
		rows[i].rt_note = json_object_get_string(json_object_object_get(p, "rt_note"));
		point_notes(doc, p, rows[i].notes, sizeof(rows[i].notes));
	}
	qsort(rows, n, sizeof(*rows), row_cmp);
	*nr = n;
	return rows;
}

static int workload_width(const struct row *rows, size_t n)
{
	size_t i, w = strlen("workload");

	for (i = 0; i < n; i++)
		if (strlen(rows[i].workload) > w)
			w = strlen(rows[i].workload);
	return (int)w;
}

static void print_header(FILE *out, struct json_object *doc)
{
	struct json_object *host = json_object_object_get(doc, "host");
	struct json_object *vm = json_object_object_get(doc, "vm");

	fprintf(out, "kernel %s, target %s", get_str(host, "kernel_release"),
		get_str(host, "target"));
	if (vm)
		fprintf(out, " (%s, %" PRId64 " vCPU%s)", get_str(vm, "accel"),
			get_int(vm, "smp"), get_int(vm, "smp") == 1 ? "" : "s");
	fprintf(out, ", created %s\n", get_str(doc, "created"));
	if (json_object_get_boolean(json_object_object_get(doc, "interrupted")))
		fprintf(out, "interrupted: only the points completed before the stop are listed\n");
}

static bool has_notes(const struct row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].notes[0])
			return true;
	return false;
}

static void print_points(FILE *out, const struct row *rows, size_t n, int ww)
{
	int ow = has_notes(rows, n) ? (int)strlen(ORACLE_EXPECTED_FAIL) : 0;
	char rate[16];
	size_t i;

	fprintf(out, "%-*s  %4s  %6s  %12s  %7s  %10s  %10s  %-*s%s\n", ww, "workload",
		"cpus", "repeat", "ops", "ops/s", "violations", "lost", ow, "oracle",
		ow ? "  notes" : "");
	for (i = 0; i < n; i++) {
		report_rate(rows[i].ops_s, rate, sizeof(rate));
		fprintf(out, "%-*s  %4" PRId64 "  %6" PRId64 "  %12" PRId64
			"  %7s  %10" PRId64 "  %10" PRId64 "  ", ww,
			rows[i].workload, rows[i].cpus, rows[i].repeat,
			rows[i].ops, rate, rows[i].violations,
			rows[i].lost_updates);
		if (rows[i].notes[0])
			fprintf(out, "%-*s  %s\n", ow, rows[i].oracle, rows[i].notes);
		else
			fprintf(out, "%s\n", rows[i].oracle);
	}
}

/* What PREEMPT_RT makes of the primitives, once per workload. */
static void print_rt_notes(FILE *out, const struct row *rows, size_t n, int ww)
{
	bool header = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!rows[i].rt_note || (i && rows[i - 1].rank == rows[i].rank))
			continue;
		if (!header)
			fprintf(out, "\non PREEMPT_RT:\n");
		header = true;
		fprintf(out, "%-*s  %s\n", ww, rows[i].workload, rows[i].rt_note);
	}
}

/*
 * "knobs: --duration=150ms --warmup=30ms --acquire=trylock": the run's
 * length, and every other knob that is not at its default.
 */
static void print_knobs(FILE *out, struct json_object *doc)
{
	struct json_object *params = json_object_object_get(doc, "params"), *json;
	bool any = false;
	char text[32];
	unsigned int i;
	uint64_t v;

	for (i = 0; i < NR_KNOBS; i++) {
		if (!json_object_object_get_ex(params, knob_table[i].key, &json) ||
		    knob_from_json(i, json, &v))
			continue;
		if (i != KNOB_DURATION && i != KNOB_WARMUP && v == knob_table[i].def)
			continue;
		knob_option_text(i, v, text, sizeof(text));
		fprintf(out, "%s --%s=%s", any ? "" : "knobs:", knob_table[i].option, text);
		any = true;
	}
	if (any)
		fputc('\n', out);
}

static bool same_group(const struct row *a, const struct row *b)
{
	return a->rank == b->rank && a->cpus == b->cpus;
}

/* rows[0..n) are one group's repeats. */
static struct group_stats group_stats(const struct row *rows, size_t n)
{
	struct group_stats st = { .n = n };
	double *v = malloc(n * sizeof(*v));
	size_t i;

	if (!v)
		return st;
	for (i = 0; i < n; i++)
		v[i] = rows[i].ops_s;
	gsl_sort(v, 1, n);
	st.median = gsl_stats_median_from_sorted_data(v, 1, n);
	free(v);
	return st;
}

static void print_medians(FILE *out, const struct row *rows, size_t n, int ww)
{
	struct group_stats st;
	char rate[16];
	size_t i, end;

	fprintf(out, "\nmedian over repeats:\n%-*s  %4s  %4s  %7s\n", ww,
		"workload", "cpus", "runs", "ops/s");
	for (i = 0; i < n; i = end) {
		for (end = i + 1; end < n && same_group(&rows[i], &rows[end]); end++)
			;
		st = group_stats(&rows[i], end - i);
		report_rate(st.median, rate, sizeof(rate));
		fprintf(out, "%-*s  %4" PRId64 "  %4zu  %7s\n", ww,
			rows[i].workload, rows[i].cpus, st.n, rate);
	}
}

static bool has_repeats(const struct row *rows, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (same_group(&rows[i - 1], &rows[i]))
			return true;
	return false;
}

void report_print(FILE *out, struct json_object *doc)
{
	struct row *rows;
	size_t n;
	int ww;

	print_header(out, doc);
	print_knobs(out, doc);
	rows = rows_new(doc, &n);
	if (!rows) {
		fprintf(out, "(out of memory)\n");
		return;
	}
	if (!n) {
		fprintf(out, "no points\n");
		free(rows);
		return;
	}
	ww = workload_width(rows, n);
	fputc('\n', out);
	print_points(out, rows, n, ww);
	print_rt_notes(out, rows, n, ww);
	if (has_repeats(rows, n))
		print_medians(out, rows, n, ww);
	free(rows);
}

unsigned int report_oracle_failures(FILE *out, struct json_object *doc,
				    const char *prefix)
{
	struct json_object *points = json_object_object_get(doc, "points"), *p;
	unsigned int failures = 0;
	struct oracle_facts f;
	char why[256];
	size_t i;

	for (i = 0; i < json_object_array_length(points); i++) {
		p = json_object_array_get_idx(points, i);
		if (strcmp(get_str(p, "oracle"), ORACLE_FAIL))
			continue;
		failures++;
		result_point_facts(doc, p, &f);
		result_oracle_why(&f, why, sizeof(why));
		/* a verdict written by another version: its numbers */
		if (!why[0])
			snprintf(why, sizeof(why), "%" PRId64 " violations, %" PRId64
				 " lost updates", f.violations, f.lost_updates);
		fprintf(out, "%soracle fail: %s at %" PRId64 " CPU%s, repeat %" PRId64 ": %s\n",
			prefix, get_str(p, "workload"), get_int(p, "cpus"),
			get_int(p, "cpus") == 1 ? "" : "s", get_int(p, "repeat"), why);
	}
	return failures;
}
