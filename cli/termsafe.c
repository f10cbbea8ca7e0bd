// SPDX-License-Identifier: GPL-2.0
/* File strings made safe for a terminal (termsafe.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "termsafe.h"

/*
 * The length of the UTF-8 sequence at s (at most len bytes) when it is
 * well formed and not a C1 control; 0 otherwise.
 */
static size_t utf8_printable(const unsigned char *s, size_t len)
{
	size_t n, i;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	n = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (n == 2 && s[0] == 0xc2 && s[1] < 0xa0)	/* U+0080..U+009F */
		return 0;
	if ((n == 3 && s[0] == 0xe0 && s[1] < 0xa0) ||	/* overlong */
	    (n == 4 && s[0] == 0xf0 && s[1] < 0x90) ||
	    (n == 4 && s[0] == 0xf4 && s[1] > 0x8f))	/* beyond U+10FFFF */
		return 0;
	return n;
}

/* Bytes at s[i] that print as themselves: 1 or a sequence, or 0. */
static size_t plain_run(const unsigned char *s, size_t len, size_t i)
{
	if (s[i] >= 0x20 && s[i] < 0x7f)
		return 1;
	return s[i] >= 0x80 ? utf8_printable(s + i, len - i) : 0;
}

bool termsafe_is_plain(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n;

	for (i = 0; i < len; i += n)
		if (!(n = plain_run(u, len, i)))
			return false;
	return true;
}

char *termsafe_dup(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	char *out = malloc(4 * len + 1), *o = out;
	size_t i, n;

	if (!out)
		return NULL;
	for (i = 0; i < len; i += n) {
		n = plain_run(u, len, i);
		if (n) {
			memcpy(o, s + i, n);
			o += n;
			continue;
		}
		n = 1;
		if (u[i] == '\n' || u[i] == '\t' || u[i] == '\r') {
			*o++ = '\\';
			*o++ = u[i] == '\n' ? 'n' : u[i] == '\t' ? 't' : 'r';
		} else {
			o += sprintf(o, "\\x%02x", u[i]);
		}
	}
	*o = '\0';
	return out;
}

static struct json_object *safe_string(struct json_object *v)
{
	const char *s = json_object_get_string(v);
	size_t len = (size_t)json_object_get_string_len(v);
	char *safe;

	if (termsafe_is_plain(s, len))
		return json_object_get(v);
	safe = termsafe_dup(s, len);
	v = safe ? json_object_new_string(safe) : NULL;
	free(safe);
	return v;
}

static int safe_value(struct json_object **v);

/* A new object: the same members, names and values made safe. */
static int safe_object(struct json_object **obj)
{
	struct json_object *copy = json_object_new_object(), *val;
	char *key;

	if (!copy)
		return -1;
	json_object_object_foreach(*obj, k, v) {
		val = json_object_get(v);
		key = termsafe_dup(k, strlen(k));
		if (!key || safe_value(&val) || json_object_object_add(copy, key, val)) {
			free(key);
			json_object_put(val);
			json_object_put(copy);
			return -1;
		}
		free(key);
	}
	json_object_put(*obj);
	*obj = copy;
	return 0;
}

/* Containers, and strings that do not print as themselves. */
static bool needs_look(struct json_object *v)
{
	if (json_object_is_type(v, json_type_string))
		return !termsafe_is_plain(json_object_get_string(v),
					  (size_t)json_object_get_string_len(v));
	return json_object_is_type(v, json_type_object) ||
	       json_object_is_type(v, json_type_array);
}

/* The members' values made safe where they are (the names are). */
static int safe_members(struct json_object *obj)
{
	struct json_object *val;

	json_object_object_foreach(obj, k, v) {
		if (!needs_look(v))
			continue;
		val = json_object_get(v);
		if (safe_value(&val)) {
			json_object_put(val);
			return -1;
		}
		json_object_object_add(obj, k, val);
	}
	return 0;
}

static bool names_plain(struct json_object *obj)
{
	json_object_object_foreach(obj, k, v) {
		(void)v;
		if (!termsafe_is_plain(k, strlen(k)))
			return false;
	}
	return true;
}

/* *v (a reference the caller owns) replaced by its safe version. */
static int safe_value(struct json_object **v)
{
	struct json_object *e;
	size_t i;

	if (json_object_is_type(*v, json_type_string)) {
		e = safe_string(*v);
		if (!e)
			return -1;
		json_object_put(*v);
		*v = e;
	} else if (json_object_is_type(*v, json_type_object)) {
		/* most objects keep their names: changed in place, not copied */
		return names_plain(*v) ? safe_members(*v) : safe_object(v);
	} else if (json_object_is_type(*v, json_type_array)) {
		for (i = 0; i < json_object_array_length(*v); i++) {
			e = json_object_array_get_idx(*v, i);
			if (!needs_look(e))
				continue;
			e = json_object_get(e);
			if (safe_value(&e)) {
				json_object_put(e);
				return -1;
			}
			json_object_array_put_idx(*v, i, e);
		}
	}
	return 0;
}

int termsafe_doc(struct json_object *doc)
{
	/* the document itself stays: its members are replaced in place */
	return json_object_is_type(doc, json_type_object) ? safe_members(doc) : 0;
}

void termsafe_line(char *buf, size_t len)
{
	char *safe;

	if (termsafe_is_plain(buf, strlen(buf)))
		return;
	safe = termsafe_dup(buf, strlen(buf));
	if (safe)
		snprintf(buf, len, "%s", safe);
	free(safe);
}
