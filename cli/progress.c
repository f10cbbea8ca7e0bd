// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "progress.h"

/* KSB_NAME_MAX - 1, for sscanf */
_Static_assert(KSB_NAME_MAX == 32, "the %31s below");

uint64_t progress_eta_ms(unsigned int done, unsigned int total,
			 uint64_t elapsed_ms, uint64_t point_ms)
{
	unsigned int left = total > done ? total - done : 0;

	if (!done)
		return point_ms * left;
	return elapsed_ms / done * left;
}

/* 0:07, 12:34, 1:02:03 */
static void clock_text(uint64_t ms, char *buf, size_t len)
{
	uint64_t s = ms / 1000;

	if (s >= 3600)
		snprintf(buf, len, "%" PRIu64 ":%02" PRIu64 ":%02" PRIu64, s / 3600,
			 s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%" PRIu64 ":%02" PRIu64, s / 60, s % 60);
}

void progress_text(const struct progress_point *p, const char *prefix,
		   char *buf, size_t len)
{
	char elapsed[32], eta[32];

	clock_text(p->elapsed_ms, elapsed, sizeof(elapsed));
	clock_text(p->eta_ms, eta, sizeof(eta));
	snprintf(buf, len, "%s%s[%u/%u] %s, %u CPU%s, repeat %u, %s elapsed, ETA %s",
		 prefix ? prefix : "", prefix ? " " : "", p->index, p->total, p->workload,
		 p->cpus, p->cpus == 1 ? "" : "s", p->repeat, elapsed, eta);
}

/*
 * A line longer than the terminal wraps, and "\r" then rewrites only its
 * last row: each point would leave a row behind. The text is ASCII.
 */
void progress_fit(char *text, unsigned int cols)
{
	if (cols > 1 && strlen(text) > cols - 1)
		text[cols - 1] = '\0';
}

void progress_event_run(unsigned int points, char *buf, size_t len)
{
	snprintf(buf, len, "run %u\n", points);
}

void progress_event_point(const struct progress_point *p, char *buf, size_t len)
{
	snprintf(buf, len, "point %u %u %u %u %" PRIu64 " %" PRIu64 " %s\n", p->index,
		 p->total, p->cpus, p->repeat, p->elapsed_ms, p->eta_ms, p->workload);
}

static int name_ok(const char *s)
{
	return *s && !s[strspn(s, "abcdefghijklmnopqrstuvwxyz"
			       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")];
}

enum progress_event progress_event_parse(const char *line, struct progress_point *p)
{
	unsigned int points;
	int used = 0;

	memset(p, 0, sizeof(*p));
	if (sscanf(line, "run %u%n", &points, &used) == 1 && !line[used])
		return PROGRESS_RUN;
	used = 0;
	if (sscanf(line, "point %u %u %u %u %" SCNu64 " %" SCNu64 " %31s%n", &p->index,
		   &p->total, &p->cpus, &p->repeat, &p->elapsed_ms, &p->eta_ms,
		   p->workload, &used) == 7 && !line[used] && name_ok(p->workload) &&
	    p->index >= 1 && p->index <= p->total)
		return PROGRESS_POINT;
	memset(p, 0, sizeof(*p));
	return PROGRESS_NONE;
}
