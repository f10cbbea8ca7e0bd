// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "knobs.h"
#include "module_text.h"
#include "parse.h"
#include "samples.h"

static char err[512];

static uint64_t parse_ok(enum knob_id id, const char *text)
{
	uint64_t v = 12345;

	assert_int_equal(knob_parse(id, text, &v, err, sizeof(err)), 0);
	return v;
}

/* Refused with exactly this message, the value untouched. */
static void parse_bad(enum knob_id id, const char *text, const char *msg)
{
	uint64_t v = 12345;

	assert_int_equal(knob_parse(id, text, &v, err, sizeof(err)), -1);
	assert_int_equal(v, 12345);
	assert_string_equal(err, msg);
}

static const char *file_text(enum knob_id id, uint64_t v)
{
	static char buf[64];

	knob_file_text(id, v, buf, sizeof(buf));
	return buf;
}

static const char *option_text(enum knob_id id, uint64_t v)
{
	static char buf[64];

	knob_option_text(id, v, buf, sizeof(buf));
	return buf;
}

/* The defaults are docs/debugfs.md's. */
static void test_defaults(void **state)
{
	static const char *const want[NR_KNOBS] = {
		[KNOB_DURATION] = "1000", [KNOB_WARMUP] = "100", [KNOB_HOLD] = "0",
		[KNOB_THINK] = "0", [KNOB_ACQUIRE] = "lock", [KNOB_LOCKS] = "1",
		[KNOB_CS_LINES] = "0", [KNOB_READ_PCT] = "90", [KNOB_SEM_COUNT] = "1",
		[KNOB_RCU_SYNC] = "sync", [KNOB_SEED] = "1",
		[KNOB_MEASURE] = "throughput", [KNOB_SAMPLE] = "1",
		[KNOB_INTERVAL] = "100", [KNOB_WAIT] = "plain", [KNOB_EXCLUSIVE] = "0",
		[KNOB_WQ] = "bound", [KNOB_FLOOD] = "0", [KNOB_POLL] = "busy",
		[KNOB_POLL_INTERVAL] = "50",
	};
	struct knob_values kv;
	unsigned int i;

	(void)state;
	knobs_default(&kv);
	for (i = 0; i < NR_KNOBS; i++)
		assert_string_equal(file_text(i, kv.v[i]), want[i]);
}

/* One option, file and key each; a word knob's words match its range. */
static void test_table(void **state)
{
	unsigned int i, j, n;

	(void)state;
	for (i = 0; i < NR_KNOBS; i++) {
		const struct knob *k = &knob_table[i];

		assert_non_null(k->option);
		assert_non_null(k->file);
		assert_non_null(k->key);
		assert_non_null(k->help);
		assert_true(k->min <= k->def && k->def <= k->max);
		if (k->type == KNOB_TYPE_WORD) {
			for (n = 0; k->words[n]; n++)
				;
			assert_int_equal(n, k->max + 1);
		}
		for (j = 0; j < i; j++) {
			assert_string_not_equal(k->option, knob_table[j].option);
			assert_string_not_equal(k->file, knob_table[j].file);
			assert_string_not_equal(k->key, knob_table[j].key);
		}
	}
}

static void test_parse_numbers(void **state)
{
	(void)state;
	assert_int_equal(parse_ok(KNOB_LOCKS, "1"), 1);
	assert_int_equal(parse_ok(KNOB_LOCKS, "1024"), 1024);
	parse_bad(KNOB_LOCKS, "0", "'0' is not a number in 1..1024");
	parse_bad(KNOB_LOCKS, "1025", "'1025' is not a number in 1..1024");
	parse_bad(KNOB_LOCKS, "four", "'four' is not a number in 1..1024");
	assert_int_equal(parse_ok(KNOB_CS_LINES, "0"), 0);
	assert_int_equal(parse_ok(KNOB_CS_LINES, "64"), 64);
	parse_bad(KNOB_CS_LINES, "65", "'65' is not a number in 0..64");
	assert_int_equal(parse_ok(KNOB_READ_PCT, "0"), 0);
	assert_int_equal(parse_ok(KNOB_READ_PCT, "100"), 100);
	parse_bad(KNOB_READ_PCT, "101", "'101' is not a number in 0..100");
	parse_bad(KNOB_READ_PCT, "50%", "'50%' is not a number in 0..100");
	assert_int_equal(parse_ok(KNOB_SEM_COUNT, "1"), 1);
	assert_int_equal(parse_ok(KNOB_SEM_COUNT, "1024"), 1024);
	parse_bad(KNOB_SEM_COUNT, "0", "'0' is not a number in 1..1024");
	parse_bad(KNOB_SEM_COUNT, "-2", "'-2' is not a number in 1..1024");
	assert_int_equal(parse_ok(KNOB_SAMPLE, "1"), 1);
	assert_int_equal(parse_ok(KNOB_SAMPLE, "1000000"), 1000000);
	parse_bad(KNOB_SAMPLE, "0", "'0' is not a number in 1..1000000");
	parse_bad(KNOB_SAMPLE, "1000001", "'1000001' is not a number in 1..1000000");
	assert_int_equal(parse_ok(KNOB_SEED, "0"), 0);
	assert_true(parse_ok(KNOB_SEED, "18446744073709551615") == UINT64_MAX);
	parse_bad(KNOB_SEED, "18446744073709551616",
		  "'18446744073709551616' is not a number in 0..18446744073709551615");
}

static void test_parse_words(void **state)
{
	(void)state;
	assert_int_equal(parse_ok(KNOB_ACQUIRE, "lock"), ACQUIRE_LOCK);
	assert_int_equal(parse_ok(KNOB_ACQUIRE, "trylock"), ACQUIRE_TRYLOCK);
	assert_int_equal(parse_ok(KNOB_ACQUIRE, "interruptible"), ACQUIRE_INTERRUPTIBLE);
	parse_bad(KNOB_ACQUIRE, "try", "'try' is not one of lock, trylock or interruptible");
	parse_bad(KNOB_ACQUIRE, "", "'' is not one of lock, trylock or interruptible");
	parse_bad(KNOB_ACQUIRE, "Lock", "'Lock' is not one of lock, trylock or interruptible");
	assert_int_equal(parse_ok(KNOB_RCU_SYNC, "sync"), RCU_SYNC_SYNC);
	assert_int_equal(parse_ok(KNOB_RCU_SYNC, "call_rcu"), RCU_SYNC_CALL_RCU);
	parse_bad(KNOB_RCU_SYNC, "call-rcu", "'call-rcu' is not one of sync or call_rcu");
	assert_int_equal(parse_ok(KNOB_MEASURE, "throughput"), MEASURE_THROUGHPUT);
	assert_int_equal(parse_ok(KNOB_MEASURE, "latency"), MEASURE_LATENCY);
	parse_bad(KNOB_MEASURE, "lat", "'lat' is not one of throughput or latency");
}

static void test_parse_durations(void **state)
{
	(void)state;
	assert_int_equal(parse_ok(KNOB_DURATION, "150ms"), 150000000);
	assert_int_equal(parse_ok(KNOB_DURATION, "1s"), 1000000000);
	parse_bad(KNOB_DURATION, "0ms", "'0ms' is out of range (1ms..3600s)");
	parse_bad(KNOB_DURATION, "1500us", "'1500us' is not a whole number of milliseconds");
	parse_bad(KNOB_DURATION, "150", "'150' needs a unit: ns, us, ms or s");
	assert_int_equal(parse_ok(KNOB_WARMUP, "0ms"), 0);
	parse_bad(KNOB_WARMUP, "61s", "'61s' is out of range (0s..60s)");
	/* the sleeping locks' limit; the module checks each workload's own */
	assert_int_equal(parse_ok(KNOB_HOLD, "2us"), 2000);
	assert_int_equal(parse_ok(KNOB_HOLD, "10ms"), 10000000);
	parse_bad(KNOB_HOLD, "10001us", "'10001us' is out of range (0s..10ms)");
	assert_int_equal(parse_ok(KNOB_THINK, "1ns"), 1);
	parse_bad(KNOB_THINK, "11ms", "'11ms' is out of range (0s..10ms)");
	/* the series tick: whole milliseconds, 1 ms to 60 s */
	assert_int_equal(parse_ok(KNOB_INTERVAL, "1ms"), 1000000);
	assert_int_equal(parse_ok(KNOB_INTERVAL, "60s"), 60000000000ULL);
	parse_bad(KNOB_INTERVAL, "0ms", "'0ms' is out of range (1ms..60s)");
	parse_bad(KNOB_INTERVAL, "61s", "'61s' is out of range (1ms..60s)");
	parse_bad(KNOB_INTERVAL, "1500us", "'1500us' is not a whole number of milliseconds");
}

static void test_texts(void **state)
{
	(void)state;
	/* the module's files take milliseconds and nanoseconds */
	assert_string_equal(file_text(KNOB_DURATION, 150000000), "150");
	assert_string_equal(file_text(KNOB_WARMUP, 30000000), "30");
	assert_string_equal(file_text(KNOB_HOLD, 2000), "2000");
	assert_string_equal(file_text(KNOB_ACQUIRE, ACQUIRE_TRYLOCK), "trylock");
	assert_string_equal(file_text(KNOB_RCU_SYNC, RCU_SYNC_CALL_RCU), "call_rcu");
	assert_string_equal(file_text(KNOB_SEED, UINT64_MAX), "18446744073709551615");
	assert_string_equal(file_text(KNOB_MEASURE, MEASURE_LATENCY), "latency");
	assert_string_equal(file_text(KNOB_SAMPLE, 10), "10");
	assert_string_equal(file_text(KNOB_INTERVAL, 25000000), "25");
	assert_string_equal(option_text(KNOB_INTERVAL, 25000000), "25ms");
	/* options read back as they were given, with the largest exact unit */
	assert_string_equal(option_text(KNOB_DURATION, 150000000), "150ms");
	assert_string_equal(option_text(KNOB_DURATION, 2000000000), "2s");
	assert_string_equal(option_text(KNOB_HOLD, 2000), "2us");
	assert_string_equal(option_text(KNOB_HOLD, 2001), "2001ns");
	assert_string_equal(option_text(KNOB_LOCKS, 4), "4");
	assert_string_equal(option_text(KNOB_ACQUIRE, ACQUIRE_INTERRUPTIBLE), "interruptible");
}

/* Every value the guest's command line carries parses back to itself. */
static void test_option_round_trip(void **state)
{
	static const char *const given[][3] = {
		[KNOB_DURATION] = { "1ms", "1.5s", "3600s" },
		[KNOB_WARMUP] = { "0ms", "30ms", "60s" },
		[KNOB_HOLD] = { "0ns", "2us", "1234567ns" },
		[KNOB_THINK] = { "0ns", "1ns", "10ms" },
		[KNOB_ACQUIRE] = { "lock", "trylock", "interruptible" },
		[KNOB_LOCKS] = { "1", "4", "1024" },
		[KNOB_CS_LINES] = { "0", "2", "64" },
		[KNOB_READ_PCT] = { "0", "50", "100" },
		[KNOB_SEM_COUNT] = { "1", "2", "1024" },
		[KNOB_RCU_SYNC] = { "sync", "call_rcu", "sync" },
		[KNOB_SEED] = { "0", "42", "18446744073709551615" },
		[KNOB_MEASURE] = { "throughput", "latency", "latency" },
		[KNOB_SAMPLE] = { "1", "10", "1000000" },
		[KNOB_INTERVAL] = { "1ms", "100ms", "60s" },
		[KNOB_WAIT] = { "plain", "interruptible", "timeout" },
		[KNOB_EXCLUSIVE] = { "0", "1", "1" },
		[KNOB_WQ] = { "bound", "unbound", "highpri" },
		[KNOB_FLOOD] = { "0", "1", "0" },
		[KNOB_POLL] = { "busy", "msleep", "schedule" },
		[KNOB_POLL_INTERVAL] = { "1us", "50us", "1s" },
	};
	unsigned int i, j;
	uint64_t v;

	(void)state;
	for (i = 0; i < NR_KNOBS; i++) {
		for (j = 0; j < 3; j++) {
			v = parse_ok(i, given[i][j]);
			assert_true(parse_ok(i, option_text(i, v)) == v);
		}
	}
}

static void test_json(void **state)
{
	struct json_object *j;
	uint64_t v;

	(void)state;
	j = knob_json(KNOB_ACQUIRE, ACQUIRE_TRYLOCK);
	assert_true(json_object_is_type(j, json_type_string));
	assert_string_equal(json_object_get_string(j), "trylock");
	assert_int_equal(knob_from_json(KNOB_ACQUIRE, j, &v), 0);
	assert_int_equal(v, ACQUIRE_TRYLOCK);
	assert_int_equal(knob_from_json(KNOB_LOCKS, j, &v), -1);	/* not a number */
	json_object_put(j);

	j = knob_json(KNOB_SEED, UINT64_MAX);
	assert_true(json_object_is_type(j, json_type_int));
	assert_string_equal(json_object_to_json_string(j), "18446744073709551615");
	assert_int_equal(knob_from_json(KNOB_SEED, j, &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(knob_from_json(KNOB_RCU_SYNC, j, &v), -1);	/* not a word */
	json_object_put(j);

	j = knob_json(KNOB_HOLD, 2000);
	assert_int_equal(json_object_get_int64(j), 2000);
	json_object_put(j);

	/* out of the knob's range, or negative: not a value of it */
	j = json_object_new_int64(101);
	assert_int_equal(knob_from_json(KNOB_READ_PCT, j, &v), -1);
	json_object_put(j);
	j = json_object_new_int64(-1);
	assert_int_equal(knob_from_json(KNOB_SEED, j, &v), -1);
	json_object_put(j);
	j = json_object_new_string("fast");
	assert_int_equal(knob_from_json(KNOB_ACQUIRE, j, &v), -1);
	json_object_put(j);
}

/* The knobs results_counting_sample ran with. */
static void counting_knobs(struct knob_values *kv)
{
	knobs_default(kv);
	kv->v[KNOB_DURATION] = 100 * NSEC_PER_MSEC;
	kv->v[KNOB_WARMUP] = 20 * NSEC_PER_MSEC;
	kv->v[KNOB_HOLD] = 2000;
	kv->v[KNOB_ACQUIRE] = ACQUIRE_TRYLOCK;
	kv->v[KNOB_SEM_COUNT] = 2;
}

static void test_echo(void **state)
{
	struct module_text mt;
	struct knob_values kv;

	(void)state;
	assert_int_equal(module_text_parse_results(results_counting_sample, &mt,
						   err, sizeof(err)), 0);
	counting_knobs(&kv);
	assert_int_equal(knobs_check_echo(&kv, &mt, err, sizeof(err)), 0);

	kv.v[KNOB_SEED] = 2;
	assert_int_equal(knobs_check_echo(&kv, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "the module's results say seed 1, not 2 as asked");

	counting_knobs(&kv);
	kv.v[KNOB_ACQUIRE] = ACQUIRE_LOCK;
	assert_int_equal(knobs_check_echo(&kv, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "the module's results say acquire trylock, not lock as asked");

	counting_knobs(&kv);
	kv.v[KNOB_DURATION] = 101 * NSEC_PER_MSEC;
	assert_int_equal(knobs_check_echo(&kv, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "the module's results say duration_ns 100000000, not 101000000 as asked");

	counting_knobs(&kv);
	kv.v[KNOB_MEASURE] = MEASURE_LATENCY;
	assert_int_equal(knobs_check_echo(&kv, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "the module's results say measure throughput, not latency as asked");

	counting_knobs(&kv);
	kv.v[KNOB_SAMPLE] = 10;
	assert_int_equal(knobs_check_echo(&kv, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "the module's results say sample 1, not 10 as asked");

	/* the interval is read from the series line: 100 ms there */
	counting_knobs(&kv);
	kv.v[KNOB_INTERVAL] = 50 * NSEC_PER_MSEC;
	assert_int_equal(knobs_check_echo(&kv, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "the module's results say interval_ns 100000000, not 50000000 as asked");

	counting_knobs(&kv);
	json_object_object_del(mt.fields, "rcu_sync");
	assert_int_equal(knobs_check_echo(&kv, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "the module's results say rcu_sync (missing), not sync as asked");
	module_text_free(&mt);

	/* the latency sample: 50 ms windows with 25 ms ticks, one op in 10 timed */
	assert_int_equal(module_text_parse_results(results_latency_sample10_sample, &mt,
						   err, sizeof(err)), 0);
	knobs_default(&kv);
	kv.v[KNOB_DURATION] = 50 * NSEC_PER_MSEC;
	kv.v[KNOB_WARMUP] = 20 * NSEC_PER_MSEC;
	kv.v[KNOB_MEASURE] = MEASURE_LATENCY;
	kv.v[KNOB_SAMPLE] = 10;
	kv.v[KNOB_INTERVAL] = 25 * NSEC_PER_MSEC;
	assert_int_equal(knobs_check_echo(&kv, &mt, err, sizeof(err)), 0);
	module_text_free(&mt);
}

/* A run too long for KSB_SERIES_MAX ticks gets wider ones, as the module does. */
static void test_effective_interval(void **state)
{
	uint64_t ms = NSEC_PER_MSEC;

	(void)state;
	assert_true(knob_effective_interval_ns(1000 * ms, 100 * ms) == 100 * ms);
	/* 4095 ticks of 1 ms fit 4095 ms exactly; one ms more needs wider ticks */
	assert_true(knob_effective_interval_ns(4095 * ms, ms) == ms);
	assert_true(knob_effective_interval_ns(4096 * ms, ms) == (4096 * ms + 4094) / 4095);
	/* an hour at 100 ms: 36000 ticks; widened to ceil(3600 s / 4095) */
	assert_true(knob_effective_interval_ns(3600000 * ms, 100 * ms) == 879120880);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_parse_numbers),
		cmocka_unit_test(test_parse_words),
		cmocka_unit_test(test_parse_durations),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_option_round_trip),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_echo),
		cmocka_unit_test(test_effective_interval),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
