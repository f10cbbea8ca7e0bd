// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "module_text.h"
#include "samples.h"

static char err[512];

static int64_t field_int(const struct json_object *obj, const char *key)
{
	int64_t v = -12345;

	assert_int_equal(mt_int(obj, key, &v), 0);
	return v;
}

static void test_results_full(void **state)
{
	struct module_text mt;
	struct json_object *w;

	(void)state;
	assert_int_equal(module_text_parse_results(results_sample, &mt, err, sizeof(err)), 0);
	assert_string_equal(mt_str(mt.fields, "state"), "done");
	assert_string_equal(mt_str(mt.fields, "workload"), "spinlock");
	assert_string_equal(mt_str(mt.fields, "cpus"), "0-1");
	assert_int_equal(field_int(mt.fields, "ops"), 20480000);
	assert_int_equal(field_int(mt.fields, "elapsed_ns"), 500041234);
	assert_int_equal(field_int(mt.fields, "lost_updates"), 0);
	/* a cpulist is a string, not an integer */
	assert_int_equal(mt_int(mt.fields, "cpus", &(int64_t){ 0 }), -1);
	assert_null(mt_str(mt.fields, "no_such_key"));

	assert_int_equal(json_object_array_length(mt.workers), 2);
	w = json_object_array_get_idx(mt.workers, 1);
	assert_int_equal(field_int(w, "cpu"), 1);
	assert_int_equal(field_int(w, "ops"), 10180000);
	assert_int_equal(field_int(w, "elapsed_ns"), 500041234);
	assert_int_equal(field_int(w, "max_inside"), 0);
	assert_int_equal(field_int(w, "nivcsw"), 27);
	/* the time series' lines are key value lines too; nobody needs them here */
	assert_string_equal(mt_str(mt.fields, "tick"), "t_ns=500041234 ops=10300000,10180000");
	module_text_free(&mt);
	assert_null(mt.fields);
}

static void test_results_truncated(void **state)
{
	static const char cut_in_worker[] = RESULTS_HEAD "worker cpu=0 ops=10300000 elap";
	static const char cut_before_end[] = RESULTS_HEAD RESULTS_WORKERS;
	static const char head_only[] = "ksbench-results 1\n";
	struct module_text mt;

	(void)state;
	assert_int_equal(module_text_parse_results(cut_in_worker, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "results truncated: no 'end' line");
	assert_int_equal(module_text_parse_results(cut_before_end, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "results truncated: no 'end' line");
	assert_int_equal(module_text_parse_results(head_only, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "results truncated: no 'end' line");
	assert_int_equal(module_text_parse_results("", &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "results: empty");
}

static void test_results_version(void **state)
{
	static const char v2[] = "ksbench-results 2\nstate done\nend\n";
	static const char other[] = "ksbench-info 1\nmodule_version 0.1.0\nend\n";
	struct module_text mt;

	(void)state;
	assert_int_equal(module_text_parse_results(v2, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "results: format version 2 is not supported (this ksbench reads version 1): update ksbench or the module");
	assert_int_equal(module_text_parse_results(other, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "results: not a ksbench results text (first line 'ksbench-info 1')");
}

static void test_unknown_keys_kept_not_required(void **state)
{
	static const char text[] =
		"ksbench-results 1\r\n"
		"state done\r\n"
		"future_histogram 0:1 1:5 2:9\r\n"
		"\r\n"
		"rt_note sleeps on PREEMPT_RT\r\n"
		"negative -42\r\n"
		"huge 99999999999999999999\r\n"
		"empty\r\n"
		"worker cpu=0 ops=7 future=x\r\n"
		"end\r\n";
	struct module_text mt;

	(void)state;
	assert_int_equal(module_text_parse_results(text, &mt, err, sizeof(err)), 0);
	assert_string_equal(mt_str(mt.fields, "state"), "done");
	assert_string_equal(mt_str(mt.fields, "future_histogram"), "0:1 1:5 2:9");
	assert_string_equal(mt_str(mt.fields, "rt_note"), "sleeps on PREEMPT_RT");
	assert_int_equal(field_int(mt.fields, "negative"), -42);
	/* beyond int64: kept as text, refused as a number */
	assert_string_equal(mt_str(mt.fields, "huge"), "99999999999999999999");
	assert_int_equal(mt_int(mt.fields, "huge", &(int64_t){ 0 }), -1);
	assert_string_equal(mt_str(mt.fields, "empty"), "");
	assert_string_equal(mt_str(json_object_array_get_idx(mt.workers, 0), "future"), "x");
	module_text_free(&mt);
}

static void test_worker_lines(void **state)
{
	static const char bad[] =
		"ksbench-results 1\nworker cpu=0 ops=1\nworker cpu=1 ops\nend\n";
	static const char none[] = "ksbench-results 1\nstate idle\nend\n";
	struct module_text mt;

	(void)state;
	assert_int_equal(module_text_parse_results(bad, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "results: line 3: worker field 'ops' is not key=value");
	assert_int_equal(module_text_parse_results(none, &mt, err, sizeof(err)), 0);
	assert_int_equal(json_object_array_length(mt.workers), 0);
	assert_string_equal(mt_str(mt.fields, "state"), "idle");
	module_text_free(&mt);
}

static void test_info(void **state)
{
	struct module_text mt;

	(void)state;
	/* The module writes no end line in info. */
	assert_int_equal(module_text_parse_info(info_sample, &mt, err, sizeof(err)), 0);
	assert_string_equal(mt_str(mt.fields, "module_version"), "0.1.0");
	assert_string_equal(mt_str(mt.fields, "kernel_version"),
			    "#1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1 (2025-11-09)");
	assert_int_equal(field_int(mt.fields, "hz"), 250);
	assert_int_equal(field_int(mt.fields, "lockdep"), 1);
	module_text_free(&mt);
	assert_int_equal(module_text_parse_info("ksbench-info 7\nhz 1\n", &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "info: format version 7 is not supported (this ksbench reads version 1): update ksbench or the module");
	assert_int_equal(module_text_parse_info(results_sample, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "info: not a ksbench info text (first line 'ksbench-results 1')");
}

static void test_workloads(void **state)
{
	static const char text[] =
		"spinlock lock spinlock_t: spin_lock() / spin_unlock()\n"
		"\n"
		"mutex lock struct mutex [PREEMPT_RT: rt_mutex based]\n"
		"none lock no lock at all: the oracle's negative control\n";
	struct json_object *list, *w;

	(void)state;
	assert_int_equal(module_text_parse_workloads(text, &list, err, sizeof(err)), 0);
	assert_int_equal(json_object_array_length(list), 3);
	w = json_object_array_get_idx(list, 0);
	assert_string_equal(mt_str(w, "description"), "spinlock_t: spin_lock() / spin_unlock()");
	assert_null(mt_str(w, "rt_note"));
	w = json_object_array_get_idx(list, 1);
	assert_string_equal(mt_str(w, "name"), "mutex");
	assert_string_equal(mt_str(w, "kind"), "lock");
	assert_string_equal(mt_str(w, "description"), "struct mutex");
	assert_string_equal(mt_str(w, "rt_note"), "rt_mutex based");
	json_object_put(list);

	assert_int_equal(module_text_parse_workloads("", &list, err, sizeof(err)), 0);
	assert_int_equal(json_object_array_length(list), 0);
	json_object_put(list);

	assert_int_equal(module_text_parse_workloads("spinlock lock x\nlonely\n", &list,
						     err, sizeof(err)), -1);
	assert_string_equal(err, "workloads: line 2 has no kind: 'lonely'");
	assert_null(list);
}

/* What the module writes on PREEMPT_RT (kmod/report.c), as the guest printed it. */
static void test_workloads_rt(void **state)
{
	static const char text[] =
		"spinlock lock spinlock_t, spin_lock/spin_unlock (trylock: spin_trylock) [PREEMPT_RT: spinlock_t is a sleeping rt_mutex-based lock]\n"
		"bitlock lock bit_spin_lock/bit_spin_unlock on bit 0 of a word (trylock) [PREEMPT_RT: unchanged: bit_spin_lock still spins with preemption off]\n"
		"rcu rw rcu_read_lock readers; writers publish a copy, free after a grace period\n"
		/* only a note at the very end counts */
		"odd lock a [PREEMPT_RT: note] in the middle\n"
		"two lock x [PREEMPT_RT: not this] y [PREEMPT_RT: this one]\n"
		"empty lock z [PREEMPT_RT: ]\n";
	struct json_object *list, *w;

	(void)state;
	assert_int_equal(module_text_parse_workloads(text, &list, err, sizeof(err)), 0);
	assert_int_equal(json_object_array_length(list), 6);
	w = json_object_array_get_idx(list, 0);
	assert_string_equal(mt_str(w, "description"),
			    "spinlock_t, spin_lock/spin_unlock (trylock: spin_trylock)");
	assert_string_equal(mt_str(w, "rt_note"), "spinlock_t is a sleeping rt_mutex-based lock");
	w = json_object_array_get_idx(list, 1);
	assert_string_equal(mt_str(w, "rt_note"),
			    "unchanged: bit_spin_lock still spins with preemption off");
	w = json_object_array_get_idx(list, 2);
	assert_null(mt_str(w, "rt_note"));
	w = json_object_array_get_idx(list, 3);
	assert_string_equal(mt_str(w, "description"), "a [PREEMPT_RT: note] in the middle");
	assert_null(mt_str(w, "rt_note"));
	w = json_object_array_get_idx(list, 4);
	assert_string_equal(mt_str(w, "description"), "x [PREEMPT_RT: not this] y");
	assert_string_equal(mt_str(w, "rt_note"), "this one");
	w = json_object_array_get_idx(list, 5);
	assert_string_equal(mt_str(w, "description"), "z");
	assert_string_equal(mt_str(w, "rt_note"), "");
	json_object_put(list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results_full),
		cmocka_unit_test(test_results_truncated),
		cmocka_unit_test(test_results_version),
		cmocka_unit_test(test_unknown_keys_kept_not_required),
		cmocka_unit_test(test_worker_lines),
		cmocka_unit_test(test_info),
		cmocka_unit_test(test_workloads),
		cmocka_unit_test(test_workloads_rt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
