// SPDX-License-Identifier: GPL-2.0
/* scratch.c: names, and reclaiming only what no live process holds. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "scratch.h"
#include "tmpdir.h"

/* A pid that was alive a moment ago and is not now. */
static pid_t dead_pid(void)
{
	pid_t pid = fork();

	if (!pid)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

static void make_dir(const char *tmp, long pid, const char *suffix, char *path, size_t len)
{
	snprintf(path, len, "%s/ksbench.%ld.%s", tmp, pid, suffix);
	assert_int_equal(mkdir(path, 0700), 0);
}

static void test_reclaim(void **state)
{
	char tmp[1024], mine[4096], dead[4096], live[4096], locked[4096], other[4096], lock[8192];
	int fd;

	(void)state;
	assert_non_null(tmpdir_new(tmp, sizeof(tmp)));
	setenv("TMPDIR", tmp, 1);
	make_dir(tmp, dead_pid(), "AbCdEf", dead, sizeof(dead));
	make_dir(tmp, getppid(), "AbCdEf", live, sizeof(live));
	/* a dead pid in our namespace, but its lock held (another namespace's) */
	make_dir(tmp, dead_pid(), "XyZ123", locked, sizeof(locked));
	snprintf(lock, sizeof(lock), "%s/.lock", locked);
	fd = open(lock, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0 && !flock(fd, LOCK_EX));
	snprintf(other, sizeof(other), "%s/ksbench-vm.1.AbCdEf", tmp);
	assert_int_equal(mkdir(other, 0700), 0);

	assert_int_equal(scratch_dir_create(mine, sizeof(mine), lock, sizeof(lock)), 0);
	assert_int_equal(scratch_dir_pid(strrchr(mine, '/') + 1), getpid());
	assert_int_equal(access(dead, F_OK), -1);	/* reclaimed */
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(locked, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	assert_int_equal(scratch_dir_reclaim(), 0);
	close(fd);					/* its holder is gone now */
	assert_int_equal(scratch_dir_reclaim(), 1);
	assert_int_equal(access(locked, F_OK), -1);
	assert_int_equal(scratch_dir_remove(mine, lock, sizeof(lock)), 0);
	assert_int_equal(access(mine, F_OK), -1);
	rmdir(live);
	rmdir(other);
	assert_int_equal(tmpdir_count(tmp), 0);
	rmdir(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reclaim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
