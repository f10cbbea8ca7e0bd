// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "parse.h"

static char err[512];

#define assert_err_contains(text) assert_non_null(strstr(err, text))

static uint64_t duration_ok(const char *s)
{
	uint64_t ns = 12345;

	assert_int_equal(parse_duration_ns(s, &ns, err, sizeof(err)), 0);
	return ns;
}

static void duration_bad(const char *s, const char *why)
{
	uint64_t ns = 12345;

	err[0] = '\0';
	assert_int_equal(parse_duration_ns(s, &ns, err, sizeof(err)), -1);
	assert_int_equal(ns, 12345);	/* untouched on error */
	assert_err_contains(why);
}

static void test_duration_units(void **state)
{
	(void)state;
	assert_int_equal(duration_ok("0ns"), 0);
	assert_int_equal(duration_ok("250ns"), 250);
	assert_int_equal(duration_ok("250us"), 250000);
	assert_int_equal(duration_ok("500ms"), 500000000);
	assert_int_equal(duration_ok("2s"), 2000000000ULL);
	assert_int_equal(duration_ok("1.5s"), 1500000000ULL);
	assert_int_equal(duration_ok("0.25ms"), 250000);
	assert_int_equal(duration_ok("1.000000001s"), 1000000001ULL);
}

static void test_duration_errors(void **state)
{
	(void)state;
	duration_bad("100", "needs a unit");
	duration_bad("1.5", "needs a unit");
	duration_bad("10m", "unknown unit 'm'");
	duration_bad("10 ms", "unknown unit");
	duration_bad("", "not a duration");
	duration_bad("ms", "not a duration");
	duration_bad("-1s", "not a duration");
	duration_bad("1.s", "decimals");
	duration_bad("1.0000000001s", "decimals");
	duration_bad("1.5ns", "finer than a nanosecond");
}

static void test_duration_overflow(void **state)
{
	(void)state;
	assert_int_equal(duration_ok("18446744073709551615ns"), UINT64_MAX);
	duration_bad("18446744073709551616ns", "too large");
	duration_bad("99999999999999999999999s", "too large");
	/* fits as a number, overflows once scaled to nanoseconds */
	duration_bad("18446744074s", "too large");
	duration_bad("18446744073.709551616s", "too large");
}

static void test_duration_range(void **state)
{
	uint64_t ns;

	(void)state;
	assert_int_equal(parse_duration_range("2s", NSEC_PER_MSEC, 3600 * NSEC_PER_SEC,
					      NSEC_PER_MSEC, &ns, err, sizeof(err)), 0);
	assert_int_equal(ns, 2 * NSEC_PER_SEC);
	assert_int_equal(parse_duration_range("0s", NSEC_PER_MSEC, 3600 * NSEC_PER_SEC,
					      NSEC_PER_MSEC, &ns, err, sizeof(err)), -1);
	assert_string_equal(err, "'0s' is out of range (1ms..3600s)");
	assert_int_equal(parse_duration_range("1500us", NSEC_PER_MSEC, NSEC_PER_SEC,
					      NSEC_PER_MSEC, &ns, err, sizeof(err)), -1);
	assert_string_equal(err, "'1500us' is not a whole number of milliseconds");
	assert_int_equal(parse_duration_range("100", 0, NSEC_PER_SEC, 1, &ns,
					      err, sizeof(err)), -1);
	assert_string_equal(err, "'100' needs a unit: ns, us, ms or s");
}

static void test_uint(void **state)
{
	unsigned long v = 0;

	(void)state;
	assert_int_equal(parse_uint("5", 1, 1000, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 5);
	assert_int_equal(parse_uint("0", 1, 1000, &v, err, sizeof(err)), -1);
	assert_string_equal(err, "'0' is not a number in 1..1000");
	assert_int_equal(parse_uint("1001", 1, 1000, &v, err, sizeof(err)), -1);
	assert_int_equal(parse_uint("3x", 1, 1000, &v, err, sizeof(err)), -1);
	assert_int_equal(parse_uint("", 1, 1000, &v, err, sizeof(err)), -1);
	/* hex, octal-looking, signs and blanks are mistakes, not numbers */
	assert_int_equal(parse_uint("010", 1, 1000, &v, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "leading zero"));
	assert_int_equal(parse_uint("0x10", 1, 1000, &v, err, sizeof(err)), -1);
	assert_int_equal(parse_uint("+5", 1, 1000, &v, err, sizeof(err)), -1);
	assert_int_equal(parse_uint(" 5", 1, 1000, &v, err, sizeof(err)), -1);
	assert_int_equal(parse_uint("-1", 1, 1000, &v, err, sizeof(err)), -1);
	assert_int_equal(parse_uint("99999999999999999999999", 1, 1000, &v, err, sizeof(err)), -1);
	assert_int_equal(v, 5);
}

static void test_u64(void **state)
{
	uint64_t v = 7;

	(void)state;
	assert_int_equal(parse_u64("0", 0, UINT64_MAX, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_u64("18446744073709551615", 0, UINT64_MAX, &v,
				   err, sizeof(err)), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(parse_u64("18446744073709551616", 0, UINT64_MAX, &v,
				   err, sizeof(err)), -1);
	assert_string_equal(err, "'18446744073709551616' is not a number in 0..18446744073709551615");
	assert_true(v == UINT64_MAX);	/* untouched on error */
	assert_int_equal(parse_u64("+1", 0, 10, &v, err, sizeof(err)), -1);
	assert_int_equal(parse_u64(" 1", 0, 10, &v, err, sizeof(err)), -1);
	assert_int_equal(parse_u64("0x10", 0, 100, &v, err, sizeof(err)), -1);
	assert_int_equal(parse_u64("11", 0, 10, &v, err, sizeof(err)), -1);
	assert_string_equal(err, "'11' is not a number in 0..10");
}

static void test_str_append(void **state)
{
	char buf[8] = "";
	size_t used = 0;

	(void)state;
	str_append(buf, sizeof(buf), &used, "abc");
	str_append(buf, sizeof(buf), &used, "");
	str_append(buf, sizeof(buf), &used, "de");
	assert_string_equal(buf, "abcde");
	assert_int_equal(used, 5);
	/* full: what fits, terminated, and nothing after */
	str_append(buf, sizeof(buf), &used, "fghij");
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(used, 7);
	str_append(buf, sizeof(buf), &used, "x");
	assert_string_equal(buf, "abcdefg");
}

static void assert_counts(const char *s, unsigned int max, unsigned int all,
			  const unsigned int *want, unsigned int n)
{
	struct cpu_counts c;
	unsigned int i;

	assert_int_equal(parse_cpu_counts(s, max, all, &c, err, sizeof(err)), 0);
	assert_int_equal(c.nr, n);
	for (i = 0; i < n; i++)
		assert_int_equal(c.count[i], want[i]);
}

static void test_cpu_counts(void **state)
{
	(void)state;
	assert_counts("1,2,4,8", 8, 8, (unsigned int[]){ 1, 2, 4, 8 }, 4);
	assert_counts("1-4", 8, 8, (unsigned int[]){ 1, 2, 3, 4 }, 4);
	assert_counts("8,1,2,2", 8, 8, (unsigned int[]){ 1, 2, 8 }, 3);
	assert_counts("all", 8, 6, (unsigned int[]){ 6 }, 1);
	assert_counts("1,all", 8, 4, (unsigned int[]){ 1, 4 }, 2);
	assert_counts("3-3", 8, 8, (unsigned int[]){ 3 }, 1);
}

static void cpu_counts_bad(const char *s, unsigned int max, const char *want)
{
	struct cpu_counts c;

	assert_int_equal(parse_cpu_counts(s, max, max, &c, err, sizeof(err)), -1);
	assert_string_equal(err, want);
}

static void test_cpu_count_errors(void **state)
{
	(void)state;
	cpu_counts_bad("0", 4, "'0' is not a CPU count (1..4)");
	cpu_counts_bad("5", 4, "'5' is not a CPU count (1..4)");
	cpu_counts_bad("0-3", 4, "'0' is not a CPU count (1..4)");
	cpu_counts_bad("2-8", 4, "'2-8' is not a range of CPU counts (1..4)");
	cpu_counts_bad("4-1", 4, "'4-1' is not a range of CPU counts (1..4)");
	cpu_counts_bad("1,,2", 4, "'1,,2' has an empty CPU count");
	cpu_counts_bad("", 4, "'' has an empty CPU count");
	cpu_counts_bad("two", 4, "'two' is not a CPU count, a range such as 1-4, or 'all'");
	cpu_counts_bad("1-", 4, "'1-' is not a CPU count, a range such as 1-4, or 'all'");
	cpu_counts_bad("99999999999999999999", 4,
		       "'99999999999999999999' is not a CPU count, a range such as 1-4, or 'all'");
	cpu_counts_bad("1-100", 100, "more than 64 CPU counts");
	cpu_counts_bad("010", 64, "'010' has a leading zero (a CPU count, a range such as 1-4, or 'all')");
	cpu_counts_bad("1-04", 64, "'1-04' has a leading zero (a CPU count, a range such as 1-4, or 'all')");
}

static void test_name_list(void **state)
{
	struct name_list l;

	(void)state;
	assert_int_equal(parse_name_list("spinlock,mutex,spinlock", &l, err, sizeof(err)), 0);
	assert_false(l.all);
	assert_int_equal(l.nr, 2);
	assert_string_equal(l.name[0], "spinlock");
	assert_string_equal(l.name[1], "mutex");
	assert_int_equal(parse_name_list("all", &l, err, sizeof(err)), 0);
	assert_true(l.all);
	assert_int_equal(l.nr, 0);
	assert_int_equal(parse_name_list("raw_spinlock,percpu-rwsem", &l, err, sizeof(err)), 0);
	assert_int_equal(l.nr, 2);
}

static void test_name_list_errors(void **state)
{
	char many[KSB_WORKLOADS_MAX * 4 + 8] = "", one[8];
	struct name_list l;
	int i;

	(void)state;
	assert_int_equal(parse_name_list("", &l, err, sizeof(err)), -1);
	assert_int_equal(parse_name_list("spinlock,all", &l, err, sizeof(err)), -1);
	assert_string_equal(err, "'all' stands alone, not in a list");
	assert_int_equal(parse_name_list("a,,b", &l, err, sizeof(err)), -1);
	assert_string_equal(err, "'a,,b' has an empty workload name");
	assert_int_equal(parse_name_list("spin lock", &l, err, sizeof(err)), -1);
	assert_err_contains("'spin lock' is not a workload name");
	assert_int_equal(parse_name_list("a23456789012345678901234567890123", &l,
					 err, sizeof(err)), -1);
	assert_err_contains("at most 31");
	for (i = 0; i <= KSB_WORKLOADS_MAX; i++) {
		snprintf(one, sizeof(one), "%sw%d", i ? "," : "", i);
		strcat(many, one);
	}
	assert_int_equal(parse_name_list(many, &l, err, sizeof(err)), -1);
	assert_string_equal(err, "more than 64 workloads");
}

static void test_target(void **state)
{
	enum target t;

	(void)state;
	assert_int_equal(parse_target("auto", &t, err, sizeof(err)), 0);
	assert_int_equal(t, TARGET_AUTO);
	assert_int_equal(parse_target("host", &t, err, sizeof(err)), 0);
	assert_int_equal(t, TARGET_HOST);
	assert_int_equal(parse_target("vm", &t, err, sizeof(err)), 0);
	assert_int_equal(t, TARGET_VM);
	assert_string_equal(target_name(TARGET_VM), "vm");
	assert_int_equal(parse_target("kvm", &t, err, sizeof(err)), -1);
	assert_string_equal(err, "'kvm' is not a target (auto, host or vm)");
}

static void test_cpulist(void **state)
{
	unsigned int count, prefix;

	(void)state;
	assert_int_equal(parse_cpulist("0-3\n", &count, &prefix), 0);
	assert_int_equal(count, 4);
	assert_int_equal(prefix, 4);
	assert_int_equal(parse_cpulist("0", &count, &prefix), 0);
	assert_int_equal(count, 1);
	assert_int_equal(prefix, 1);
	assert_int_equal(parse_cpulist("0-1,3,5-6", &count, &prefix), 0);
	assert_int_equal(count, 5);
	assert_int_equal(prefix, 2);
	assert_int_equal(parse_cpulist("1-3", &count, &prefix), 0);
	assert_int_equal(count, 3);
	assert_int_equal(prefix, 0);
	assert_int_equal(parse_cpulist("", &count, &prefix), -1);
	assert_int_equal(parse_cpulist("3-1", &count, &prefix), -1);
	assert_int_equal(parse_cpulist("0;1", &count, &prefix), -1);
}

static void test_preempt_live(void **state)
{
	char model[16];

	(void)state;
	assert_int_equal(parse_preempt_live("none (voluntary) full\n", model, sizeof(model)), 0);
	assert_string_equal(model, "voluntary");
	assert_int_equal(parse_preempt_live("(none) voluntary full", model, sizeof(model)), 0);
	assert_string_equal(model, "none");
	assert_int_equal(parse_preempt_live("none voluntary full", model, sizeof(model)), -1);
	assert_int_equal(parse_preempt_live("none () full", model, sizeof(model)), -1);
	assert_int_equal(parse_preempt_live("(averyveryverylongmodel)", model, sizeof(model)), -1);
}

static void test_format(void **state)
{
	char buf[32];

	(void)state;
	format_cpu_range(1, buf, sizeof(buf));
	assert_string_equal(buf, "0");
	format_cpu_range(4, buf, sizeof(buf));
	assert_string_equal(buf, "0-3");
	format_duration(0, buf, sizeof(buf));
	assert_string_equal(buf, "0s");
	format_duration(1500 * NSEC_PER_MSEC, buf, sizeof(buf));
	assert_string_equal(buf, "1500ms");
	format_duration(3600 * NSEC_PER_SEC, buf, sizeof(buf));
	assert_string_equal(buf, "3600s");
	format_duration(1001, buf, sizeof(buf));
	assert_string_equal(buf, "1001ns");
}

static void test_percent(void **state)
{
	char e[256];
	double f = -1;

	(void)state;
	assert_int_equal(parse_percent("5", 100, &f, e, sizeof(e)), 0);
	assert_float_equal(f, 0.05, 1e-15);
	assert_int_equal(parse_percent("2.5%", 100, &f, e, sizeof(e)), 0);
	assert_float_equal(f, 0.025, 1e-15);
	assert_int_equal(parse_percent("100", 100, &f, e, sizeof(e)), 0);
	assert_float_equal(f, 1, 0);
	assert_int_equal(parse_percent(".5", 100, &f, e, sizeof(e)), 0);
	assert_float_equal(f, 0.005, 1e-15);
	f = -1;
	assert_int_equal(parse_percent("0", 100, &f, e, sizeof(e)), -1);
	assert_string_equal(e, "'0' is not a percentage in (0, 100]");
	assert_float_equal(f, -1, 0);
	assert_int_equal(parse_percent("100.5", 100, &f, e, sizeof(e)), -1);
	assert_int_equal(parse_percent("-5", 100, &f, e, sizeof(e)), -1);
	assert_int_equal(parse_percent("5%%", 100, &f, e, sizeof(e)), -1);
	assert_int_equal(parse_percent("1e1", 100, &f, e, sizeof(e)), -1);
	assert_int_equal(parse_percent("0x10", 100, &f, e, sizeof(e)), -1);
	assert_int_equal(parse_percent("1.2.3", 100, &f, e, sizeof(e)), -1);
	assert_int_equal(parse_percent("", 100, &f, e, sizeof(e)), -1);
	assert_int_equal(parse_percent("%", 100, &f, e, sizeof(e)), -1);
	assert_int_equal(parse_percent(" 5", 100, &f, e, sizeof(e)), -1);
	assert_float_equal(f, -1, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_duration_units),
		cmocka_unit_test(test_duration_errors),
		cmocka_unit_test(test_duration_overflow),
		cmocka_unit_test(test_duration_range),
		cmocka_unit_test(test_uint),
		cmocka_unit_test(test_u64),
		cmocka_unit_test(test_str_append),
		cmocka_unit_test(test_cpu_counts),
		cmocka_unit_test(test_cpu_count_errors),
		cmocka_unit_test(test_name_list),
		cmocka_unit_test(test_name_list_errors),
		cmocka_unit_test(test_target),
		cmocka_unit_test(test_cpulist),
		cmocka_unit_test(test_preempt_live),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
