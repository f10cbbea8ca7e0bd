/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Does the clock ever go backwards from one CPU to another? A kthread on
 * every online CPU reads the clock under one lock and compares it with
 * the last reading, whichever CPU took it (as the kernel's
 * check_tsc_warp() does): the lock orders the readings, so a later one
 * below an earlier one is the clock stepping back. info shows the last
 * check's figures.
 */
#ifndef KSBENCH_CLOCK_CHECK_H
#define KSBENCH_CLOCK_CHECK_H

#include <linux/seq_file.h>
#include <linux/types.h>

#define KSB_CLOCK_CHECK_LOAD_MS	100	/* at every load: each result has one */
#define KSB_CLOCK_CHECK_MAX_MS	600000

struct ksb_clock_check {
	const char *clock;	/* the clock checked (ksb_clock_name()) */
	u64 duration_ns;	/* asked for */
	unsigned int nr_cpus;	/* CPUs that took part */
	u64 reads;
	u64 handovers;		/* readings that followed another CPU's */
	u64 backward;		/* readings below the one before */
	u64 max_backward_ns;
};

/* Runs a check of ms milliseconds; 0, -EINTR (a signal) or -ENOMEM. */
int ksb_clock_check_run(unsigned int ms);

/* The last check's figures as "key value" lines (docs/debugfs.md). */
void ksb_clock_check_report(struct seq_file *m);

/*
 * control's verb "clock_check MS" (ksb_lock held): 0, -EINVAL or -ERANGE
 * for a bad MS (1 .. KSB_CLOCK_CHECK_MAX_MS), -EBUSY while a run is in
 * progress, -EINTR when a signal cut it short (its figures are dropped).
 */
int ksb_clock_check_verb(const char *arg);

#endif
