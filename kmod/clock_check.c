// SPDX-License-Identifier: GPL-2.0
/* The cross-CPU clock check (clock_check.h). */
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kstrtox.h>
#include <linux/kthread.h>
#include <linux/lockdep.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

#include "clock.h"
#include "clock_check.h"
#include "ksbench.h"

#define KSB_CC_BATCH	256	/* readings between chances to reschedule */

struct ksb_cc_state {
	raw_spinlock_t lock;
	u64 last;		/* the last reading, any CPU's */
	int last_cpu;
	struct ksb_clock_check res;
};

static DEFINE_SPINLOCK(ksb_cc_result_lock);
static struct ksb_clock_check ksb_cc_result;

/* One reading, compared with the one before it under the lock. */
static void ksb_cc_step(struct ksb_cc_state *s, int cpu)
{
	u64 now;

	raw_spin_lock(&s->lock);
	now = ksb_clock();
	if (s->res.reads && now < s->last) {
		s->res.backward++;
		s->res.max_backward_ns = max(s->res.max_backward_ns,
					     s->last - now);
	}
	if (s->res.reads && cpu != s->last_cpu)
		s->res.handovers++;
	s->last = now;
	s->last_cpu = cpu;
	s->res.reads++;
	raw_spin_unlock(&s->lock);
}

static int ksb_cc_thread(void *arg)
{
	struct ksb_cc_state *s = arg;
	int cpu = raw_smp_processor_id();
	unsigned int i;

	while (!kthread_should_stop()) {
		for (i = 0; i < KSB_CC_BATCH; i++)
			ksb_cc_step(s, cpu);
		cond_resched();
	}
	return 0;
}

/* One bound kthread per online CPU, started; the count started. */
static unsigned int ksb_cc_start(struct ksb_cc_state *s,
				 struct task_struct **tasks)
{
	struct task_struct *t;
	unsigned int n = 0, cpu;

	for_each_online_cpu(cpu) {
		t = kthread_create_on_cpu(ksb_cc_thread, s, cpu,
					  "ksbench/clk%u");
		if (IS_ERR(t))
			continue;
		tasks[n++] = t;
		wake_up_process(t);
	}
	return n;
}

int ksb_clock_check_run(unsigned int ms)
{
	struct task_struct **tasks;
	struct ksb_cc_state *s;
	unsigned int i, n;
	int err = 0;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	tasks = kcalloc(nr_cpu_ids, sizeof(*tasks), GFP_KERNEL);
	if (!s || !tasks) {
		err = -ENOMEM;
		goto out;
	}
	raw_spin_lock_init(&s->lock);
	s->res.clock = ksb_clock_name();
	s->res.duration_ns = (u64)ms * NSEC_PER_MSEC;
	n = ksb_cc_start(s, tasks);
	if (msleep_interruptible(ms))
		err = -EINTR;
	for (i = 0; i < n; i++)
		kthread_stop(tasks[i]);
	s->res.nr_cpus = n;
	if (!err) {
		spin_lock(&ksb_cc_result_lock);
		ksb_cc_result = s->res;
		spin_unlock(&ksb_cc_result_lock);
	}
out:
	kfree(tasks);
	kfree(s);
	return err;
}

void ksb_clock_check_report(struct seq_file *m)
{
	struct ksb_clock_check r;

	spin_lock(&ksb_cc_result_lock);
	r = ksb_cc_result;
	spin_unlock(&ksb_cc_result_lock);
	if (!r.clock)
		return;
	seq_printf(m, "clock_check_clock %s\nclock_check_ns %llu\n", r.clock,
		   r.duration_ns);
	seq_printf(m, "clock_check_cpus %u\nclock_check_reads %llu\n",
		   r.nr_cpus, r.reads);
	seq_printf(m, "clock_check_handovers %llu\n", r.handovers);
	seq_printf(m, "clock_backward_steps %llu\nclock_backward_max_ns %llu\n",
		   r.backward, r.max_backward_ns);
}

/* control's "clock_check MS": a check beside no run, then info shows it. */
int ksb_clock_check_verb(const char *arg)
{
	unsigned int ms;
	int err;

	lockdep_assert_held(&ksb_lock);
	err = kstrtouint(arg, 10, &ms);
	if (err)
		return err;
	if (!ms || ms > KSB_CLOCK_CHECK_MAX_MS)
		return -ERANGE;
	/* Never beside a run: it would disturb the run and the check. */
	return ksb_state() == KSB_RUNNING ? -EBUSY : ksb_clock_check_run(ms);
}
