// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"

void fs_dirname(const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(buf, len, ".");
	else if (slash == path)
		snprintf(buf, len, "/");
	else
		snprintf(buf, len, "%.*s", (int)(slash - path), path);
}

static const char *fs_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int fs_make_temp_near(const char *path, const char *tag, char *buf, size_t len,
		      char *err, size_t errlen)
{
	char dir[PATH_MAX];
	int fd;

	fs_dirname(path, dir, sizeof(dir));
	if ((size_t)snprintf(buf, len, "%s/.%s%sXXXXXX", dir, fs_basename(path),
			     tag) >= len) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
	fd = mkstemp(buf);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot create a file in %s: %s",
			 path, dir, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The rename is durable only once the directory entry is on disk too. */
static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = fsync(fd);
	close(fd);
	return ret;
}

/*
 * A new file at path, whole or absent: written to a temporary file in its
 * directory, fsynced, then renamed to path (over a regular file there, or,
 * with no_clobber, only if there is none), and the directory fsynced.
 */
static int place_atomic(const char *path, const void *data, size_t len, bool no_clobber,
			char *err, size_t errlen)
{
	char tmp[PATH_MAX], dir[PATH_MAX];
	const char *what;
	int fd, saved, ret;

	if (fs_make_temp_near(path, ".tmp", tmp, sizeof(tmp), err, errlen))
		return -1;
	fd = open(tmp, O_WRONLY | O_TRUNC | O_CLOEXEC);
	what = "open";
	if (fd < 0)
		goto fail;
	what = "write";
	if (write_all(fd, data, len))
		goto fail_close;
	/* mkstemp makes 0600; a result file is as readable as any output. */
	what = "chmod";
	if (fchmod(fd, 0644))
		goto fail_close;
	what = "fsync";
	if (fsync(fd))
		goto fail_close;
	what = "close";
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	what = "rename";
	ret = no_clobber ? renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) :
	      rename(tmp, path);
	if (ret && no_clobber && errno == EINVAL) {	/* a filesystem without NOREPLACE */
		ret = link(tmp, path);
		if (!ret)
			unlink(tmp);
	}
	if (ret)
		goto fail;
	fs_dirname(path, dir, sizeof(dir));
	if (fsync_dir(dir)) {
		snprintf(err, errlen, "%s: fsync of %s failed: %s", path, dir,
			 strerror(errno));
		return -1;
	}
	return 0;

fail_close:
	saved = errno;
	close(fd);
	errno = saved;
fail:
	saved = errno;
	snprintf(err, errlen, "%s: %s failed: %s", path, what, strerror(errno));
	unlink(tmp);
	errno = saved;
	return -1;
}

/*
 * A device or FIFO at path: opened as it is (never replaced), written once,
 * whole. A reader that goes away must not kill us with SIGPIPE.
 */
static int write_through(const char *path, const void *data, size_t len,
			 char *err, size_t errlen)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	int fd, ret, saved;

	fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: open failed: %s", path, strerror(errno));
		return -1;
	}
	sigaction(SIGPIPE, &ign, &old);
	ret = write_all(fd, data, len);
	saved = errno;
	sigaction(SIGPIPE, &old, NULL);
	if (close(fd) && !ret) {
		ret = -1;
		saved = errno;
	}
	if (ret)
		snprintf(err, errlen, "%s: write failed: %s", path, strerror(saved));
	return ret;
}

int fs_output_resolve(const char *path, struct fs_output *out, char *err, size_t errlen)
{
	struct stat st;
	size_t n = strlen(path);
	char *real;

	memset(out, 0, sizeof(*out));
	if (!n) {
		snprintf(err, errlen, "empty file name");
		return -1;
	}
	if (path[n - 1] == '/') {
		snprintf(err, errlen, "%s: ends in '/': a directory, not a file name", path);
		return -1;
	}
	if (snprintf(out->path, sizeof(out->path), "%s", path) >= (int)sizeof(out->path)) {
		snprintf(err, errlen, "%.200s...: path too long", path);
		return -1;
	}
	if (lstat(path, &st)) {
		if (errno == ENOENT)
			return 0;	/* a new file: its directory is checked by the write */
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		/* written where the link points, the link kept */
		real = realpath(path, NULL);
		if (!real || stat(real, &st)) {
			snprintf(err, errlen, "%s: a symbolic link to nothing that exists: "
				 "not followed (remove it, or name the file)", path);
			free(real);
			return -1;
		}
		snprintf(out->path, sizeof(out->path), "%s", real);
		free(real);
		out->via_link = true;
	}
	if (S_ISREG(st.st_mode))
		return 0;
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
		out->through = true;
		return 0;
	}
	snprintf(err, errlen, "%s: %s: ksbench writes a regular file, a FIFO or a character device",
		 path, S_ISDIR(st.st_mode) ? "is a directory" : S_ISBLK(st.st_mode) ?
		 "is a block device" : "is a socket or another special file");
	return -1;
}

int fs_write_atomic(const char *path, const void *data, size_t len,
		    char *err, size_t errlen)
{
	struct fs_output out;

	if (fs_output_resolve(path, &out, err, errlen))
		return -1;
	if (out.through)
		return write_through(out.path, data, len, err, errlen);
	return place_atomic(out.path, data, len, false, err, errlen);
}

int fs_read_file(const char *path, size_t max, char **data, size_t *len,
		 char *err, size_t errlen)
{
	size_t used = 0, cap = 4096;
	char *buf = NULL, *bigger;
	ssize_t n;
	int fd, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	for (;;) {
		if (used + 1 >= cap || !buf) {
			if (buf)
				cap *= 2;
			bigger = realloc(buf, cap);
			if (!bigger) {
				errno = ENOMEM;
				goto fail;
			}
			buf = bigger;
		}
		n = read(fd, buf + used, cap - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		if (n == 0)
			break;
		used += (size_t)n;
		if (used > max) {
			errno = EFBIG;
			goto fail;
		}
	}
	close(fd);
	buf[used] = '\0';
	*data = buf;
	if (len)
		*len = used;
	return 0;

fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	free(buf);
	snprintf(err, errlen, "%s: %s", path, strerror(saved));
	errno = saved;
	return -1;
}

int fs_read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	char *ok;

	if (!f)
		return -1;
	ok = fgets(buf, (int)len, f);
	fclose(f);
	if (!ok)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

int fs_ensure_dir(const char *dir, char *err, size_t errlen)
{
	struct stat st;

	if (!mkdir(dir, 0755))
		return 0;
	if (errno == EEXIST && !stat(dir, &st) && S_ISDIR(st.st_mode))
		return 0;
	snprintf(err, errlen, "cannot create directory %s: %s", dir,
		 strerror(errno == EEXIST ? ENOTDIR : errno));
	return -1;
}

int fs_output_check(const char *path, char *err, size_t errlen)
{
	char dir[PATH_MAX], tmp[PATH_MAX], msg[PATH_MAX + 128];
	struct fs_output out;
	struct stat st;

	if (fs_output_resolve(path, &out, err, errlen))
		return -1;
	if (out.through) {
		if (access(out.path, W_OK)) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
		return 0;
	}
	fs_dirname(out.path, dir, sizeof(dir));
	if (stat(dir, &st)) {
		snprintf(err, errlen, "%s: directory %s: %s", path, dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: %s is not a directory", path, dir);
		return -1;
	}
	/* the write's own first step, undone: proves the directory takes a file */
	if (fs_make_temp_near(out.path, ".check", tmp, sizeof(tmp), msg, sizeof(msg))) {
		snprintf(err, errlen, "%s: cannot create a file in directory %s: %s", path, dir,
			 strerror(errno));
		return -1;
	}
	unlink(tmp);
	return 0;
}

/* dir/<base of path>[-N] with ".json" unless it ends so. */
static void save_name(const char *dir, const char *path, unsigned int n, char *buf, size_t len)
{
	const char *base = fs_basename(path);
	size_t blen = strlen(base);
	bool json = blen > 5 && !strcmp(base + blen - 5, ".json");
	char num[16] = "";

	if (json)
		blen -= 5;
	if (n > 1)
		snprintf(num, sizeof(num), "-%u", n);
	snprintf(buf, len, "%s/%.*s%s.json", dir, (int)blen, base, num);
}

int fs_write_or_save(const char *path, const void *data, size_t len,
		     const char *const *dirs, char *saved, size_t savedlen,
		     char *err, size_t errlen)
{
	char msg[PATH_MAX + 256];
	unsigned int n;
	size_t i;

	saved[0] = '\0';
	if (!fs_write_atomic(path, data, len, err, errlen))
		return 0;
	for (i = 0; dirs[i]; i++) {
		if (mkdir(dirs[i], 0755) && errno != EEXIST)
			continue;
		for (n = 1; n < 100; n++) {
			save_name(dirs[i], path, n, saved, savedlen);
			if (!place_atomic(saved, data, len, true, msg, sizeof(msg)))
				return 1;
			if (errno != EEXIST)
				break;
		}
	}
	saved[0] = '\0';
	return -1;
}
