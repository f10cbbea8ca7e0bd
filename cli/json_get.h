/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Typed reads of one member of a loaded document, for the modules that
 * walk result files (summary, report, compare, export): absent or of
 * another type reads as NULL, NAN or 0, never as a guess of json-c's.
 */
#ifndef KSB_JSON_GET_H
#define KSB_JSON_GET_H

#include <math.h>
#include <stdint.h>

#include <json-c/json.h>

static inline const char *json_get_str(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static inline double json_get_num(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !(json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double)))
		return NAN;
	return json_object_get_double(v);
}

/* An integer member; 0 when absent (validated documents have them). */
static inline int64_t json_get_int(struct json_object *o, const char *key)
{
	return json_object_get_int64(json_object_object_get(o, key));
}

#endif
