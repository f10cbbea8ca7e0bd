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
	/* the time series is read as such, not as key value lines */
	assert_null(mt_str(mt.fields, "tick"));
	assert_null(mt_str(mt.fields, "series"));
	assert_true(mt.has_series);
	assert_true(mt.series.interval_ns == 500000000);
	assert_int_equal(mt.series.nr_ticks, 1);
	assert_int_equal(mt.series.nr_workers, 2);
	assert_true(mt.series.t_ns[0] == 500041234);
	assert_true(series_ops(&mt.series, 0, 1) == 10180000);
	/* throughput mode: no histograms */
	assert_int_equal(mt.nr_hists, 0);
	module_text_free(&mt);
	assert_null(mt.fields);
	assert_null(mt.hists);
}

/* Latency mode: one histogram per worker and name, in the module's order. */
static void test_results_latency(void **state)
{
	static const char *const names[] = { "acquire", "acquire", "hold", "hold" };
	struct module_text mt;
	const struct hist *h;
	unsigned int i;

	(void)state;
	assert_int_equal(module_text_parse_results(results_latency_lock_sample, &mt,
						   err, sizeof(err)), 0);
	assert_int_equal(mt.nr_hists, 4);
	for (i = 0; i < 4; i++) {
		assert_string_equal(mt.hists[i].name, names[i]);
		assert_int_equal(mt.hists[i].cpu, i % 2);
	}
	h = mt_hist_find(&mt, "acquire", 0);
	assert_non_null(h);
	assert_true(h->count == 22920 && h->sum == 23108070 && h->min == 160 && h->max == 260220);
	assert_true(h->counts[144] == 1 && h->counts[164] == 7180);
	h = mt_hist_find(&mt, "hold", 1);
	assert_non_null(h);
	assert_true(h->count == 14720);
	assert_null(mt_hist_find(&mt, "hold", 2));
	assert_null(mt_hist_find(&mt, "read", 0));
	assert_null(mt_str(mt.fields, "hist"));
	/* two 25 ms ticks, the last at the end of the window */
	assert_true(mt.has_series);
	assert_int_equal(mt.series.nr_ticks, 2);
	assert_true(mt.series.t_ns[1] == 55566370);
	assert_true(series_ops(&mt.series, 1, 0) == 11260);
	module_text_free(&mt);
}

/* results_sample with its series and end replaced by tail. */
static int parse_with_tail(const char *tail)
{
	struct module_text mt;
	char text[4096];
	int ret;

	snprintf(text, sizeof(text), "%s%s%s", RESULTS_HEAD,
		 "worker cpu=0 ops=1 elapsed_ns=1 violations=0 reads=0 failures=0 retries=0 max_inside=0\n"
		 "worker cpu=1 ops=1 elapsed_ns=1 violations=0 reads=0 failures=0 retries=0 max_inside=0\n",
		 tail);
	ret = module_text_parse_results(text, &mt, err, sizeof(err));
	if (!ret)
		module_text_free(&mt);
	return ret;
}

/* The histogram and series lines are strict: a flaw refuses the text, with its line. */
static void test_results_strict(void **state)
{
	(void)state;
	/* the head is 42 lines, the two workers 43 and 44 */
	assert_int_equal(parse_with_tail("hist op cpu=0 count=1 sum=5 min=5 max=5 buckets=5:1\n"
					 "series interval_ns=10 ticks=1\ntick t_ns=1 ops=1,1\nend\n"), 0);
	assert_int_equal(parse_with_tail("hist op cpu=0 count=2 sum=5 min=5 max=5 buckets=5:1\nend\n"), -1);
	assert_string_equal(err, "results: line 45: histogram: count 2 but the buckets hold 1");
	assert_int_equal(parse_with_tail("hist op cpu=0 count=1 sum=5 min=5 max=5 buckets=5:1\n"
					 "hist op cpu=0 count=1 sum=5 min=5 max=5 buckets=5:1\nend\n"), -1);
	assert_string_equal(err, "results: line 46: histogram op of cpu 0 appears twice");
	assert_int_equal(parse_with_tail("hist op cpu=0 count=1 sum=5 min=5 max=5\nend\n"), -1);
	assert_string_equal(err, "results: line 45: hist line: no 'buckets' field");
	assert_int_equal(parse_with_tail("tick t_ns=1 ops=1,1\nend\n"), -1);
	assert_string_equal(err, "results: line 45: a tick line before any series line");
	assert_int_equal(parse_with_tail("series interval_ns=10 ticks=1\ntick t_ns=1 ops=1,1\n"
					 "tick t_ns=2 ops=1,1\nend\n"), -1);
	assert_string_equal(err, "results: line 47: a tick line after the series' last tick");
	assert_int_equal(parse_with_tail("series interval_ns=10 ticks=0\n"
					 "series interval_ns=10 ticks=0\nend\n"), -1);
	assert_string_equal(err, "results: line 46: a second series line");
	assert_int_equal(parse_with_tail("series interval_ns=10 ticks=2\ntick t_ns=1 ops=1,1\n"
					 "state done\ntick t_ns=2 ops=1,1\nend\n"), -1);
	assert_string_equal(err, "results: line 47: 'state done' where tick 2 of 2 was due");
	assert_int_equal(parse_with_tail("series interval_ns=10 ticks=2\ntick t_ns=1 ops=1,1\nend\n"), -1);
	assert_string_equal(err, "results: line 47: the series ends after 1 of its 2 ticks");
	assert_int_equal(parse_with_tail("series interval_ns=10 ticks=1\ntick t_ns=1 ops=1\nend\n"), -1);
	assert_string_equal(err, "results: line 46: tick line 1: 1 ops values for 2 workers");
	assert_int_equal(parse_with_tail("series interval_ns=0 ticks=1\nend\n"), -1);
	assert_string_equal(err, "results: line 45: series line: interval_ns='0' is not a positive number");
	/* a series of no ticks is whole at once */
	assert_int_equal(parse_with_tail("series interval_ns=10 ticks=0\nend\n"), 0);
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

/* offlined_cpus: a cpulist, one number (read as an int) or ranges. */
static void test_cpulist(void **state)
{
	static const char text[] =
		"ksbench-results 1\none 1\nlist 1-2,5\nbad1 1-\nbad2 2-1\n"
		"bad3 1,,2\nbad4 x\nbad5 1 2\nbad6 -1\nbig 0-9\nend\n";
	static const char *const bad[] = { "bad1", "bad2", "bad3", "bad4", "bad5", "bad6" };
	unsigned int cpus[8], nr = 99, i;
	struct module_text mt;

	(void)state;
	assert_int_equal(module_text_parse_results(text, &mt, err, sizeof(err)), 0);
	assert_int_equal(mt_cpulist(mt.fields, "one", cpus, 8, &nr, err, sizeof(err)), 0);
	assert_int_equal(nr, 1);
	assert_int_equal(cpus[0], 1);
	assert_int_equal(mt_cpulist(mt.fields, "list", cpus, 8, &nr, err, sizeof(err)), 0);
	assert_int_equal(nr, 3);
	assert_int_equal(cpus[0], 1);
	assert_int_equal(cpus[1], 2);
	assert_int_equal(cpus[2], 5);
	/* absent: none, and no error */
	assert_int_equal(mt_cpulist(mt.fields, "offlined_cpus", cpus, 8, &nr, err, sizeof(err)), 0);
	assert_int_equal(nr, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(mt_cpulist(mt.fields, bad[i], cpus, 8, &nr, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "is not a cpulist"));
		assert_int_equal(nr, 0);
	}
	assert_int_equal(mt_cpulist(mt.fields, "big", cpus, 8, &nr, err, sizeof(err)), -1);
	assert_string_equal(err, "results: big '0-9' names more than 8 CPUs");
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
			    "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)");
	assert_int_equal(field_int(mt.fields, "hz"), 250);
	assert_int_equal(field_int(mt.fields, "lockdep"), 0);
	/* the kernel config facts: debug options, paravirt spinlocks, NR_CPUS */
	assert_int_equal(field_int(mt.fields, "prove_locking"), 0);
	assert_int_equal(field_int(mt.fields, "kasan"), 0);
	assert_int_equal(field_int(mt.fields, "paravirt_spinlocks"), 1);
	assert_int_equal(field_int(mt.fields, "nr_cpus"), 8192);
	module_text_free(&mt);
	assert_int_equal(module_text_parse_info(info_rt_sample, &mt, err, sizeof(err)), 0);
	assert_string_equal(mt_str(mt.fields, "preempt_config"), "rt");
	assert_int_equal(field_int(mt.fields, "preempt_rt"), 1);
	assert_int_equal(field_int(mt.fields, "debug_mutexes"), 0);
	module_text_free(&mt);
	/* keys this CLI does not know are kept, not refused: a newer module */
	assert_int_equal(module_text_parse_info("ksbench-info 1\nhz 100\nsome_future_flag 1\n",
						&mt, err, sizeof(err)), 0);
	assert_int_equal(field_int(mt.fields, "some_future_flag"), 1);
	assert_int_equal(field_int(mt.fields, "hz"), 100);
	module_text_free(&mt);
	assert_int_equal(module_text_parse_info("ksbench-info 7\nhz 1\n", &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "info: format version 7 is not supported (this ksbench reads version 1): update ksbench or the module");
	assert_int_equal(module_text_parse_info(results_sample, &mt, err, sizeof(err)), -1);
	assert_string_equal(err, "info: not a ksbench info text (first line 'ksbench-results 1')");
}

static void test_workloads(void **state)
{
	static const char text[] =
		"spinlock lock 1 spinlock_t: spin_lock() / spin_unlock()\n"
		"\n"
		"mutex lock 1 struct mutex [PREEMPT_RT: rt_mutex based]\n"
		"completion handoff 2 complete() wakes one waiter\n";
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
	assert_int_equal(json_object_get_int64(json_object_object_get(w, "min_cpus")), 1);
	w = json_object_array_get_idx(list, 2);
	assert_int_equal(json_object_get_int64(json_object_object_get(w, "min_cpus")), 2);
	json_object_put(list);

	assert_int_equal(module_text_parse_workloads("", &list, err, sizeof(err)), 0);
	assert_int_equal(json_object_array_length(list), 0);
	json_object_put(list);

	assert_int_equal(module_text_parse_workloads("spinlock lock 1 x\nlonely\n", &list,
						     err, sizeof(err)), -1);
	assert_string_equal(err, "workloads: line 2 is not 'name kind min_cpus description': 'lonely'");
	assert_null(list);
	assert_int_equal(module_text_parse_workloads("spinlock lock x y\n", &list,
						     err, sizeof(err)), -1);
	assert_null(list);
	assert_int_equal(module_text_parse_workloads("spinlock lock 0 y\n", &list,
						     err, sizeof(err)), -1);
	assert_null(list);
}

/* What the module writes on PREEMPT_RT (kmod/report.c), as the guest printed it. */
static void test_workloads_rt(void **state)
{
	static const char text[] =
		"spinlock lock 1 spinlock_t, spin_lock/spin_unlock (trylock: spin_trylock) [PREEMPT_RT: spinlock_t is a sleeping rt_mutex-based lock]\n"
		"bitlock lock 1 bit_spin_lock/bit_spin_unlock on bit 0 of a word (trylock) [PREEMPT_RT: unchanged: bit_spin_lock still spins with preemption off]\n"
		"rcu rw 1 rcu_read_lock readers; writers publish a copy, free after a grace period\n"
		/* only a note at the very end counts */
		"odd lock 1 a [PREEMPT_RT: note] in the middle\n"
		"two lock 1 x [PREEMPT_RT: not this] y [PREEMPT_RT: this one]\n"
		"empty lock 1 z [PREEMPT_RT: ]\n";
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

/* A workload this kernel lacks (bh_work before 6.9): the reason, taken off. */
static void test_workloads_unavailable(void **state)
{
	static const char text[] =
		"bh_work handoff 1 queue_work_on() on system_bh_wq [unavailable: BH workqueues arrived in 6.9]\n"
		"x handoff 1 a [PREEMPT_RT: softirq threads] [unavailable: not here]\n"
		"tasklet handoff 1 tasklet_schedule() [PREEMPT_RT: softirq threads]\n";
	struct json_object *list, *w;

	(void)state;
	assert_int_equal(module_text_parse_workloads(text, &list, err, sizeof(err)), 0);
	w = json_object_array_get_idx(list, 0);
	assert_string_equal(mt_str(w, "description"), "queue_work_on() on system_bh_wq");
	assert_string_equal(mt_str(w, "unavailable"), "BH workqueues arrived in 6.9");
	assert_null(mt_str(w, "rt_note"));
	w = json_object_array_get_idx(list, 1);
	assert_string_equal(mt_str(w, "description"), "a");
	assert_string_equal(mt_str(w, "rt_note"), "softirq threads");
	assert_string_equal(mt_str(w, "unavailable"), "not here");
	w = json_object_array_get_idx(list, 2);
	assert_null(mt_str(w, "unavailable"));
	assert_string_equal(mt_str(w, "rt_note"), "softirq threads");
	json_object_put(list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workloads_unavailable),
		cmocka_unit_test(test_results_full),
		cmocka_unit_test(test_results_latency),
		cmocka_unit_test(test_results_strict),
		cmocka_unit_test(test_results_truncated),
		cmocka_unit_test(test_results_version),
		cmocka_unit_test(test_unknown_keys_kept_not_required),
		cmocka_unit_test(test_worker_lines),
		cmocka_unit_test(test_cpulist),
		cmocka_unit_test(test_info),
		cmocka_unit_test(test_workloads),
		cmocka_unit_test(test_workloads_rt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
