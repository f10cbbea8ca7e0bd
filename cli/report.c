// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "json_get.h"
#include "knobs.h"
#include "label.h"
#include "parse.h"
#include "point_groups.h"
#include "boot_groups.h"
#include "report.h"
#include "report_boots.h"
#include "result.h"
#include "summary.h"

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

/* For printing: a missing string shows as "?". */
static const char *get_str(struct json_object *obj, const char *key)
{
	const char *s = json_object_get_string(json_object_object_get(obj, key));

	return s ? s : "?";
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
 * peak against its K; each only where it is not zero or always there;
 * first, the boot that measured it (ksbench run --boots=N).
 */
static void point_notes(struct json_object *doc, struct json_object *p,
			char *buf, size_t len)
{
	struct oracle_facts f;
	size_t used = 0;
	char note[48], num[16];
	int64_t v;

	buf[0] = '\0';
	v = boot_of(p);
	if (v > 0) {
		snprintf(note, sizeof(note), "boot %" PRId64, v);
		append_note(buf, len, &used, note);
	}
	result_point_facts(doc, p, &f);
	/* files from before reads were counted have no "reads" */
	if (!strcmp(get_str(p, "kind"), "rw") && f.ops > 0 &&
	    json_object_object_get_ex(p, "reads", NULL)) {
		snprintf(note, sizeof(note), "reads %.0f%%",
			 100.0 * (double)json_get_int(p, "reads") / (double)f.ops);
		append_note(buf, len, &used, note);
	}
	v = json_get_int(p, "failures");
	if (v > 0) {
		report_rate((double)v, num, sizeof(num));
		snprintf(note, sizeof(note), "fail %s", num);
		append_note(buf, len, &used, note);
	}
	v = json_get_int(p, "retries");
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
	struct json_object *ranks = json_object_new_object();
	size_t next_rank = 0;

	if (!rows || !ranks) {
		free(rows);
		json_object_put(ranks);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		p = json_object_array_get_idx(points, i);
		rows[i].workload = get_str(p, "workload");
		rows[i].rank = (unsigned int)name_rank(ranks, rows[i].workload, &next_rank);
		rows[i].cpus = json_get_int(p, "cpus");
		rows[i].repeat = json_get_int(p, "repeat");
		rows[i].ops = json_get_int(p, "ops");
		rows[i].violations = json_get_int(p, "violations");
		rows[i].lost_updates = json_get_int(p, "lost_updates");
		rows[i].ops_s = json_object_get_double(json_object_object_get(p, "throughput_ops_s"));
		rows[i].oracle = get_str(p, "oracle");
		rows[i].rt_note = json_object_get_string(json_object_object_get(p, "rt_note"));
		point_notes(doc, p, rows[i].notes, sizeof(rows[i].notes));
	}
	json_object_put(ranks);
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

/* Boots retried before this one (run_vm.h): the numbers are this boot's alone. */
static void print_failed_boots(FILE *out, struct json_object *vm)
{
	struct json_object *list = json_object_object_get(vm, "failed_boots");
	size_t n = json_object_is_type(list, json_type_array) ? json_object_array_length(list) : 0;

	if (n)
		fprintf(out, "booted again after %zu failed boot%s (before ksbench's init); first: %s\n",
			n, n == 1 ? "" : "s", get_str(json_object_array_get_idx(list, 0), "error"));
}

static void print_header(FILE *out, struct json_object *doc)
{
	struct json_object *host = json_object_object_get(doc, "host");
	struct json_object *vm = json_object_object_get(doc, "vm"), *suite;
	char debug[256], kernel[256];

	label_kernel(doc, kernel, sizeof(kernel));	/* release, flavour */
	fprintf(out, "kernel %s, target %s", kernel, get_str(host, "target"));
	if (vm)
		fprintf(out, " (%s, %" PRId64 " vCPU%s)", get_str(vm, "accel"),
			json_get_int(vm, "smp"), json_get_int(vm, "smp") == 1 ? "" : "s");
	fprintf(out, ", created %s\n", get_str(doc, "created"));
	if (result_is_debug(doc)) {
		result_debug_note(doc, debug, sizeof(debug));
		fprintf(out, "%s\n", debug);
	}
	print_failed_boots(out, vm);
	suite = json_object_object_get(json_object_object_get(doc, "params"), "suite");
	if (suite)
		fprintf(out, "suite %s (%s)\n", get_str(suite, "name"), get_str(suite, "path"));
	if (json_object_get_boolean(json_object_object_get(doc, "interrupted")))
		fprintf(out, "interrupted: only the points completed before the stop are listed\n");
}

/*
 * A point a CPU hotplug cut short: one line each, as its numbers cover
 * less than the window the others had.
 */
static void print_offlined(FILE *out, struct json_object *doc)
{
	struct json_object *points = json_object_object_get(doc, "points"), *p, *cpus;
	int64_t duration = json_get_int(json_object_object_get(doc, "params"), "duration_ns");
	char list[64];
	size_t i, j, used;

	for (i = 0; i < json_object_array_length(points); i++) {
		p = json_object_array_get_idx(points, i);
		cpus = json_object_object_get(p, "offlined_cpus");
		if (!json_object_is_type(cpus, json_type_array) || !json_object_array_length(cpus))
			continue;
		for (used = 0, list[0] = '\0', j = 0; j < json_object_array_length(cpus); j++) {
			if (j)
				str_append(list, sizeof(list), &used, ",");
			str_append(list, sizeof(list), &used,
				   json_object_get_string(json_object_array_get_idx(cpus, j)));
		}
		fprintf(out, "CPU%s %s went offline: %s at %" PRId64 " CPU%s, repeat %" PRId64
			" measured %.2f s of its %.2f s\n", j == 1 ? "" : "s", list,
			get_str(p, "workload"), json_get_int(p, "cpus"), json_get_int(p, "cpus") == 1 ? "" : "s",
			json_get_int(p, "repeat"), (double)json_get_int(p, "duration_ns") / 1e9,
			(double)duration / 1e9);
	}
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

/*
 * The summary tables: one row per (workload, CPU count) of the document's
 * summary (summary.h), its points gathered for the notes.
 */
struct group {
	struct json_object *entry;	/* the summary entry */
	const char *workload;
	int64_t cpus;
	struct json_object **pts;	/* its points, in the document's order (NULL: none) */
	size_t nr;
};

/* One cell per column, aligned at print time. */
#define CELL_MAX	160

struct trow {
	char name[KSB_NAME_MAX], cpus[16], rate[32], pm[24], paren[96];
	char notes[CELL_MAX * 2];
};

/* Scale and unit of a rate: 1.23e7 -> 1e6, "M". */
static double rate_scale(double v, const char **prefix)
{
	static const char *const pre[] = { "", "k", "M", "G", "T" };
	double scale = 1;
	unsigned int i = 0;

	while (v / scale >= 999.5 && i < sizeof(pre) / sizeof(pre[0]) - 1) {
		scale *= 1000;
		i++;
	}
	*prefix = pre[i];
	return scale;
}

/* Decimals that give three significant digits to v (already scaled). */
static int rate_decimals(double v)
{
	return v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2;
}

void report_ns(double ns, char *buf, size_t len)
{
	static const char *const unit[] = { "ns", "us", "ms", "s" };
	unsigned int i = 0;

	if (!isfinite(ns)) {
		snprintf(buf, len, "-");
		return;
	}
	if (ns < 999.5) {
		snprintf(buf, len, "%.0fns", ns);
		return;
	}
	while (ns >= 999.5 && i < sizeof(unit) / sizeof(unit[0]) - 1) {
		ns /= 1000;
		i++;
	}
	snprintf(buf, len, "%.*f%s", rate_decimals(ns), ns, unit[i]);
}

static void groups_free(struct group *g, struct point_groups *pg)
{
	free(g);
	point_groups_free(pg);
}

/* The summary's entries, each with its points (pg holds them). */
static struct group *groups_new(struct json_object *summary, struct json_object *doc,
				struct point_groups *pg, size_t *nr)
{
	size_t i, n = json_object_array_length(summary);
	const struct point_group *pts;
	struct group *g;

	if (point_groups_build(pg, json_object_object_get(doc, "points")))
		return NULL;
	g = calloc(n ? n : 1, sizeof(*g));
	if (!g) {
		point_groups_free(pg);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		g[i].entry = json_object_array_get_idx(summary, i);
		g[i].workload = get_str(g[i].entry, "workload");
		g[i].cpus = json_get_int(g[i].entry, "cpus");
		pts = point_groups_find(pg, g[i].workload, g[i].cpus);
		if (pts) {
			g[i].pts = pts->pts;
			g[i].nr = pts->nr;
		}
	}
	*nr = n;
	return g;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median over the group's points of f(point), NAN when none has it. */
static double group_median(const struct group *g,
			   double (*f)(struct json_object *p))
{
	double *v = malloc((g->nr ? g->nr : 1) * sizeof(*v)), m = NAN;
	size_t i, n = 0;

	if (!v)
		return NAN;
	for (i = 0; i < g->nr; i++) {
		v[n] = f(g->pts[i]);
		if (isfinite(v[n]))
			n++;
	}
	if (n) {
		qsort(v, n, sizeof(*v), dbl_cmp);
		m = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	}
	free(v);
	return m;
}

static double point_jain(struct json_object *p)
{
	return json_get_num(json_object_object_get(p, "fairness"), "jain");
}

static double point_csw_s(struct json_object *p)
{
	return json_get_num(json_object_object_get(p, "sched"), "csw_per_s");
}

static double point_run_fraction(struct json_object *p)
{
	return json_get_num(json_object_object_get(p, "sched"), "run_fraction");
}

static double per_s(struct json_object *p, const char *key)
{
	double d = json_get_num(p, "duration_ns");

	return d > 0 ? json_get_num(p, key) * 1e9 / d : NAN;
}

static double point_failures_s(struct json_object *p)
{
	return per_s(p, "failures");
}

static double point_retries_s(struct json_object *p)
{
	return per_s(p, "retries");
}

/* "repeat 2" or "repeats 0, 2" of the points where pick() holds. */
static bool repeats_where(const struct group *g, bool (*pick)(struct json_object *p),
			  const char *what, char *buf, size_t len, size_t *used)
{
	char num[24];
	size_t i, k = 0;

	for (i = 0; i < g->nr; i++)
		k += pick(g->pts[i]);
	if (!k)
		return false;
	if (*used)
		str_append(buf, len, used, "; ");
	str_append(buf, len, used, what);
	str_append(buf, len, used, k == 1 ? " in repeat " : " in repeats ");
	for (k = 0, i = 0; i < g->nr; i++) {
		if (!pick(g->pts[i]))
			continue;
		snprintf(num, sizeof(num), "%s%" PRId64, k++ ? ", " : "", json_get_int(g->pts[i], "repeat"));
		str_append(buf, len, used, num);
	}
	return true;
}

static bool oracle_failed(struct json_object *p)
{
	return !strcmp(get_str(p, "oracle"), ORACLE_FAIL);
}

static bool oracle_expected(struct json_object *p)
{
	return !strcmp(get_str(p, "oracle"), ORACLE_EXPECTED_FAIL);
}

static bool starved(struct json_object *p)
{
	return json_object_get_boolean(json_object_object_get(json_object_object_get(p, "fairness"),
							      "starved"));
}

static bool slept(struct json_object *p)
{
	return json_get_num(json_object_object_get(p, "sched"), "nvcsw") > 0;
}

/* How many workers the fairness is over: fairness.n (a handoff's consumers), else all. */
static int64_t fairness_workers(const struct group *g)
{
	struct json_object *f = g->nr ? json_object_object_get(g->pts[0], "fairness") : NULL;

	return json_object_object_get_ex(f, "n", NULL) ? json_get_int(f, "n") : g->cpus;
}

static void note(char *buf, size_t len, size_t *used, const char *text)
{
	if (*used)
		str_append(buf, len, used, "; ");
	str_append(buf, len, used, text);
}

/* The counters the kind has: reads share, failure and retry rates, peak inside. */
static void counter_notes(struct json_object *doc, const struct group *g,
			  char *buf, size_t len, size_t *used)
{
	double reads = 0, ops = 0, v;
	char text[64], num[16];
	struct oracle_facts f;
	int64_t peak = 0;
	size_t i;

	for (i = 0; i < g->nr; i++) {
		reads += json_get_num(g->pts[i], "reads");
		ops += json_get_num(g->pts[i], "ops");
		result_point_facts(doc, g->pts[i], &f);
		peak = f.max_inside > peak ? f.max_inside : peak;
	}
	if (!strcmp(get_str(g->entry, "kind"), "rw") && ops > 0 && isfinite(reads)) {
		snprintf(text, sizeof(text), "reads %.0f%%", 100 * reads / ops);
		note(buf, len, used, text);
	}
	v = group_median(g, point_failures_s);
	if (v > 0) {
		report_rate(v, num, sizeof(num));
		snprintf(text, sizeof(text), "fail %s/s", num);
		note(buf, len, used, text);
	}
	v = group_median(g, point_retries_s);
	if (v > 0) {
		report_rate(v, num, sizeof(num));
		snprintf(text, sizeof(text), "retries %s/s", num);
		note(buf, len, used, text);
	}
	if (g->nr && f.oracle_kind && !strcmp(f.oracle_kind, ORACLE_KIND_COUNTING)) {
		snprintf(text, sizeof(text), "max_in %" PRId64 "/%" PRId64, peak, f.sem_count);
		note(buf, len, used, text);
	}
}

/* What a row says besides its numbers, most important first. */
static void group_notes(struct json_object *doc, const struct group *g, double max_cv,
			char *buf, size_t len)
{
	struct json_object *e = g->entry, *outliers = json_object_object_get(e, "outliers");
	size_t used = 0, i, k, nr_outliers = json_object_is_type(outliers, json_type_array) ?
					       json_object_array_length(outliers) : 0;
	char text[96], num[16];
	int64_t stalls = 0;
	double v;

	buf[0] = '\0';
	repeats_where(g, oracle_failed, "oracle FAIL", buf, len, &used);
	for (k = 0, i = 0; i < g->nr; i++)
		k += oracle_expected(g->pts[i]);
	if (k)
		note(buf, len, &used, "races seen (expected: no lock)");
	if (json_object_get_boolean(json_object_object_get(e, "noisy"))) {
		snprintf(text, sizeof(text), "noisy: CV %.1f%% > %.3g%%",
			 100 * json_get_num(e, "cv"), 100 * max_cv);
		note(buf, len, &used, text);
	}
	for (i = 0; i < nr_outliers; i++) {
		snprintf(text, sizeof(text), "%s%" PRId64,
			 i ? ", " : nr_outliers > 1 ?
			 "outliers: repeats " : "outlier: repeat ",
			 json_object_get_int64(json_object_array_get_idx(outliers, i)));
		if (!i && used)
			str_append(buf, len, &used, "; ");
		str_append(buf, len, &used, text);
	}
	v = group_median(g, point_jain);
	if (isfinite(v) && fairness_workers(g) > 1) {
		snprintf(text, sizeof(text), "jain %.2f", v);
		note(buf, len, &used, text);
	}
	repeats_where(g, starved, "starved worker", buf, len, &used);
	for (k = 0, i = 0; i < g->nr; i++)
		k += slept(g->pts[i]);
	if (k) {
		report_rate(group_median(g, point_csw_s), num, sizeof(num));
		snprintf(text, sizeof(text), "sleeps: %s csw/s, on CPU %.0f%%", num,
			 100 * group_median(g, point_run_fraction));
		note(buf, len, &used, text);
	}
	for (i = 0; i < g->nr; i++)
		stalls += json_get_int(g->pts[i], "stalls");
	if (stalls > 0) {
		snprintf(text, sizeof(text), "%" PRId64 " stalled tick%s", stalls,
			 stalls == 1 ? "" : "s");
		note(buf, len, &used, text);
	}
	counter_notes(doc, g, buf, len, &used);
}

/* "12.3 Mops/s", "± 1.1%", "(median of 5, 95% CI 12.1 – 12.5)". */
static void throughput_cells(const struct group *g, struct trow *r)
{
	struct json_object *e = g->entry, *ci = json_object_object_get(e, "ci95");
	double median = json_get_num(e, "median"), cv = json_get_num(e, "cv"), scale;
	int64_t n = json_get_int(e, "n"), boots = json_get_int(e, "boots");
	char of[48];
	const char *prefix;
	int dec;

	snprintf(r->name, sizeof(r->name), "%s", g->workload);
	snprintf(r->cpus, sizeof(r->cpus), "%" PRId64 " CPU%s", g->cpus, g->cpus == 1 ? "" : "s");
	scale = rate_scale(median, &prefix);
	dec = rate_decimals(median / scale);
	snprintf(r->rate, sizeof(r->rate), "%.*f %sops/s", dec, median / scale, prefix);
	r->pm[0] = '\0';
	if (isfinite(cv))
		snprintf(r->pm, sizeof(r->pm), "%.1f%%", 100 * cv);
	/* with --boots: the repeats pooled over the boots (the between-boots table follows) */
	snprintf(of, sizeof(of), "%" PRId64, n);
	if (boots > 1)
		snprintf(of, sizeof(of), "%" PRId64 " in %" PRId64 " boots", n, boots);
	if (n <= 1)
		snprintf(r->paren, sizeof(r->paren), "(1 run)");
	else if (!isfinite(json_get_num(ci, "low")))
		snprintf(r->paren, sizeof(r->paren), "(median of %s, no CI below 3 runs)", of);
	else
		snprintf(r->paren, sizeof(r->paren), "(median of %s, 95%% CI %.*f – %.*f)",
			 of, dec, json_get_num(ci, "low") / scale, dec, json_get_num(ci, "high") / scale);
}

/* Display width of UTF-8 text: its code points. */
static int text_width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

static void pad(FILE *out, const char *s, int width, bool right)
{
	int gap = width - text_width(s);

	if (right)
		fprintf(out, "%*s%s", gap > 0 ? gap : 0, "", s);
	else
		fprintf(out, "%s%*s", s, gap > 0 ? gap : 0, "");
}

#define MAXW(w, s)	((w) = text_width(s) > (w) ? text_width(s) : (w))

static void print_throughput(FILE *out, struct json_object *doc, const struct group *g,
			     size_t n, double max_cv)
{
	struct trow *r = calloc(n, sizeof(*r));
	int wn = 0, wc = 0, wr = 0, wp = 0, wq = 0;
	bool repeats = false;
	size_t i;

	if (!r)
		return;
	for (i = 0; i < n; i++) {
		throughput_cells(&g[i], &r[i]);
		group_notes(doc, &g[i], max_cv, r[i].notes, sizeof(r[i].notes));
		MAXW(wn, r[i].name);
		MAXW(wc, r[i].cpus);
		MAXW(wr, r[i].rate);
		MAXW(wp, r[i].pm);
		MAXW(wq, r[i].paren);
		repeats |= json_get_int(g[i].entry, "n") > 1;
	}
	fprintf(out, "\nthroughput%s:\n", repeats ?
		" (median over repeats ± CV; 95% CI of the median by bootstrap)" : "");
	for (i = 0; i < n; i++) {
		pad(out, r[i].name, wn, false);
		fputs("  ", out);
		pad(out, r[i].cpus, wc, false);
		fputs("  ", out);
		pad(out, r[i].rate, wr, true);
		if (wp) {
			fputs(r[i].pm[0] ? " ± " : "   ", out);
			pad(out, r[i].pm, wp, true);
		}
		fputs("  ", out);
		if (r[i].notes[0]) {
			pad(out, r[i].paren, wq, false);
			fprintf(out, "  %s\n", r[i].notes);
		} else {
			fprintf(out, "%s\n", r[i].paren);
		}
	}
	free(r);
}

static const char *const pct_keys[] = { "p50", "p90", "p99", "p999", "p9999", "max" };
static const char *const pct_heads[] = { "p50", "p90", "p99", "p99.9", "p99.99", "max" };
#define NR_PCT	(sizeof(pct_keys) / sizeof(pct_keys[0]))

/* The clock line of a latency run: its cost, and whether it was taken off. */
static void print_clock(FILE *out, struct json_object *p, int64_t subtracted)
{
	struct json_object *c = json_object_object_get(p, "clock");

	fprintf(out, "clock: %s costs %" PRId64 " ns a read (min; median %" PRId64
		" ns), resolution %" PRId64 " ns; ", get_str(c, "name"),
		json_get_int(c, "cost_min_ns"), json_get_int(c, "cost_median_ns"),
		json_get_int(c, "resolution_ns"));
	if (subtracted > 0)
		fprintf(out, "%" PRId64 " ns subtracted from every latency above\n", subtracted);
	else
		fprintf(out, "not subtracted (--no-correct): each latency includes about one clock read\n");
}

static void print_latency(FILE *out, const struct group *g, size_t n)
{
	struct json_object *lat, *first = NULL;
	char cell[NR_PCT][16], count[16], cpus[16];
	int wn = (int)strlen("workload"), wh = (int)strlen("timed"), wv[NR_PCT];
	int64_t subtracted = -1;
	size_t i, k;

	for (k = 0; k < NR_PCT; k++)
		wv[k] = (int)strlen(pct_heads[k]);
	for (i = 0; i < n; i++) {
		lat = json_object_object_get(g[i].entry, "latency_ns");
		if (!json_object_is_type(lat, json_type_object) || !g[i].nr)
			continue;
		if (!first) {
			first = g[i].pts[0];
			subtracted = json_get_int(g[i].entry, "clock_subtracted_ns");
		}
		MAXW(wn, g[i].workload);
		json_object_object_foreach(lat, name, e) {
			if (!(json_get_num(e, "count") > 0))
				continue;
			MAXW(wh, name);
			for (k = 0; k < NR_PCT; k++) {
				report_ns(json_get_num(e, pct_keys[k]), cell[k], sizeof(cell[k]));
				MAXW(wv[k], cell[k]);
			}
		}
	}
	if (!first)
		return;
	fprintf(out, "\nlatency (each histogram merged over workers and repeats):\n");
	fprintf(out, "%-*s  %4s  %-*s  %7s", wn, "workload", "cpus", wh, "timed", "count");
	for (k = 0; k < NR_PCT; k++)
		fprintf(out, "  %*s", wv[k], pct_heads[k]);
	fputc('\n', out);
	for (i = 0; i < n; i++) {
		/* throughput-mode points beside latency ones: --lock=all with handoffs */
		lat = json_object_object_get(g[i].entry, "latency_ns");
		if (!json_object_is_type(lat, json_type_object) || !g[i].nr)
			continue;
		snprintf(cpus, sizeof(cpus), "%" PRId64, g[i].cpus);
		json_object_object_foreach(lat, name, e) {
			if (!(json_get_num(e, "count") > 0))
				continue;	/* a handoff's first and last without a broadcast */
			report_rate(json_get_num(e, "count"), count, sizeof(count));
			fprintf(out, "%-*s  %4s  %-*s  %7s", wn, g[i].workload, cpus, wh, name, count);
			for (k = 0; k < NR_PCT; k++) {
				report_ns(json_get_num(e, pct_keys[k]), cell[k], sizeof(cell[k]));
				fprintf(out, "  %*s", wv[k], cell[k]);
			}
			fputc('\n', out);
		}
	}
	print_clock(out, first, subtracted);
}

static void print_summary(FILE *out, struct json_object *doc, bool *printed)
{
	struct json_object *summary = json_object_object_get(doc, "summary"), *made = NULL;
	double max_cv = summary_max_cv(doc);
	struct point_groups pg;
	struct group *g;
	char err[256];
	size_t n;

	*printed = false;
	if (!json_object_is_type(summary, json_type_array)) {
		made = summary_new(doc, max_cv, err, sizeof(err));
		if (!made) {
			fprintf(out, "(no summary: %s)\n", err);
			return;
		}
		summary = made;
	}
	g = groups_new(summary, doc, &pg, &n);
	if (g && n) {
		print_throughput(out, doc, g, n, max_cv);
		report_boots(out, doc, summary);
		print_latency(out, g, n);
		*printed = true;
	}
	if (g)
		groups_free(g, &pg);
	json_object_put(made);
}

void report_print(FILE *out, struct json_object *doc, unsigned int flags)
{
	struct row *rows;
	bool printed;
	size_t n;
	int ww;

	print_header(out, doc);
	print_knobs(out, doc);
	print_offlined(out, doc);
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
	if (flags & REPORT_POINTS) {
		fputc('\n', out);
		print_points(out, rows, n, ww);
	}
	print_summary(out, doc, &printed);
	if (!printed && !(flags & REPORT_POINTS)) {
		fputc('\n', out);
		print_points(out, rows, n, ww);
	}
	print_rt_notes(out, rows, n, ww);
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
			prefix, get_str(p, "workload"), json_get_int(p, "cpus"),
			json_get_int(p, "cpus") == 1 ? "" : "s", json_get_int(p, "repeat"), why);
	}
	return failures;
}
