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

#include "knobs.h"
#include "module_text.h"
#include "report.h"
#include "result.h"
#include "samples.h"
#include "summary.h"
#include "sysinfo.h"

static const char *rate(double v)
{
	static char buf[16];

	report_rate(v, buf, sizeof(buf));
	return buf;
}

static void test_rate(void **state)
{
	(void)state;
	assert_string_equal(rate(0), "0");
	assert_string_equal(rate(950), "950");
	assert_string_equal(rate(999.4), "999");
	assert_string_equal(rate(999.6), "1.00k");
	assert_string_equal(rate(1234), "1.23k");
	assert_string_equal(rate(12345), "12.3k");
	assert_string_equal(rate(123456), "123k");
	assert_string_equal(rate(20479155.5), "20.5M");
	assert_string_equal(rate(1.5e9), "1.50G");
	assert_string_equal(rate(2e15), "2000T");
}

#define POINT(w, c, r, ops, rate, v, l, o) \
	"{ \"workload\": \"" w "\", \"cpus\": " #c ", \"repeat\": " #r ", " \
	"\"duration_ns\": 1000000000, \"ops\": " #ops ", " \
	"\"throughput_ops_s\": " #rate ", \"violations\": " #v ", " \
	"\"lost_updates\": " #l ", \"oracle\": \"" o "\", " \
	"\"workers\": [ { \"cpu\": 0, \"ops\": " #ops " } ] }"

#define HEAD(target, interrupted) \
	"{ \"schema\": \"ksbench-result/1\", \"created\": \"2026-11-22T13:05:00Z\", " \
	"\"interrupted\": " interrupted ", " \
	"\"host\": { \"target\": \"" target "\", \"kernel_release\": \"6.1.0-56-amd64\" }, "

/* Interleaved as run writes it: repeat, then cpus, then workload. */
static const char doc_repeats[] = HEAD("host", "false")
	"\"points\": ["
	POINT("spinlock", 1, 0, 1000000, 1000000.0, 0, 0, "pass") ","
	POINT("none", 1, 0, 3000000, 3000000.0, 0, 0, "pass") ","
	POINT("spinlock", 2, 0, 1500000, 1500000.0, 0, 0, "pass") ","
	POINT("none", 2, 0, 5000000, 5000000.0, 40, 12, "expected-fail") ","
	POINT("spinlock", 1, 1, 3000000, 3000000.0, 0, 0, "pass") ","
	POINT("none", 1, 1, 3100000, 3100000.0, 0, 0, "pass") ","
	POINT("spinlock", 2, 1, 1700000, 1700000.0, 0, 0, "pass") ","
	POINT("none", 2, 1, 5200000, 5200000.0, 0, 0, "fail") ","
	POINT("spinlock", 1, 2, 2000000, 2000000.0, 0, 0, "pass") ","
	POINT("none", 1, 2, 3200000, 3200000.0, 0, 0, "pass") ","
	POINT("spinlock", 2, 2, 1600000, 1600000.0, 3, 0, "fail") ","
	POINT("none", 2, 2, 5100000, 5100000.0, 30, 9, "expected-fail")
	"] }";

/* With REPORT_POINTS: every point, then the summary. */
static const char want_repeats[] =
	"kernel 6.1.0-56-amd64, target host, created 2026-11-22T13:05:00Z\n"
	"\n"
	"workload  cpus  repeat           ops    ops/s  violations        lost  oracle\n"
	"spinlock     1       0       1000000    1.00M           0           0  pass\n"
	"spinlock     1       1       3000000    3.00M           0           0  pass\n"
	"spinlock     1       2       2000000    2.00M           0           0  pass\n"
	"spinlock     2       0       1500000    1.50M           0           0  pass\n"
	"spinlock     2       1       1700000    1.70M           0           0  pass\n"
	"spinlock     2       2       1600000    1.60M           3           0  fail\n"
	"none         1       0       3000000    3.00M           0           0  pass\n"
	"none         1       1       3100000    3.10M           0           0  pass\n"
	"none         1       2       3200000    3.20M           0           0  pass\n"
	"none         2       0       5000000    5.00M          40          12  expected-fail\n"
	"none         2       1       5200000    5.20M           0           0  fail\n"
	"none         2       2       5100000    5.10M          30           9  expected-fail\n"
	"\n"
	"throughput (median over repeats ± CV; 95% CI of the median by bootstrap):\n"
	"spinlock  1 CPU   2.00 Mops/s ± 50.0%  (median of 3, 95% CI 1.00 – 3.00)  noisy: CV 50.0% > 5%\n"
	"spinlock  2 CPUs  1.60 Mops/s ±  6.2%  (median of 3, 95% CI 1.50 – 1.70)  oracle FAIL in repeat 2; noisy: CV 6.2% > 5%\n"
	"none      1 CPU   3.10 Mops/s ±  3.2%  (median of 3, 95% CI 3.00 – 3.20)\n"
	"none      2 CPUs  5.10 Mops/s ±  2.0%  (median of 3, 95% CI 5.00 – 5.20)  oracle FAIL in repeat 1; races seen (expected: no lock)\n";

static const char doc_vm[] = HEAD("vm", "true")
	"\"vm\": { \"accel\": \"tcg\", \"smp\": 4 }, "
	"\"points\": ["
	POINT("raw_spinlock_irq", 4, 0, 123456789, 123456789.0, 0, 0, "pass")
	"] }";

static const char want_vm[] =
	"kernel 6.1.0-56-amd64, target vm (tcg, 4 vCPUs), created 2026-11-22T13:05:00Z\n"
	"interrupted: only the points completed before the stop are listed\n"
	"\n"
	"throughput:\n"
	"raw_spinlock_irq  4 CPUs  123 Mops/s  (1 run)\n";

/* A point with the keys of the rw, counting and trylock counters. */
#define POINT_X(w, kind, okind, c, ops, reads, writes, fail, retries, max_in, o, extra) \
	"{ \"workload\": \"" w "\", \"kind\": \"" kind "\", " \
	"\"oracle_kind\": \"" okind "\", \"cpus\": " #c ", \"repeat\": 0, " \
	"\"duration_ns\": 1000000000, \"ops\": " #ops ", " \
	"\"reads\": " #reads ", \"writes\": " #writes ", " \
	"\"throughput_ops_s\": " #ops ".0, \"failures\": " #fail ", " \
	"\"retries\": " #retries ", \"max_inside\": " #max_in ", " \
	"\"violations\": 0, \"lost_updates\": 0, \"oracle\": \"" o "\", " extra \
	"\"workers\": [ { \"cpu\": 0, \"ops\": " #ops " } ] }"

#define SPIN_RT "\"rt_note\": \"spinlock_t is a sleeping rt_mutex-based lock\", "

/* PREEMPT_RT, K = 2 by trylock: notes where a point has something to say. */
static const char doc_kinds[] = HEAD("host", "false")
	"\"params\": { \"workloads\": [], \"cpus\": [ 2, 4 ], "
	"\"duration_ns\": 150000000, \"warmup_ns\": 30000000, \"hold_ns\": 2000, "
	"\"think_ns\": 0, \"acquire\": \"trylock\", \"nr_locks\": 1, "
	"\"cs_lines\": 0, \"read_pct\": 90, \"sem_count\": 2, "
	"\"rcu_sync\": \"sync\", \"seed\": 1, \"repeat\": 1 }, "
	"\"points\": ["
	POINT_X("spinlock", "lock", "exclusive", 2, 1000, 0, 1000, 1234567, 0, 0, "pass", SPIN_RT) ","
	POINT_X("semaphore", "lock", "counting", 2, 2000, 0, 2000, 0, 0, 2, "pass", "") ","
	POINT_X("seqlock", "rw", "rw", 2, 3000, 2700, 300, 0, 3, 0, "pass", "") ","
	POINT_X("atomic_inc", "lockfree", "count", 2, 4000, 0, 4000, 0, 0, 0, "pass", "") ","
	POINT_X("spinlock", "lock", "exclusive", 4, 1000, 0, 1000, 0, 0, 0, "pass", SPIN_RT) ","
	POINT_X("semaphore", "lock", "counting", 4, 2000, 0, 2000, 5, 0, 3, "fail", "")
	"] }";

static const char want_kinds[] =
	"kernel 6.1.0-56-amd64, target host, created 2026-11-22T13:05:00Z\n"
	"knobs: --duration=150ms --warmup=30ms --hold=2us --acquire=trylock --sem-count=2\n"
	"\n"
	"throughput:\n"
	"spinlock    2 CPUs  1.00 kops/s  (1 run)  fail 1.23M/s\n"
	"spinlock    4 CPUs  1.00 kops/s  (1 run)\n"
	"semaphore   2 CPUs  2.00 kops/s  (1 run)  max_in 2/2\n"
	"semaphore   4 CPUs  2.00 kops/s  (1 run)  oracle FAIL in repeat 0; fail 5/s; max_in 3/2\n"
	"seqlock     2 CPUs  3.00 kops/s  (1 run)  reads 90%; retries 3/s\n"
	"atomic_inc  2 CPUs  4.00 kops/s  (1 run)\n"
	"\n"
	"on PREEMPT_RT:\n"
	"spinlock    spinlock_t is a sleeping rt_mutex-based lock\n";

/* Written before the rw and trylock counters: a rw point without reads. */
static const char doc_old_rw[] = HEAD("host", "false")
	"\"points\": [ { \"workload\": \"rwsem\", \"kind\": \"rw\", \"cpus\": 1, "
	"\"repeat\": 0, \"duration_ns\": 1000000000, \"ops\": 10, "
	"\"throughput_ops_s\": 10.0, \"violations\": 0, \"lost_updates\": 0, "
	"\"oracle\": \"pass\", \"workers\": [ { \"cpu\": 0, \"ops\": 10 } ] } ] }";

static const char want_old_rw[] =
	"kernel 6.1.0-56-amd64, target host, created 2026-11-22T13:05:00Z\n"
	"\n"
	"throughput:\n"
	"rwsem  1 CPU  10.0 ops/s  (1 run)\n";

static const char doc_empty[] = HEAD("host", "true") "\"points\": [] }";

static const char want_empty[] =
	"kernel 6.1.0-56-amd64, target host, created 2026-11-22T13:05:00Z\n"
	"interrupted: only the points completed before the stop are listed\n"
	"no points\n";

/* Points from the captured latency texts, in a document as run makes it. */
static struct json_object *latency_doc(bool correct)
{
	static const char *const workloads[] = { "spinlock", "rwsem", "atomic_inc" };
	static const unsigned int cpus[] = { 2 };
	static const struct {
		const char *text;
		unsigned int repeat;
	} pts[] = {
		{ results_latency_lock_sample, 0 }, { results_latency_rw_sample, 0 },
		{ results_latency_lockfree_sample, 0 }, { results_latency_lock_sample, 1 },
		{ results_latency_lock_sample, 2 },
	};
	const struct host_facts hf = { .kernel_release = "6.1.0-56-amd64" };
	struct result_point_opts opts = { .correct_clock = correct };
	struct json_object *doc, *p;
	struct knob_values knobs;
	struct module_text mt;
	char err[256];
	size_t i;

	knobs_default(&knobs);
	knobs.v[KNOB_MEASURE] = MEASURE_LATENCY;
	knobs.v[KNOB_DURATION] = 50000000;
	assert_int_equal(module_text_parse_info(info_sample, &mt, err, sizeof(err)), 0);
	doc = result_new(&(struct result_origin) { .command = "ksbench run", .created = 0,
						   .target = "host", .host = &hf, .info = &mt },
			 &(struct result_params) { .workloads = workloads, .nr_workloads = 3,
						   .cpus = cpus, .nr_cpus = 1, .knobs = &knobs,
						   .repeat = 3, .correct_clock = correct,
						   .max_cv = 0.05 });
	module_text_free(&mt);
	for (i = 0; i < sizeof(pts) / sizeof(pts[0]); i++) {
		assert_int_equal(module_text_parse_results(pts[i].text, &mt, err, sizeof(err)), 0);
		assert_int_equal(result_point_new(&mt, pts[i].repeat, &opts, &p, err, sizeof(err)), 0);
		module_text_free(&mt);
		result_add_point(doc, p);
	}
	assert_int_equal(summary_set(doc, 0.05, err, sizeof(err)), 0);
	return doc;
}

static char *render_doc(struct json_object *doc, unsigned int flags)
{
	char *out = NULL;
	size_t len;
	FILE *f;

	f = open_memstream(&out, &len);
	report_print(f, doc, flags);
	fclose(f);
	return out;
}

/* Prints doc_text's report into a string; the caller frees it. */
static char *render(const char *doc_text, unsigned int flags, unsigned int *failures,
		    char **fail_text)
{
	struct json_object *doc = json_tokener_parse(doc_text);
	char err[256], *out = NULL;
	size_t len;
	FILE *f;

	assert_non_null(doc);
	assert_int_equal(result_validate(doc, err, sizeof(err)), 0);
	f = open_memstream(&out, &len);
	report_print(f, doc, flags);
	fclose(f);
	if (failures) {
		f = open_memstream(fail_text, &len);
		*failures = report_oracle_failures(f, doc, "ksbench run: ");
		fclose(f);
	}
	json_object_put(doc);
	return out;
}

static void test_report_repeats(void **state)
{
	unsigned int failures;
	char *fails, *out = render(doc_repeats, REPORT_POINTS, &failures, &fails);

	(void)state;
	assert_string_equal(out, want_repeats);
	assert_int_equal(failures, 2);
	/* in the order they ran */
	assert_string_equal(fails,
		"ksbench run: oracle fail: none at 2 CPUs, repeat 1: no violation and no lost update without a lock: the oracle is blind\n"
		"ksbench run: oracle fail: spinlock at 2 CPUs, repeat 2: 3 violations, 0 lost updates\n");
	free(out);
	free(fails);
}

static void test_report_vm_interrupted(void **state)
{
	unsigned int failures;
	char *fails, *out = render(doc_vm, 0, &failures, &fails);

	(void)state;
	assert_string_equal(out, want_vm);
	assert_int_equal(failures, 0);
	assert_string_equal(fails, "");
	free(out);
	free(fails);
}

static void test_report_kinds(void **state)
{
	unsigned int failures;
	char *fails, *out = render(doc_kinds, 0, &failures, &fails);

	(void)state;
	assert_string_equal(out, want_kinds);
	assert_int_equal(failures, 1);
	assert_string_equal(fails,
		"ksbench run: oracle fail: semaphore at 4 CPUs, repeat 0: 3 inside at once with sem_count 2\n");
	free(out);
	free(fails);
}

static void test_report_old_rw(void **state)
{
	char *out = render(doc_old_rw, 0, NULL, NULL);

	(void)state;
	assert_string_equal(out, want_old_rw);
	free(out);
}

/* CPU 1 went down 0.50 s into the second point's 2 s window. */
static const char doc_offlined[] = HEAD("host", "false")
	"\"params\": { \"workloads\": [], \"cpus\": [ 2 ], \"duration_ns\": 2000000000, "
	"\"warmup_ns\": 100000000, \"repeat\": 2 }, "
	"\"points\": ["
	POINT("spinlock", 2, 0, 2000000, 1000000.0, 0, 0, "pass") ","
	"{ \"workload\": \"spinlock\", \"cpus\": 2, \"repeat\": 1, "
	"\"duration_ns\": 500000000, \"ops\": 600000, \"throughput_ops_s\": 1200000.0, "
	"\"violations\": 0, \"lost_updates\": 0, \"oracle\": \"pass\", "
	"\"stopped_early\": true, \"offlined_cpus\": [ 1 ], "
	"\"workers\": [ { \"cpu\": 0, \"ops\": 600000 } ] }"
	"] }";

static const char want_offlined[] =
	"kernel 6.1.0-56-amd64, target host, created 2026-11-22T13:05:00Z\n"
	"knobs: --duration=2s --warmup=100ms\n"
	"CPU 1 went offline: spinlock at 2 CPUs, repeat 1 measured 0.50 s of its 2.00 s\n"
	"\n"
	"throughput (median over repeats ± CV; 95% CI of the median by bootstrap):\n"
	"spinlock  2 CPUs  1.10 Mops/s ± 12.9%  (median of 2, no CI below 3 runs)  noisy: CV 12.9% > 5%\n";

static void test_report_offlined(void **state)
{
	char *out = render(doc_offlined, 0, NULL, NULL);

	(void)state;
	assert_string_equal(out, want_offlined);
	free(out);
}

static void test_report_empty(void **state)
{
	char *out = render(doc_empty, 0, NULL, NULL);

	(void)state;
	assert_string_equal(out, want_empty);
	free(out);
}

static const char want_latency[] =
	"kernel 6.1.0-56-amd64, target host, created 1970-01-01T00:00:00Z\n"
	"knobs: --duration=50ms --warmup=100ms --measure=latency\n"
	"\n"
	"throughput (median over repeats ± CV; 95% CI of the median by bootstrap):\n"
	"spinlock    2 CPUs  1.35 Mops/s ± 0.0%  (median of 3, 95% CI 1.35 – 1.35)  jain 0.95\n"
	"rwsem       2 CPUs  1.80 Mops/s         (1 run)                            jain 0.99; sleeps: 502 csw/s, on CPU 96%; reads 90%\n"
	"atomic_inc  2 CPUs  1.82 Mops/s         (1 run)                            jain 1.00\n"
	"\n"
	"latency (each histogram merged over workers and repeats):\n"
	"workload    cpus  timed      count    p50     p90     p99   p99.9  p99.99     max\n"
	"spinlock       2  acquire     113k  192ns  1.41us  4.02us  33.9us   181us   260us\n"
	"spinlock       2  hold        113k  160ns   698ns  1.23us  16.0us   118us   236us\n"
	"rwsem          2  read       90.5k  232ns   738ns   958ns  11.3us  92.5us  2.49ms\n"
	"rwsem          2  write      10.0k  292ns   762ns  1.07us  60.5us   132us  5.39ms\n"
	"atomic_inc     2  op          102k  180ns   658ns  1.02us  2.21us   124us   263us\n"
	"clock: ktime_get_ns costs 170 ns a read (min; median 180 ns), resolution 170 ns; 170 ns subtracted from every latency above\n";

static const char want_latency_raw_tail[] =
	"clock: ktime_get_ns costs 170 ns a read (min; median 180 ns), resolution 170 ns; not subtracted (--no-correct): each latency includes about one clock read\n";

/*
 * Latency mode: one throughput table (identical repeats: CV 0, the CI a
 * point), one percentile table, the clock line; the rwsem sleeps.
 */
static void test_report_latency(void **state)
{
	struct json_object *doc = latency_doc(true);
	char *out = render_doc(doc, 0), *raw_out, *tail;

	(void)state;
	assert_string_equal(out, want_latency);
	json_object_put(doc);
	/* raw: larger figures by the clock's cost, and the line says so */
	doc = latency_doc(false);
	raw_out = render_doc(doc, 0);
	tail = strstr(raw_out, "clock: ");
	assert_non_null(tail);
	assert_string_equal(tail, want_latency_raw_tail);
	assert_non_null(strstr(raw_out, "spinlock       2  acquire     113k  362ns  1.58us"));
	free(raw_out);
	free(out);
	json_object_put(doc);
}

/*
 * ksbench run --lock=all: throughput-mode lock points beside handoffs,
 * which always carry latency (tests/fixtures/lock-all.json, a real run).
 * The latency table lists the handoffs alone; it used to walk the
 * latency of points that have none and crash.
 */
static void test_report_lock_all_mix(void **state)
{
	struct json_object *doc;
	char err[512], *out;

	(void)state;
	assert_int_equal(result_load("../fixtures/lock-all.json", &doc, err, sizeof(err)), 0);
	out = render_doc(doc, 0);
	assert_non_null(strstr(out, "\nlatency (each histogram merged"));
	assert_non_null(strstr(out, "\ncompletion         2  wakeup"));
	assert_null(strstr(out, "\nspinlock           1  "));
	assert_non_null(strstr(out, "subtracted from every latency above\n"));
	free(out);
	json_object_put(doc);
}

/* A debug kernel and the suite a run applied, right under the kernel line. */
static void test_report_debug_and_suite(void **state)
{
	struct json_object *doc = latency_doc(true), *host, *flags;
	char *out;

	(void)state;
	host = json_object_object_get(doc, "host");
	flags = json_object_object_get(host, "kernel_flags");
	json_object_object_add(flags, "lockdep", json_object_new_boolean(1));
	json_object_object_add(flags, "kmemleak", json_object_new_boolean(1));
	json_object_object_add(host, "debug", json_object_new_boolean(1));
	result_set_suite(doc, "quick", "bench/suites/quick.suite");
	out = render_doc(doc, 0);
	assert_non_null(strstr(out,
		"kernel 6.1.0-56-amd64 debug, target host, created 1970-01-01T00:00:00Z\n"
		"debug kernel (lockdep, kmemleak): timings are distorted; compare only with debug runs\n"
		"suite quick (bench/suites/quick.suite)\n"
		"knobs: --duration=50ms"));
	free(out);
	/* debug false (or absent, in older files): no such line */
	json_object_object_add(host, "debug", json_object_new_boolean(0));
	out = render_doc(doc, 0);
	assert_null(strstr(out, "debug kernel"));
	free(out);
	json_object_put(doc);
}

/* show prints the file's summary as it is: its noisy flag, its outliers. */
static void test_report_uses_file_summary(void **state)
{
	struct json_object *doc = latency_doc(true), *e;
	char *out;

	(void)state;
	e = json_object_array_get_idx(json_object_object_get(doc, "summary"), 0);
	json_object_object_add(e, "noisy", json_object_new_boolean(1));
	json_object_object_add(e, "cv", json_object_new_double(0.071));
	json_object_array_add(json_object_object_get(e, "outliers"), json_object_new_int(2));
	out = render_doc(doc, 0);
	assert_non_null(strstr(out, "spinlock    2 CPUs  1.35 Mops/s ± 7.1%  (median of 3, 95% CI 1.35 – 1.35)"
				    "  noisy: CV 7.1% > 5%; outlier: repeat 2; jain 0.95\n"));
	free(out);
	json_object_put(doc);
}

static const char *ns(double v)
{
	static char buf[16];

	report_ns(v, buf, sizeof(buf));
	return buf;
}

static void test_ns(void **state)
{
	(void)state;
	assert_string_equal(ns(0), "0ns");
	assert_string_equal(ns(10.5), "10ns");
	assert_string_equal(ns(999.4), "999ns");
	assert_string_equal(ns(999.6), "1.00us");
	assert_string_equal(ns(2193.5), "2.19us");
	assert_string_equal(ns(106817.5), "107us");
	assert_string_equal(ns(111882230), "112ms");
	assert_string_equal(ns(68.7e9), "68.7s");
	assert_string_equal(ns(NAN), "-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_ns),
		cmocka_unit_test(test_report_latency),
		cmocka_unit_test(test_report_lock_all_mix),
		cmocka_unit_test(test_report_uses_file_summary),
		cmocka_unit_test(test_report_debug_and_suite),
		cmocka_unit_test(test_report_repeats),
		cmocka_unit_test(test_report_vm_interrupted),
		cmocka_unit_test(test_report_kinds),
		cmocka_unit_test(test_report_old_rw),
		cmocka_unit_test(test_report_empty),
		cmocka_unit_test(test_report_offlined),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
