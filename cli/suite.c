// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "knobs.h"
#include "suite.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BLANKS		" \t"

/* The run options a suite may set besides the knobs (knob_table). */
static const char *const fixed_keys[] = {
	"lock", "cpus", "waiters", "repeat", "shuffle", "max-cv",
};

/*
 * Run options a suite may not set: a suite says what to measure, and
 * where it runs and where the result goes are the caller's (the same
 * suite runs on every target and kernel).
 */
static const char *const command_line_only[] = {
	"target", "kernel", "kernel-cmdline", "boots", "timeout", "output", "compact",
	"quiet", "no-correct", "suite", "help",
};

static bool in_list(const char *const *list, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], key))
			return true;
	return false;
}

bool suite_is_key(const char *key)
{
	unsigned int i;

	if (in_list(fixed_keys, ARRAY_SIZE(fixed_keys), key))
		return true;
	for (i = 0; i < NR_KNOBS; i++)
		if (!strcmp(knob_table[i].option, key))
			return true;
	return false;
}

void suite_name(const char *path, char *name, size_t len)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 6 && !strcmp(base + n - 6, ".suite"))
		n -= 6;
	snprintf(name, len, "%.*s", (int)n, base);
}

const struct suite_entry *suite_find(const struct suite *s, const char *key)
{
	unsigned int i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->entry[i].key, key))
			return &s->entry[i];
	return NULL;
}

/* [start, end) without leading and trailing blanks. */
static void trim(const char **start, const char **end)
{
	while (*start < *end && strchr(BLANKS, **start))
		(*start)++;
	while (*end > *start && strchr(BLANKS, (*end)[-1]))
		(*end)--;
}

/*
 * The value into buf without the blanks around its commas ("spinlock,
 * mutex" is the list "spinlock,mutex"); other blanks stay, for the
 * option's parser to refuse. -1 when it does not fit.
 */
static int copy_value(const char *v, const char *end, char *buf, size_t len)
{
	size_t n = 0;

	for (; v < end; v++) {
		if (strchr(BLANKS, *v)) {
			const char *next = v + strspn(v, BLANKS);

			if ((n && buf[n - 1] == ',') || (next < end && *next == ','))
				continue;
		}
		if (n + 1 >= len)
			return -1;
		buf[n++] = *v;
	}
	buf[n] = '\0';
	return 0;
}

/* An option's long name: a letter, then letters, digits and dashes. */
static bool key_chars_ok(const char *k, const char *end)
{
	if (k == end || *k < 'a' || *k > 'z')
		return false;
	for (; k < end; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '-'))
			return false;
	return true;
}

/* One line, [line, end) without its newline; blank and comment lines add nothing. */
static int parse_line(const char *path, unsigned int nr, const char *line,
		      const char *end, struct suite *s, char *err, size_t errlen)
{
	const char *hash = memchr(line, '#', (size_t)(end - line));
	const char *eq, *key, *key_end, *val, *val_end;
	const struct suite_entry *first;
	struct suite_entry *e;
	char k[SUITE_KEY_MAX];

	if (end > line && end[-1] == '\r')
		end--;
	if (hash)
		end = hash;
	trim(&line, &end);
	if (line == end)
		return 0;
	eq = memchr(line, '=', (size_t)(end - line));
	if (!eq) {
		snprintf(err, errlen, "%s:%u: expected 'key = value', not '%.*s'",
			 path, nr, (int)(end - line > 60 ? 60 : end - line), line);
		return -1;
	}
	key = line;
	key_end = eq;
	trim(&key, &key_end);
	if (!key_chars_ok(key, key_end) || (size_t)(key_end - key) >= sizeof(k)) {
		snprintf(err, errlen, "%s:%u: '%.*s' is not a key (keys are ksbench run's long options, such as max-cv)",
			 path, nr, (int)(key_end - key > 40 ? 40 : key_end - key), key);
		if (key_end - key > 2 && key[0] == '-' && key[1] == '-')
			snprintf(err, errlen, "%s:%u: '%.*s': write the key without its leading --",
				 path, nr, (int)(key_end - key > 40 ? 40 : key_end - key), key);
		return -1;
	}
	snprintf(k, sizeof(k), "%.*s", (int)(key_end - key), key);
	if (!suite_is_key(k)) {
		if (in_list(command_line_only, ARRAY_SIZE(command_line_only), k))
			snprintf(err, errlen, "%s:%u: '%s' is not a suite key: give --%s on the command line",
				 path, nr, k, k);
		else
			snprintf(err, errlen, "%s:%u: unknown key '%s' (suite keys: lock, cpus, waiters, repeat, shuffle, max-cv and the knobs in ksbench run --help)",
				 path, nr, k);
		return -1;
	}
	first = suite_find(s, k);
	if (first) {
		snprintf(err, errlen, "%s:%u: %s given twice (first on line %u)",
			 path, nr, k, first->line);
		return -1;
	}
	first = suite_find(s, !strcmp(k, "cpus") ? "waiters" :
			      !strcmp(k, "waiters") ? "cpus" : "");
	if (first) {
		snprintf(err, errlen, "%s:%u: %s: give cpus or waiters, not both (%s on line %u)",
			 path, nr, k, first->key, first->line);
		return -1;
	}
	val = eq + 1;
	val_end = end;
	trim(&val, &val_end);
	if (val == val_end) {
		snprintf(err, errlen, "%s:%u: %s: empty value", path, nr, k);
		return -1;
	}
	if (s->nr == SUITE_ENTRIES_MAX) {	/* unreachable: fewer keys exist */
		snprintf(err, errlen, "%s:%u: more than %d settings", path, nr,
			 SUITE_ENTRIES_MAX);
		return -1;
	}
	e = &s->entry[s->nr];
	if (copy_value(val, val_end, e->value, sizeof(e->value))) {
		snprintf(err, errlen, "%s:%u: %s: value longer than %d characters",
			 path, nr, k, SUITE_VALUE_MAX - 1);
		return -1;
	}
	snprintf(e->key, sizeof(e->key), "%s", k);
	e->line = nr;
	s->nr++;
	return 0;
}

int suite_parse(const char *path, const char *text, size_t len,
		struct suite *s, char *err, size_t errlen)
{
	const char *p = text, *end = text + len, *nl;
	unsigned int nr = 0;

	memset(s, 0, sizeof(*s));
	suite_name(path, s->name, sizeof(s->name));
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "%s: not a text file (it holds a NUL byte)", path);
		return -1;
	}
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (parse_line(path, ++nr, p, nl, s, err, errlen))
			return -1;
		p = nl + 1;
	}
	if (!s->nr) {
		snprintf(err, errlen, "%s: no settings (a suite has 'key = value' lines)", path);
		return -1;
	}
	return 0;
}
