// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scratch.h"

#define SUFFIX_LEN	6	/* mkdtemp's XXXXXX */
#define LOCK_NAME	".lock"
#define HELD_MAX	8	/* scratch directories one process holds at once */

/*
 * Each directory's lock file, flock'ed by its owner while it lives: a pid
 * can look dead from another pid namespace sharing $TMPDIR, a lock cannot.
 */
static struct {
	char dir[PATH_MAX];
	int fd;
} held[HELD_MAX];

static const char *tmp_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	return tmp && *tmp ? tmp : "/tmp";
}

long scratch_dir_pid(const char *name)
{
	size_t n = strlen(SCRATCH_PREFIX);
	const char *p;
	char *end;
	long pid;

	if (strncmp(name, SCRATCH_PREFIX, n) || name[n] < '1' || name[n] > '9')
		return 0;
	errno = 0;
	pid = strtol(name + n, &end, 10);
	if (errno || pid <= 0 || pid > INT_MAX || *end != '.')
		return 0;
	for (p = end + 1; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", *p))
			return 0;
	return p - end - 1 == SUFFIX_LEN ? pid : 0;
}

/* Unlinks every entry of the directory open at fd; subdirectories stay. */
static void empty_dir(int fd)
{
	DIR *d = fdopendir(fd);
	struct dirent *e;

	if (!d) {
		close(fd);
		return;
	}
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
}

static void hold(const char *dir)
{
	char path[PATH_MAX + 8];
	size_t i;
	int fd;

	snprintf(path, sizeof(path), "%s/" LOCK_NAME, dir);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	flock(fd, LOCK_EX);
	for (i = 0; i < HELD_MAX; i++)
		if (!held[i].dir[0]) {
			snprintf(held[i].dir, sizeof(held[i].dir), "%s", dir);
			held[i].fd = fd;
			return;
		}
	close(fd);	/* more than HELD_MAX at once: the pid still guards it */
}

static void release(const char *dir)
{
	size_t i;

	for (i = 0; i < HELD_MAX; i++)
		if (held[i].dir[0] && !strcmp(held[i].dir, dir)) {
			close(held[i].fd);
			held[i].dir[0] = '\0';
		}
}

int scratch_dir_remove(const char *dir, char *err, size_t errlen)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd >= 0)
		empty_dir(fd);
	release(dir);
	if (!rmdir(dir))
		return 0;
	if (err)
		snprintf(err, errlen, "cannot remove %s: %s", dir, strerror(errno));
	return -1;
}

/* Its lock file is held by a live process (in any pid namespace). */
static bool locked(int dfd, const char *name)
{
	char path[PATH_MAX];
	bool busy;
	int fd;

	snprintf(path, sizeof(path), "%s/" LOCK_NAME, name);
	fd = openat(dfd, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return false;
	busy = flock(fd, LOCK_EX | LOCK_NB) && errno == EWOULDBLOCK;
	close(fd);
	return busy;
}

/* A directory of ours whose owner is gone: kill(pid, 0) says ESRCH, no lock held. */
static bool stale(int dfd, const char *name)
{
	long pid = scratch_dir_pid(name);
	struct stat st;

	if (!pid || pid == getpid())
		return false;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISDIR(st.st_mode) ||
	    st.st_uid != geteuid())
		return false;
	return kill((pid_t)pid, 0) && errno == ESRCH && !locked(dfd, name);
}

unsigned int scratch_dir_reclaim(void)
{
	char path[PATH_MAX];
	unsigned int removed = 0;
	struct dirent *e;
	DIR *d = opendir(tmp_dir());

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (!stale(dirfd(d), e->d_name))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", tmp_dir(), e->d_name) >=
		    (int)sizeof(path))
			continue;
		removed += !scratch_dir_remove(path, NULL, 0);
	}
	closedir(d);
	return removed;
}

int scratch_dir_create(char *dir, size_t len, char *err, size_t errlen)
{
	scratch_dir_reclaim();
	if (snprintf(dir, len, "%s/" SCRATCH_PREFIX "%ld.XXXXXX", tmp_dir(),
		     (long)getpid()) >= (int)len) {
		snprintf(err, errlen, "TMPDIR is too long a path");
		return -1;
	}
	if (mkdtemp(dir)) {
		hold(dir);
		return 0;
	}
	snprintf(err, errlen, "cannot create a scratch directory %s: %s", dir,
		 strerror(errno));
	return -1;
}
