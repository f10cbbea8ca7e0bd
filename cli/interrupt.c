// SPDX-License-Identifier: GPL-2.0
#include <signal.h>
#include <stddef.h>

#include "interrupt.h"

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NR_STOP_SIGNALS	(sizeof(stop_signals) / sizeof(stop_signals[0]))

static struct sigaction saved[NR_STOP_SIGNALS];
static unsigned int depth;
static volatile sig_atomic_t count, first;

static void note(int sig)
{
	if (!count)
		first = sig;
	if (count < 1000)
		count++;
}

/*
 * SA_RESTART keeps file I/O and waitpid going; the polling naps
 * (nanosleep) return early, as they always do on a signal.
 */
void interrupt_catch(void)
{
	struct sigaction sa = { .sa_handler = note, .sa_flags = SA_RESTART };
	size_t i;

	if (depth++)
		return;
	count = 0;
	first = 0;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NR_STOP_SIGNALS; i++)
		sigaction(stop_signals[i], &sa, &saved[i]);
}

void interrupt_release(void)
{
	size_t i;

	if (!depth || --depth)
		return;
	for (i = 0; i < NR_STOP_SIGNALS; i++)
		sigaction(stop_signals[i], &saved[i], NULL);
}

unsigned int interrupt_count(void)
{
	return (unsigned int)count;
}

int interrupt_first_signal(void)
{
	return (int)first;
}
