// SPDX-License-Identifier: GPL-2.0
/* Result files lined up against a baseline and tested (compare.h). */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "boot_groups.h"
#include "compare.h"
#include "json_get.h"
#include "knobs.h"
#include "label.h"
#include "point_groups.h"
#include "result.h"

static const char *const metric_names[NR_COMPARE_METRICS] = {
	[COMPARE_THROUGHPUT] = "throughput",
	[COMPARE_P50] = "p50",
	[COMPARE_P99] = "p99",
	[COMPARE_P999] = "p999",
};

const char *compare_metric_name(enum compare_metric m)
{
	return m < NR_COMPARE_METRICS ? metric_names[m] : "?";
}

const char *compare_metric_unit(enum compare_metric m)
{
	return m == COMPARE_THROUGHPUT ? "ops/s" : "ns";
}

bool compare_higher_is_better(enum compare_metric m)
{
	return m == COMPARE_THROUGHPUT;
}

/*
 * The histogram of the operation the kind exists to measure: the lock's
 * acquire wait, the rw write section (where writers and readers meet),
 * the lock-free operation, the handoff's wake-up.
 */
const char *compare_histogram(const char *kind)
{
	static const char *const map[][2] = {
		{ "lock", "acquire" }, { "rw", "write" },
		{ "lockfree", "op" }, { "handoff", "wakeup" },
	};
	size_t i;

	for (i = 0; kind && i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(kind, map[i][0]))
			return map[i][1];
	return NULL;
}

const char *compare_status_name(enum compare_status s)
{
	switch (s) {
	case COMPARE_COMPARED:		return "compared";
	case COMPARE_ONLY_BASE:		return "only-in-baseline";
	case COMPARE_ONLY_OTHER:	return "only-in-other";
	case COMPARE_SKIPPED:		return "skipped";
	case COMPARE_NO_METRIC:		return "no-metric";
	case COMPARE_KNOBS_DIFFER:	return "knobs-differ";
	}
	return "?";
}

const char *compare_verdict_name(enum compare_verdict v)
{
	switch (v) {
	case COMPARE_NONE:		return "";
	case COMPARE_FASTER:		return "faster";
	case COMPARE_SLOWER:		return "slower";
	case COMPARE_NO_CHANGE:		return "no change";
	case COMPARE_TOO_FEW:		return "too few repeats";
	case COMPARE_TOO_FEW_BOOTS:	return "too few boots";
	}
	return "?";
}

int compare_parse_metric(const char *s, enum compare_metric *m,
			 char *err, size_t errlen)
{
	unsigned int i;

	for (i = 0; i < NR_COMPARE_METRICS; i++) {
		if (!strcmp(s, metric_names[i])) {
			*m = i;
			return 0;
		}
	}
	snprintf(err, errlen, "'%s' is not one of throughput, p50, p99 or p999", s);
	return -1;
}

int compare_parse_threshold(const char *s, double *pct, char *err, size_t errlen)
{
	size_t digits = 0, points = 0, i, len = strlen(s);
	char *end;
	double v;

	if (len && s[len - 1] == '%')
		len--;
	for (i = 0; i < len; i++) {
		if (isdigit((unsigned char)s[i]))
			digits++;
		else if (s[i] == '.')
			points++;
		else
			break;
	}
	if (i != len || !digits || points > 1)
		goto bad;
	v = strtod(s, &end);
	if (end != s + len || !isfinite(v))
		goto bad;
	*pct = v;
	return 0;
bad:
	snprintf(err, errlen, "'%s' is not a percentage (a number >= 0: 5, 2.5 or 10%%)", s);
	return -1;
}

double compare_min_p(size_t nx, size_t ny)
{
	double c = 1;
	size_t i, n = nx + ny;

	/* C(n, nx), built up so that each step stays an integer */
	for (i = 1; i <= nx; i++)
		c = c * (double)(n - nx + i) / (double)i;
	return c > 2 ? 2 / c : 1;
}

enum compare_verdict compare_verdict_of(enum compare_metric m, double p,
					double min_p, double ratio,
					bool u_above)
{
	bool up;

	if (!(min_p < COMPARE_ALPHA))
		return COMPARE_TOO_FEW;
	if (!(p < COMPARE_ALPHA))
		return COMPARE_NO_CHANGE;
	/* the medians say which way; where they are equal, the ranks do */
	up = ratio > 1 || (!(ratio < 1) && u_above);
	return up == compare_higher_is_better(m) ? COMPARE_FASTER : COMPARE_SLOWER;
}

/* Helpers over validated documents. */

static struct json_object *get_array(struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) ||
	    !json_object_is_type(v, json_type_array))
		return NULL;
	return v;
}

/* json-c asserts on the length of NULL: a missing array is empty. */
static size_t array_len(struct json_object *a)
{
	return a ? json_object_array_length(a) : 0;
}

/* The params. */

/*
 * The knobs that only set how long or in what order a run measured, not
 * what: they differ as a note. Every other knob (and any knob added
 * later) changes what a point measures and blocks alignment.
 */
static bool knob_blocks(enum knob_id id)
{
	return id != KNOB_DURATION && id != KNOB_WARMUP && id != KNOB_SEED &&
	       id != KNOB_INTERVAL;
}

/* The CLI's own params: default text for files that lack them. */
static const struct {
	const char *key;
	const char *def;
} cli_params[] = {
	{ "repeat", "1" },
	{ "shuffle", "false" },
	{ "max_cv", "0.05" },
	/* latencies with or without the clock's cost: blocks for latency */
	{ "correct_clock", "true" },
};

/* The value of one param in doc as text; false when doc lacks it. */
static bool param_text(struct json_object *doc, int knob, const char *key,
		       const char *def, char *buf, size_t len)
{
	struct json_object *params, *v;
	uint64_t value;

	params = json_object_object_get(doc, "params");
	if (!json_object_object_get_ex(params, key, &v) || !v) {
		if (knob >= 0)
			knob_option_text(knob, knob_table[knob].def, buf, len);
		else
			snprintf(buf, len, "%s", def);
		return false;
	}
	if (knob >= 0 && !knob_from_json(knob, v, &value))
		knob_option_text(knob, value, buf, len);
	else
		snprintf(buf, len, "%s", json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
	return true;
}

/* Records a param whose value differs; a blocking one unaligns the files that differ. */
static int add_param(struct compare *c, const struct compare_param *p)
{
	struct compare_param *grown;
	unsigned int i;

	grown = realloc(c->params, (c->nr_params + 1) * sizeof(*grown));
	if (!grown)
		return -1;
	c->params = grown;
	c->params[c->nr_params++] = *p;
	for (i = 1; p->blocks && i < c->nr_files; i++)
		if (strcmp(p->value[i], p->value[0]))
			c->files[i].aligned = false;
	return 0;
}

/* Adds param key to c->params when its value is not the same in every file. */
static int check_param(struct compare *c, int knob, const char *key,
		       const char *def, bool blocks)
{
	struct compare_param p = { .key = key, .blocks = blocks };
	bool differ = false;
	unsigned int i;

	for (i = 0; i < c->nr_files; i++) {
		p.recorded[i] = param_text(c->files[i].doc, knob, key, def,
					   p.value[i], sizeof(p.value[i]));
		c->files[i].nr_defaulted += blocks && !p.recorded[i];
		differ |= strcmp(p.value[i], p.value[0]) != 0;
	}
	return differ ? add_param(c, &p) : 0;
}

/*
 * Facts of the kernel's boot that change what a point measures, like a
 * measuring knob: the spinlock slow path (docs/compare.md). A file that
 * does not record one is "unknown", never assumed.
 */
static const char *const measuring_facts[] = { "spin_slowpath" };

static int check_fact(struct compare *c, const char *key)
{
	struct compare_param p = { .key = key, .blocks = true };
	struct json_object *host, *flags, *v;
	bool differ = false;
	unsigned int i;

	for (i = 0; i < c->nr_files; i++) {
		host = json_object_object_get(c->files[i].doc, "host");
		flags = json_object_object_get(host, "kernel_flags");
		v = json_object_object_get(flags, key);
		snprintf(p.value[i], sizeof(p.value[i]), "%s",
			 json_object_is_type(v, json_type_string) ? json_object_get_string(v)
								  : "unknown");
		p.recorded[i] = true;	/* no default to mark */
		differ |= strcmp(p.value[i], p.value[0]) != 0;
	}
	return differ ? add_param(c, &p) : 0;
}

static int check_params(struct compare *c)
{
	unsigned int i;

	for (i = 0; i < NR_KNOBS; i++)
		if (check_param(c, (int)i, knob_table[i].key, NULL, knob_blocks(i)))
			return -1;
	for (i = 0; i < sizeof(cli_params) / sizeof(cli_params[0]); i++)
		if (check_param(c, -1, cli_params[i].key, cli_params[i].def,
				!strcmp(cli_params[i].key, "correct_clock") &&
				c->metric != COMPARE_THROUGHPUT))
			return -1;
	for (i = 0; i < sizeof(measuring_facts) / sizeof(measuring_facts[0]); i++)
		if (check_fact(c, measuring_facts[i]))
			return -1;
	return 0;
}

/* Names: the kernel, then its basename or path where two files share one. */

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool label_shared(const struct compare *c, unsigned int i)
{
	unsigned int j;

	for (j = 0; j < c->nr_files; j++)
		if (j != i && !strcmp(c->files[j].label, c->files[i].label))
			return true;
	return false;
}

static void make_labels(struct compare *c)
{
	bool shared[COMPARE_FILES_MAX];
	struct compare_file *f;
	unsigned int i, step;

	for (i = 0; i < c->nr_files; i++)
		strcpy(c->files[i].label, c->files[i].kernel);	/* 128 < 256 */
	for (step = 0; step < 3; step++) {
		for (i = 0; i < c->nr_files; i++)
			shared[i] = label_shared(c, i);
		for (i = 0; i < c->nr_files; i++) {
			f = &c->files[i];
			if (!shared[i])
				continue;
			if (step == 0)
				snprintf(f->label, COMPARE_LABEL_MAX, "%.120s (%.120s)",
					 f->kernel, basename_of(f->path));
			else if (step == 1)
				snprintf(f->label, COMPARE_LABEL_MAX, "%.100s (%.140s)",
					 f->kernel, f->path);
			else	/* the same file twice */
				snprintf(f->label + strlen(f->label),
					 COMPARE_LABEL_MAX - strlen(f->label), " [%c]",
					 f->letter);
		}
	}
}

/* The (workload, cpus) keys of a pair of files, in report order. */

struct key {
	const char *workload;
	int64_t cpus;
	unsigned int rank;	/* the workload's first appearance */
};

struct keys {
	struct key *k;
	size_t n, cap;
	struct json_object *ranks;	/* workload -> rank (point_groups.h) */
	struct json_object *seen;	/* "cpus workload" of every key */
	size_t next_rank;
};

static int key_add(struct keys *ks, const char *workload, int64_t cpus)
{
	struct key *grown;
	char text[4096];
	size_t rank;

	if (!workload)
		return 0;
	snprintf(text, sizeof(text), "%" PRId64 " %s", cpus, workload);
	if (json_object_object_get_ex(ks->seen, text, NULL))
		return 0;
	json_object_object_add(ks->seen, text, NULL);
	rank = name_rank(ks->ranks, workload, &ks->next_rank);
	if (ks->n == ks->cap) {
		ks->cap = ks->cap ? 2 * ks->cap : 16;
		grown = realloc(ks->k, ks->cap * sizeof(*grown));
		if (!grown)
			return -1;
		ks->k = grown;
	}
	ks->k[ks->n++] = (struct key){ workload, cpus, (unsigned int)rank };
	return 0;
}

/* The points' keys, then the skipped ones', of one document. */
static int keys_of(struct keys *ks, struct json_object *doc)
{
	static const char *const arrays[] = { "points", "skipped" };
	struct json_object *a, *e;
	size_t i, k;

	for (k = 0; k < 2; k++) {
		a = get_array(doc, arrays[k]);
		for (i = 0; i < array_len(a); i++) {
			e = json_object_array_get_idx(a, i);
			if (key_add(ks, json_get_str(e, "workload"), json_get_int(e, "cpus")))
				return -1;
		}
	}
	return 0;
}

static int key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->cpus > y->cpus) - (x->cpus < y->cpus);
}

/* The sides. */

static double point_metric(struct json_object *p, enum compare_metric m)
{
	struct json_object *lat, *h;
	const char *hist;

	if (m == COMPARE_THROUGHPUT)
		return json_get_num(p, "throughput_ops_s");
	hist = compare_histogram(json_get_str(p, "kind"));
	if (!hist || !json_object_object_get_ex(p, "latency_ns", &lat) ||
	    !json_object_object_get_ex(lat, hist, &h))
		return NAN;
	return json_get_num(h, metric_names[m]);
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median_of(const double *x, size_t n)
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

/* A document's points and skipped points, each grouped by key. */
struct doc_groups {
	struct point_groups points, skipped;
};

static int doc_groups_build(struct doc_groups *dg, struct json_object *doc)
{
	if (point_groups_build(&dg->points, get_array(doc, "points")))
		return -1;
	if (point_groups_build(&dg->skipped, get_array(doc, "skipped"))) {
		point_groups_free(&dg->points);
		return -1;
	}
	return 0;
}

static void doc_groups_free(struct doc_groups *dg)
{
	point_groups_free(&dg->points);
	point_groups_free(&dg->skipped);
}

static int side_new(struct compare_side *s, const struct doc_groups *dg,
		    const struct key *k, enum compare_metric m)
{
	const struct point_group *g = point_groups_find(&dg->points, k->workload, k->cpus);
	size_t i, n = g ? g->nr : 0;
	struct json_object *p;
	const char *oracle;
	double v;

	s->values = malloc((n ? n : 1) * sizeof(*s->values));
	s->boots = malloc((n ? n : 1) * sizeof(*s->boots));
	if (!s->values || !s->boots)
		return -1;
	for (i = 0; i < n; i++) {
		p = g->pts[i];
		s->nr_points++;
		oracle = json_get_str(p, "oracle");
		if (oracle && !strcmp(oracle, ORACLE_FAIL))
			s->nr_oracle_fail++;
		v = point_metric(p, m);
		if (isfinite(v)) {
			s->boots[s->n] = boot_of(p);
			s->values[s->n++] = v;
		}
	}
	s->median = median_of(s->values, s->n);
	if (compare_side_boots(s))
		return -1;
	g = point_groups_find(&dg->skipped, k->workload, k->cpus);
	if (!s->nr_points && g) {
		/* the last of them, as the scan before the groups found */
		s->skipped = json_get_str(g->pts[g->nr - 1], "reason");
		if (!s->skipped)
			s->skipped = "skipped";
	}
	return 0;
}

/* What a side's test counts: its repeats, or its boot medians. */
struct sample {
	const double *x;
	size_t n;
	double median;
};

static struct sample sample_of(const struct compare_side *s, enum compare_unit u)
{
	if (u == COMPARE_UNIT_BOOT)
		return (struct sample) { s->boot_values, s->nr_boots, s->boot_median };
	return (struct sample) { s->values, s->n, s->median };
}

/* Ratio, interval, tests and verdict of a row whose sides both have values. */
static int row_test(struct compare_row *r, enum compare_metric m)
{
	struct sample b, o;
	struct stats_ratio sr;

	r->unit = compare_unit_of(&r->base, &r->other);
	b = sample_of(&r->base, r->unit);
	o = sample_of(&r->other, r->unit);
	if (b.median > 0) {
		r->ratio = o.median / b.median;
		if (!stats_ratio_of_medians(o.x, o.n, b.x, b.n, &sr) && sr.has_ci) {
			r->has_ci = true;
			r->lo = sr.lo;
			r->hi = sr.hi;
		}
	} else {
		r->ratio = o.median == 0 ? 1 : INFINITY;
	}
	if (stats_mann_whitney(o.x, o.n, b.x, b.n, &r->mw))
		return -1;
	r->has_welch = o.n >= 2 && b.n >= 2 && !stats_welch(o.x, o.n, b.x, b.n, &r->welch);
	r->min_p = compare_min_p(o.n, b.n);
	r->verdict = compare_verdict_of(m, r->mw.p, r->min_p, r->ratio,
					r->mw.statistic > (double)o.n * (double)b.n / 2);
	if (r->verdict == COMPARE_TOO_FEW && r->unit == COMPARE_UNIT_BOOT)
		r->verdict = COMPARE_TOO_FEW_BOOTS;
	return 0;
}

static int row_new(struct compare_row *r, const struct compare *c,
		   const struct compare_file *other, const struct doc_groups *dg,
		   const struct key *k)
{
	memset(r, 0, sizeof(*r));
	r->workload = k->workload;
	r->cpus = k->cpus;
	r->ratio = r->lo = r->hi = r->min_p = NAN;
	if (side_new(&r->base, &dg[0], k, c->metric) ||
	    side_new(&r->other, &dg[1], k, c->metric))
		return -1;
	if (!other->aligned)
		r->status = COMPARE_KNOBS_DIFFER;
	else if (r->base.nr_points && r->other.nr_points)
		r->status = r->base.n && r->other.n ? COMPARE_COMPARED :
			    COMPARE_NO_METRIC;
	else if (r->base.skipped || r->other.skipped)
		r->status = COMPARE_SKIPPED;
	else
		r->status = r->base.nr_points ? COMPARE_ONLY_BASE : COMPARE_ONLY_OTHER;
	if (r->status == COMPARE_COMPARED)
		return row_test(r, c->metric);
	return 0;
}

/* The geometric mean of the compared ratios of rows [from, to). */
static void geomean_of(struct compare_geomean *g, const struct compare_other *o,
		       size_t from, size_t to, double *x)
{
	const struct compare_row *r;
	size_t j, n = 0;

	for (j = from; j < to; j++) {
		r = &o->rows[j];
		if (r->status == COMPARE_COMPARED && isfinite(r->ratio) && r->ratio > 0)
			x[n++] = r->ratio;
	}
	g->n = n;
	if (!n || stats_geomean(x, n, &g->ratio))
		g->ratio = NAN;
}

/* Per workload in row order (its rows are contiguous), then overall. */
static int geomeans_new(struct compare_other *o)
{
	double *x = malloc((o->nr_rows ? o->nr_rows : 1) * sizeof(*x));
	struct compare_geomean *g;
	size_t i, end;

	o->geomeans = calloc(o->nr_rows + 1, sizeof(*o->geomeans));
	if (!x || !o->geomeans) {
		free(x);
		return -1;
	}
	for (i = 0; i < o->nr_rows; i = end) {
		for (end = i + 1; end < o->nr_rows &&
		     !strcmp(o->rows[end].workload, o->rows[i].workload); end++)
			;
		g = &o->geomeans[o->nr_geomeans++];
		g->workload = o->rows[i].workload;
		geomean_of(g, o, i, end, x);
	}
	g = &o->geomeans[o->nr_geomeans++];
	g->workload = NULL;
	geomean_of(g, o, 0, o->nr_rows, x);
	free(x);
	return 0;
}

static int other_new(struct compare *c, unsigned int file)
{
	struct compare_other *o = &c->others[file - 1];
	struct keys ks = { 0 };
	struct doc_groups dg[2];
	size_t i;
	int ret = -1;

	o->file = file;
	if (doc_groups_build(&dg[0], c->files[0].doc))
		return -1;
	if (doc_groups_build(&dg[1], c->files[file].doc)) {
		doc_groups_free(&dg[0]);
		return -1;
	}
	ks.ranks = json_object_new_object();
	ks.seen = json_object_new_object();
	if (!ks.ranks || !ks.seen || keys_of(&ks, c->files[0].doc) ||
	    keys_of(&ks, c->files[file].doc))
		goto out;
	if (ks.n)
		qsort(ks.k, ks.n, sizeof(*ks.k), key_cmp);
	o->rows = calloc(ks.n ? ks.n : 1, sizeof(*o->rows));
	if (!o->rows)
		goto out;
	for (i = 0; i < ks.n; i++) {
		o->nr_rows = i + 1;
		if (row_new(&o->rows[i], c, &c->files[file], dg, &ks.k[i]))
			goto out;
	}
	ret = geomeans_new(o);
out:
	free(ks.k);
	json_object_put(ks.ranks);
	json_object_put(ks.seen);
	doc_groups_free(&dg[0]);
	doc_groups_free(&dg[1]);
	return ret;
}

int compare_new(struct json_object *const *docs, const char *const *paths,
		unsigned int n, enum compare_metric metric, struct compare **out,
		char *err, size_t errlen)
{
	struct compare *c;
	struct compare_file *f;
	unsigned int i;

	*out = NULL;
	if (n < 2 || n > COMPARE_FILES_MAX) {
		snprintf(err, errlen, "%u file%s: give a baseline and 1 to %d more",
			 n, n == 1 ? "" : "s", COMPARE_FILES_MAX - 1);
		return -1;
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		goto oom;
	c->metric = metric;
	c->nr_files = n;
	for (i = 0; i < n; i++) {
		f = &c->files[i];
		f->path = paths[i];
		f->doc = docs[i];
		f->letter = (char)('A' + i);
		f->aligned = true;
		f->interrupted = json_object_get_boolean(json_object_object_get(docs[i],
										"interrupted"));
		f->nr_boots = compare_doc_boots(docs[i]);
		label_kernel(docs[i], f->kernel, sizeof(f->kernel));
		label_host(docs[i], f->host, sizeof(f->host));
	}
	make_labels(c);
	c->others = calloc(n - 1, sizeof(*c->others));
	if (!c->others || check_params(c))
		goto oom;
	for (i = 1; i < n; i++)
		if (other_new(c, i))
			goto oom;
	*out = c;
	return 0;
oom:
	compare_free(c);
	snprintf(err, errlen, "out of memory");
	return -1;
}

size_t compare_apply_threshold(struct compare *c, double pct)
{
	bool higher = compare_higher_is_better(c->metric);
	struct compare_row *r;
	size_t i, j;

	c->has_threshold = true;
	c->threshold_pct = pct;
	c->nr_beyond = 0;
	for (i = 0; i + 1 < c->nr_files; i++) {
		for (j = 0; j < c->others[i].nr_rows; j++) {
			r = &c->others[i].rows[j];
			r->beyond = r->verdict == COMPARE_SLOWER &&
				    (higher ? r->ratio < 1 - pct / 100 :
					      r->ratio > 1 + pct / 100);
			c->nr_beyond += r->beyond;
		}
	}
	return c->nr_beyond;
}

static void side_free(struct compare_side *s)
{
	free(s->values);
	free(s->boots);
	free(s->boot_ids);
	free(s->boot_n);
	free(s->boot_values);
}

void compare_free(struct compare *c)
{
	size_t i, j;

	if (!c)
		return;
	for (i = 0; c->others && i + 1 < c->nr_files; i++) {
		for (j = 0; j < c->others[i].nr_rows; j++) {
			side_free(&c->others[i].rows[j].base);
			side_free(&c->others[i].rows[j].other);
		}
		free(c->others[i].rows);
		free(c->others[i].geomeans);
	}
	free(c->others);
	free(c->params);
	free(c);
}
