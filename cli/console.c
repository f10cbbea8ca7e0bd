// SPDX-License-Identifier: GPL-2.0
/*
 * The console checker. A line is flagged when it contains one of the
 * markers the kernel prints at the head of a report; the lines that follow
 * a report (register dumps, "Call Trace:", stack entries, "---[ end trace")
 * are not flagged on their own, so one incident counts once or twice, not
 * fifty times.
 *
 * The one marker that needs care is "WARNING:". WARN(), lockdep and RCU's
 * lockdep checks print it as the first word of a message, while a few
 * subsystems print advisory boot lines that contain it after their own
 * prefix, e.g. on a stock Debian 6.1 under qemu -cpu Cascadelake-Server:
 *
 *   [    0.253303] RETBleed: WARNING: Spectre v2 mitigation leaves CPU ...
 *   Spectre V2 : WARNING: Unprivileged eBPF is enabled with eIBRS on, ...
 *
 * So "WARNING:" counts only where a message begins: at the start of the
 * line or right after a printk time stamp, caller id ("[    T1]") or
 * syslog level ("<4>"). The other markers are specific enough to count
 * anywhere in the line; "BUG:" must, since the soft-lockup detector prints
 * "watchdog: BUG: soft lockup - CPU#1 stuck for 22s!".
 *
 * Benign lines seen booting Debian's 6.1 generic and rt kernels under TCG
 * (tsc calibration, "inconsistent ... MTRR settings", "fail to add
 * MMCONFIG", "Unstable clock detected", clocksource watchdog switching away
 * from tsc, "loading out-of-tree module taints kernel", kmemleak's and
 * lockdep's start-up banners) match no marker.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"

struct console_marker {
	const char *text;
	const char *label;
	bool message_start;	/* counts only where a message begins */
};

#define ANYWHERE(text, label)		{ text, label, false }
#define MESSAGE_START(text, label)	{ text, label, true }

/*
 * First match wins, so the specific reports come before the generic
 * "WARNING:" and "BUG:" lines that carry them (lockdep's reports start
 * with "WARNING:", the soft-lockup and KASAN ones with "BUG:").
 */
static const struct console_marker markers[] = {
	ANYWHERE("Kernel panic",			"panic"),
	ANYWHERE("Oops:",				"oops"),
	ANYWHERE("general protection fault",		"general protection fault"),
	ANYWHERE("kernel BUG at",			"BUG"),
	ANYWHERE("soft lockup",				"soft lockup"),
	ANYWHERE("hard LOCKUP",				"hard lockup"),
	ANYWHERE("rcu: INFO:",				"RCU stall"),
	ANYWHERE("detected stalls",			"RCU stall"),
	ANYWHERE("self-detected stall",			"RCU stall"),
	ANYWHERE("blocked for more than",		"hung task"),
	ANYWHERE("possible recursive locking",		"lockdep"),
	ANYWHERE("circular locking dependency",		"lockdep"),
	ANYWHERE("inconsistent lock state",		"lockdep"),
	ANYWHERE("irq lock inversion",			"lockdep"),
	ANYWHERE("lock order detected",			"lockdep"),
	ANYWHERE("suspicious RCU usage",		"lockdep"),
	ANYWHERE("lock held when returning",		"lockdep"),
	ANYWHERE("bad unlock balance",			"lockdep"),
	ANYWHERE("held lock freed",			"lockdep"),
	ANYWHERE("still has locks held",		"lockdep"),
	ANYWHERE("nested lock was not taken",		"lockdep"),
	ANYWHERE("DEBUG_LOCKS_WARN_ON",			"lockdep"),
	ANYWHERE("KASAN:",				"KASAN"),
	ANYWHERE("KFENCE:",				"KFENCE"),
	ANYWHERE("UBSAN:",				"UBSAN"),
	ANYWHERE("unreferenced object",			"kmemleak"),
	ANYWHERE("suspected memory leak",		"kmemleak"),
	ANYWHERE("Out of memory",			"out of memory"),
	ANYWHERE("page allocation failure",		"allocation failure"),
	ANYWHERE("nobody cared",			"unhandled interrupt"),
	MESSAGE_START("WARNING:",			"WARNING"),
	ANYWHERE("BUG:",				"BUG"),
};

/* What a time stamp ("[    0.253303]") or a caller id ("[    T1]") holds. */
#define STAMP_CHARS	" 0123456789.TC"

/*
 * Skips blanks, a "<N>" syslog level, and "[...]" time stamps or caller
 * ids; not lockdep's "[ BUG: ... ]" headers, which are the message.
 */
static const char *skip_message_prefix(const char *p)
{
	const char *end;

	for (;;) {
		p += strspn(p, " \t");
		if (p[0] == '<' && p[1] >= '0' && p[1] <= '9') {
			end = p + 1 + strspn(p + 1, "0123456789");
			if (*end != '>')
				return p;
			p = end + 1;
		} else if (p[0] == '[' && (end = strchr(p, ']')) &&
			   p + 1 + strspn(p + 1, STAMP_CHARS) == end) {
			p = end + 1;
		} else {
			return p;
		}
	}
}

/*
 * True when some occurrence of text begins a message: nothing but a prefix
 * before it, or a time stamp right before it (a kernel message that starts
 * in the middle of a line of user-space output on the same console).
 */
static bool begins_message(const char *line, const char *text)
{
	size_t len = strlen(text);
	const char *hit, *before;

	if (!strncmp(skip_message_prefix(line), text, len))
		return true;
	for (hit = strstr(line, text); hit; hit = strstr(hit + len, text)) {
		before = hit;
		while (before > line && (before[-1] == ' ' || before[-1] == '\t'))
			before--;
		if (before > line && before[-1] == ']')
			return true;
	}
	return false;
}

const char *console_line_issue(const char *line)
{
	const struct console_marker *m;

	for (m = markers; m < markers + sizeof(markers) / sizeof(markers[0]); m++)
		if (m->message_start ? begins_message(line, m->text)
				     : strstr(line, m->text) != NULL)
			return m->label;
	return NULL;
}

int console_check_file(const char *path, char *first, size_t firstlen)
{
	FILE *f = fopen(path, "re");
	const char *label;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int issues = 0;

	if (firstlen)
		first[0] = '\0';
	if (!f)
		return -1;
	while ((len = getline(&line, &cap, f)) >= 0) {
		/* The serial console ends lines with "\r\n". */
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		label = console_line_issue(line);
		if (!label)
			continue;
		if (!issues++ && firstlen)
			snprintf(first, firstlen, "%s: %s", label,
				 skip_message_prefix(line));
	}
	free(line);
	fclose(f);
	return issues;
}
