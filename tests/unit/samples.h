/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Texts as ksbench.ko writes them (kmod/report.c), including keys the CLI
 * does not use, which it must ignore. The spinlock sample is the example of
 * docs/debugfs.md; the others were captured from the module in the VM.
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
	"cs_lines 0\n" \
	"read_pct 90\n" \
	"sem_count 1\n" \
	"rcu_sync sync\n" \
	"seed 1\n" \
	"measure throughput\n" \
	"sample 1\n" \
	"clock ktime_get_ns\n" \
	"warmup_ns 100000000\n" \
	"duration_ns 500000000\n" \
	"elapsed_ns 500041234\n" \
	"stopped_early 0\n" \
	"ops 20480000\n" \
	"reads 0\n" \
	"writes 20480000\n" \
	"failures 0\n" \
	"retries 0\n" \
	"max_inside 0\n" \
	"oracle exclusive\n" \
	"violations 0\n" \
	"oracle_acquisitions 24576000\n" \
	"oracle_counter 24576000\n" \
	"lost_updates 0\n"

#define WORKER_TAIL "reads=0 failures=0 retries=0 max_inside=0"

#define RESULTS_WORKERS \
	"worker cpu=0 ops=10300000 elapsed_ns=500041234 violations=0 " WORKER_TAIL \
	" nvcsw=0 nivcsw=31 runtime_ns=485045531\n" \
	"worker cpu=1 ops=10180000 elapsed_ns=500041234 violations=0 " WORKER_TAIL \
	" nvcsw=0 nivcsw=27 runtime_ns=474431782\n" \
	"series interval_ns=500000000 ticks=1\n" \
	"tick t_ns=500041234 ops=10300000,10180000\n"

static const char results_sample[] = RESULTS_HEAD RESULTS_WORKERS "end\n";

/* The negative control at two CPUs, showing the race it should show. */
static const char results_none_sample[] =
	"ksbench-results 1\n"
	"state done\n"
	"workload none\n"
	"kind lock\n"
	"cpus 0-1\n"
	"nr_workers 2\n"
	"hold_ns 0\n"
	"think_ns 0\n"
	"acquire lock\n"
	"nr_locks 1\n"
	"cs_lines 0\n"
	"read_pct 90\n"
	"sem_count 1\n"
	"rcu_sync sync\n"
	"seed 1\n"
	"measure throughput\n"
	"sample 1\n"
	"clock ktime_get_ns\n"
	"clock_cost_min_ns 170\n"
	"clock_cost_median_ns 170\n"
	"clock_resolution_ns 170\n"
	"warmup_ns 20000000\n"
	"duration_ns 100000000\n"
	"elapsed_ns 105555230\n"
	"stopped_early 0\n"
	"ops 1740854\n"
	"reads 0\n"
	"writes 1740854\n"
	"failures 0\n"
	"retries 0\n"
	"max_inside 0\n"
	"oracle exclusive\n"
	"violations 15971\n"
	"oracle_acquisitions 2362880\n"
	"oracle_counter 2322721\n"
	"lost_updates 40159\n"
	"worker cpu=0 ops=966886 elapsed_ns=105555230 violations=10127 reads=0 failures=0 retries=0 max_inside=0 nvcsw=0 nivcsw=23 runtime_ns=101957450\n"
	"worker cpu=1 ops=773968 elapsed_ns=105555230 violations=5844 reads=0 failures=0 retries=0 max_inside=0 nvcsw=0 nivcsw=23 runtime_ns=102946106\n"
	"series interval_ns=100000000 ticks=1\n"
	"tick t_ns=105555230 ops=966886,773968\n"
	"end\n";

/* A rw workload on PREEMPT_RT: an rt_note, reads and writes, retries. */
static const char results_rw_sample[] =
	"ksbench-results 1\n"
	"state done\n"
	"workload seqlock\n"
	"kind rw\n"
	"cpus 0-1\n"
	"nr_workers 2\n"
	"rt_note the writer's spinlock_t sleeps; readers that meet a writer wait on its lock\n"
	"hold_ns 0\n"
	"think_ns 0\n"
	"acquire lock\n"
	"nr_locks 1\n"
	"cs_lines 0\n"
	"read_pct 90\n"
	"sem_count 1\n"
	"rcu_sync sync\n"
	"seed 1\n"
	"measure throughput\n"
	"sample 1\n"
	"clock ktime_get_ns\n"
	"clock_cost_min_ns 170\n"
	"clock_cost_median_ns 170\n"
	"clock_resolution_ns 170\n"
	"warmup_ns 20000000\n"
	"duration_ns 100000000\n"
	"elapsed_ns 113953910\n"
	"stopped_early 0\n"
	"ops 1115648\n"
	"reads 1004447\n"
	"writes 111201\n"
	"failures 0\n"
	"retries 3354\n"
	"max_inside 0\n"
	"oracle rw\n"
	"violations 0\n"
	"oracle_acquisitions 139130\n"
	"oracle_counter 139130\n"
	"lost_updates 0\n"
	"worker cpu=0 ops=642020 elapsed_ns=113953910 violations=0 reads=578106 failures=0 retries=1451 max_inside=0 nvcsw=0 nivcsw=21 runtime_ns=108434161\n"
	"worker cpu=1 ops=473628 elapsed_ns=113953910 violations=0 reads=426341 failures=0 retries=1903 max_inside=0 nvcsw=1 nivcsw=20 runtime_ns=110464129\n"
	"series interval_ns=100000000 ticks=1\n"
	"tick t_ns=113953910 ops=642002,473628\n"
	"end\n";

/* A counting semaphore, K = 2 at 4 CPUs, by trylock: failures, max_inside. */
static const char results_counting_sample[] =
	"ksbench-results 1\n"
	"state done\n"
	"workload semaphore\n"
	"kind lock\n"
	"cpus 0-3\n"
	"nr_workers 4\n"
	"hold_ns 2000\n"
	"think_ns 0\n"
	"acquire trylock\n"
	"nr_locks 1\n"
	"cs_lines 0\n"
	"read_pct 90\n"
	"sem_count 2\n"
	"rcu_sync sync\n"
	"seed 1\n"
	"measure throughput\n"
	"sample 1\n"
	"clock ktime_get_ns\n"
	"clock_cost_min_ns 170\n"
	"clock_cost_median_ns 170\n"
	"clock_resolution_ns 170\n"
	"warmup_ns 20000000\n"
	"duration_ns 100000000\n"
	"elapsed_ns 115997630\n"
	"stopped_early 0\n"
	"ops 16259\n"
	"reads 0\n"
	"writes 16259\n"
	"failures 431762\n"
	"retries 0\n"
	"max_inside 2\n"
	"oracle counting\n"
	"violations 0\n"
	"oracle_acquisitions 0\n"
	"oracle_counter 0\n"
	"lost_updates 0\n"
	"worker cpu=0 ops=2100 elapsed_ns=115997630 violations=0 reads=0 failures=159944 retries=0 max_inside=2 nvcsw=0 nivcsw=10 runtime_ns=116917587\n"
	"worker cpu=1 ops=8058 elapsed_ns=115997630 violations=0 reads=0 failures=130808 retries=0 max_inside=2 nvcsw=0 nivcsw=11 runtime_ns=115074687\n"
	"worker cpu=2 ops=1893 elapsed_ns=115997630 violations=0 reads=0 failures=113229 retries=0 max_inside=2 nvcsw=0 nivcsw=7 runtime_ns=90055050\n"
	"worker cpu=3 ops=4208 elapsed_ns=115997630 violations=0 reads=0 failures=27781 retries=0 max_inside=2 nvcsw=0 nivcsw=12 runtime_ns=93431926\n"
	"series interval_ns=100000000 ticks=1\n"
	"tick t_ns=115997630 ops=2100,8058,1893,4208\n"
	"end\n";

/* A lock-free workload: the count oracle, CAS retries. */
static const char results_lockfree_sample[] =
	"ksbench-results 1\n"
	"state done\n"
	"workload atomic_cmpxchg\n"
	"kind lockfree\n"
	"cpus 0-1\n"
	"nr_workers 2\n"
	"hold_ns 0\n"
	"think_ns 0\n"
	"acquire lock\n"
	"nr_locks 1\n"
	"cs_lines 0\n"
	"read_pct 90\n"
	"sem_count 1\n"
	"rcu_sync sync\n"
	"seed 1\n"
	"measure throughput\n"
	"sample 1\n"
	"clock ktime_get_ns\n"
	"clock_cost_min_ns 170\n"
	"clock_cost_median_ns 170\n"
	"clock_resolution_ns 170\n"
	"warmup_ns 20000000\n"
	"duration_ns 100000000\n"
	"elapsed_ns 105525400\n"
	"stopped_early 0\n"
	"ops 1504196\n"
	"reads 0\n"
	"writes 1504196\n"
	"failures 0\n"
	"retries 3\n"
	"max_inside 0\n"
	"oracle count\n"
	"violations 0\n"
	"oracle_acquisitions 1962496\n"
	"oracle_counter 1962496\n"
	"lost_updates 0\n"
	"worker cpu=0 ops=826735 elapsed_ns=105525400 violations=0 reads=0 failures=0 retries=2 max_inside=0 nvcsw=0 nivcsw=11 runtime_ns=98223048\n"
	"worker cpu=1 ops=677461 elapsed_ns=105525400 violations=0 reads=0 failures=0 retries=1 max_inside=0 nvcsw=0 nivcsw=13 runtime_ns=89681782\n"
	"series interval_ns=100000000 ticks=1\n"
	"tick t_ns=105525400 ops=826735,677461\n"
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
