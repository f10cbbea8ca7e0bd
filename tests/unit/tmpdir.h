/* SPDX-License-Identifier: GPL-2.0 */
/* Scratch directories for the tests that write files. */
#ifndef KSB_TEST_TMPDIR_H
#define KSB_TEST_TMPDIR_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh directory under $TMPDIR or /tmp; the name goes into buf. */
static inline char *tmpdir_new(char *buf, size_t len)
{
	const char *base = getenv("TMPDIR");

	snprintf(buf, len, "%s/ksbench-test.XXXXXX", base && *base ? base : "/tmp");
	return mkdtemp(buf);
}

/* Entries of dir, not counting . and ..; -1 if unreadable. */
static inline int tmpdir_count(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* Removes the files of a flat scratch directory, then the directory. */
static inline void tmpdir_remove(const char *dir)
{
	char path[4096];
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

#endif
