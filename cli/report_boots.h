/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For a result file of ksbench run --boots=N: the table of each boot's
 * median throughput per (workload, CPU count) and their spread (highest
 * over lowest), then which boots failed or were doubtful, from the file's
 * "boots". Nothing for a file of one boot.
 */
#ifndef KSB_REPORT_BOOTS_H
#define KSB_REPORT_BOOTS_H

#include <stdio.h>

struct json_object;

/* doc: a validated document; summary: its summary array (summary.h). */
void report_boots(FILE *out, struct json_object *doc, struct json_object *summary);

#endif
