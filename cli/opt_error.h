/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One line for a command-line option getopt refused (main.c sets opterr
 * to 0, so getopt itself says nothing): unknown, ambiguous, missing its
 * value, or given one it does not take. Bad arguments: one line, exit 2.
 */
#ifndef KSB_OPT_ERROR_H
#define KSB_OPT_ERROR_H

#include <getopt.h>

/* After getopt_long returned '?' or ':'; prints, returns EXIT_USAGE. */
int opt_error(const char *who, char **argv, const struct option *longopts);

/*
 * Options given twice on one command line: which one, once getopt
 * returned code. 0, or EXIT_USAGE after a line naming it. seen: one
 * flag per code, zeroed by the caller (codes below OPT_SEEN_MAX).
 */
#define OPT_SEEN_MAX	512
int opt_once(const char *who, int code, char **argv, unsigned char *seen);

/*
 * argv[1..argc-1] each at most ARG_MAX_LEN bytes (no path or value is
 * longer) and free of control characters (a newline would split the one
 * line of an error, an escape would reach the terminal): else one line
 * and EXIT_USAGE, before anything reads them.
 */
#define ARG_MAX_LEN	4096
int opt_check_args(const char *who, int argc, char **argv);

/* arg for a message: printable ASCII ('?' for the rest), cut at 64 bytes. */
void opt_quote(const char *arg, char *buf, size_t len);

#endif
