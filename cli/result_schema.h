/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The types and ranges of a result document's members (docs/results-json.md),
 * checked once when a file is loaded: after it, every member the read side
 * uses is absent or of its type, and every number finite and in range.
 */
#ifndef KSB_RESULT_SCHEMA_H
#define KSB_RESULT_SCHEMA_H

#include <stddef.h>

struct json_object;

/*
 * 0, or -1 and "not a valid ksbench result: WHAT at WHERE" in err
 * ("a string where an object belongs at summary[3]").
 */
int result_schema_check(struct json_object *doc, char *err, size_t errlen);

#endif
