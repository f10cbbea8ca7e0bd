/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A comparison (compare.h) as text: an aligned table for a terminal, a
 * versioned JSON document (COMPARE_SCHEMA), CSV with one row per
 * (workload, CPU count, other file), or a GitHub markdown table.
 * docs/compare.md describes each. Pure: writes to the FILE* it is given.
 */
#ifndef KSB_COMPARE_FORMAT_H
#define KSB_COMPARE_FORMAT_H

#include <stddef.h>
#include <stdio.h>

struct compare;
struct json_object;

enum compare_format {
	COMPARE_FORMAT_TABLE,
	COMPARE_FORMAT_JSON,
	COMPARE_FORMAT_CSV,
	COMPARE_FORMAT_MARKDOWN,
	NR_COMPARE_FORMATS
};

/* "table", "json", "csv", "markdown" into the enum; -1 with err. */
int compare_parse_format(const char *s, enum compare_format *f,
			 char *err, size_t errlen);

/* The comparison as one JSON document; NULL when out of memory. */
struct json_object *compare_to_json(const struct compare *c);

/* Writes c to out in format f; -1 when out of memory or out fails. */
int compare_print(FILE *out, const struct compare *c, enum compare_format f);

#endif
