/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The document's "summary": one entry per (workload, CPU count) over its
 * repeats (every point of a document ran with the same knobs, its
 * params): throughput median with a bootstrap 95% interval, mean with a
 * Student's t interval, stddev, CV, modified-Z outliers and a noisy flag,
 * and, in latency mode, each histogram merged over the repeats. The
 * methods are stats.h's; docs/results-json.md lists the keys. Pure and
 * deterministic: the same points give the same summary.
 */
#ifndef KSB_SUMMARY_H
#define KSB_SUMMARY_H

#include <stddef.h>

struct json_object;

#define SUMMARY_CI_METHOD	"bootstrap-median"
#define SUMMARY_MEAN_CI_METHOD	"student-t"
#define SUMMARY_NO_CI		"none (n<3)"

/*
 * The summary array of a validated document's points; noisy when the CV
 * over repeats exceeds max_cv (a fraction: 0.05 is 5%). NULL when out of
 * memory or a point's histogram does not read back (err says which).
 */
struct json_object *summary_new(struct json_object *doc, double max_cv,
				char *err, size_t errlen);

/* Sets (or replaces) the document's "summary"; 0, or -1 as above. */
int summary_set(struct json_object *doc, double max_cv, char *err, size_t errlen);

/* params.max_cv of the document, or RESULT_MAX_CV_DEF without one. */
double summary_max_cv(struct json_object *doc);

#endif
