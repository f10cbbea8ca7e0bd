/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Strings from a result file made safe for a terminal: a file someone sent
 * you must not be able to move the cursor, retitle the window or hide text
 * when `ksbench show` or `compare` prints its names. Control bytes (C0,
 * DEL, the C1 range U+0080..U+009F such as CSI, and bytes that are not
 * UTF-8) are shown escaped: "\x1b", "\n", "\t"; other text is unchanged.
 */
#ifndef KSB_TERMSAFE_H
#define KSB_TERMSAFE_H

#include <stdbool.h>
#include <stddef.h>

struct json_object;

/* True when s[0..len) prints as itself. */
bool termsafe_is_plain(const char *s, size_t len);

/* The escaped rendering of s[0..len), malloc'd; NULL when out of memory. */
char *termsafe_dup(const char *s, size_t len);

/*
 * Every string and member name in doc replaced by its rendering, for the
 * terminal formats (show, compare's table and markdown); 0, or -1 when
 * out of memory.
 */
int termsafe_doc(struct json_object *doc);

/* A one-line message (an error naming file strings) escaped in place. */
void termsafe_line(char *buf, size_t len);

#endif
