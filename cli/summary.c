// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "boot_groups.h"
#include "hist.h"
#include "json_get.h"
#include "point_order.h"
#include "result.h"
#include "stats.h"
#include "summary.h"

#define add(obj, key, val)	json_object_object_add(obj, key, val)

static struct json_object *interval(bool has, double lo, double hi, const char *method)
{
	struct json_object *o = json_object_new_object();

	add(o, "low", has ? result_json_number(lo) : NULL);
	add(o, "high", has ? result_json_number(hi) : NULL);
	add(o, "method", json_object_new_string(has ? method : SUMMARY_NO_CI));
	if (has && !strcmp(method, SUMMARY_CI_METHOD))
		add(o, "resamples", json_object_new_int(KSB_STATS_BOOT));
	return o;
}

/* Throughput over the repeats g[0..n). */
static int add_stats(struct json_object *e, const struct ordered_point *g, size_t n,
		     double max_cv, char *err, size_t errlen)
{
	double *x = malloc(n * sizeof(*x));
	bool *flags = malloc(n * sizeof(*flags));
	struct json_object *repeats, *outliers;
	struct stats_desc d;
	size_t i;
	int ret = -1;

	if (!x || !flags)
		goto out;
	for (i = 0; i < n; i++)
		x[i] = json_object_get_double(json_object_object_get(g[i].p, "throughput_ops_s"));
	if (stats_describe(x, n, &d) || stats_outliers(x, n, flags, NULL) < 0) {
		snprintf(err, errlen, "summary: %s at %" PRId64 " CPUs: a throughput is not finite",
			 g[0].workload, g[0].cpus);
		goto out;
	}
	repeats = json_object_new_array();
	outliers = json_object_new_array();
	for (i = 0; i < n; i++) {
		json_object_array_add(repeats, json_object_new_int64(g[i].repeat));
		if (flags[i])
			json_object_array_add(outliers, json_object_new_int64(g[i].repeat));
	}
	add(e, "metric", json_object_new_string("throughput_ops_s"));
	add(e, "n", json_object_new_int64((int64_t)n));
	add(e, "repeats", repeats);
	add(e, "median", result_json_number(d.median));
	add(e, "mean", result_json_number(d.mean));
	add(e, "stddev", result_json_number(d.stddev));
	add(e, "cv", result_json_number(d.cv));
	add(e, "min", result_json_number(d.min));
	add(e, "max", result_json_number(d.max));
	add(e, "ci95", interval(d.has_ci, d.median_lo, d.median_hi, SUMMARY_CI_METHOD));
	add(e, "mean_ci95", interval(d.has_ci, d.mean_lo, d.mean_hi, SUMMARY_MEAN_CI_METHOD));
	add(e, "outliers", outliers);
	add(e, "noisy", json_object_new_boolean(isfinite(d.cv) && d.cv > max_cv));
	ret = 0;
out:
	if (ret && !err[0])
		snprintf(err, errlen, "summary: out of memory");
	free(x);
	free(flags);
	return ret;
}

/* The raw histogram of a point's latency entry NAME, merged into into. */
static int merge_point_hist(struct json_object *p, const char *name, struct hist *into,
			    struct hist *tmp, char *err, size_t errlen)
{
	struct json_object *lat = json_object_object_get(p, "latency_ns");
	struct json_object *entry = json_object_object_get(lat, name);
	char msg[256];

	if (!entry || hist_from_json(json_object_object_get(entry, "hist"), tmp,
				     msg, sizeof(msg)) ||
	    hist_merge(into, tmp, msg, sizeof(msg))) {
		snprintf(err, errlen, "summary: %s at %" PRId64 " CPUs, repeat %" PRId64
			 ": latency %s: %s", json_get_str(p, "workload"), json_get_int(p, "cpus"),
			 json_get_int(p, "repeat"), name, entry ? msg : "missing");
		return -1;
	}
	return 0;
}

/*
 * Each histogram of the group merged over its repeats (raw buckets, then
 * read with the smallest clock cost any of them subtracted: they are one
 * module's calibration, so normally all equal).
 */
static int add_latency(struct json_object *e, const struct ordered_point *g, size_t n,
		       char *err, size_t errlen)
{
	struct json_object *lat = json_object_object_get(g[0].p, "latency_ns"), *out;
	struct hist *merged, *tmp;
	int64_t cost = INT64_MAX, c;
	size_t i;
	int ret = -1;

	if (!json_object_is_type(lat, json_type_object))
		return 0;
	for (i = 0; i < n; i++) {
		c = json_get_int(json_object_object_get(g[i].p, "clock"), "subtracted_ns");
		cost = c < cost ? c : cost;
	}
	merged = malloc(sizeof(*merged));
	tmp = malloc(sizeof(*tmp));
	out = json_object_new_object();
	if (!merged || !tmp) {
		snprintf(err, errlen, "summary: out of memory");
		goto fail;
	}
	json_object_object_foreach(lat, name, val) {
		(void)val;
		hist_init(merged);
		for (i = 0; i < n; i++)
			if (merge_point_hist(g[i].p, name, merged, tmp, err, errlen))
				goto fail;
		add(out, name, result_latency_json(merged, (uint64_t)(cost > 0 ? cost : 0), false));
	}
	add(e, "clock_subtracted_ns", json_object_new_int64(cost > 0 ? cost : 0));
	add(e, "latency_ns", out);
	out = NULL;
	ret = 0;
fail:
	json_object_put(out);
	free(merged);
	free(tmp);
	return ret;
}

/*
 * With --boots, each boot's median over its repeats: the between-boot
 * spread that the pooled statistics above cannot show (boot_groups.h).
 */
static int add_boots(struct json_object *e, const struct ordered_point *g, size_t n,
		     char *err, size_t errlen)
{
	struct json_object *a, *b;
	struct boot_median *bm = NULL;
	double *x;
	int64_t *boots;
	size_t i, nr = 0;
	int ret = -1;

	if (!boot_of(g[0].p))
		return 0;	/* one boot, as every file before --boots */
	x = malloc(n * sizeof(*x));
	boots = malloc(n * sizeof(*boots));
	if (!x || !boots)
		goto out;
	for (i = 0; i < n; i++) {
		x[i] = json_object_get_double(json_object_object_get(g[i].p, "throughput_ops_s"));
		boots[i] = boot_of(g[i].p);
	}
	if (boot_medians(x, boots, n, &bm, &nr))
		goto out;
	a = json_object_new_array();
	for (i = 0; i < nr; i++) {
		b = json_object_new_object();
		add(b, "boot", json_object_new_int64(bm[i].boot));
		add(b, "n", json_object_new_int64((int64_t)bm[i].n));
		add(b, "median", result_json_number(bm[i].median));
		json_object_array_add(a, b);
	}
	add(e, "boots", json_object_new_int64((int64_t)nr));
	add(e, "boot_medians", a);
	ret = 0;
out:
	if (ret)
		snprintf(err, errlen, "summary: out of memory");
	free(bm);
	free(x);
	free(boots);
	return ret;
}

static struct json_object *entry_new(const struct ordered_point *g, size_t n, double max_cv,
				     char *err, size_t errlen)
{
	struct json_object *e = json_object_new_object();
	const char *kind = json_get_str(g[0].p, "kind"), *measure = json_get_str(g[0].p, "measure");

	add(e, "workload", json_object_new_string(g[0].workload));
	add(e, "cpus", json_object_new_int64(g[0].cpus));
	if (kind)
		add(e, "kind", json_object_new_string(kind));
	if (measure)
		add(e, "measure", json_object_new_string(measure));
	if (add_stats(e, g, n, max_cv, err, errlen) || add_boots(e, g, n, err, errlen) ||
	    add_latency(e, g, n, err, errlen)) {
		json_object_put(e);
		return NULL;
	}
	return e;
}

struct json_object *summary_new(struct json_object *doc, double max_cv,
				char *err, size_t errlen)
{
	struct json_object *sum, *e;
	size_t i, end, n;
	struct ordered_point *sp = points_ordered(doc, &n);

	err[0] = '\0';
	if (!sp) {
		snprintf(err, errlen, "summary: out of memory");
		return NULL;
	}
	sum = json_object_new_array();
	for (i = 0; i < n; i = end) {
		end = points_group_end(sp, n, i);
		e = entry_new(&sp[i], end - i, max_cv, err, errlen);
		if (!e) {
			json_object_put(sum);
			sum = NULL;
			break;
		}
		json_object_array_add(sum, e);
	}
	free(sp);
	return sum;
}

int summary_set(struct json_object *doc, double max_cv, char *err, size_t errlen)
{
	struct json_object *sum = summary_new(doc, max_cv, err, errlen);

	if (!sum)
		return -1;
	add(doc, "summary", sum);
	return 0;
}

double summary_max_cv(struct json_object *doc)
{
	struct json_object *v = json_object_object_get(json_object_object_get(doc, "params"),
						       "max_cv");
	double cv;

	if (!v || !(json_object_is_type(v, json_type_double) ||
		    json_object_is_type(v, json_type_int)))
		return RESULT_MAX_CV_DEF;
	cv = json_object_get_double(v);
	return isfinite(cv) && cv > 0 ? cv : RESULT_MAX_CV_DEF;
}
