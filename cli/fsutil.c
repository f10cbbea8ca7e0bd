// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

int fs_write_atomic(const char *path, const void *data, size_t len,
		    char *err, size_t errlen)
{
	char tmp[PATH_MAX], dir[PATH_MAX];
	const char *what;
	int fd, saved;

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
	if (rename(tmp, path))
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
	snprintf(err, errlen, "%s: %s failed: %s", path, what, strerror(errno));
	unlink(tmp);
	return -1;
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
