// SPDX-License-Identifier: GPL-2.0
/*
 * newc format (the kernel's Documentation/driver-api/early-userspace/
 * buffer-format.rst): "070701", thirteen 8-digit hex fields, the name with
 * its NUL, padding to 4 bytes, the data, padding to 4 bytes. The archive
 * ends with an entry named "TRAILER!!!".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpio.h"

static int cpio_fail(struct cpio_writer *w, int err)
{
	if (!w->error)
		w->error = err;
	errno = w->error;
	return -1;
}

static void cpio_pad(struct cpio_writer *w)
{
	static const char zeros[4];
	long pos = ftell(w->out);

	if (pos >= 0 && pos % 4)
		fwrite(zeros, 1, 4 - (size_t)(pos % 4), w->out);
}

/* The archive's names are relative to the root: "bin/busybox". */
static const char *archive_name(const char *name)
{
	return name + strspn(name, "/");
}

static int cpio_header(struct cpio_writer *w, const char *name, mode_t mode,
		       size_t size)
{
	const char *rel = archive_name(name);

	fprintf(w->out,
		"070701%08lX%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		w->next_ino++, (unsigned int)mode, 0, 0,	/* ino mode uid gid */
		S_ISDIR(mode) ? 2U : 1U, 0,			/* nlink mtime */
		size, 0, 0, 0, 0,				/* size dev rdev */
		strlen(rel) + 1, 0);				/* namesize check */
	fwrite(rel, 1, strlen(rel) + 1, w->out);
	cpio_pad(w);
	return ferror(w->out) ? cpio_fail(w, EIO) : 0;
}

static bool dir_written(const struct cpio_writer *w, const char *rel)
{
	size_t i;

	for (i = 0; i < w->nr_dirs; i++)
		if (!strcmp(w->dirs[i], rel))
			return true;
	return false;
}

static int write_dir(struct cpio_writer *w, const char *rel, mode_t perm)
{
	char **more, *copy;

	if (dir_written(w, rel))
		return 0;
	more = realloc(w->dirs, (w->nr_dirs + 1) * sizeof(*more));
	if (!more)
		return cpio_fail(w, ENOMEM);
	w->dirs = more;
	copy = strdup(rel);
	if (!copy)
		return cpio_fail(w, ENOMEM);
	w->dirs[w->nr_dirs++] = copy;
	return cpio_header(w, rel, S_IFDIR | perm, 0);
}

/* The kernel unpacks entries in order, so parents must come first. */
static int write_parents(struct cpio_writer *w, const char *name)
{
	char path[4096];
	char *slash;

	if (snprintf(path, sizeof(path), "%s", archive_name(name)) >= (int)sizeof(path))
		return cpio_fail(w, ENAMETOOLONG);
	for (slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (write_dir(w, path, 0755))
			return -1;
		*slash = '/';
	}
	return 0;
}

int cpio_create(struct cpio_writer *w, const char *path)
{
	memset(w, 0, sizeof(*w));
	w->next_ino = 1;
	w->out = fopen(path, "we");
	return w->out ? 0 : -1;
}

int cpio_add_dir(struct cpio_writer *w, const char *name, mode_t perm)
{
	if (w->error)
		return cpio_fail(w, w->error);
	if (write_parents(w, name))
		return -1;
	return write_dir(w, archive_name(name), perm);
}

int cpio_add_data(struct cpio_writer *w, const char *name, mode_t perm,
		  const void *data, size_t len)
{
	if (w->error)
		return cpio_fail(w, w->error);
	if (write_parents(w, name) || cpio_header(w, name, S_IFREG | perm, len))
		return -1;
	fwrite(data, 1, len, w->out);
	cpio_pad(w);
	return ferror(w->out) ? cpio_fail(w, EIO) : 0;
}

/* The header promised size bytes: a file that shrinks meanwhile is an error. */
static int copy_data(struct cpio_writer *w, int fd, size_t size)
{
	char buf[65536];
	ssize_t n;

	while (size) {
		n = read(fd, buf, size < sizeof(buf) ? size : sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return cpio_fail(w, n < 0 ? errno : EIO);
		fwrite(buf, 1, (size_t)n, w->out);
		size -= (size_t)n;
	}
	cpio_pad(w);
	return ferror(w->out) ? cpio_fail(w, EIO) : 0;
}

int cpio_add_file(struct cpio_writer *w, const char *name, mode_t perm,
		  const char *host_path)
{
	struct stat st;
	int fd, ret;

	if (w->error)
		return cpio_fail(w, w->error);
	fd = open(host_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return cpio_fail(w, errno);
	if (fstat(fd, &st))
		ret = cpio_fail(w, errno);
	else if (!S_ISREG(st.st_mode))
		ret = cpio_fail(w, EINVAL);
	else
		ret = write_parents(w, name);
	if (!ret)
		ret = cpio_header(w, name, S_IFREG | (perm ? perm : st.st_mode & 07777),
				  (size_t)st.st_size);
	if (!ret)
		ret = copy_data(w, fd, (size_t)st.st_size);
	close(fd);
	return ret;
}

int cpio_finish(struct cpio_writer *w)
{
	size_t i;
	int err = w->error;

	if (!err && cpio_header(w, "TRAILER!!!", 0, 0))
		err = w->error;
	if (fclose(w->out) && !err)
		err = errno;
	for (i = 0; i < w->nr_dirs; i++)
		free(w->dirs[i]);
	free(w->dirs);
	memset(w, 0, sizeof(*w));
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}
