/* SPDX-License-Identifier: GPL-2.0 */
/*
 * File helpers with the guarantees ksbench promises: a written file is
 * whole or absent, a read file is whole and NUL-terminated. Errors come back
 * as one line naming the path and the system's reason.
 */
#ifndef KSB_FSUTIL_H
#define KSB_FSUTIL_H

#include <stddef.h>

/*
 * Writes data to a temporary file in path's directory, fsyncs it, renames
 * it over path and fsyncs the directory. On failure nothing is left behind.
 */
int fs_write_atomic(const char *path, const void *data, size_t len,
		    char *err, size_t errlen);

/*
 * Reads a whole file, up to max bytes, into a malloc'ed NUL-terminated
 * buffer; works on debugfs and procfs files, whose size reads as 0.
 */
int fs_read_file(const char *path, size_t max, char **data, size_t *len,
		 char *err, size_t errlen);

/* The first line of a small file, without its newline. */
int fs_read_line(const char *path, char *buf, size_t len);

/* Creates dir unless it exists (one level, 0755). */
int fs_ensure_dir(const char *dir, char *err, size_t errlen);

/* The directory part of path into buf ("." for a bare name). */
void fs_dirname(const char *path, char *buf, size_t len);

/*
 * Creates an empty file named <dir of path>/.<base of path><tag>XXXXXX and
 * returns its name in buf: a scratch file on the same filesystem as path.
 */
int fs_make_temp_near(const char *path, const char *tag, char *buf, size_t len,
		      char *err, size_t errlen);

#endif
