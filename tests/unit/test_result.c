// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "fsutil.h"
#include "hist.h"
#include "knobs.h"
#include "module_text.h"
#include "result.h"
#include "samples.h"
#include "sweep.h"
#include "sysinfo.h"
#include "tmpdir.h"

static char err[512];

static struct json_object *get(struct json_object *obj, const char *path)
{
	char key[64];
	const char *dot;

	while (obj && (dot = strchr(path, '.'))) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		obj = json_object_object_get(obj, key);
		path = dot + 1;
	}
	return obj ? json_object_object_get(obj, path) : NULL;
}

static int64_t get_int(struct json_object *obj, const char *path)
{
	struct json_object *v = get(obj, path);

	assert_non_null(v);
	assert_true(json_object_is_type(v, json_type_int));
	return json_object_get_int64(v);
}

static const char *get_str(struct json_object *obj, const char *path)
{
	struct json_object *v = get(obj, path);

	assert_non_null(v);
	return json_object_get_string(v);
}

static const struct result_point_opts correct = { .correct_clock = true };
static const struct result_point_opts raw = { .correct_clock = false };

static struct json_object *point_opts(const char *text, unsigned int repeat,
				      const struct result_point_opts *opts)
{
	struct json_object *point = NULL;
	struct module_text mt;

	assert_int_equal(module_text_parse_results(text, &mt, err, sizeof(err)), 0);
	if (result_point_new(&mt, repeat, opts, &point, err, sizeof(err)))
		fail_msg("%s", err);
	module_text_free(&mt);
	return point;
}

static struct json_object *point_from(const char *text, unsigned int repeat)
{
	return point_opts(text, repeat, &correct);
}

static int point_error(const char *text)
{
	struct json_object *point = NULL;
	struct module_text mt;
	int ret;

	assert_int_equal(module_text_parse_results(text, &mt, err, sizeof(err)), 0);
	ret = result_point_new(&mt, 0, &correct, &point, err, sizeof(err));
	assert_null(point);
	module_text_free(&mt);
	return ret;
}

#define W(cpu, ops, rest) \
	"worker cpu=" #cpu " ops=" #ops " elapsed_ns=500041234 violations=0 " rest \
	" nvcsw=0 nivcsw=0 runtime_ns=0\n"

/* The keys a point needs, around a head that is all right otherwise. */
#define MIN_HEAD(state) \
	"ksbench-results 1\nstate " state "\nworkload x\ncpus 0\nkind lock\n" \
	"nr_workers 1\nelapsed_ns 1\nops 0\nreads 0\nwrites 0\nfailures 0\n" \
	"retries 0\nmax_inside 0\nviolations 0\nlost_updates 0\nstopped_early 0\n" \
	"sem_count 1\nmeasure throughput\nsample 1\nclock ktime_get_ns\n" \
	"clock_cost_min_ns 20\nclock_cost_median_ns 22\nclock_resolution_ns 1\n"
#define MIN_SERIES "series interval_ns=1 ticks=1\ntick t_ns=1 ops=0\n"

/* text with the line that starts with key replaced by line; freed by the caller */
static char *with_line(const char *text, const char *key, const char *line)
{
	const char *at = strstr(text, key), *eol;
	char *out;

	assert_non_null(at);
	eol = strchr(at + 1, '\n');
	assert_non_null(eol);
	assert_int_not_equal(asprintf(&out, "%.*s%s%s", (int)(at - text), text, line, eol), -1);
	return out;
}

static void test_point(void **state)
{
	struct json_object *p = point_from(results_sample, 3), *workers, *w;
	int64_t sum = 0;
	size_t i;

	(void)state;
	assert_string_equal(get_str(p, "workload"), "spinlock");
	assert_string_equal(get_str(p, "kind"), "lock");
	assert_int_equal(get_int(p, "cpus"), 2);
	assert_string_equal(get_str(p, "cpu_list"), "0-1");
	assert_int_equal(get_int(p, "repeat"), 3);
	assert_int_equal(get_int(p, "duration_ns"), 500041234);
	assert_int_equal(get_int(p, "ops"), 20480000);
	assert_int_equal(get_int(p, "violations"), 0);
	assert_int_equal(get_int(p, "lost_updates"), 0);
	assert_string_equal(get_str(p, "oracle"), "pass");
	assert_string_equal(get_str(p, "oracle_kind"), "exclusive");
	assert_int_equal(get_int(p, "reads"), 0);
	assert_int_equal(get_int(p, "writes"), 20480000);
	assert_int_equal(get_int(p, "failures"), 0);
	assert_int_equal(get_int(p, "retries"), 0);
	assert_int_equal(get_int(p, "max_inside"), 0);
	/* only a PREEMPT_RT kernel says what the primitive became */
	assert_null(get(p, "rt_note"));
	assert_false(json_object_get_boolean(get(p, "stopped_early")));
	/* ops / (duration_ns / 1e9), printed to 0.1 */
	assert_float_equal(json_object_get_double(get(p, "throughput_ops_s")),
			   20480000 / 0.500041234, 0.05);

	workers = get(p, "workers");
	assert_int_equal(json_object_array_length(workers), 2);
	for (i = 0; i < 2; i++)
		sum += get_int(json_object_array_get_idx(workers, i), "ops");
	assert_int_equal(sum, get_int(p, "ops"));
	w = json_object_array_get_idx(workers, 0);
	assert_int_equal(get_int(w, "cpu"), 0);
	assert_int_equal(get_int(w, "duration_ns"), 500041234);
	assert_float_equal(json_object_get_double(get(w, "share")), 0.5029, 0.0001);
	assert_int_equal(get_int(w, "reads"), 0);
	assert_int_equal(get_int(w, "failures"), 0);
	assert_int_equal(get_int(w, "retries"), 0);
	assert_int_equal(get_int(w, "max_inside"), 0);
	/* the scheduler's counters over the window */
	assert_int_equal(get_int(w, "nvcsw"), 0);
	assert_int_equal(get_int(w, "nivcsw"), 31);
	assert_int_equal(get_int(w, "runtime_ns"), 485045531);
	assert_float_equal(json_object_get_double(get(w, "run_fraction")),
			   485045531.0 / 500041234, 0.00005);
	assert_float_equal(json_object_get_double(get(w, "csw_per_s")), 31 / 0.500041234, 0.05);
	/* throughput mode: no latency keys */
	assert_null(get(w, "p99_ns"));
	assert_null(get(w, "timed_ops"));
	assert_null(get(p, "latency_ns"));
	assert_string_equal(get_str(p, "measure"), "throughput");
	assert_int_equal(get_int(p, "sample"), 1);
	assert_string_equal(get_str(p, "clock.name"), "ktime_get_ns");
	assert_int_equal(get_int(p, "clock.cost_min_ns"), 21);
	assert_int_equal(get_int(p, "clock.cost_median_ns"), 23);
	assert_int_equal(get_int(p, "clock.resolution_ns"), 1);
	assert_int_equal(get_int(p, "clock.subtracted_ns"), 21);
	assert_true(json_object_get_boolean(get(p, "clock.corrected")));
	/* two workers, 10300000 and 10180000 ops */
	assert_float_equal(json_object_get_double(get(p, "fairness.jain")),
			   20480000.0 * 20480000 / (2 * (10300000.0 * 10300000 + 10180000.0 * 10180000)),
			   1e-12);
	assert_float_equal(json_object_get_double(get(p, "fairness.min_max_ratio")),
			   10180000.0 / 10300000, 1e-12);
	assert_false(json_object_get_boolean(get(p, "fairness.starved")));
	assert_int_equal(get_int(p, "fairness.nr_starved"), 0);
	assert_float_equal(json_object_get_double(get(p, "fairness.starved_fraction")), 0.5, 0);
	assert_int_equal(get_int(p, "sched.nivcsw"), 58);
	assert_float_equal(json_object_get_double(get(p, "sched.run_fraction")),
			   (485045531.0 + 474431782) / (2 * 500041234.0), 0.00005);
	/* one tick, the whole window; the module's ticks had every op */
	assert_int_equal(get_int(p, "series.interval_ns"), 500000000);
	assert_int_equal(json_object_get_int64(json_object_array_get_idx(get(p, "series.t_ns"), 0)),
			 500041234);
	assert_null(get(p, "series.late_ops"));
	assert_int_equal(get_int(p, "stalls"), 0);
	json_object_put(p);
}

/* A CPU went down mid-run: the point keeps its window and names the CPU. */
static void test_point_offlined(void **state)
{
	char *cut = with_line(results_sample, "stopped_early", "stopped_early 1\nofflined_cpus 1");
	char *no_stop = with_line(results_sample, "stopped_early", "stopped_early 0\nofflined_cpus 1");
	char *bad = with_line(results_sample, "stopped_early", "stopped_early 1\nofflined_cpus one");
	char *nothing = with_line(MIN_HEAD("done") MIN_SERIES "worker cpu=0 ops=0 elapsed_ns=1 "
				  "violations=0 " WORKER_TAIL " nvcsw=0 nivcsw=0 runtime_ns=0\nend\n",
				  "stopped_early", "stopped_early 1\nofflined_cpus 0");
	struct json_object *p = point_from(cut, 0), *cpus;

	(void)state;
	assert_true(json_object_get_boolean(get(p, "stopped_early")));
	cpus = get(p, "offlined_cpus");
	assert_int_equal(json_object_array_length(cpus), 1);
	assert_int_equal(json_object_get_int64(json_object_array_get_idx(cpus, 0)), 1);
	assert_string_equal(get_str(p, "oracle"), "pass");
	json_object_put(p);
	/* none went down: no key at all */
	p = point_from(results_sample, 0);
	assert_null(get(p, "offlined_cpus"));
	json_object_put(p);
	assert_int_equal(point_error(no_stop), -1);
	assert_string_equal(err, "results: offlined_cpus 1 but stopped_early 0");
	assert_int_equal(point_error(bad), -1);
	assert_string_equal(err, "results: offlined_cpus 'one' is not a cpulist");
	assert_int_equal(point_error(nothing), -1);
	assert_string_equal(err, "CPU 0 went offline before the point measured anything");
	free(cut);
	free(no_stop);
	free(bad);
	free(nothing);
}

/* A latency entry's percentiles never decrease, from min to max. */
static void assert_ordered(struct json_object *e)
{
	static const char *const keys[] = { "min", "p50", "p90", "p99", "p999", "p9999", "max" };
	double prev = -1, v;
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		v = json_object_get_double(get(e, keys[i]));
		assert_true(v >= prev);
		prev = v;
	}
}

/* The raw histogram of a latency entry, as the file keeps it. */
static void entry_hist(struct json_object *e, struct hist *h)
{
	assert_int_equal(hist_from_json(get(e, "hist"), h, err, sizeof(err)), 0);
	assert_true(h->count == (uint64_t)get_int(e, "count"));
}

static int64_t worker_int(struct json_object *p, size_t i, const char *path)
{
	return get_int(json_object_array_get_idx(get(p, "workers"), i), path);
}

/*
 * spinlock at 2 CPUs, every operation timed: acquire and hold, each merged
 * over the workers, read with the clock's 170 ns taken off.
 */
static void test_point_latency_lock(void **state)
{
	struct json_object *p = point_from(results_latency_lock_sample, 0);
	struct json_object *pr = point_opts(results_latency_lock_sample, 0, &raw);
	struct hist *h = malloc(sizeof(*h)), *w = malloc(sizeof(*w));
	struct module_text mt;
	double v;

	(void)state;
	assert_string_equal(get_str(p, "measure"), "latency");
	assert_int_equal(get_int(p, "clock.cost_min_ns"), 170);
	assert_int_equal(get_int(p, "clock.cost_median_ns"), 180);
	assert_int_equal(get_int(p, "clock.subtracted_ns"), 170);
	/* the module alternates: one histogram per timed operation */
	assert_int_equal(get_int(p, "latency_ns.acquire.count"), 22920 + 14720);
	assert_int_equal(get_int(p, "latency_ns.hold.count"), 22919 + 14720);
	assert_int_equal(get_int(p, "latency_ns.acquire.count") +
			 get_int(p, "latency_ns.hold.count"), get_int(p, "ops"));
	assert_int_equal(worker_int(p, 0, "timed_ops.acquire") + worker_int(p, 0, "timed_ops.hold"),
			 worker_int(p, 0, "ops"));
	assert_ordered(get(p, "latency_ns.acquire"));
	assert_ordered(get(p, "latency_ns.hold"));
	assert_ordered(get(pr, "latency_ns.acquire"));
	/* exact min and max of both workers, less the clock (clamped at 0) */
	assert_int_equal(get_int(p, "latency_ns.acquire.min"), 0);
	assert_int_equal(get_int(pr, "latency_ns.acquire.min"), 160);
	assert_int_equal(get_int(p, "latency_ns.acquire.max"), 260220 - 170);
	assert_int_equal(get_int(pr, "latency_ns.hold.max"), 236560);
	/* the raw buckets are the two workers' merged, whatever the correction */
	entry_hist(get(p, "latency_ns.acquire"), h);
	assert_true(h->sum == 23108070 + 13768660 && h->min == 160 && h->max == 260220);
	assert_true(h->counts[164] == 7180 + 92);
	entry_hist(get(pr, "latency_ns.acquire"), w);
	assert_memory_equal(h, w, sizeof(*h));
	/* correction moves every percentile by the cost, clamped at 0 */
	v = json_object_get_double(get(pr, "latency_ns.hold.p99"));
	assert_true(v > 170);
	assert_float_equal(json_object_get_double(get(p, "latency_ns.hold.p99")), v - 170, 0);
	assert_float_equal(json_object_get_double(get(pr, "latency_ns.acquire.p9999")),
			   hist_percentile(h, 0.9999, 0), 0.05);
	/* the exact mean of the raw samples: sum / count */
	assert_float_equal(json_object_get_double(get(pr, "latency_ns.acquire.mean")),
			   (23108070.0 + 13768660) / (22920 + 14720), 0.05);
	assert_false(json_object_get_boolean(get(pr, "clock.corrected")));
	assert_int_equal(get_int(pr, "clock.subtracted_ns"), 0);
	/* each worker's own p99, from its own histogram */
	assert_int_equal(module_text_parse_results(results_latency_lock_sample, &mt, err,
						   sizeof(err)), 0);
	assert_float_equal(json_object_get_double(get(json_object_array_get_idx(get(p, "workers"), 1),
						      "p99_ns.acquire")),
			   hist_percentile(mt_hist_find(&mt, "acquire", 1), 0.99, 170), 0.05);
	assert_true(hist_percentile(mt_hist_find(&mt, "acquire", 1), 0.99, 170) !=
		    hist_percentile(mt_hist_find(&mt, "acquire", 0), 0.99, 170));
	module_text_free(&mt);
	/* The module's ticks for worker 0 sum to its 45839 ops, the last after the stop. */
	assert_int_equal(json_object_get_int64(json_object_array_get_idx(
		json_object_array_get_idx(get(p, "series.ops"), 1), 0)), 11260);
	assert_int_equal(json_object_get_int64(json_object_array_get_idx(
		json_object_array_get_idx(get(p, "series.ops"), 0), 0)), 34579);
	/* 45839 and 29440 ops */
	assert_float_equal(json_object_get_double(get(p, "fairness.jain")),
			   75279.0 * 75279 / (2 * (45839.0 * 45839 + 29440.0 * 29440)), 1e-12);
	assert_float_equal(json_object_get_double(get(p, "fairness.cv")),
			   (45839.0 - 29440) / 2 / (75279.0 / 2), 1e-12);
	assert_float_equal(json_object_get_double(get(json_object_array_get_idx(get(p, "workers"), 0),
						      "share")), 45839.0 / 75279, 0.00005);
	free(h);
	free(w);
	json_object_put(p);
	json_object_put(pr);
}

/* rwsem: the read and write histograms count the reads and the writes. */
static void test_point_latency_rw(void **state)
{
	struct json_object *p = point_from(results_latency_rw_sample, 0);
	size_t i;

	(void)state;
	assert_int_equal(get_int(p, "latency_ns.read.count"), get_int(p, "reads"));
	assert_int_equal(get_int(p, "latency_ns.write.count"), get_int(p, "writes"));
	for (i = 0; i < 2; i++)
		assert_int_equal(worker_int(p, i, "timed_ops.read"), worker_int(p, i, "reads"));
	assert_ordered(get(p, "latency_ns.read"));
	assert_ordered(get(p, "latency_ns.write"));
	/* the rwsem sleeps: voluntary switches */
	assert_int_equal(get_int(p, "sched.nvcsw"), 22);
	assert_float_equal(json_object_get_double(get(p, "sched.voluntary_csw_per_s")),
			   22 / 0.05582627, 0.05);
	json_object_put(p);

	p = point_from(results_latency_lockfree_sample, 0);
	assert_int_equal(get_int(p, "latency_ns.op.count"), get_int(p, "ops"));
	assert_null(get(p, "latency_ns.read"));
	assert_ordered(get(p, "latency_ns.op"));
	json_object_put(p);
}

/*
 * One operation in 10 timed: a worker's countdown runs through warm-up
 * and window alike, so its L consecutive operations in the window hold
 * floor(L / 10) or ceil(L / 10) timed ones.
 */
static void test_point_latency_sampled(void **state)
{
	struct json_object *p = point_from(results_latency_sample10_sample, 0);
	int64_t ops, timed;
	size_t i;

	(void)state;
	assert_int_equal(get_int(p, "sample"), 10);
	for (i = 0; i < 2; i++) {
		ops = worker_int(p, i, "ops");
		timed = worker_int(p, i, "timed_ops.acquire") + worker_int(p, i, "timed_ops.hold");
		assert_true(timed >= ops / 10 && timed <= (ops + 9) / 10);
	}
	assert_int_equal(get_int(p, "latency_ns.acquire.count"), 6507 + 6032);
	json_object_put(p);
}

/*
 * A handoff: its wake-ups are timed in throughput mode too, and its
 * fairness is over the consumers' events, the signaller's rounds aside.
 */
static void test_point_handoff(void **state)
{
	struct json_object *p = point_from(results_handoff_sample, 0);

	(void)state;
	assert_string_equal(get_str(p, "measure"), "throughput");
	assert_int_equal(get_int(p, "latency_ns.wakeup.count"), 12 + 11);
	assert_int_equal(get_int(p, "latency_ns.first.count"), 11);
	assert_int_equal(get_int(p, "latency_ns.last.count"), 11);
	assert_ordered(get(p, "latency_ns.wakeup"));
	assert_int_equal(get_int(p, "latency_ns.wakeup.min"), 51320 - 160);
	assert_string_equal(get_str(p, "fairness.of"), "events");
	assert_int_equal(get_int(p, "fairness.n"), 2);
	assert_float_equal(json_object_get_double(get(p, "fairness.jain")),
			   23.0 * 23 / (2 * (12.0 * 12 + 11 * 11)), 1e-12);
	assert_false(json_object_get_boolean(get(p, "fairness.starved")));
	/* the signaller has no share of the consumptions */
	assert_null(get(json_object_array_get_idx(get(p, "workers"), 0), "share"));
	assert_float_equal(json_object_get_double(get(json_object_array_get_idx(get(p, "workers"), 2),
						      "share")), 11.0 / 23, 0.00005);
	assert_int_equal(worker_int(p, 1, "timed_ops.wakeup"), 12);
	assert_null(get(json_object_array_get_idx(get(p, "workers"), 1), "p99_ns.first"));
	json_object_put(p);

	/* the other kinds: over every worker's ops */
	p = point_from(results_latency_rw_sample, 0);
	assert_string_equal(get_str(p, "fairness.of"), "ops");
	assert_int_equal(get_int(p, "fairness.n"), 2);
	json_object_put(p);
}

/* What is wrong with a latency text is said, and no point is made. */
static void test_point_latency_checks(void **state)
{
	char *text, *cut;

	(void)state;
	/* a worker without its hold histogram */
	text = strdup(results_latency_lock_sample);
	cut = strstr(text, "hist hold cpu=1");
	memmove(cut, strstr(cut, "\nseries") + 1, strlen(strstr(cut, "\nseries")));
	assert_int_equal(point_error(text), -1);
	assert_string_equal(err, "results: no histogram hold for the worker on cpu 1");
	free(text);

	/* histograms in throughput mode (only handoffs have them there) */
	text = with_line(results_latency_lock_sample, "\nmeasure ", "\nmeasure throughput");
	assert_int_equal(point_error(text), -1);
	assert_string_equal(err, "results: histograms in throughput mode");
	free(text);

	/* latency mode without any */
	text = with_line(results_sample, "\nmeasure ", "\nmeasure latency");
	assert_int_equal(point_error(text), -1);
	assert_string_equal(err, "results: latency mode without histograms");
	free(text);

	text = with_line(results_sample, "\nmeasure ", "\nmeasure fast");
	assert_int_equal(point_error(text), -1);
	assert_string_equal(err, "results: measure is 'fast', not throughput or latency");
	free(text);

	/* ticks that miss some of a worker's ops (the last tick must hold them) */
	text = with_line(results_latency_lock_sample, "\ntick t_ns=55566370",
			 "\ntick t_ns=55566370 ops=11126,11264");
	assert_int_equal(point_error(text), -1);
	assert_string_equal(err, "results: the series counts 45705 ops for the worker on cpu 0, which did 45839");
	free(text);

	/* a histogram of a CPU that ran no worker */
	text = with_line(results_latency_lock_sample, "\nworker cpu=1", "\nworker cpu=3 ops=29440 "
			 "elapsed_ns=55566370 violations=0 reads=0 failures=0 retries=0 max_inside=0 "
			 "nvcsw=0 nivcsw=4 runtime_ns=44574601");
	assert_int_equal(point_error(text), -1);
	assert_string_equal(err, "results: histogram acquire of cpu 1, which has no worker");
	free(text);

	/* ticks with more ops than the worker did */
	text = with_line(results_sample, "\ntick ", "\ntick t_ns=500041234 ops=10300001,10180000");
	assert_int_equal(point_error(text), -1);
	assert_string_equal(err, "results: the series counts 10300001 ops for the worker on cpu 0, which did 10300000");
	free(text);

	/* a last tick before the window's end */
	text = with_line(results_sample, "\ntick ", "\ntick t_ns=500000000 ops=10300000,10180000");
	assert_int_equal(point_error(text), -1);
	assert_string_equal(err, "results: the series ends at 500000000 ns, the window at 500041234");
	free(text);

	/* no series at all */
	assert_int_equal(point_error(RESULTS_HEAD W(0, 10300000, WORKER_TAIL)
				     W(1, 10180000, WORKER_TAIL) "end\n"), -1);
	assert_string_equal(err, "results: no series");

	text = with_line(results_sample, "\nclock_cost_min_ns", "\nclock_cost_min_ns x");
	assert_int_equal(point_error(text), -1);
	assert_string_equal(err, "results: 'clock_cost_min_ns' is missing or not an integer");
	free(text);
}


static void test_point_checks(void **state)
{
	(void)state;
	assert_int_equal(point_error(RESULTS_HEAD
		W(0, 10300000, WORKER_TAIL) W(1, 10180001, WORKER_TAIL) "end\n"), -1);
	assert_string_equal(err, "results: the workers' ops sum to 20480001, not ops 20480000");

	assert_int_equal(point_error(RESULTS_HEAD
		W(0, 10300000, "reads=1 failures=0 retries=0 max_inside=0")
		W(1, 10180000, WORKER_TAIL) "end\n"), -1);
	assert_string_equal(err, "results: the workers' reads sum to 1, not reads 0");

	assert_int_equal(point_error(RESULTS_HEAD
		W(0, 10300000, "reads=0 failures=4 retries=0 max_inside=0")
		W(1, 10180000, WORKER_TAIL) "end\n"), -1);
	assert_string_equal(err, "results: the workers' failures sum to 4, not failures 0");

	assert_int_equal(point_error(RESULTS_HEAD
		W(0, 10300000, WORKER_TAIL)
		W(1, 10180000, "reads=0 failures=0 retries=0 max_inside=2") "end\n"), -1);
	assert_string_equal(err, "results: the workers' max_inside peak at 2, not max_inside 0");

	assert_int_equal(point_error(RESULTS_HEAD W(0, 20480000, WORKER_TAIL) "end\n"), -1);
	assert_string_equal(err, "results: nr_workers is 2 but 1 worker lines");

	assert_int_equal(point_error(RESULTS_HEAD
		"worker cpu=0 ops=10300000 violations=0 " WORKER_TAIL "\n"
		W(1, 10180000, WORKER_TAIL) "end\n"), -1);
	assert_string_equal(err, "results: worker 0: 'elapsed_ns' is missing or not an integer");

	/* a worker line from before the rw and trylock counters */
	assert_int_equal(point_error(RESULTS_HEAD
		W(0, 10300000, "") W(1, 10180000, "") "end\n"), -1);
	assert_string_equal(err, "results: worker 0: 'reads' is missing or not an integer");

	/* ... or before the scheduler's counters */
	assert_int_equal(point_error(RESULTS_HEAD
		"worker cpu=0 ops=10300000 elapsed_ns=1 violations=0 " WORKER_TAIL "\n"
		W(1, 10180000, WORKER_TAIL) "end\n"), -1);
	assert_string_equal(err, "results: worker 0: 'nvcsw' is missing or not an integer");

	/* a later line wins: reads no longer adds up with writes */
	assert_int_equal(point_error(RESULTS_HEAD "reads 5\n" RESULTS_WORKERS "end\n"), -1);
	assert_string_equal(err, "results: reads 5 and writes 20480000 do not sum to ops 20480000");

	json_object_put(point_from(MIN_HEAD("done") "oracle exclusive\n"
				   W(0, 0, WORKER_TAIL) MIN_SERIES "end\n", 0));
	assert_int_equal(point_error(MIN_HEAD("done") W(0, 0, WORKER_TAIL) MIN_SERIES "end\n"), -1);
	assert_string_equal(err, "results: 'workload', 'kind', 'cpus', 'oracle' or 'clock' is missing");

	assert_int_equal(point_error("ksbench-results 1\nstate idle\nend\n"), -1);
	assert_string_equal(err, "results: 'nr_workers' is missing or not an integer");

	assert_int_equal(point_error(MIN_HEAD("idle") "oracle exclusive\nend\n"), -1);
	assert_string_equal(err, "results: state is 'idle', not 'done'");
}

/* What result_oracle and result_oracle_why make of these facts. */
static struct oracle_facts facts_of(const char *workload, const char *kind,
				    unsigned int cpus, int64_t ops, int64_t violations,
				    int64_t lost, int64_t max_inside, int64_t sem_count)
{
	return (struct oracle_facts) {
		.workload = workload, .oracle_kind = kind, .cpus = cpus, .ops = ops,
		.violations = violations, .lost_updates = lost,
		.max_inside = max_inside, .sem_count = sem_count,
	};
}

static const char *verdict(const char *workload, const char *kind, unsigned int cpus,
			   int64_t ops, int64_t violations, int64_t lost,
			   int64_t max_inside, int64_t sem_count)
{
	struct oracle_facts f = facts_of(workload, kind, cpus, ops, violations, lost,
					 max_inside, sem_count);

	return result_oracle(&f);
}

static const char *why(const char *workload, const char *kind, unsigned int cpus,
		       int64_t ops, int64_t violations, int64_t lost,
		       int64_t max_inside, int64_t sem_count)
{
	static char buf[256];
	struct oracle_facts f = facts_of(workload, kind, cpus, ops, violations, lost,
					 max_inside, sem_count);

	result_oracle_why(&f, buf, sizeof(buf));
	return buf;
}

static void test_oracle_verdicts(void **state)
{
	(void)state;
	assert_string_equal(verdict("spinlock", "exclusive", 2, 10, 0, 0, 0, 1), "pass");
	assert_string_equal(verdict("spinlock", "exclusive", 2, 10, 3, 0, 0, 1), "fail");
	assert_string_equal(verdict("spinlock", "exclusive", 1, 10, 0, 1, 0, 1), "fail");
	/* every kind fails on a violation or a lost update */
	assert_string_equal(verdict("rwsem", "rw", 4, 10, 1, 0, 0, 1), "fail");
	assert_string_equal(verdict("atomic_inc", "count", 2, 10, 0, 7, 0, 1), "fail");
	assert_string_equal(verdict("bitops", "ownership", 2, 10, 2, 0, 0, 1), "fail");
	assert_string_equal(verdict("atomic_inc", "count", 2, 10, 0, 0, 0, 1), "pass");
	/* a file from before oracle kinds */
	assert_string_equal(verdict("spinlock", NULL, 2, 10, 0, 0, 0, 1), "pass");
	/* the negative control: a race is expected from two CPUs on */
	assert_string_equal(verdict("none", "exclusive", 2, 10, 17, 5, 0, 1), "expected-fail");
	assert_string_equal(verdict("none", "exclusive", 4, 10, 0, 1, 0, 1), "expected-fail");
	assert_string_equal(verdict("none", "exclusive", 2, 10, 0, 0, 0, 1), "fail");
	assert_string_equal(verdict("none", "exclusive", 1, 10, 0, 0, 0, 1), "pass");
	assert_string_equal(verdict("none", "exclusive", 1, 10, 2, 0, 0, 1), "expected-fail");
}

static void test_oracle_counting(void **state)
{
	(void)state;
	/* at most K inside: K itself passes, K + 1 fails */
	assert_string_equal(verdict("semaphore", "counting", 4, 10, 0, 0, 2, 2), "pass");
	assert_string_equal(verdict("semaphore", "counting", 4, 10, 0, 0, 1, 2), "pass");
	assert_string_equal(verdict("semaphore", "counting", 4, 10, 0, 0, 3, 2), "fail");
	assert_string_equal(verdict("semaphore", "counting", 4, 10, 0, 0, 8, 8), "pass");
	assert_string_equal(verdict("semaphore", "counting", 4, 10, 0, 0, 9, 8), "fail");
	/* operations with nobody seen inside: the check did not run */
	assert_string_equal(verdict("semaphore", "counting", 2, 10, 0, 0, 0, 2), "fail");
	assert_string_equal(verdict("semaphore", "counting", 2, 0, 0, 0, 0, 2), "pass");
	/* the module's own count of overlaps still counts */
	assert_string_equal(verdict("semaphore", "counting", 4, 10, 1, 0, 2, 2), "fail");
	/* max_inside means nothing to the other oracles */
	assert_string_equal(verdict("semaphore", "exclusive", 4, 10, 0, 0, 3, 1), "pass");
	assert_string_equal(verdict("mutex", "exclusive", 4, 10, 0, 0, 0, 1), "pass");
}

static void test_oracle_why(void **state)
{
	(void)state;
	assert_string_equal(why("spinlock", "exclusive", 2, 10, 0, 0, 0, 1), "");
	assert_string_equal(why("none", "exclusive", 2, 10, 5, 1, 0, 1), "");
	assert_string_equal(why("spinlock", "exclusive", 2, 10, 3, 0, 0, 1),
			    "3 violations, 0 lost updates");
	assert_string_equal(why("none", "exclusive", 2, 10, 0, 0, 0, 1),
			    "no violation and no lost update without a lock: the oracle is blind");
	assert_string_equal(why("semaphore", "counting", 4, 10, 0, 0, 3, 2),
			    "3 inside at once with sem_count 2");
	assert_string_equal(why("semaphore", "counting", 4, 10, 0, 0, 0, 2),
			    "the counting oracle saw nobody inside in 10 operations: it is blind");
}

static void test_point_none(void **state)
{
	struct json_object *p = point_from(results_none_sample, 0);

	(void)state;
	assert_string_equal(get_str(p, "oracle"), "expected-fail");
	assert_int_equal(get_int(p, "violations"), 15971);
	assert_int_equal(get_int(p, "lost_updates"), 40159);
	assert_float_equal(json_object_get_double(get(p, "throughput_ops_s")),
			   1740854 / 0.105555230, 0.05);
	json_object_put(p);
}

static void test_point_rw_rt(void **state)
{
	struct json_object *p = point_from(results_rw_sample, 0), *w;

	(void)state;
	assert_string_equal(get_str(p, "kind"), "rw");
	assert_string_equal(get_str(p, "oracle_kind"), "rw");
	assert_string_equal(get_str(p, "oracle"), "pass");
	assert_int_equal(get_int(p, "reads"), 1004447);
	assert_int_equal(get_int(p, "writes"), 111201);
	assert_int_equal(get_int(p, "reads") + get_int(p, "writes"), get_int(p, "ops"));
	assert_int_equal(get_int(p, "retries"), 3354);
	assert_string_equal(get_str(p, "rt_note"),
			    "the writer's spinlock_t sleeps; readers that meet a writer wait on its lock");
	w = json_object_array_get_idx(get(p, "workers"), 1);
	assert_int_equal(get_int(w, "reads"), 426341);
	assert_int_equal(get_int(w, "retries"), 1903);
	json_object_put(p);
}

static void test_point_counting(void **state)
{
	struct json_object *p = point_from(results_counting_sample, 0), *workers;
	int64_t failures = 0;
	size_t i;

	(void)state;
	assert_string_equal(get_str(p, "workload"), "semaphore");
	assert_string_equal(get_str(p, "oracle_kind"), "counting");
	assert_string_equal(get_str(p, "oracle"), "pass");
	assert_int_equal(get_int(p, "cpus"), 4);
	assert_int_equal(get_int(p, "max_inside"), 2);
	assert_int_equal(get_int(p, "failures"), 431762);
	workers = get(p, "workers");
	for (i = 0; i < json_object_array_length(workers); i++) {
		failures += get_int(json_object_array_get_idx(workers, i), "failures");
		assert_int_equal(get_int(json_object_array_get_idx(workers, i), "max_inside"), 2);
	}
	assert_int_equal(failures, 431762);
	json_object_put(p);
}

static void test_point_counting_fails(void **state)
{
	struct json_object *p;
	char *text;

	(void)state;
	/* 2 inside at once, but the run said K = 1: more than K */
	text = with_line(results_counting_sample, "\nsem_count 2", "\nsem_count 1");
	p = point_from(text, 0);
	assert_string_equal(get_str(p, "oracle"), "fail");
	json_object_put(p);
	free(text);
}

static void test_point_lockfree(void **state)
{
	struct json_object *p = point_from(results_lockfree_sample, 0);

	(void)state;
	assert_string_equal(get_str(p, "kind"), "lockfree");
	assert_string_equal(get_str(p, "oracle_kind"), "count");
	assert_string_equal(get_str(p, "oracle"), "pass");
	assert_int_equal(get_int(p, "lost_updates"), 0);
	assert_int_equal(get_int(p, "retries"), 3);
	assert_int_equal(get_int(p, "reads"), 0);
	json_object_put(p);
}

static const struct host_facts facts = {
	.kernel_release = "6.1.0-56-amd64",
	.kernel_version = "#1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1 (2025-11-09)",
	.cpu_model = "QEMU Virtual CPU version 2.5+",
	.online_cpus = 4, .online_prefix = 4,
	.virtualized = true,
	.preempt_live = "voluntary",
	.cmdline = "console=ttyS0 loglevel=5 noirqdebug",
	.clocksource = "hpet",
};

/* A document with two points, as `ksbench run` builds it. */
static struct json_object *sample_doc_info(const struct host_facts *hf,
					   const char *info_text)
{
	static const char *const workloads[] = { "spinlock", "none" };
	static const unsigned int cpus[] = { 2 };
	struct knob_values knobs;
	struct module_text info;
	struct json_object *doc;

	knobs_default(&knobs);
	knobs.v[KNOB_DURATION] = 500000000;
	knobs.v[KNOB_THINK] = 50;
	knobs.v[KNOB_ACQUIRE] = ACQUIRE_TRYLOCK;
	knobs.v[KNOB_SEM_COUNT] = 3;
	knobs.v[KNOB_SEED] = UINT64_MAX;
	assert_int_equal(module_text_parse_info(info_text, &info, err, sizeof(err)), 0);
	doc = result_new(&(struct result_origin) {
				.command = "ksbench run --lock=spinlock,none --cpus=2",
				.created = 86400 + 3661, .target = "host",
				.host = hf, .info = &info },
			 &(struct result_params) {
				.workloads = workloads, .nr_workloads = 2,
				.cpus = cpus, .nr_cpus = 1,
				.knobs = &knobs, .repeat = 1,
				.correct_clock = true, .max_cv = 0.05 });
	module_text_free(&info);
	result_add_point(doc, point_from(results_sample, 0));
	result_add_point(doc, point_from(results_none_sample, 0));
	return doc;
}

static int load_text(const char *text);
static struct json_object *sample_doc(const struct host_facts *hf);

/* Latency mode, shuffled, two rounds: the three captured workloads at 2 CPUs. */
static struct json_object *latency_doc(void)
{
	static const char *const workloads[] = { "spinlock", "rwsem", "atomic_inc" };
	static const unsigned int cpus[] = { 2 };
	struct sweep_step *plan;
	struct knob_values knobs;
	struct module_text info;
	struct json_object *doc;
	size_t nr;

	knobs_default(&knobs);
	knobs.v[KNOB_MEASURE] = MEASURE_LATENCY;
	assert_int_equal(sweep_plan(3, 1, 2, true, 1, &plan, &nr), 0);
	assert_int_equal(module_text_parse_info(info_sample, &info, err, sizeof(err)), 0);
	doc = result_new(&(struct result_origin) {
				.command = "ksbench run", .created = 0, .target = "host",
				.host = &facts, .info = &info },
			 &(struct result_params) {
				.workloads = workloads, .nr_workloads = 3,
				.cpus = cpus, .nr_cpus = 1, .knobs = &knobs, .repeat = 2,
				.correct_clock = false, .max_cv = 0.025, .shuffle = true,
				.order = plan, .nr_order = nr });
	module_text_free(&info);
	free(plan);
	result_add_point(doc, point_opts(results_latency_lock_sample, 0, &raw));
	result_add_point(doc, point_opts(results_latency_rw_sample, 0, &raw));
	result_add_point(doc, point_opts(results_latency_lockfree_sample, 0, &raw));
	return doc;
}

static void test_document_latency(void **state)
{
	struct json_object *doc = latency_doc(), *order;
	size_t i;

	(void)state;
	assert_string_equal(get_str(doc, "params.measure"), "latency");
	assert_int_equal(get_int(doc, "params.sample"), 1);
	assert_int_equal(get_int(doc, "params.interval_ns"), 100000000);
	assert_false(json_object_get_boolean(get(doc, "params.correct_clock")));
	assert_float_equal(json_object_get_double(get(doc, "params.max_cv")), 0.025, 0);
	assert_true(json_object_get_boolean(get(doc, "params.shuffle")));
	/* the plan: two rounds, each every workload once */
	order = get(doc, "params.order");
	assert_int_equal(json_object_array_length(order), 2);
	for (i = 0; i < 2; i++)
		assert_int_equal(json_object_array_length(json_object_array_get_idx(order, i)), 3);
	assert_int_equal(json_object_get_int64(json_object_array_get_idx(
		json_object_array_get_idx(json_object_array_get_idx(order, 1), 2), 1)), 2);
	assert_int_equal(result_validate(doc, err, sizeof(err)), 0);
	json_object_put(doc);

	/* unshuffled: no order, shuffle false */
	doc = sample_doc(&facts);
	assert_false(json_object_get_boolean(get(doc, "params.shuffle")));
	assert_null(get(doc, "params.order"));
	assert_true(json_object_get_boolean(get(doc, "params.correct_clock")));
	json_object_put(doc);
}

/* Each invariant of the new keys, broken in turn, stops the load. */
static void test_load_checks_latency(void **state)
{
	struct json_object *doc, *p, *b;

	(void)state;
	doc = latency_doc();
	assert_int_equal(load_text(json_object_to_json_string(doc)), 0);
	p = json_object_array_get_idx(get(doc, "points"), 0);
	json_object_object_add(get(p, "latency_ns.acquire"), "p90", json_object_new_double(1));
	assert_int_equal(load_text(json_object_to_json_string(doc)), -1);
	assert_string_equal(err, "point 0: latency acquire: p90 is below the one before it");
	json_object_put(doc);

	doc = latency_doc();
	p = json_object_array_get_idx(get(doc, "points"), 1);
	json_object_object_add(get(p, "latency_ns.write"), "count", json_object_new_int64(5));
	assert_int_equal(load_text(json_object_to_json_string(doc)), -1);
	assert_string_equal(err, "point 1: latency write: count 5 but the histogram holds 10045");
	json_object_put(doc);

	/* a bucket changed: the histogram no longer holds its own count */
	doc = latency_doc();
	p = json_object_array_get_idx(get(doc, "points"), 2);
	b = json_object_array_get_idx(get(p, "latency_ns.op.hist.buckets"), 0);
	json_object_array_put_idx(b, 1, json_object_new_int64(1000));
	assert_int_equal(load_text(json_object_to_json_string(doc)), -1);
	assert_non_null(strstr(err, "point 2: latency op: "));
	json_object_put(doc);

	doc = latency_doc();
	p = json_object_array_get_idx(get(doc, "points"), 0);
	json_object_object_add(get(p, "fairness"), "jain", json_object_new_double(0.4));
	assert_int_equal(load_text(json_object_to_json_string(doc)), -1);
	assert_string_equal(err, "point 0: fairness.jain 0.4 is outside [1/2, 1]");
	json_object_object_add(get(p, "fairness"), "jain", json_object_new_double(1.0000001));
	assert_int_equal(load_text(json_object_to_json_string(doc)), -1);
	json_object_put(doc);

	doc = latency_doc();
	p = json_object_array_get_idx(get(doc, "points"), 0);
	json_object_array_put_idx(json_object_array_get_idx(get(p, "series.ops"), 0), 1,
				  json_object_new_int64(1));
	assert_int_equal(load_text(json_object_to_json_string(doc)), -1);
	assert_string_equal(err, "point 0: worker 1's ticks do not sum to its ops");
	json_object_put(doc);
}

static struct json_object *sample_doc(const struct host_facts *hf)
{
	return sample_doc_info(hf, info_sample);
}

static void test_document(void **state)
{
	struct json_object *doc = sample_doc(&facts);

	(void)state;
	assert_string_equal(get_str(doc, "schema"), "ksbench-result/1");
	assert_string_equal(get_str(doc, "tool.version"), "0.1.0");
	assert_string_equal(get_str(doc, "tool.module_version"), "0.1.0");
	assert_string_equal(get_str(doc, "tool.command"), "ksbench run --lock=spinlock,none --cpus=2");
	assert_string_equal(get_str(doc, "created"), "1970-01-02T01:01:01Z");
	assert_false(json_object_get_boolean(get(doc, "interrupted")));
	assert_string_equal(get_str(doc, "host.target"), "host");
	assert_string_equal(get_str(doc, "host.kernel_release"), "6.1.0-56-amd64");
	assert_string_equal(get_str(doc, "host.kernel_flags.preempt_config"), "dynamic");
	assert_string_equal(get_str(doc, "host.kernel_flags.preempt_live"), "voluntary");
	assert_false(json_object_get_boolean(get(doc, "host.kernel_flags.preempt_rt")));
	assert_false(json_object_get_boolean(get(doc, "host.kernel_flags.lockdep")));
	assert_int_equal(get_int(doc, "host.kernel_flags.hz"), 250);
	assert_int_equal(get_int(doc, "host.kernel_flags.nr_cpus"), 8192);
	assert_true(json_object_get_boolean(get(doc, "host.kernel_flags.paravirt_spinlocks")));
	assert_true(json_object_is_type(get(doc, "host.kernel_flags.kasan"), json_type_boolean));
	assert_false(json_object_get_boolean(get(doc, "host.kernel_flags.kasan")));
	/* every debug option known and off: not a debug kernel */
	assert_true(json_object_is_type(get(doc, "host.debug"), json_type_boolean));
	assert_false(result_is_debug(doc));
	assert_string_equal(get_str(doc, "host.cmdline"), "console=ttyS0 loglevel=5 noirqdebug");
	assert_string_equal(get_str(doc, "host.clocksource"), "hpet");
	assert_null(get(doc, "params.suite"));
	assert_int_equal(get_int(doc, "host.online_cpus"), 4);
	assert_true(json_object_get_boolean(get(doc, "host.virtualized")));
	assert_string_equal(get_str(doc, "params.workloads"), "[ \"spinlock\", \"none\" ]");
	assert_int_equal(get_int(doc, "params.duration_ns"), 500000000);
	assert_int_equal(get_int(doc, "params.warmup_ns"), 100000000);
	assert_int_equal(get_int(doc, "params.hold_ns"), 0);
	assert_int_equal(get_int(doc, "params.think_ns"), 50);
	assert_string_equal(get_str(doc, "params.acquire"), "trylock");
	assert_int_equal(get_int(doc, "params.nr_locks"), 1);
	assert_int_equal(get_int(doc, "params.cs_lines"), 0);
	assert_int_equal(get_int(doc, "params.read_pct"), 90);
	assert_int_equal(get_int(doc, "params.sem_count"), 3);
	assert_string_equal(get_str(doc, "params.rcu_sync"), "sync");
	/* a u64 stays whole */
	assert_string_equal(get_str(doc, "params.seed"), "18446744073709551615");
	assert_int_equal(get_int(doc, "params.repeat"), 1);
	assert_int_equal(json_object_array_length(get(doc, "points")), 2);
	assert_null(get(doc, "vm"));
	assert_int_equal(result_validate(doc, err, sizeof(err)), 0);

	result_set_interrupted(doc, true);
	assert_true(json_object_get_boolean(get(doc, "interrupted")));
	json_object_put(doc);
}

static void test_preempt_live_fallbacks(void **state)
{
	struct host_facts hf = facts;
	struct json_object *doc;

	(void)state;
	/* dynamic, and sched/preempt unreadable: unknown */
	hf.preempt_live[0] = '\0';
	doc = sample_doc(&hf);
	assert_true(json_object_is_type(get(doc, "host.kernel_flags.preempt_live"), json_type_null));
	json_object_put(doc);

	/* a model fixed at build time is the live one */
	doc = sample_doc_info(&hf, "ksbench-info 1\npreempt_config rt\npreempt_rt 1\n");
	assert_string_equal(get_str(doc, "host.kernel_flags.preempt_live"), "rt");
	assert_true(json_object_get_boolean(get(doc, "host.kernel_flags.preempt_rt")));
	/* what the info file lacks is null, not guessed */
	assert_true(json_object_is_type(get(doc, "host.kernel_flags.hz"), json_type_null));
	assert_true(json_object_is_type(get(doc, "tool.module_version"), json_type_null));
	json_object_put(doc);
}

/* host.debug and the note `ksbench run` and the summary print. */
static void test_debug_kernel(void **state)
{
	struct host_facts hf = facts;
	struct json_object *doc;
	char note[256];

	(void)state;
	doc = sample_doc_info(&hf, "ksbench-info 1\nlockdep 1\ndebug_atomic_sleep 0\n"
			      "prove_locking 1\nlock_stat 0\ndebug_spinlock 1\n"
			      "debug_mutexes 0\ndebug_objects 0\nkasan 1\nkmemleak 0\n"
			      "paravirt_spinlocks 0\n");
	assert_true(json_object_get_boolean(get(doc, "host.debug")));
	assert_true(result_is_debug(doc));
	result_debug_note(doc, note, sizeof(note));
	assert_string_equal(note, "debug kernel (lockdep, prove_locking, kasan, debug_spinlock): "
			    "timings are distorted; compare only with debug runs");
	json_object_put(doc);

	/* a module from before the new keys: one known option on is enough */
	doc = sample_doc_info(&hf, "ksbench-info 1\nlockdep 1\ndebug_atomic_sleep 0\n");
	assert_true(result_is_debug(doc));
	assert_true(json_object_is_type(get(doc, "host.kernel_flags.kasan"), json_type_null));
	json_object_put(doc);
	/* ... but all it knows off says nothing of the rest: unknown, not false */
	doc = sample_doc_info(&hf, "ksbench-info 1\nlockdep 0\ndebug_atomic_sleep 0\n");
	assert_true(json_object_is_type(get(doc, "host.debug"), json_type_null));
	assert_false(result_is_debug(doc));
	json_object_put(doc);

	/* the real captures: neither kernel is a debug kernel */
	doc = sample_doc_info(&hf, info_rt_sample);
	assert_false(result_is_debug(doc));
	assert_true(json_object_get_boolean(get(doc, "host.kernel_flags.preempt_rt")));
	json_object_put(doc);

	/* unreadable cmdline and clocksource are null */
	hf.cmdline[0] = hf.clocksource[0] = '\0';
	doc = sample_doc_info(&hf, info_sample);
	assert_true(json_object_is_type(get(doc, "host.cmdline"), json_type_null));
	assert_true(json_object_is_type(get(doc, "host.clocksource"), json_type_null));
	json_object_put(doc);
}

static void test_suite_param(void **state)
{
	struct json_object *doc = sample_doc(&facts);

	(void)state;
	result_set_suite(doc, "quick", "bench/suites/quick.suite");
	assert_string_equal(get_str(doc, "params.suite.name"), "quick");
	assert_string_equal(get_str(doc, "params.suite.path"), "bench/suites/quick.suite");
	/* it survives the write and load round trip as a key readers may ignore */
	assert_int_equal(load_text(json_object_to_json_string(doc)), 0);
	json_object_put(doc);
}

static void test_vm_object(void **state)
{
	struct json_object *doc = sample_doc(&facts);

	(void)state;
	result_set_vm(doc, &(struct result_vm) {
		.accel = "tcg", .smp = 2, .memory_mb = 512,
		.kernel_image = "/boot/vmlinuz-6.1.0-56-amd64",
		.qemu_version = "QEMU emulator version 7.2.22",
		.host_kernel_release = "6.18.44", .host_cpu_model = "EPYC",
		.console_log = "results/x.console.log", .host_cpus = 2, .boot_s = 5.126 });
	result_set_string(doc, "tool", "command", "ksbench run --target=vm");
	/* to the hundredth, as measured from the host */
	assert_string_equal(json_object_to_json_string(get(doc, "vm.boot_s")), "5.13");
	assert_string_equal(get_str(doc, "host.target"), "vm");
	assert_string_equal(get_str(doc, "vm.accel"), "tcg");
	assert_int_equal(get_int(doc, "vm.smp"), 2);
	assert_int_equal(get_int(doc, "vm.memory_mb"), 512);
	assert_int_equal(get_int(doc, "vm.host_cpus"), 2);
	assert_false(json_object_get_boolean(get(doc, "vm.overcommitted")));
	assert_string_equal(get_str(doc, "vm.console_log"), "results/x.console.log");
	assert_string_equal(get_str(doc, "tool.command"), "ksbench run --target=vm");
	/* 4 vCPUs on 2 host CPUs; an unknown host count says nothing */
	result_set_vm(doc, &(struct result_vm) { .accel = "tcg", .smp = 4, .host_cpus = 2,
		.kernel_image = "", .qemu_version = "", .host_kernel_release = "",
		.host_cpu_model = "", .console_log = "" });
	assert_true(json_object_get_boolean(get(doc, "vm.overcommitted")));
	result_set_vm(doc, &(struct result_vm) { .accel = "tcg", .smp = 4,
		.kernel_image = "", .qemu_version = "", .host_kernel_release = "",
		.host_cpu_model = "", .console_log = "" });
	assert_null(get(doc, "vm.overcommitted"));
	assert_null(get(doc, "vm.host_cpus"));
	/* the guest's sweep never began: no boot time to tell */
	assert_null(get(doc, "vm.boot_s"));
	json_object_put(doc);
}

static void test_write_and_load(void **state)
{
	struct json_object *doc = sample_doc(&facts), *back;
	char dir[256], path[512], *text;
	struct stat st;
	size_t len;

	(void)state;
	assert_non_null(tmpdir_new(dir, sizeof(dir)));
	snprintf(path, sizeof(path), "%s/run.json", dir);
	assert_int_equal(result_write(doc, path, err, sizeof(err)), 0);
	/* the file alone: no temporary left beside it */
	assert_int_equal(tmpdir_count(dir), 1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(fs_read_file(path, 1 << 20, &text, &len, err, sizeof(err)), 0);
	assert_string_equal(text + len - 2, "}\n");
	assert_null(strstr(text, "\\/"));	/* paths stay readable */
	free(text);

	assert_int_equal(result_load(path, &back, err, sizeof(err)), 0);
	assert_string_equal(json_object_to_json_string(back), json_object_to_json_string(doc));
	json_object_put(back);

	/* compact: one line, the same document */
	assert_int_equal(result_write_ext(doc, path, true, err, sizeof(err)), 0);
	assert_int_equal(fs_read_file(path, 1 << 20, &text, &len, err, sizeof(err)), 0);
	assert_ptr_equal(strchr(text, '\n'), text + len - 1);
	free(text);
	assert_int_equal(result_load(path, &back, err, sizeof(err)), 0);
	assert_string_equal(json_object_to_json_string(back), json_object_to_json_string(doc));
	json_object_put(back);
	json_object_put(doc);
	tmpdir_remove(dir);
}

static void test_write_missing_dir(void **state)
{
	struct json_object *doc = sample_doc(&facts);
	char dir[256], path[512];

	(void)state;
	assert_non_null(tmpdir_new(dir, sizeof(dir)));
	snprintf(path, sizeof(path), "%s/missing/run.json", dir);
	assert_int_equal(result_write(doc, path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "No such file or directory"));
	assert_int_equal(tmpdir_count(dir), 0);
	json_object_put(doc);
	tmpdir_remove(dir);
}

/* Writes text as a file and loads it; returns result_load's value. */
static int load_text(const char *text)
{
	struct json_object *doc;
	char dir[256], path[512], msg[512];
	int ret;

	assert_non_null(tmpdir_new(dir, sizeof(dir)));
	snprintf(path, sizeof(path), "%s/r.json", dir);
	assert_int_equal(fs_write_atomic(path, text, strlen(text), msg, sizeof(msg)), 0);
	ret = result_load(path, &doc, msg, sizeof(msg));
	if (!ret)
		json_object_put(doc);
	else
		assert_null(doc);
	/* the message names the file, then says what is wrong */
	snprintf(err, sizeof(err), "%s", ret ? msg + strlen(path) + 2 : "");
	tmpdir_remove(dir);
	return ret;
}

/* The fixture of a --lock=all run with member path set to v (NULL: null). */
static int load_changed(const char *array, size_t idx, const char *key,
			struct json_object *v)
{
	struct json_object *doc = json_object_from_file("../fixtures/lock-all.json"), *e;
	int ret;

	assert_non_null(doc);
	e = json_object_array_get_idx(json_object_object_get(doc, array), idx);
	if (key)
		json_object_object_add(e, key, v);
	else
		json_object_array_put_idx(json_object_object_get(doc, array), idx, v);
	ret = load_text(json_object_to_json_string(doc));
	json_object_put(doc);
	return ret;
}

/*
 * Issue 14: members of the wrong type or out of range are refused at load
 * time, naming what and where, before any reader trusts them.
 */
static void test_load_checks_types(void **state)
{
	struct json_object *a;

	(void)state;
	assert_int_equal(load_changed("summary", 3, NULL, json_object_new_string("x")), -1);
	assert_string_equal(err, "not a valid ksbench result: a string where an object "
			    "belongs at summary[3]");
	assert_int_equal(load_changed("skipped", 0, "cpus", json_object_new_double(1e300)), -1);
	assert_string_equal(err, "not a valid ksbench result: a number where an integer "
			    "belongs at skipped[0].cpus");
	assert_int_equal(load_changed("skipped", 0, "cpus", json_object_new_int64(1LL << 32)), -1);
	assert_string_equal(err, "not a valid ksbench result: 4.29497e+09 is out of range "
			    "(1 to 65536) at skipped[0].cpus");
	assert_int_equal(load_changed("summary", 1, "cpus", json_object_new_int(-1)), -1);
	assert_string_equal(err, "not a valid ksbench result: -1 is out of range "
			    "(1 to 65536) at summary[1].cpus");
	assert_int_equal(load_changed("points", 2, "offlined_cpus", NULL), -1);
	assert_string_equal(err, "not a valid ksbench result: null where an array "
			    "belongs at points[2].offlined_cpus");
	a = json_object_new_array();
	json_object_array_add(a, json_object_new_object());
	assert_int_equal(load_changed("points", 2, "offlined_cpus", a), -1);
	assert_string_equal(err, "not a valid ksbench result: an object where an integer "
			    "belongs at points[2].offlined_cpus[0]");
	assert_int_equal(load_changed("points", 1, "throughput_ops_s",
				      json_object_new_double(NAN)), -1);
	assert_string_equal(err, "not a valid ksbench result: NaN, not a finite number, "
			    "at points[1].throughput_ops_s");
	/* a file string in the message reaches the terminal escaped */
	a = json_object_new_object();
	json_object_object_add(a, "x\x1b[2J", json_object_new_int(1));
	assert_int_equal(load_changed("points", 0, "latency_ns", a), -1);
	assert_string_equal(err, "point 0: latency x\\x1b[2J is not an object");
	assert_int_equal(load_text("null"), -1);
	assert_string_equal(err, "not a ksbench result (the document is null, not a JSON object)");
	/* and the file itself loads */
	assert_int_equal(load_changed("points", 0, "cpus", json_object_new_int(1)), 0);
}

static void test_load_refusals(void **state)
{
	struct json_object *doc = sample_doc(&facts);
	const char *good = json_object_to_json_string(doc);
	char buf[8192];
	size_t len = strlen(good);

	(void)state;
	assert_int_equal(load_text(good), 0);

	snprintf(buf, sizeof(buf), "%.*s", (int)(len / 2), good);
	assert_int_equal(load_text(buf), -1);
	assert_string_equal(err, "truncated: the JSON ends early");

	assert_int_equal(load_text(""), -1);
	assert_string_equal(err, "truncated: the JSON ends early");

	snprintf(buf, sizeof(buf), "%s}", good);
	assert_int_equal(load_text(buf), -1);
	assert_non_null(strstr(err, "unexpected data after the JSON document"));

	assert_int_equal(load_text("{\"schema\": \"ksbench-result/2\"}"), -1);
	assert_string_equal(err, "schema 'ksbench-result/2' is not supported (this ksbench 0.1.0 reads ksbench-result/1, and ksbench-index/1 naming such files)");

	assert_int_equal(load_text("{\"hello\": 1}"), -1);
	assert_string_equal(err, "not a ksbench result (no \"schema\": \"ksbench-result/1\")");

	assert_int_equal(load_text("[1, 2]"), -1);
	assert_string_equal(err, "not a ksbench result (not a JSON object)");

	assert_int_equal(load_text("{\"schema\": \"ksbench-result/1\", \"points\": []}"), -1);
	assert_string_equal(err, "incomplete: host, points or interrupted is missing");

	json_object_put(doc);
}

static void test_load_checks_points(void **state)
{
	struct json_object *doc = sample_doc(&facts), *w;

	(void)state;
	w = json_object_array_get_idx(get(json_object_array_get_idx(get(doc, "points"), 1),
					  "workers"), 0);
	json_object_object_add(w, "ops", json_object_new_int64(1));
	assert_int_equal(load_text(json_object_to_json_string(doc)), -1);
	assert_string_equal(err, "point 1: the workers' ops do not sum to its ops");

	json_object_object_add(json_object_array_get_idx(get(doc, "points"), 0), "reads",
			       json_object_new_int64(1));
	assert_int_equal(load_text(json_object_to_json_string(doc)), -1);
	assert_string_equal(err, "point 0: its reads and writes do not sum to its ops");

	/* a file from before reads and writes loads; one of them alone does not */
	json_object_object_del(json_object_array_get_idx(get(doc, "points"), 0), "reads");
	assert_int_equal(load_text(json_object_to_json_string(doc)), -1);
	assert_string_equal(err, "point 0 lacks a field or has one of the wrong type");
	json_object_object_del(json_object_array_get_idx(get(doc, "points"), 0), "writes");
	w = json_object_array_get_idx(get(json_object_array_get_idx(get(doc, "points"), 1),
					  "workers"), 0);
	json_object_object_add(w, "ops", json_object_new_int64(966886));
	assert_int_equal(load_text(json_object_to_json_string(doc)), 0);

	json_object_object_del(json_object_array_get_idx(get(doc, "points"), 0), "oracle");
	assert_int_equal(load_text(json_object_to_json_string(doc)), -1);
	assert_string_equal(err, "point 0 lacks a field or has one of the wrong type");
	json_object_put(doc);
}

static void test_load_missing_file(void **state)
{
	struct json_object *doc;

	(void)state;
	assert_int_equal(result_load("/nonexistent/ksbench.json", &doc, err, sizeof(err)), -1);
	assert_string_equal(err, "/nonexistent/ksbench.json: No such file or directory");
}

static void test_point_facts(void **state)
{
	struct json_object *doc = sample_doc(&facts), *p;
	struct oracle_facts f;

	(void)state;
	p = json_object_array_get_idx(get(doc, "points"), 1);
	result_point_facts(doc, p, &f);
	assert_string_equal(f.workload, "none");
	assert_string_equal(f.oracle_kind, "exclusive");
	assert_int_equal(f.cpus, 2);
	assert_int_equal(f.ops, 1740854);
	assert_int_equal(f.violations, 15971);
	assert_int_equal(f.lost_updates, 40159);
	assert_int_equal(f.sem_count, 3);	/* the run's, from params */
	assert_string_equal(result_oracle(&f), get_str(p, "oracle"));

	/* a file from before these keys: defaults, no kind */
	json_object_object_del(p, "oracle_kind");
	json_object_object_del(p, "max_inside");
	json_object_object_del(get(doc, "params"), "sem_count");
	result_point_facts(doc, p, &f);
	assert_null(f.oracle_kind);
	assert_int_equal(f.max_inside, 0);
	assert_int_equal(f.sem_count, 1);
	json_object_put(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_point),
		cmocka_unit_test(test_point_checks),
		cmocka_unit_test(test_point_offlined),
		cmocka_unit_test(test_point_latency_lock),
		cmocka_unit_test(test_point_latency_rw),
		cmocka_unit_test(test_point_latency_sampled),
		cmocka_unit_test(test_point_latency_checks),
		cmocka_unit_test(test_point_handoff),
		cmocka_unit_test(test_oracle_verdicts),
		cmocka_unit_test(test_oracle_counting),
		cmocka_unit_test(test_oracle_why),
		cmocka_unit_test(test_point_none),
		cmocka_unit_test(test_point_rw_rt),
		cmocka_unit_test(test_point_counting),
		cmocka_unit_test(test_point_counting_fails),
		cmocka_unit_test(test_point_lockfree),
		cmocka_unit_test(test_point_facts),
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_document_latency),
		cmocka_unit_test(test_load_checks_latency),
		cmocka_unit_test(test_preempt_live_fallbacks),
		cmocka_unit_test(test_debug_kernel),
		cmocka_unit_test(test_suite_param),
		cmocka_unit_test(test_vm_object),
		cmocka_unit_test(test_write_and_load),
		cmocka_unit_test(test_write_missing_dir),
		cmocka_unit_test(test_load_refusals),
		cmocka_unit_test(test_load_checks_types),
		cmocka_unit_test(test_load_checks_points),
		cmocka_unit_test(test_load_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
