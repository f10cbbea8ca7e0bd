/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CSV fields (RFC 4180), one quoter for every CSV ksbench writes (export
 * and compare), so a string from a result file can add no row and no
 * column, and a spreadsheet runs none of it as a formula.
 */
#ifndef KSB_CSV_H
#define KSB_CSV_H

#include <stdio.h>

/*
 * Text s as one field: quoted when it holds a comma, a quote, CR or LF
 * (quotes doubled), else as is. Text a spreadsheet would take for a
 * formula (beginning with '=', '+', '-', '@', a tab or CR) gets a
 * leading "'", as OWASP advises, and is quoted. NULL is an empty field.
 */
void csv_text(FILE *f, const char *s);

#endif
