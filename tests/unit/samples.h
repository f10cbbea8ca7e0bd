/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Texts as ksbench.ko writes them (kmod/report.c), including keys the CLI
 * does not use, which it must ignore.
 */
#ifndef KSB_TEST_SAMPLES_H
#define KSB_TEST_SAMPLES_H

#define RESULTS_HEAD \
	"ksbench-results 1\n" \
	"state done\n" \
	"workload spinlock\n" \
	"kind lock\n" \
	"cpus 0-1\n" \
	"nr_workers 2\n" \
	"hold_ns 0\n" \
	"think_ns 0\n" \
	"acquire lock\n" \
	"nr_locks 1\n" \
	"warmup_ns 100000000\n" \
	"duration_ns 500000000\n" \
	"elapsed_ns 500041234\n" \
	"stopped_early 0\n" \
	"ops 20480000\n" \
	"reads 0\n" \
	"violations 0\n" \
	"oracle_acquisitions 24576000\n" \
	"oracle_counter 24576000\n" \
	"lost_updates 0\n"

#define RESULTS_WORKERS \
	"worker cpu=0 ops=10300000 elapsed_ns=500041234 violations=0 reads=0 max_inside=1\n" \
	"worker cpu=1 ops=10180000 elapsed_ns=500041234 violations=0 reads=0 max_inside=1\n"

static const char results_sample[] = RESULTS_HEAD RESULTS_WORKERS "end\n";

/* The negative control at two CPUs, showing the race it should show. */
static const char results_none_sample[] =
	"ksbench-results 1\n"
	"state done\n"
	"workload none\n"
	"kind lock\n"
	"cpus 0-1\n"
	"nr_workers 2\n"
	"elapsed_ns 1000000000\n"
	"stopped_early 0\n"
	"ops 3000\n"
	"violations 17\n"
	"lost_updates 5\n"
	"worker cpu=0 ops=1000 elapsed_ns=1000000000 violations=9\n"
	"worker cpu=1 ops=2000 elapsed_ns=1000000000 violations=8\n"
	"end\n";

static const char info_sample[] =
	"ksbench-info 1\n"
	"module_version 0.1.0\n"
	"kernel_release 6.1.0-56-amd64\n"
	"kernel_version #1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1 (2025-11-09)\n"
	"preempt_config dynamic\n"
	"preempt_rt 0\n"
	"lockdep 1\n"
	"debug_atomic_sleep 0\n"
	"nr_cpu_ids 4\n"
	"online_cpus 0-3\n"
	"hz 250\n"
	"clock ktime_get_ns\n";

#endif
