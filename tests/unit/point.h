/* SPDX-License-Identifier: GPL-2.0 */
/* A result point for tests that build documents by hand. */
#ifndef KSB_TEST_POINT_H
#define KSB_TEST_POINT_H

#include <stdint.h>

#include <json-c/json.h>

/* A point as result_validate wants it, with one worker doing every op. */
static inline struct json_object *test_point(const char *workload, const char *kind,
					     int cpus, int repeat, double ops_s)
{
	struct json_object *p = json_object_new_object(), *w = json_object_new_object();
	struct json_object *workers = json_object_new_array();
	int64_t ops = (int64_t)ops_s;

	json_object_object_add(p, "workload", json_object_new_string(workload));
	json_object_object_add(p, "kind", json_object_new_string(kind));
	json_object_object_add(p, "cpus", json_object_new_int(cpus));
	json_object_object_add(p, "repeat", json_object_new_int(repeat));
	json_object_object_add(p, "duration_ns", json_object_new_int64(1000000000));
	json_object_object_add(p, "ops", json_object_new_int64(ops));
	json_object_object_add(p, "throughput_ops_s", json_object_new_double(ops_s));
	json_object_object_add(p, "violations", json_object_new_int(0));
	json_object_object_add(p, "lost_updates", json_object_new_int(0));
	json_object_object_add(p, "oracle", json_object_new_string("pass"));
	json_object_object_add(w, "cpu", json_object_new_int(0));
	json_object_object_add(w, "ops", json_object_new_int64(ops));
	json_object_array_add(workers, w);
	json_object_object_add(p, "workers", workers);
	return p;
}

#endif
