// SPDX-License-Identifier: GPL-2.0
/*
 * Polling a flag: the signaller only publishes the round; every waiter
 * polls for it, busily with cpu_relax() or sleeping between looks with
 * usleep_range(), msleep() or schedule_timeout() every poll_us. Detection
 * latency is the wake-up; the CPU a waiter burns per event is its
 * runtime over its events.
 */
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/sched.h>

#include "../shapes/handoff.h"
#include "workloads.h"

/* A busy poller offers the CPU this often, in looks. */
#define KSB_POLL_SPINS_PER_RESCHED	1024

static int ksb_poll_init(void *lock, const struct ksb_params *p)
{
	ksb_handoff_init(lock);
	return 0;
}

static void ksb_poll_pause(const struct ksb_params *p, unsigned int *spins)
{
	switch (p->poll) {
	case KSB_POLL_USLEEP:
		usleep_range(p->poll_us, p->poll_us + p->poll_us / 4 + 1);
		break;
	case KSB_POLL_MSLEEP:
		msleep(DIV_ROUND_UP(p->poll_us, USEC_PER_MSEC));
		break;
	case KSB_POLL_SCHEDULE:
		schedule_timeout_interruptible(usecs_to_jiffies(p->poll_us));
		break;
	default:
		cpu_relax();
		if (++*spins % KSB_POLL_SPINS_PER_RESCHED == 0)
			cond_resched();
	}
}

static u64 ksb_poll_wait(struct ksb_slot *slot, struct ksb_worker *w)
{
	struct ksb_handoff *h = slot->lock;
	unsigned int spins = 0;

	for (;;) {
		u64 round = ksb_handoff_round(h);

		if (round > w->seen_round)
			return round;
		if (ksb_handoff_over(w->run, h))
			return 0;
		ksb_poll_pause(&w->run->p, &spins);
	}
}

/* Publishing the round (done by the shape) is the whole signal. */
static bool ksb_poll_signal(struct ksb_slot *slot, struct ksb_worker *w,
			    u64 round)
{
	return true;
}

static int ksb_poll_loop(struct ksb_worker *w)
{
	return ksb_handoff_run(w, ksb_poll_signal, ksb_poll_wait, NULL);
}

const struct ksb_workload ksb_poll_ops = {
	.name = "poll",
	.kind = KSB_KIND_HANDOFF,
	.description = "waiters poll a flag: busy, usleep_range, msleep or schedule_timeout",
	.rt_note = KSB_HANDOFF_RT_NOTE,
	.max_hold_ns = 0,
	.lock_size = sizeof(struct ksb_handoff),
	.lock_init = ksb_poll_init,
	.consumers = ksb_handoff_every_waiter,
	.min_workers = 2,
	.loop = { [KSB_ACQ_LOCK] = ksb_poll_loop },
};
