// SPDX-License-Identifier: GPL-2.0
/* One kernel's boots merged into one result document (boot_merge.h). */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "boot_merge.h"
#include "json_get.h"

#define add(obj, key, val)	json_object_object_add(obj, key, val)

int boot_merge_init(struct boot_merge *m, unsigned int boots)
{
	*m = (struct boot_merge) { .boots = boots };
	m->records = json_object_new_array();
	return m->records ? 0 : -1;
}

static struct json_object *iso8601(time_t t)
{
	char buf[32];
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_object_new_string(buf);
}

static struct json_object *str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static const char *slowpath_of(struct json_object *doc)
{
	struct json_object *host = json_object_object_get(doc, "host");

	return json_get_str(json_object_object_get(host, "kernel_flags"), "spin_slowpath");
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/*
 * Why doc cannot join the merged one, or NULL: one file has one params,
 * one kernel, and one spinlock slow path (compare refuses to align
 * points measured on different ones).
 */
static const char *mismatch(const struct boot_merge *m, struct json_object *doc)
{
	struct json_object *h0 = json_object_object_get(m->doc, "host");
	struct json_object *h1 = json_object_object_get(doc, "host");

	if (!json_object_equal(json_object_object_get(m->doc, "params"),
			       json_object_object_get(doc, "params")))
		return "its params differ from the first kept boot's";
	if (!same_str(json_get_str(h0, "kernel_release"), json_get_str(h1, "kernel_release")))
		return "it booted another kernel release than the first kept boot";
	if (!same_str(slowpath_of(m->doc), slowpath_of(doc)))
		return "its spinlock slow path differs from the first kept boot's";
	return NULL;
}

/* Each element of array: "boot": k, "repeat" shifted to boot k's rounds. */
static void mark_boot(struct json_object *array, unsigned int boot, int64_t repeats)
{
	struct json_object *e;
	size_t i;

	for (i = 0; array && i < json_object_array_length(array); i++) {
		e = json_object_array_get_idx(array, i);
		add(e, "boot", json_object_new_int64(boot));
		add(e, "repeat", json_object_new_int64((int64_t)(boot - 1) * repeats +
						       json_get_int(e, "repeat")));
	}
}

/* Moves every element of from's array key to the end of into's. */
static void move_array(struct json_object *into, struct json_object *from, const char *key)
{
	struct json_object *src = json_object_object_get(from, key);
	struct json_object *dst = json_object_object_get(into, key);
	size_t i;

	if (!json_object_is_type(src, json_type_array) || !json_object_array_length(src))
		return;
	if (!json_object_is_type(dst, json_type_array)) {
		dst = json_object_new_array();
		add(into, key, dst);
	}
	for (i = 0; i < json_object_array_length(src); i++)
		json_object_array_add(dst, json_object_get(json_object_array_get_idx(src, i)));
}

static size_t nr_points(struct json_object *doc)
{
	struct json_object *points = json_object_object_get(doc, "points");

	return json_object_is_type(points, json_type_array) ? json_object_array_length(points) : 0;
}

static struct json_object *record_new(const struct boot_record *r, struct json_object *doc,
				      bool kept, const char *problem)
{
	struct json_object *o = json_object_new_object();
	struct json_object *host = json_object_object_get(doc, "host");

	add(o, "boot", json_object_new_int64(r->boot));
	add(o, "started", iso8601(r->started));
	add(o, "seconds", r->seconds >= 0 ? json_object_new_double(r->seconds) : NULL);
	add(o, "console_log", str_or_null(r->console_log));
	add(o, "exit_status", json_object_new_int(r->exit_status));
	add(o, "interrupted", json_object_new_boolean(r->interrupted));
	add(o, "kept", json_object_new_boolean(kept));
	add(o, "points", json_object_new_int64(kept ? (int64_t)nr_points(doc) : 0));
	add(o, "problem", str_or_null(problem));
	add(o, "failed_boots", json_object_new_int64(r->failed_boots));
	/* the guest's own facts of this boot */
	add(o, "created", str_or_null(json_get_str(doc, "created")));
	add(o, "clocksource", str_or_null(json_get_str(host, "clocksource")));
	add(o, "spin_slowpath", str_or_null(slowpath_of(doc)));
	return o;
}

int boot_merge_add(struct boot_merge *m, struct json_object *doc,
		   const struct boot_record *r, char *err, size_t errlen)
{
	const char *why = doc && m->doc ? mismatch(m, doc) : NULL;
	int64_t repeats = json_get_int(json_object_object_get(doc, "params"), "repeat");
	struct json_object *rec;
	bool kept = doc && !why;

	rec = record_new(r, doc, kept, why ? why : r->problem);
	if (!rec) {
		json_object_put(doc);
		return -1;
	}
	json_object_array_add(m->records, rec);
	if (kept) {
		mark_boot(json_object_object_get(doc, "points"), r->boot, repeats);
		mark_boot(json_object_object_get(doc, "skipped"), r->boot, repeats);
	}
	if (kept && !m->doc) {
		m->doc = doc;
		m->kept = 1;
		return 0;
	}
	if (kept) {
		move_array(m->doc, doc, "points");
		move_array(m->doc, doc, "skipped");
		if (json_object_get_boolean(json_object_object_get(doc, "interrupted")))
			add(m->doc, "interrupted", json_object_new_boolean(1));
		m->kept++;
	}
	json_object_put(doc);
	if (why)
		snprintf(err, errlen, "%s", why);
	return why ? 1 : 0;
}

struct json_object *boot_merge_finish(struct boot_merge *m)
{
	struct json_object *doc = m->doc;

	if (doc) {
		add(json_object_object_get(doc, "params"), "boots",
		    json_object_new_int64(m->boots));
		add(doc, "boots", m->records);
	} else {
		json_object_put(m->records);
	}
	*m = (struct boot_merge) { 0 };
	return doc;
}

void boot_merge_free(struct boot_merge *m)
{
	json_object_put(m->doc);
	json_object_put(m->records);
	*m = (struct boot_merge) { 0 };
}
