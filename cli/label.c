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

/* The length of the UTF-8 character at s (1-4), or 0 when it is none. */
static size_t utf8_char(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* overlong forms, UTF-16 surrogates, beyond U+10FFFF */
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
		return 0;
	return n;
}

/*
 * Copies the characters of p into buf while they fit in room bytes: a
 * character that is not printable UTF-8 as '?'. Returns the bytes
 * written; *end, when not NULL, is where it stopped (at the NUL when
 * all fit).
 */
static size_t printable_copy(const unsigned char *p, char *buf, size_t room,
			     const unsigned char **end)
{
	size_t used = 0, n;
	bool ok;

	while (*p) {
		n = utf8_char(p);
		ok = n && *p >= 0x20 && *p != 0x7f &&
		     !(n == 2 && p[0] == 0xc2 && p[1] < 0xa0);	/* C1: U+0080..U+009F */
		if (used + (ok ? n : 1) > room)
			break;
		if (ok)
			memcpy(buf + used, p, n);
		else
			buf[used] = '?';
		used += ok ? n : 1;
		p += n ? n : 1;
	}
	if (end)
		*end = p;
	return used;
}

void label_printable(const char *s, char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)(s ? s : ""), *end;
	size_t used;

	if (!len)
		return;
	used = printable_copy(p, buf, len - 1, &end);
	if (*end && len > 4) {	/* cut: end with "..." where it fits */
		used = printable_copy(p, buf, len - 4, NULL);
		memcpy(buf + used, "...", 3);
		used += 3;
	}
	buf[used] = '\0';
}
