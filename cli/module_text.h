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

#include "hist.h"
#include "series.h"

struct json_object;

#define MT_HIST_NAME_MAX	32	/* a histogram's name, with its NUL */

/* One `hist NAME cpu=N ...` line: one worker's histogram. */
struct mt_hist {
	char name[MT_HIST_NAME_MAX];
	unsigned int cpu;
	struct hist h;
};

struct module_text {
	struct json_object *fields;	/* key -> int64, or string */
	struct json_object *workers;	/* array: one object per worker line */
	struct mt_hist *hists;		/* `hist` lines, in the module's order */
	unsigned int nr_hists;
	bool has_series;		/* a `series` line and all its ticks */
	struct series series;
};

/*
 * `results`: KSB_RESULTS_HEADER first, an `end` line last; a cut text is
 * refused as truncated, another format version as unsupported. Besides
 * the generic lines, three kinds are read strictly, and any flaw in them
 * refuses the whole text with the line's number:
 * - `hist NAME cpu=N ...` (hist_parse_line) into hists[], at most one per
 *   (NAME, cpu);
 * - `series ...` (at most one; its worker count is the worker lines seen
 *   before it, or the first tick's when there are none) and then its
 *   `tick` lines, each in order, all of them before `end`
 *   (series_parse_header, series_parse_tick, series_check_complete);
 * - a `tick` line without a series before it.
 */
int module_text_parse_results(const char *text, struct module_text *mt,
			      char *err, size_t errlen);

/* `info`: KSB_INFO_HEADER first; the module writes no `end` line there. */
int module_text_parse_info(const char *text, struct module_text *mt,
			   char *err, size_t errlen);

void module_text_free(struct module_text *mt);

/* The histogram NAME of the worker on cpu, or NULL. */
const struct hist *mt_hist_find(const struct module_text *mt, const char *name,
				unsigned int cpu);

/*
 * Typed lookups in a fields or worker object. mt_int fails when the key is
 * missing or not an integer; mt_str returns NULL only when it is missing
 * (an integer value reads as its digits).
 */
int mt_int(const struct json_object *obj, const char *key, int64_t *val);
const char *mt_str(const struct json_object *obj, const char *key);

/*
 * A cpulist value ("1", "1-2,5") of a fields object into cpus[], in the
 * order written, at most max of them: *nr is 0 when the key is absent.
 * -1 with a message naming the key when it is not a cpulist or too long.
 * For `offlined_cpus`: the CPUs that went down during the run.
 */
int mt_cpulist(const struct json_object *obj, const char *key, unsigned int *cpus,
	       unsigned int max, unsigned int *nr, char *err, size_t errlen);

/*
 * The `workloads` file: one `name kind min_cpus description...` line each, into an
 * array of {name, kind, description} objects, with rt_note too where the
 * description ends in `[PREEMPT_RT: what it becomes]` (taken off it).
 */
int module_text_parse_workloads(const char *text, struct json_object **list,
				char *err, size_t errlen);

#endif
