// SPDX-License-Identifier: GPL-2.0
/* The module's lock and clock facts for the host section (clock_facts.h). */
#include <stdint.h>

#include <json-c/json.h>

#include "clock_facts.h"
#include "module_text.h"

static struct json_object *int_or_null(const struct module_text *info, const char *key)
{
	int64_t v;

	return mt_int(info->fields, key, &v) ? NULL : json_object_new_int64(v);
}

void clock_facts_add_flags(struct json_object *flags, const struct module_text *info)
{
	const char *path = mt_str(info->fields, "spin_slowpath");
	int64_t bit;

	json_object_object_add(flags, "spin_slowpath", path ? json_object_new_string(path) : NULL);
	/* -1: an architecture without the bit */
	json_object_object_add(flags, "hypervisor_bit",
			       mt_int(info->fields, "hypervisor_bit", &bit) || bit < 0 ? NULL :
			       json_object_new_boolean(bit != 0));
}

struct json_object *clock_facts_check_new(const struct module_text *info)
{
	static const struct {
		const char *json, *info;
	} keys[] = {
		{ "duration_ns", "clock_check_ns" },
		{ "cpus", "clock_check_cpus" },
		{ "reads", "clock_check_reads" },
		{ "handovers", "clock_check_handovers" },
		{ "backward_steps", "clock_backward_steps" },
		{ "max_backward_ns", "clock_backward_max_ns" },
	};
	const char *clock = mt_str(info->fields, "clock_check_clock");
	struct json_object *c;
	size_t i;

	if (!clock)
		return NULL;
	c = json_object_new_object();
	json_object_object_add(c, "clock", json_object_new_string(clock));
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		json_object_object_add(c, keys[i].json, int_or_null(info, keys[i].info));
	return c;
}
