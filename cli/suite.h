/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Benchmark suites (bench/suites/README.md): a file of `key = value`
 * lines, each key a `ksbench run` long option (lock, cpus, waiters,
 * repeat, shuffle, max-cv and every knob of knobs.h) and its value as on
 * the command line. Pure: text in, checked entries out. The values are
 * read by the run command's own option code (cmd_run.c), so a suite can
 * say nothing the command line cannot, and says it the same way.
 */
#ifndef KSB_SUITE_H
#define KSB_SUITE_H

#include <stdbool.h>
#include <stddef.h>

#define SUITE_ENTRIES_MAX	48	/* more than there are suite keys */
#define SUITE_KEY_MAX		32	/* with its NUL */
#define SUITE_VALUE_MAX		4096	/* with its NUL: a long --lock list */
#define SUITE_NAME_MAX		128
#define SUITE_FILE_MAX		(1u << 20)

struct suite_entry {
	char key[SUITE_KEY_MAX];	/* the option's long name: "max-cv" */
	char value[SUITE_VALUE_MAX];	/* trimmed; no blanks around commas */
	unsigned int line;		/* 1-based, for messages */
};

struct suite {
	char name[SUITE_NAME_MAX];	/* the file's base name without .suite */
	unsigned int nr;
	struct suite_entry entry[SUITE_ENTRIES_MAX];	/* in file order */
};

/*
 * Parses the len bytes of text, the contents of path (used for the name
 * and in messages). Blank lines and '#' comments (whole-line or after a
 * value) are skipped. Refused, with "PATH:LINE: ..." in err: a line
 * without '=', a key that is not a suite key (with a hint when it is a
 * run option that only the command line takes, such as target), a key
 * given twice, an empty value, both cpus and waiters, a NUL byte.
 * 0 or -1.
 */
int suite_parse(const char *path, const char *text, size_t len,
		struct suite *s, char *err, size_t errlen);

/* True for the keys a suite may set. */
bool suite_is_key(const char *key);

/* "bench/suites/quick.suite" -> "quick". */
void suite_name(const char *path, char *name, size_t len);

/* The entry for key, or NULL. */
const struct suite_entry *suite_find(const struct suite *s, const char *key);

#endif
