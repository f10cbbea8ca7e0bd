// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "export.h"
#include "hist.h"

static char err[512];

#define add(obj, key, val)	json_object_object_add(obj, key, val)

static struct json_object *get(struct json_object *obj, const char *key)
{
	return json_object_object_get(obj, key);
}

/* A document head: a VM run of the given kernel, workloads in this order. */
static struct json_object *doc_new(const char *release, const char *workloads_json)
{
	struct json_object *doc = json_tokener_parse(
		"{ \"schema\": \"ksbench-result/1\", \"interrupted\": false, "
		"\"host\": { \"target\": \"vm\", \"cpu_model\": \"QEMU\", \"online_cpus\": 2 }, "
		"\"vm\": { \"accel\": \"tcg\", \"smp\": 2, \"host_cpu_model\": \"AMD EPYC\" }, "
		"\"params\": { }, \"points\": [] }");

	add(get(doc, "host"), "kernel_release", json_object_new_string(release));
	add(get(doc, "params"), "workloads", json_tokener_parse(workloads_json));
	return doc;
}

static struct json_object *point_new(struct json_object *doc, const char *workload,
				     int cpus, int repeat, double ops_s)
{
	struct json_object *p = json_object_new_object();

	add(p, "workload", json_object_new_string(workload));
	add(p, "kind", json_object_new_string("lock"));
	add(p, "cpus", json_object_new_int(cpus));
	add(p, "repeat", json_object_new_int(repeat));
	add(p, "ops", json_object_new_int64((int64_t)ops_s));
	add(p, "throughput_ops_s", json_object_new_double(ops_s));
	add(p, "workers", json_object_new_array());
	json_object_array_add(get(doc, "points"), p);
	return p;
}

/* A latency entry whose raw histogram holds values[n] (ns). */
static void add_hist(struct json_object *p, const char *name, const uint64_t *values,
		     size_t n, int subtracted)
{
	struct json_object *lat = get(p, "latency_ns"), *e = json_object_new_object();
	struct json_object *clock = json_object_new_object();
	struct hist h;
	size_t i;

	if (!lat) {
		lat = json_object_new_object();
		add(p, "latency_ns", lat);
	}
	hist_init(&h);
	for (i = 0; i < n; i++)
		assert_int_equal(hist_record(&h, values[i]), 0);
	add(e, "count", json_object_new_int64((int64_t)n));
	add(e, "hist", hist_to_json(&h));
	add(lat, name, e);
	add(clock, "subtracted_ns", json_object_new_int(subtracted));
	add(p, "clock", clock);
}

/* A worker with its share (NAN: null, a handoff's signaller). */
static void add_worker(struct json_object *p, int cpu, int64_t ops, double share)
{
	struct json_object *w = json_object_new_object();

	add(w, "cpu", json_object_new_int(cpu));
	add(w, "ops", json_object_new_int64(ops));
	add(w, "share", isnan(share) ? NULL : json_object_new_double(share));
	json_object_array_add(get(p, "workers"), w);
}

static void set_fairness(struct json_object *p, int n, double jain)
{
	struct json_object *f = json_object_new_object();

	add(f, "n", json_object_new_int(n));
	add(f, "jain", json_object_new_double(jain));
	add(p, "fairness", f);
}

static char *text_of(const struct export_data *d, enum export_format f)
{
	char *text;
	size_t len;

	assert_int_equal(export_text(d, f, &text, &len), 0);
	assert_int_equal(strlen(text), len);
	return text;
}

/* The throughput document: a summary as `ksbench run` writes it. */
static struct json_object *throughput_doc(void)
{
	struct json_object *doc = doc_new("6.1.0-56-amd64", "[ \"spinlock\", \"mutex\" ]");

	add(doc, "summary", json_tokener_parse(
		"[ { \"workload\": \"spinlock\", \"cpus\": 1, \"n\": 1, \"median\": 1000000.5,"
		"    \"ci95\": { \"low\": null, \"high\": null } },"
		"  { \"workload\": \"spinlock\", \"cpus\": 2, \"n\": 3, \"median\": 750000,"
		"    \"ci95\": { \"low\": 700000, \"high\": 800000.25 } },"
		"  { \"workload\": \"mutex\", \"cpus\": 2, \"n\": 3, \"median\": 500000,"
		"    \"ci95\": { \"low\": 400000, \"high\": 600000 } } ]"));
	return doc;
}

static void test_names(void **state)
{
	enum export_table t;
	enum export_format f;

	(void)state;
	assert_int_equal(export_table_parse("latency", &t), 0);
	assert_int_equal(t, EXPORT_LATENCY);
	assert_int_equal(export_table_parse("fairness", &t), 0);
	assert_int_equal(t, EXPORT_FAIRNESS);
	assert_int_equal(export_table_parse("Latency", &t), -1);
	assert_int_equal(export_table_parse("", &t), -1);
	assert_string_equal(export_table_name(EXPORT_CDF), "cdf");
	assert_int_equal(export_format_parse("csv", &f), 0);
	assert_int_equal(f, EXPORT_CSV);
	assert_int_equal(export_format_parse("dat", &f), 0);
	assert_int_equal(f, EXPORT_DAT);
	assert_int_equal(export_format_parse("tsv", &f), -1);
}

/* dat: quoted strings ('"' made '?'), NaN, one block per workload, two blank lines. */
static void test_throughput_dat(void **state)
{
	struct export_file file = { "dir/a \"x\".json", throughput_doc() };
	struct export_data d;
	char *text;

	(void)state;
	assert_int_equal(export_build(&file, 1, EXPORT_THROUGHPUT, NULL, &d, err, sizeof(err)), 0);
	assert_int_equal(d.nr_rows, 3);
	assert_int_equal(d.nr_series, 2);
	text = text_of(&d, EXPORT_DAT);
	assert_string_equal(text,
		"# ksbench export --table=throughput: median ops/s over the repeats, its 95% CI"
		" (bootstrap; NaN below 3 repeats), n repeats\n"
		"# file \"dir/a ?x?.json\": kernel \"6.1.0-56-amd64\", host \"AMD EPYC, VM tcg 2 vCPUs\"\n"
		"# 2 series (gnuplot index 0..1), two blank lines apart\n"
		"# file kernel workload cpus median_ops_s ci95_low ci95_high n\n"
		"# [0] \"dir/a ?x?.json\": spinlock\n"
		"\"dir/a ?x?.json\" \"6.1.0-56-amd64\" \"spinlock\" 1 1000000.5 NaN NaN 1\n"
		"\"dir/a ?x?.json\" \"6.1.0-56-amd64\" \"spinlock\" 2 750000 700000 800000.25 3\n"
		"\n\n"
		"# [1] \"dir/a ?x?.json\": mutex\n"
		"\"dir/a ?x?.json\" \"6.1.0-56-amd64\" \"mutex\" 2 500000 400000 600000 3\n");
	free(text);
	export_free(&d);
	json_object_put(file.doc);
}

/* csv: RFC 4180 quoting, CRLF, empty fields for missing numbers; two files. */
static void test_throughput_csv(void **state)
{
	struct export_file files[2] = {
		{ "a \"x\".json", throughput_doc() },
		{ "b,c.json", doc_new("6.1.0-56-rt-amd64", "[ \"mutex\" ]") },
	};
	struct export_filter mutex = { "mutex", 0 };
	struct export_data d;
	char *text;

	(void)state;
	add(files[1].doc, "summary", json_tokener_parse(
		"[ { \"workload\": \"mutex\", \"cpus\": 2, \"n\": 2, \"median\": 25.25,"
		"    \"ci95\": { \"low\": null, \"high\": null } } ]"));
	assert_int_equal(export_build(files, 2, EXPORT_THROUGHPUT, NULL, &d, err, sizeof(err)), 0);
	text = text_of(&d, EXPORT_CSV);
	assert_string_equal(text,
		"file,kernel,workload,cpus,median_ops_s,ci95_low,ci95_high,n\r\n"
		"\"a \"\"x\"\".json\",6.1.0-56-amd64,spinlock,1,1000000.5,,,1\r\n"
		"\"a \"\"x\"\".json\",6.1.0-56-amd64,spinlock,2,750000,700000,800000.25,3\r\n"
		"\"a \"\"x\"\".json\",6.1.0-56-amd64,mutex,2,500000,400000,600000,3\r\n"
		"\"b,c.json\",6.1.0-56-rt-amd64,mutex,2,25.25,,,2\r\n");
	free(text);
	export_free(&d);

	/* One workload over both files: one series per file, as overlays want. */
	assert_int_equal(export_build(files, 2, EXPORT_THROUGHPUT, &mutex, &d, err, sizeof(err)), 0);
	assert_int_equal(d.nr_series, 2);
	assert_int_equal(d.series[0].file, 0);
	assert_int_equal(d.series[1].file, 1);
	assert_string_equal(d.series[1].workload, "mutex");
	assert_float_equal(export_number(&d, 1, export_column(&d, "median_ops_s")), 25.25, 0);
	assert_true(isnan(export_number(&d, 1, export_column(&d, "ci95_low"))));
	export_free(&d);
	json_object_put(files[0].doc);
	json_object_put(files[1].doc);
}

/*
 * A workload named to inject a row ("x\n1 999999 ...") stays one field
 * in its row and one line in its series comment, in dat and csv.
 */
static void test_hostile_workload(void **state)
{
	struct export_file file = { "f.json", doc_new("6.1`id`\n2", "[ \"x\\n1 999999 0 0 0\" ]") };
	struct export_data d;
	char *text;

	(void)state;
	add(file.doc, "summary", json_tokener_parse(
		"[ { \"workload\": \"x\\n1 999999 0 0 0\", \"cpus\": 1, \"n\": 1, \"median\": 5,"
		"    \"ci95\": { \"low\": null, \"high\": null } } ]"));
	assert_int_equal(export_build(&file, 1, EXPORT_THROUGHPUT, NULL, &d, err, sizeof(err)), 0);
	text = text_of(&d, EXPORT_DAT);
	assert_non_null(strstr(text,
		"# [0] \"f.json\": x?1 999999 0 0 0\n"
		"\"f.json\" \"6.1`id`?2\" \"x?1 999999 0 0 0\" 1 5 NaN NaN 1\n"));
	assert_null(strstr(text, "\n1 999999"));
	free(text);
	text = text_of(&d, EXPORT_CSV);
	assert_string_equal(text,
		"file,kernel,workload,cpus,median_ops_s,ci95_low,ci95_high,n\r\n"
		"f.json,\"6.1`id`\n2\",\"x\n1 999999 0 0 0\",1,5,,,1\r\n");
	free(text);
	export_free(&d);
	json_object_put(file.doc);
}

/* A file without a summary gets the one summary.h computes. */
static void test_throughput_computed(void **state)
{
	struct export_file file = { "old.json", doc_new("6.1.0", "[ \"mutex\" ]") };
	struct export_data d;
	int med;

	(void)state;
	point_new(file.doc, "mutex", 2, 0, 300);
	point_new(file.doc, "mutex", 2, 1, 100);
	point_new(file.doc, "mutex", 2, 2, 200);
	assert_int_equal(export_build(&file, 1, EXPORT_THROUGHPUT, NULL, &d, err, sizeof(err)), 0);
	assert_int_equal(d.nr_rows, 1);
	med = export_column(&d, "median_ops_s");
	assert_float_equal(export_number(&d, 0, med), 200, 0);
	/* n = 3: the bootstrap interval is [min, max] */
	assert_float_equal(export_number(&d, 0, med + 1), 100, 0);
	assert_float_equal(export_number(&d, 0, med + 2), 300, 0);
	assert_float_equal(export_number(&d, 0, export_column(&d, "n")), 3, 0);
	assert_null(get(file.doc, "summary"));	/* the document is not changed */
	export_free(&d);
	json_object_put(file.doc);
}

/*
 * Latency points: spinlock at 1 CPU in two repeats (clock costs 5 and 7:
 * the smaller is read off), at 2 CPUs in one; an empty "first" histogram.
 */
static struct json_object *latency_doc(void)
{
	static const uint64_t a0[] = { 10, 20, 30 }, a1[] = { 40, 50 }, a2[] = { 60, 70 };
	static const uint64_t h0[] = { 100 }, h1[] = { 120 }, h2[] = { 90 };
	struct json_object *doc = doc_new("6.1.0-56-rt-amd64", "[ \"spinlock\" ]"), *p;

	json_object_object_del(doc, "vm");
	add(get(doc, "host"), "target", json_object_new_string("host"));
	add(get(doc, "host"), "cpu_model", json_object_new_string("Xeon"));
	add(get(doc, "host"), "online_cpus", json_object_new_int(4));
	p = point_new(doc, "spinlock", 2, 0, 1000);
	add_hist(p, "acquire", a2, 2, 5);
	add_hist(p, "hold", h2, 1, 5);
	p = point_new(doc, "spinlock", 1, 1, 1000);
	add_hist(p, "acquire", a1, 2, 7);
	add_hist(p, "hold", h1, 1, 7);
	add_hist(p, "first", NULL, 0, 7);
	p = point_new(doc, "spinlock", 1, 0, 1000);
	add_hist(p, "acquire", a0, 3, 5);
	add_hist(p, "hold", h0, 1, 5);
	add_hist(p, "first", NULL, 0, 5);
	return doc;
}

/*
 * Merged over the repeats and read with C = 5: acquire at 1 CPU holds 10
 * ... 50, so p50 (rank 3 of 5) is 30 - 5 and p90 (rank 5) the max, 45.
 * Series over CPU counts; the empty "first" is left out.
 */
static void test_latency(void **state)
{
	struct export_file file = { "b.json", latency_doc() };
	struct export_filter two = { NULL, 2 };
	struct export_data d;
	char *text;

	(void)state;
	assert_int_equal(export_build(&file, 1, EXPORT_LATENCY, NULL, &d, err, sizeof(err)), 0);
	text = text_of(&d, EXPORT_DAT);
	assert_string_equal(text,
		"# ksbench export --table=latency: percentiles (ns) of each histogram merged over"
		" the repeats, clock read subtracted\n"
		"# file \"b.json\": kernel \"6.1.0-56-rt-amd64\", host \"Xeon, 4 CPUs\"\n"
		"# 2 series (gnuplot index 0..1), two blank lines apart\n"
		"# file kernel workload cpus histogram count p50_ns p90_ns p99_ns p999_ns max_ns\n"
		"# [0] \"b.json\": spinlock, acquire\n"
		"\"b.json\" \"6.1.0-56-rt-amd64\" \"spinlock\" 1 \"acquire\" 5 25 45 45 45 45\n"
		"\"b.json\" \"6.1.0-56-rt-amd64\" \"spinlock\" 2 \"acquire\" 2 55 65 65 65 65\n"
		"\n\n"
		"# [1] \"b.json\": spinlock, hold\n"
		"\"b.json\" \"6.1.0-56-rt-amd64\" \"spinlock\" 1 \"hold\" 2 95 115 115 115 115\n"
		"\"b.json\" \"6.1.0-56-rt-amd64\" \"spinlock\" 2 \"hold\" 1 85 85 85 85 85\n");
	free(text);
	assert_int_equal(d.series[0].cpus, 0);	/* a series over CPU counts */
	assert_string_equal(d.series[1].hist, "hold");
	export_free(&d);

	assert_int_equal(export_build(&file, 1, EXPORT_LATENCY, &two, &d, err, sizeof(err)), 0);
	text = text_of(&d, EXPORT_CSV);
	assert_string_equal(text,
		"file,kernel,workload,cpus,histogram,count,p50_ns,p90_ns,p99_ns,p999_ns,max_ns\r\n"
		"b.json,6.1.0-56-rt-amd64,spinlock,2,acquire,2,55,65,65,65,65\r\n"
		"b.json,6.1.0-56-rt-amd64,spinlock,2,hold,1,85,85,85,85,85\r\n");
	free(text);
	export_free(&d);
	json_object_put(file.doc);
}

/* The CDF of each merged histogram: one block each, values and fractions rising to 1. */
static void test_cdf(void **state)
{
	static const double want_v[] = { 5, 15, 25, 35, 45 };
	struct export_file file = { "b.json", latency_doc() };
	struct export_data d;
	const struct export_series *s;
	int vc, fc;
	size_t i, r, blocks = 0;
	char *text, *p;

	(void)state;
	assert_int_equal(export_build(&file, 1, EXPORT_CDF, NULL, &d, err, sizeof(err)), 0);
	vc = export_column(&d, "value_ns");
	fc = export_column(&d, "fraction");
	assert_int_equal(d.nr_series, 4);	/* (1, acquire) (1, hold) (2, acquire) (2, hold) */
	assert_int_equal(d.series[0].cpus, 1);
	assert_string_equal(d.series[0].hist, "acquire");
	assert_string_equal(d.series[1].hist, "hold");
	assert_int_equal(d.series[2].cpus, 2);
	assert_int_equal(d.series[0].nr, 5);
	for (i = 0; i < 5; i++) {
		assert_float_equal(export_number(&d, i, vc), want_v[i], 0);
		assert_float_equal(export_number(&d, i, fc), (double)(i + 1) / 5, 1e-15);
	}
	for (i = 0; i < d.nr_series; i++) {
		s = &d.series[i];
		assert_true(s->nr >= 1);
		for (r = s->first + 1; r < s->first + s->nr; r++) {
			assert_true(export_number(&d, r, vc) > export_number(&d, r - 1, vc));
			assert_true(export_number(&d, r, fc) >= export_number(&d, r - 1, fc));
		}
		assert_float_equal(export_number(&d, s->first + s->nr - 1, fc), 1, 0);
	}
	/* In dat, gnuplot's index finds the blocks two blank lines apart. */
	text = text_of(&d, EXPORT_DAT);
	for (p = text; (p = strstr(p, "\n\n\n# [")); p++)
		blocks++;
	assert_int_equal(blocks, d.nr_series - 1);
	assert_non_null(strstr(text, "\n\n\n# [3] \"b.json\": spinlock, 2 CPUs, hold\n"
				     "\"b.json\" \"6.1.0-56-rt-amd64\" \"spinlock\" 2 \"hold\" 85 1\n"));
	assert_null(strstr(text, "\n\n\n\n"));
	free(text);
	export_free(&d);
	json_object_put(file.doc);
}

/* A histogram that does not read back fails the export, naming the file and point. */
static void test_bad_hist(void **state)
{
	struct export_file file = { "bad.json", latency_doc() };
	struct json_object *p = json_object_array_get_idx(get(file.doc, "points"), 0);
	struct export_data d;

	(void)state;
	add(get(get(get(p, "latency_ns"), "acquire"), "hist"), "count", json_object_new_int(9));
	assert_int_equal(export_build(&file, 1, EXPORT_CDF, NULL, &d, err, sizeof(err)), -1);
	assert_string_equal(err, "bad.json: spinlock at 2 CPUs, repeat 0: latency acquire: "
			    "histogram: count 9 but the buckets hold 2");
	assert_int_equal(d.nr_rows, 0);
	export_free(&d);
	json_object_put(file.doc);
}

/*
 * Fairness: spinlock at 2 CPUs in three repeats (shares 0.4/0.6, 0.5/0.5,
 * 0.3/0.7: medians 0.4 and 0.6; Jain 0.96, 1, 0.8448: median 0.96), a
 * completion whose signaller shares nothing, and spinlock at 1 CPU.
 */
static void test_fairness(void **state)
{
	static const double s0[] = { 0.4, 0.5, 0.3 }, jain[] = { 0.96, 1, 0.8448 };
	struct export_file file = { "f.json", doc_new("6.1.0", "[ \"spinlock\", \"completion\" ]") };
	struct export_filter spin2 = { "spinlock", 2 };
	struct export_data d;
	struct json_object *p;
	char *text;
	int r;

	(void)state;
	for (r = 0; r < 3; r++) {
		p = point_new(file.doc, "spinlock", 2, r, 1000);
		add_worker(p, 0, (int64_t)(s0[r] * 1000), s0[r]);
		add_worker(p, 1, 1000 - (int64_t)(s0[r] * 1000), 1 - s0[r]);
		set_fairness(p, 2, jain[r]);
	}
	p = point_new(file.doc, "completion", 2, 0, 50);
	add_worker(p, 0, 50, NAN);
	add_worker(p, 1, 0, 1);
	set_fairness(p, 1, 1);
	p = point_new(file.doc, "spinlock", 1, 0, 1000);
	add_worker(p, 0, 1000, 1);
	set_fairness(p, 1, 1);

	assert_int_equal(export_build(&file, 1, EXPORT_FAIRNESS, NULL, &d, err, sizeof(err)), 0);
	text = text_of(&d, EXPORT_CSV);
	assert_string_equal(text,
		"file,kernel,workload,cpus,worker,cpu,share,jain,fair_share\r\n"
		"f.json,6.1.0,spinlock,1,0,0,1,1,1\r\n"
		"f.json,6.1.0,spinlock,2,0,0,0.4,0.96,0.5\r\n"
		"f.json,6.1.0,spinlock,2,1,1,0.6,0.96,0.5\r\n"
		"f.json,6.1.0,completion,2,0,0,,1,1\r\n"
		"f.json,6.1.0,completion,2,1,1,1,1,1\r\n");
	free(text);
	/* one series per (workload, cpus) */
	assert_int_equal(d.nr_series, 3);
	assert_int_equal(d.series[1].cpus, 2);
	assert_int_equal(d.series[1].nr, 2);
	assert_null(d.series[1].hist);
	export_free(&d);

	assert_int_equal(export_build(&file, 1, EXPORT_FAIRNESS, &spin2, &d, err, sizeof(err)), 0);
	text = text_of(&d, EXPORT_DAT);
	assert_non_null(strstr(text, "# file kernel workload cpus worker cpu share jain fair_share\n"
				     "# [0] \"f.json\": spinlock, 2 CPUs\n"
				     "\"f.json\" \"6.1.0\" \"spinlock\" 2 0 0 0.4 0.96 0.5\n"
				     "\"f.json\" \"6.1.0\" \"spinlock\" 2 1 1 0.6 0.96 0.5\n"));
	assert_int_equal(d.nr_rows, 2);
	free(text);
	export_free(&d);
	json_object_put(file.doc);
}

/* Files older than the fairness keys: shares from the ops, Jain computed. */
static void test_fairness_old_file(void **state)
{
	struct export_file file = { "old.json", doc_new("6.1.0", "[ \"mutex\" ]") };
	struct json_object *p, *w;
	struct export_data d;
	size_t i;

	(void)state;
	p = point_new(file.doc, "mutex", 2, 0, 400);
	add_worker(p, 0, 100, 0);
	add_worker(p, 1, 300, 0);
	for (i = 0; i < 2; i++) {
		w = json_object_array_get_idx(get(p, "workers"), i);
		json_object_object_del(w, "share");
	}
	assert_int_equal(export_build(&file, 1, EXPORT_FAIRNESS, NULL, &d, err, sizeof(err)), 0);
	assert_int_equal(d.nr_rows, 2);
	assert_float_equal(export_number(&d, 0, export_column(&d, "share")), 0.25, 1e-15);
	assert_float_equal(export_number(&d, 1, export_column(&d, "share")), 0.75, 1e-15);
	/* (100 + 300)^2 / (2 (100^2 + 300^2)) = 0.8 */
	assert_float_equal(export_number(&d, 0, export_column(&d, "jain")), 0.8, 1e-12);
	assert_float_equal(export_number(&d, 0, export_column(&d, "fair_share")), 0.5, 0);
	export_free(&d);
	json_object_put(file.doc);
}

/* No rows: the header alone, in both forms. */
static void test_empty(void **state)
{
	struct export_file file = { "t.json", throughput_doc() };
	struct export_data d;
	char *text;

	(void)state;
	assert_int_equal(export_build(&file, 1, EXPORT_LATENCY, NULL, &d, err, sizeof(err)), 0);
	assert_int_equal(d.nr_rows, 0);
	text = text_of(&d, EXPORT_CSV);
	assert_string_equal(text, "file,kernel,workload,cpus,histogram,count,p50_ns,p90_ns,"
			    "p99_ns,p999_ns,max_ns\r\n");
	free(text);
	text = text_of(&d, EXPORT_DAT);
	assert_non_null(strstr(text, "\n# no series\n# file kernel workload cpus histogram"));
	assert_null(strstr(text, "\"t.json\" \""));	/* no row */
	free(text);
	export_free(&d);
	json_object_put(file.doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_throughput_dat),
		cmocka_unit_test(test_throughput_csv),
		cmocka_unit_test(test_hostile_workload),
		cmocka_unit_test(test_throughput_computed),
		cmocka_unit_test(test_latency),
		cmocka_unit_test(test_cdf),
		cmocka_unit_test(test_bad_hist),
		cmocka_unit_test(test_fairness),
		cmocka_unit_test(test_fairness_old_file),
		cmocka_unit_test(test_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
