// SPDX-License-Identifier: GPL-2.0
/* Result documents as data tables (export.h). */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "csv.h"
#include "export.h"
#include "fairness.h"
#include "hist.h"
#include "json_get.h"
#include "label.h"
#include "point_order.h"
#include "stats.h"
#include "summary.h"

#define LABEL_LEN	256

static const char *const table_names[NR_EXPORT_TABLES] = {
	"throughput", "latency", "cdf", "fairness",
};

static const char *const throughput_cols[] = {
	"file", "kernel", "workload", "cpus",
	"median_ops_s", "ci95_low", "ci95_high", "n",
};

static const char *const latency_cols[] = {
	"file", "kernel", "workload", "cpus", "histogram",
	"count", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "max_ns",
};

static const char *const cdf_cols[] = {
	"file", "kernel", "workload", "cpus", "histogram", "value_ns", "fraction",
};

static const char *const fairness_cols[] = {
	"file", "kernel", "workload", "cpus",
	"worker", "cpu", "share", "jain", "fair_share",
};

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *const *cols;
	size_t nr;
	const char *what;	/* the dat header's description */
} tables[NR_EXPORT_TABLES] = {
	{ throughput_cols, N(throughput_cols),
	  "median ops/s over the repeats, its 95% CI (bootstrap; NaN below 3 repeats), n repeats" },
	{ latency_cols, N(latency_cols),
	  "percentiles (ns) of each histogram merged over the repeats, clock read subtracted" },
	{ cdf_cols, N(cdf_cols),
	  "CDF of each histogram merged over the repeats: the fraction of samples <= value_ns" },
	{ fairness_cols, N(fairness_cols),
	  "each worker's share of the work and Jain's index (medians over the repeats), the fair share 1/n" },
};

int export_table_parse(const char *s, enum export_table *t)
{
	unsigned int i;

	for (i = 0; i < NR_EXPORT_TABLES; i++)
		if (!strcmp(s, table_names[i])) {
			*t = (enum export_table)i;
			return 0;
		}
	return -1;
}

const char *export_table_name(enum export_table t)
{
	return (unsigned int)t < NR_EXPORT_TABLES ? table_names[t] : "?";
}

int export_format_parse(const char *s, enum export_format *f)
{
	if (!strcmp(s, "dat"))
		*f = EXPORT_DAT;
	else if (!strcmp(s, "csv"))
		*f = EXPORT_CSV;
	else
		return -1;
	return 0;
}

/* Building: rows appended in series order. */

static int grow(void **arr, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	p = realloc(*arr, n * size);
	if (!p)
		return -1;
	*arr = p;
	*cap = n;
	return 0;
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/*
 * A new row of series (file, workload, cpus, hist), opening the series
 * unless it is the last one; its key cells filled, the rest left to the
 * caller. NULL when memory runs out.
 */
static struct export_cell *row_new(struct export_data *d, size_t file,
				   const char *workload, unsigned int cpus,
				   unsigned int series_cpus, const char *hist)
{
	struct export_series *s = d->nr_series ? &d->series[d->nr_series - 1] : NULL;
	struct export_cell *c;
	size_t k = 0;

	if (!s || s->file != file || !same(s->workload, workload) ||
	    s->cpus != series_cpus || !same(s->hist, hist)) {
		if (grow((void **)&d->series, &d->cap_series, d->nr_series + 1,
			 sizeof(*d->series)))
			return NULL;
		s = &d->series[d->nr_series++];
		*s = (struct export_series) {
			.first = d->nr_rows, .file = file, .workload = workload,
			.cpus = series_cpus, .hist = hist,
		};
	}
	if (grow((void **)&d->cells, &d->cap_rows, (d->nr_rows + 1) * d->nr_cols,
		 sizeof(*d->cells)))
		return NULL;
	c = &d->cells[d->nr_rows * d->nr_cols];
	memset(c, 0, d->nr_cols * sizeof(*c));
	d->nr_rows++;
	s->nr++;
	c[k++] = (struct export_cell) { .type = EXPORT_STR, .s = d->files[file].name };
	c[k++] = (struct export_cell) { .type = EXPORT_STR, .s = d->labels[2 * file] };
	c[k++] = (struct export_cell) { .type = EXPORT_STR, .s = workload };
	c[k++] = (struct export_cell) { .type = EXPORT_INT, .i = cpus };
	if (hist)
		c[k++] = (struct export_cell) { .type = EXPORT_STR, .s = hist };
	return c;
}

static struct export_cell num(double v)
{
	return (struct export_cell) { .type = EXPORT_NUM, .d = v };
}

static struct export_cell integer(int64_t v)
{
	return (struct export_cell) { .type = EXPORT_INT, .i = v };
}

static bool keep(const struct export_filter *f, const char *workload, int64_t cpus)
{
	return !f || ((!f->workload || !strcmp(f->workload, workload)) &&
		      (!f->cpus || (int64_t)f->cpus == cpus));
}

/* The median of x[n] finite values (n >= 1); NAN when there are none. */
static double median(const double *x, size_t n)
{
	struct stats_desc sd;

	return n && !stats_describe(x, n, &sd) ? sd.median : NAN;
}

/*
 * Histogram name of g[0..n) merged over the repeats, with the smallest
 * clock cost they subtracted; count 0 when the group has no such entry.
 */
static int merge_group(const char *file, const struct ordered_point *g, size_t n,
		       const char *name, struct hist *into, uint64_t *cost,
		       char *err, size_t errlen)
{
	struct json_object *entry;
	struct hist *tmp = malloc(sizeof(*tmp));
	char msg[256];
	int64_t c, min = INT64_MAX;
	size_t i;

	if (!tmp) {
		snprintf(err, errlen, "%s: out of memory", file);
		return -1;
	}
	hist_init(into);
	for (i = 0; i < n; i++) {
		entry = json_object_object_get(json_object_object_get(g[i].p, "latency_ns"),
					       name);
		if (!entry || hist_from_json(json_object_object_get(entry, "hist"), tmp,
					     msg, sizeof(msg)) ||
		    hist_merge(into, tmp, msg, sizeof(msg))) {
			snprintf(err, errlen, "%s: %s at %" PRId64 " CPUs, repeat %" PRId64
				 ": latency %s: %s", file, g[i].workload, g[i].cpus,
				 g[i].repeat, name, entry ? msg : "missing");
			free(tmp);
			return -1;
		}
		c = json_get_int(json_object_object_get(g[i].p, "clock"), "subtracted_ns");
		min = c < min ? c : min;
	}
	*cost = min > 0 && min != INT64_MAX ? (uint64_t)min : 0;
	free(tmp);
	return 0;
}

static int build_throughput(struct export_data *d, size_t file,
			    const struct export_filter *f, struct json_object **made,
			    char *err, size_t errlen)
{
	struct json_object *doc = d->files[file].doc;
	struct json_object *sum = json_object_object_get(doc, "summary"), *e, *ci;
	struct export_cell *c;
	size_t i;

	if (!json_object_is_type(sum, json_type_array)) {
		*made = summary_new(doc, summary_max_cv(doc), err, errlen);
		if (!*made)
			return -1;
		sum = *made;
	}
	for (i = 0; i < json_object_array_length(sum); i++) {
		e = json_object_array_get_idx(sum, i);
		if (!json_get_str(e, "workload") || !keep(f, json_get_str(e, "workload"), json_get_int(e, "cpus")))
			continue;
		c = row_new(d, file, json_get_str(e, "workload"), (unsigned int)json_get_int(e, "cpus"),
			    0, NULL);
		if (!c)
			return -1;
		ci = json_object_object_get(e, "ci95");
		c[4] = num(json_get_num(e, "median"));
		c[5] = num(json_get_num(ci, "low"));
		c[6] = num(json_get_num(ci, "high"));
		c[7] = integer(json_get_int(e, "n"));
	}
	return 0;
}

/*
 * The histogram names of xp[from..to), each once, in the order first
 * met: pointers to the points' own keys, which live as long as the
 * documents. *names is malloc'ed (NULL when there are none).
 */
static int hist_names(const struct ordered_point *xp, size_t from, size_t to,
		      const char ***names, size_t *nr)
{
	struct json_object *lat;
	const char **v = NULL;
	size_t i, k, n = 0, cap = 0;

	for (i = from; i < to; i++) {
		lat = json_object_object_get(xp[i].p, "latency_ns");
		if (!json_object_is_type(lat, json_type_object))
			continue;
		json_object_object_foreach(lat, name, val) {
			(void)val;
			for (k = 0; k < n && strcmp(v[k], name); k++)
				;
			if (k < n)
				continue;
			if (grow((void **)&v, &cap, n + 1, sizeof(*v))) {
				free(v);
				return -1;
			}
			v[n++] = name;
		}
	}
	*names = v;
	*nr = n;
	return 0;
}

static bool has_hist(const struct ordered_point *x, const char *name)
{
	return json_object_object_get_ex(json_object_object_get(x->p, "latency_ns"),
					 name, NULL);
}

/*
 * latency: per workload, each histogram any of its CPU counts has, one
 * row per CPU count that timed something (a series over CPU counts).
 */
static int build_latency(struct export_data *d, size_t file, const struct ordered_point *xp,
			 size_t n, const struct export_filter *f, struct hist *h,
			 char *err, size_t errlen)
{
	const char **names = NULL;
	struct export_cell *c;
	size_t w, wend, i, end, k, nr;
	uint64_t cost;

	for (w = 0; w < n; w = wend) {
		wend = points_workload_end(xp, n, w);
		free(names);
		if (hist_names(xp, w, wend, &names, &nr))
			goto oom;
		for (k = 0; k < nr; k++) {
			for (i = w; i < wend; i = end) {
				end = points_group_end(xp, n, i);
				if (!keep(f, xp[i].workload, xp[i].cpus) || !has_hist(&xp[i], names[k]))
					continue;
				if (merge_group(d->files[file].name, &xp[i], end - i, names[k], h,
						&cost, err, errlen)) {
					free(names);
					return -1;
				}
				if (!h->count)
					continue;	/* a handoff's first/last without a broadcast */
				c = row_new(d, file, xp[i].workload, (unsigned int)xp[i].cpus,
					    0, names[k]);
				if (!c)
					goto oom;
				c[5] = integer((int64_t)h->count);
				c[6] = num(hist_percentile(h, 0.50, cost));
				c[7] = num(hist_percentile(h, 0.90, cost));
				c[8] = num(hist_percentile(h, 0.99, cost));
				c[9] = num(hist_percentile(h, 0.999, cost));
				c[10] = num(hist_max(h, cost));
			}
		}
	}
	free(names);
	return 0;
oom:
	free(names);
	snprintf(err, errlen, "%s: out of memory", d->files[file].name);
	return -1;
}

/* cdf: per (workload, cpus), each histogram's CDF points as a series. */
static int build_cdf(struct export_data *d, size_t file, const struct ordered_point *xp,
		     size_t n, const struct export_filter *f, struct hist *h,
		     char *err, size_t errlen)
{
	struct hist_cdf_point *pts = calloc(KSB_HIST_BUCKETS, sizeof(*pts));
	const char **names = NULL;
	struct export_cell *c;
	size_t i, end, k, nr, np, j;
	unsigned int cpus;
	uint64_t cost;

	if (!pts)
		goto oom;
	for (i = 0; i < n; i = end) {
		end = points_group_end(xp, n, i);
		if (!keep(f, xp[i].workload, xp[i].cpus))
			continue;
		free(names);
		if (hist_names(xp, i, end, &names, &nr))
			goto oom;
		cpus = (unsigned int)xp[i].cpus;
		for (k = 0; k < nr; k++) {
			if (merge_group(d->files[file].name, &xp[i], end - i, names[k], h,
					&cost, err, errlen))
				goto fail;
			np = hist_cdf(h, cost, pts, KSB_HIST_BUCKETS);
			for (j = 0; j < np; j++) {
				c = row_new(d, file, xp[i].workload, cpus, cpus, names[k]);
				if (!c)
					goto oom;
				c[5] = num(pts[j].value);
				c[6] = num(pts[j].fraction);
			}
		}
	}
	free(names);
	free(pts);
	return 0;
oom:
	snprintf(err, errlen, "%s: out of memory", d->files[file].name);
fail:
	free(names);
	free(pts);
	return -1;
}

/* Jain's index of a point: its fairness.jain, or computed from its workers' ops. */
static double point_jain(struct json_object *p)
{
	struct json_object *workers = json_object_object_get(p, "workers");
	double jain = json_get_num(json_object_object_get(p, "fairness"), "jain");
	size_t i, n = json_object_array_length(workers);
	uint64_t *ops;
	struct fairness fr;

	if (!isnan(jain) || !n)
		return jain;
	ops = calloc(n, sizeof(*ops));
	if (!ops)
		return NAN;
	for (i = 0; i < n; i++)
		ops[i] = (uint64_t)json_get_int(json_object_array_get_idx(workers, i), "ops");
	jain = fairness_compute(ops, (unsigned int)n, KSB_STARVED_FRACTION, &fr, NULL) ?
	       NAN : fr.jain;
	free(ops);
	return jain;
}

/*
 * Worker j's share in point p: its "share" (null: it shares nothing, a
 * handoff's signaller), or for files older than the key its ops over the
 * point's. false when there is none.
 */
static bool worker_share(struct json_object *p, size_t j, double *share)
{
	struct json_object *w = json_object_array_get_idx(json_object_object_get(p, "workers"), j);
	struct json_object *v;
	double ops;

	if (!w)
		return false;
	if (json_object_object_get_ex(w, "share", &v)) {
		*share = json_get_num(w, "share");
		return !isnan(*share);
	}
	ops = (double)json_get_int(p, "ops");
	*share = ops > 0 ? (double)json_get_int(w, "ops") / ops : 0.0;
	return true;
}

/* fairness: per (workload, cpus), one row per worker. */
static int build_fairness(struct export_data *d, size_t file, const struct ordered_point *xp,
			  size_t n, const struct export_filter *f, char *err, size_t errlen)
{
	struct json_object *workers, *w;
	double *x = calloc(n ? n : 1, sizeof(*x)), jain, fair, sharers;
	struct export_cell *c;
	size_t i, end, j, k, m, nw;
	int64_t cpu;

	if (!x)
		goto oom;
	for (i = 0; i < n; i = end) {
		end = points_group_end(xp, n, i);
		if (!keep(f, xp[i].workload, xp[i].cpus))
			continue;
		nw = 0;
		sharers = NAN;
		for (k = i, m = 0; k < end; k++) {
			workers = json_object_object_get(xp[k].p, "workers");
			if (json_object_array_length(workers) > nw)
				nw = json_object_array_length(workers);
			if (isnan(sharers))
				sharers = json_get_num(json_object_object_get(xp[k].p, "fairness"), "n");
			x[m] = point_jain(xp[k].p);
			if (!isnan(x[m]))
				m++;
		}
		jain = median(x, m);
		if (isnan(sharers))
			sharers = (double)nw;
		fair = sharers > 0 ? 1.0 / sharers : NAN;
		for (j = 0; j < nw; j++) {
			cpu = -1;
			for (k = i, m = 0; k < end; k++) {
				w = json_object_array_get_idx(json_object_object_get(xp[k].p, "workers"), j);
				if (w && cpu < 0)
					cpu = json_get_int(w, "cpu");
				if (worker_share(xp[k].p, j, &x[m]))
					m++;
			}
			c = row_new(d, file, xp[i].workload, (unsigned int)xp[i].cpus,
				    (unsigned int)xp[i].cpus, NULL);
			if (!c)
				goto oom;
			c[4] = integer((int64_t)j);
			c[5] = integer(cpu);
			c[6] = num(median(x, m));
			c[7] = num(jain);
			c[8] = num(fair);
		}
	}
	free(x);
	return 0;
oom:
	free(x);
	snprintf(err, errlen, "%s: out of memory", d->files[file].name);
	return -1;
}

static int build_file(struct export_data *d, size_t file, const struct export_filter *f,
		      char *err, size_t errlen)
{
	struct ordered_point *xp;
	struct hist *h = NULL;
	size_t n;
	int ret = -1;

	if (d->table == EXPORT_THROUGHPUT)
		return build_throughput(d, file, f, &d->made[file], err, errlen);
	xp = points_ordered(d->files[file].doc, &n);
	if (d->table != EXPORT_FAIRNESS)
		h = malloc(sizeof(*h));
	if (!xp || (d->table != EXPORT_FAIRNESS && !h)) {
		snprintf(err, errlen, "%s: out of memory", d->files[file].name);
		goto out;
	}
	switch (d->table) {
	case EXPORT_LATENCY:
		ret = build_latency(d, file, xp, n, f, h, err, errlen);
		break;
	case EXPORT_CDF:
		ret = build_cdf(d, file, xp, n, f, h, err, errlen);
		break;
	default:
		ret = build_fairness(d, file, xp, n, f, err, errlen);
		break;
	}
out:
	free(h);
	free(xp);
	return ret;
}

int export_build(const struct export_file *files, size_t nr_files,
		 enum export_table table, const struct export_filter *filter,
		 struct export_data *d, char *err, size_t errlen)
{
	size_t i;

	memset(d, 0, sizeof(*d));
	err[0] = '\0';
	if ((unsigned int)table >= NR_EXPORT_TABLES) {
		snprintf(err, errlen, "export: no such table");
		return -1;
	}
	d->table = table;
	d->columns = tables[table].cols;
	d->nr_cols = tables[table].nr;
	d->files = files;
	d->nr_files = nr_files;
	d->labels = calloc(2 * nr_files + 1, sizeof(*d->labels));
	d->made = calloc(nr_files + 1, sizeof(*d->made));
	if (!d->labels || !d->made)
		goto oom;
	for (i = 0; i < nr_files; i++) {
		d->labels[2 * i] = malloc(LABEL_LEN);
		d->labels[2 * i + 1] = malloc(LABEL_LEN);
		if (!d->labels[2 * i] || !d->labels[2 * i + 1])
			goto oom;
		label_kernel(files[i].doc, d->labels[2 * i], LABEL_LEN);
		label_host(files[i].doc, d->labels[2 * i + 1], LABEL_LEN);
	}
	for (i = 0; i < nr_files; i++)
		if (build_file(d, i, filter, err, errlen))
			goto fail;
	return 0;
oom:
	snprintf(err, errlen, "export: out of memory");
fail:
	export_free(d);
	return -1;
}

int export_column(const struct export_data *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->nr_cols; i++)
		if (!strcmp(d->columns[i], name))
			return (int)i;
	return -1;
}

double export_number(const struct export_data *d, size_t r, int c)
{
	const struct export_cell *cell;

	if (r >= d->nr_rows || c < 0 || (size_t)c >= d->nr_cols)
		return NAN;
	cell = &d->cells[r * d->nr_cols + (size_t)c];
	if (cell->type == EXPORT_INT)
		return (double)cell->i;
	return cell->type == EXPORT_NUM ? cell->d : NAN;
}

void export_free(struct export_data *d)
{
	size_t i;

	if (d->labels)
		for (i = 0; i < 2 * d->nr_files; i++)
			free(d->labels[i]);
	if (d->made)
		for (i = 0; i < d->nr_files; i++)
			json_object_put(d->made[i]);
	free(d->labels);
	free(d->made);
	free(d->cells);
	free(d->series);
	memset(d, 0, sizeof(*d));
}

/* Text. */

/* A string for gnuplot: quoted; what it cannot read inside becomes '?'. */
static void dat_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++)
		fputc(*s == '"' || (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, f);
	fputc('"', f);
}

static void cell_print(FILE *f, const struct export_cell *c, enum export_format format)
{
	switch (c->type) {
	case EXPORT_STR:
		if (format == EXPORT_DAT)
			dat_string(f, c->s);
		else
			csv_text(f, c->s);
		break;
	case EXPORT_INT:
		fprintf(f, "%" PRId64, c->i);
		break;
	case EXPORT_NUM:
		if (isfinite(c->d))
			fprintf(f, "%.9g", c->d);
		else if (format == EXPORT_DAT)
			fputs("NaN", f);
		break;
	}
}

static void row_print(FILE *f, const struct export_data *d, size_t r,
		      enum export_format format)
{
	const char *sep = format == EXPORT_DAT ? " " : ",";
	size_t c;

	for (c = 0; c < d->nr_cols; c++) {
		if (c)
			fputs(sep, f);
		cell_print(f, &d->cells[r * d->nr_cols + c], format);
	}
	fputs(format == EXPORT_DAT ? "\n" : "\r\n", f);
}

/* Text in a comment line: a control character (a newline would end the comment and start a row) becomes '?'. */
static void dat_comment_text(FILE *f, const char *s)
{
	for (; s && *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, f);
}

/* "# [2] FILE: spinlock, 2 CPUs, acquire" */
static void series_comment(FILE *f, const struct export_data *d, size_t i)
{
	const struct export_series *s = &d->series[i];

	fprintf(f, "# [%zu] ", i);
	dat_string(f, d->files[s->file].name);
	fputs(": ", f);
	dat_comment_text(f, s->workload);
	if (s->cpus)
		fprintf(f, ", %u CPU%s", s->cpus, s->cpus == 1 ? "" : "s");
	if (s->hist) {
		fputs(", ", f);
		dat_comment_text(f, s->hist);
	}
	fputc('\n', f);
}

static void dat_print(FILE *f, const struct export_data *d)
{
	size_t i, r;

	fprintf(f, "# ksbench export --table=%s: %s\n", export_table_name(d->table),
		tables[d->table].what);
	for (i = 0; i < d->nr_files; i++) {
		fputs("# file ", f);
		dat_string(f, d->files[i].name);
		fputs(": kernel ", f);
		dat_string(f, d->labels[2 * i]);
		fputs(", host ", f);
		dat_string(f, d->labels[2 * i + 1]);
		fputc('\n', f);
	}
	if (d->nr_series)
		fprintf(f, "# %zu series (gnuplot index 0..%zu), two blank lines apart\n",
			d->nr_series, d->nr_series - 1);
	else
		fputs("# no series\n", f);
	fputc('#', f);
	for (i = 0; i < d->nr_cols; i++)
		fprintf(f, " %s", d->columns[i]);
	fputc('\n', f);
	for (i = 0; i < d->nr_series; i++) {
		if (i)
			fputs("\n\n", f);
		series_comment(f, d, i);
		for (r = d->series[i].first; r < d->series[i].first + d->series[i].nr; r++)
			row_print(f, d, r, EXPORT_DAT);
	}
}

static void csv_print(FILE *f, const struct export_data *d)
{
	size_t i;

	for (i = 0; i < d->nr_cols; i++) {
		if (i)
			fputc(',', f);
		csv_text(f, d->columns[i]);
	}
	fputs("\r\n", f);
	for (i = 0; i < d->nr_rows; i++)
		row_print(f, d, i, EXPORT_CSV);
}

int export_text(const struct export_data *d, enum export_format format,
		  char **text, size_t *len)
{
	FILE *f = open_memstream(text, len);

	if (!f)
		return -1;
	if (format == EXPORT_DAT)
		dat_print(f, d);
	else
		csv_print(f, d);
	if (ferror(f)) {
		fclose(f);
		free(*text);
		*text = NULL;
		return -1;
	}
	return fclose(f) ? -1 : 0;
}
