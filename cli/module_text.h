/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reader for the module's versioned text files (`results`, `info`; see
 * docs/debugfs.md) and its `workloads` list. Generic on purpose: it keeps
 * every `key value` line, so a new key in the module needs no change here,
 * and the callers pick the keys they know.
 */
#ifndef KSB_MODULE_TEXT_H
#define KSB_MODULE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct json_object;

struct module_text {
	struct json_object *fields;	/* key -> int64, or string */
	struct json_object *workers;	/* array: one object per worker line */
};

/*
 * `results`: KSB_RESULTS_HEADER first, an `end` line last; a cut text is
 * refused as truncated, another format version as unsupported.
 */
int module_text_parse_results(const char *text, struct module_text *mt,
			      char *err, size_t errlen);

/* `info`: KSB_INFO_HEADER first; the module writes no `end` line there. */
int module_text_parse_info(const char *text, struct module_text *mt,
			   char *err, size_t errlen);

void module_text_free(struct module_text *mt);

/*
 * Typed lookups in a fields or worker object. mt_int fails when the key is
 * missing or not an integer; mt_str returns NULL only when it is missing
 * (an integer value reads as its digits).
 */
int mt_int(const struct json_object *obj, const char *key, int64_t *val);
const char *mt_str(const struct json_object *obj, const char *key);

/*
 * The `workloads` file: one `name kind description...` line each, into an
 * array of {name, kind, description} objects, with rt_note too where the
 * description ends in `[PREEMPT_RT: what it becomes]` (taken off it).
 */
int module_text_parse_workloads(const char *text, struct json_object **list,
				char *err, size_t errlen);

#endif
