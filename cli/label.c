// SPDX-License-Identifier: GPL-2.0
/* Names for result files in tables, keys and titles (label.h). */
#include <stdio.h>
#include <stdbool.h>
#include <string.h>

#include <json-c/json.h>

#include "label.h"

static const char *string_at(struct json_object *doc, const char *object,
			     const char *key)
{
	struct json_object *o, *v;

	if (!json_object_object_get_ex(doc, object, &o) ||
	    !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static int int_at(struct json_object *doc, const char *object, const char *key)
{
	struct json_object *o, *v;

	if (!json_object_object_get_ex(doc, object, &o) ||
	    !json_object_object_get_ex(o, key, &v))
		return 0;
	return json_object_get_int(v);
}

void label_kernel(struct json_object *doc, char *buf, size_t len)
{
	const char *release = string_at(doc, "host", "kernel_release");
	const char *flavour = string_at(doc, "kernel", "flavour");
	bool debug = int_at(doc, "host", "debug");

	snprintf(buf, len, "%s%s%s%s", release ? release : "unknown kernel",
		 flavour && *flavour ? " " : "", flavour ? flavour : "",
		 debug ? " debug" : "");
}

void label_host(struct json_object *doc, char *buf, size_t len)
{
	const char *machine = string_at(doc, "vm", "host_cpu_model");
	const char *accel = string_at(doc, "vm", "accel");

	if (!machine)
		machine = string_at(doc, "host", "cpu_model");
	if (!machine)
		machine = "unknown CPU";
	if (accel)
		snprintf(buf, len, "%s, VM %s %d vCPUs", machine, accel,
			 int_at(doc, "vm", "smp"));
	else
		snprintf(buf, len, "%s, %d CPUs", machine,
			 int_at(doc, "host", "online_cpus"));
}
