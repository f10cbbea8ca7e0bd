/* SPDX-License-Identifier: GPL-2.0 */
/*
 * File helpers with the guarantees ksbench promises: a written file is
 * whole or absent, a read file is whole and NUL-terminated. Errors come back
 * as one line naming the path and the system's reason.
 */
#ifndef KSB_FSUTIL_H
#define KSB_FSUTIL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * Writes data to path, whole or not at all, and never replaces what is
 * not a regular file (docs/faults-cli.md, "-o PATH"):
 * - no file, or a regular file: a temporary file in path's directory,
 *   fsynced, renamed over path, the directory fsynced; on failure nothing
 *   is left behind and an old file stays as it was;
 * - a symbolic link: the same at the file it points to (the link stays);
 *   a link to nothing is refused;
 * - a character device (/dev/null, a terminal) or a FIFO: opened and
 *   written through, once;
 * - a directory, a block device, a socket, "", a name ending in '/':
 *   refused.
 */
int fs_write_atomic(const char *path, const void *data, size_t len,
		    char *err, size_t errlen);

/* What fs_write_atomic makes of an output path. */
struct fs_output {
	char path[PATH_MAX];	/* where it writes: path, or a link's target */
	bool via_link;		/* path was a symbolic link */
	bool through;		/* a device or FIFO, written through */
};

/*
 * fs_write_atomic's rules applied to path without writing; -1 with the
 * reason when it would refuse it.
 */
int fs_output_resolve(const char *path, struct fs_output *out, char *err, size_t errlen);

/*
 * Whether fs_write_atomic(path) could write: its rules, and for a file
 * its directory exists and takes a new file (one is made and removed).
 * -1 with a line saying why not.
 */
int fs_output_check(const char *path, char *err, size_t errlen);

/*
 * fs_write_atomic(path), and when that fails, the data saved instead in
 * the first of dirs[] (NULL-terminated; each created if missing) that
 * takes it, as <dir>/<base of path>.json, or -2, -3 ... never over a file
 * there. Returns 0 (at path), 1 (saved elsewhere: *saved names it) or -1
 * (nowhere); err says why path failed.
 */
int fs_write_or_save(const char *path, const void *data, size_t len,
		     const char *const *dirs, char *saved, size_t savedlen,
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
