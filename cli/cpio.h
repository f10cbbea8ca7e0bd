/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A writer for the "newc" cpio archives the kernel unpacks as its
 * initramfs. Writing the archive directly from host files, instead of
 * copying them into a tree and running cpio(1) over it, makes every entry
 * root-owned whoever runs ksbench, and costs no copies.
 *
 * Entries take archive paths ("/bin/busybox" or "bin/busybox"); missing
 * parent directories are added (0755) before the entry. Every function
 * returns 0, or -1 with errno set; the first error sticks, so a caller may
 * check only cpio_finish().
 */
#ifndef KSB_CPIO_H
#define KSB_CPIO_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct cpio_writer {
	FILE *out;
	unsigned long next_ino;
	int error;		/* errno of the first failure, 0 if none */
	char **dirs;		/* directories written so far */
	size_t nr_dirs;
};

int cpio_create(struct cpio_writer *w, const char *path);
int cpio_add_dir(struct cpio_writer *w, const char *name, mode_t perm);
int cpio_add_data(struct cpio_writer *w, const char *name, mode_t perm,
		  const void *data, size_t len);
/* Copies a host file; perm 0 keeps the host file's permission bits. */
int cpio_add_file(struct cpio_writer *w, const char *name, mode_t perm,
		  const char *host_path);
/* Writes the trailer and closes; on an earlier error only closes. */
int cpio_finish(struct cpio_writer *w);

#endif
