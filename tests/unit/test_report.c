// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "report.h"
#include "result.h"

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
	"median over repeats:\n"
	"workload  cpus  runs    ops/s\n"
	"spinlock     1     3    2.00M\n"
	"spinlock     2     3    1.60M\n"
	"none         1     3    3.10M\n"
	"none         2     3    5.10M\n";

static const char doc_vm[] = HEAD("vm", "true")
	"\"vm\": { \"accel\": \"tcg\", \"smp\": 4 }, "
	"\"points\": ["
	POINT("raw_spinlock_irq", 4, 0, 123456789, 123456789.0, 0, 0, "pass")
	"] }";

static const char want_vm[] =
	"kernel 6.1.0-56-amd64, target vm (tcg, 4 vCPUs), created 2026-11-22T13:05:00Z\n"
	"interrupted: only the points completed before the stop are listed\n"
	"\n"
	"workload          cpus  repeat           ops    ops/s  violations        lost  oracle\n"
	"raw_spinlock_irq     4       0     123456789     123M           0           0  pass\n";

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
	"workload    cpus  repeat           ops    ops/s  violations        lost  oracle         notes\n"
	"spinlock       2       0          1000    1.00k           0           0  pass           fail 1.23M\n"
	"spinlock       4       0          1000    1.00k           0           0  pass\n"
	"semaphore      2       0          2000    2.00k           0           0  pass           max_in 2/2\n"
	"semaphore      4       0          2000    2.00k           0           0  fail           fail 5, max_in 3/2\n"
	"seqlock        2       0          3000    3.00k           0           0  pass           reads 90%, retries 3\n"
	"atomic_inc     2       0          4000    4.00k           0           0  pass\n"
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
	"workload  cpus  repeat           ops    ops/s  violations        lost  oracle\n"
	"rwsem        1       0            10       10           0           0  pass\n";

static const char doc_empty[] = HEAD("host", "true") "\"points\": [] }";

static const char want_empty[] =
	"kernel 6.1.0-56-amd64, target host, created 2026-11-22T13:05:00Z\n"
	"interrupted: only the points completed before the stop are listed\n"
	"no points\n";

/* Prints doc_text's report into a string; the caller frees it. */
static char *render(const char *doc_text, unsigned int *failures, char **fail_text)
{
	struct json_object *doc = json_tokener_parse(doc_text);
	char err[256], *out = NULL;
	size_t len;
	FILE *f;

	assert_non_null(doc);
	assert_int_equal(result_validate(doc, err, sizeof(err)), 0);
	f = open_memstream(&out, &len);
	report_print(f, doc);
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
	char *fails, *out = render(doc_repeats, &failures, &fails);

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
	char *fails, *out = render(doc_vm, &failures, &fails);

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
	char *fails, *out = render(doc_kinds, &failures, &fails);

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
	char *out = render(doc_old_rw, NULL, NULL);

	(void)state;
	assert_string_equal(out, want_old_rw);
	free(out);
}

static void test_report_empty(void **state)
{
	char *out = render(doc_empty, NULL, NULL);

	(void)state;
	assert_string_equal(out, want_empty);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_report_repeats),
		cmocka_unit_test(test_report_vm_interrupted),
		cmocka_unit_test(test_report_kinds),
		cmocka_unit_test(test_report_old_rw),
		cmocka_unit_test(test_report_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
