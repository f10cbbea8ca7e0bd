/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What ksbench.ko and the ksbench CLI must agree on, in one header both
 * include, so they agree by construction. Plain C: no kernel or libc types.
 */
#ifndef KSBENCH_ABI_H
#define KSBENCH_ABI_H

#define KSB_MODULE_VERSION	"0.1.0"
#define KSB_DEBUGFS_DIR		"ksbench"
#define KSB_RESULTS_HEADER	"ksbench-results 1"
#define KSB_INFO_HEADER		"ksbench-info 1"

#define KSB_NAME_MAX		32	/* workload name, with its NUL */
#define KSB_WRITE_MAX		4095	/* longest value a control file takes */

#define KSB_DURATION_MS_MIN	1
#define KSB_DURATION_MS_MAX	3600000	/* one hour */
#define KSB_DURATION_MS_DEF	1000
#define KSB_WARMUP_MS_MAX	60000
#define KSB_WARMUP_MS_DEF	100
#define KSB_THINK_NS_MAX	10000000	/* 10 ms */
#define KSB_NR_LOCKS_MAX	1024
#define KSB_NR_LOCKS_DEF	1
#define KSB_CS_LINES_MAX	64
#define KSB_READ_PCT_DEF	90
#define KSB_SEM_COUNT_MAX	1024
#define KSB_SEED_DEF		1
#define KSB_SAMPLE_MAX		1000000	/* time one operation in N */
#define KSB_INTERVAL_MS_DEF	100	/* time series tick */
#define KSB_INTERVAL_MS_MAX	60000
#define KSB_SERIES_MAX		4096	/* ticks; longer runs get wider ticks */
#define KSB_POLL_US_MAX		1000000	/* 1 s */
#define KSB_POLL_US_DEF		50
/*
 * Longest critical section: where it runs with preemption or interrupts
 * off, one section plus the waits of the other CPUs must stay far below
 * the soft-lockup (20 s) and RCU stall (21 s) thresholds even at 8192 CPUs
 * on a slow VM.
 */
#define KSB_HOLD_NS_MAX_ATOMIC	1000000		/* 1 ms */
#define KSB_HOLD_NS_MAX_SLEEP	10000000	/* 10 ms */

#endif
