/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The human summary of a result document: what `ksbench run` prints at the
 * end and `ksbench show` prints for a file. Reads only validated documents
 * (result_validate).
 */
#ifndef KSB_REPORT_H
#define KSB_REPORT_H

#include <stddef.h>
#include <stdio.h>

struct json_object;

/* Header (kernel, target), one row per point, medians over repeats. */
void report_print(FILE *out, struct json_object *doc);

/*
 * One line per point whose oracle verdict is `fail`, each starting with
 * prefix; returns how many there were.
 */
unsigned int report_oracle_failures(FILE *out, struct json_object *doc,
				    const char *prefix);

/* 950 -> "950", 20479155.5 -> "20.5M": three significant digits. */
void report_rate(double ops_s, char *buf, size_t len);

#endif
