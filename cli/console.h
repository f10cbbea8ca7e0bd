/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The console checker: one place that knows what kernel badness looks like
 * (Oops, BUG, WARNING, soft/hard lockup, RCU stall, hung task, lockdep,
 * KASAN, kmemleak, panic). Used by the VM target and every VM test.
 */
#ifndef KSB_CONSOLE_H
#define KSB_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

/* Returns a short label ("soft lockup", "lockdep", ...) or NULL. */
const char *console_line_issue(const char *line);

/*
 * Scans a whole log; returns the number of flagged lines and copies the
 * first one (label and text) into first[firstlen]. -1 if unreadable.
 */
int console_check_file(const char *path, char *first, size_t firstlen);

#endif
