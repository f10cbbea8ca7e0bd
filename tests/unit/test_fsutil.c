// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cmocka.h>

#include "fsutil.h"
#include "tmpdir.h"

static char err[512];

static int setup(void **state)
{
	static char dir[256];

	*state = tmpdir_new(dir, sizeof(dir));
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	tmpdir_remove(*state);
	return 0;
}

static char *slurp(const char *path)
{
	char *text;
	size_t len;

	assert_int_equal(fs_read_file(path, 1 << 20, &text, &len, err, sizeof(err)), 0);
	assert_int_equal(strlen(text), len);
	return text;
}

static void test_atomic_write(void **state)
{
	const char *dir = *state;
	char path[512], *text;
	struct stat st;

	snprintf(path, sizeof(path), "%s/out.json", dir);
	assert_int_equal(fs_write_atomic(path, "a long first version\n", 21, err, sizeof(err)), 0);
	assert_int_equal(fs_write_atomic(path, "short\n", 6, err, sizeof(err)), 0);
	/* replaced whole, not overwritten in place */
	text = slurp(path);
	assert_string_equal(text, "short\n");
	free(text);
	assert_int_equal(tmpdir_count(dir), 1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
}

static void test_atomic_write_failures(void **state)
{
	const char *dir = *state;
	char path[512], blocker[512];

	snprintf(path, sizeof(path), "%s/no/such/dir/out.json", dir);
	assert_int_equal(fs_write_atomic(path, "x", 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "No such file or directory"));

	/* a directory is refused before anything is written */
	snprintf(blocker, sizeof(blocker), "%s/taken", dir);
	assert_int_equal(mkdir(blocker, 0755), 0);
	assert_int_equal(fs_write_atomic(blocker, "x", 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "is a directory"));
	assert_int_equal(tmpdir_count(dir), 1);
	rmdir(blocker);

	/* names that cannot be a file */
	assert_int_equal(fs_write_atomic("", "x", 1, err, sizeof(err)), -1);
	assert_string_equal(err, "empty file name");
	snprintf(path, sizeof(path), "%s/", dir);
	assert_int_equal(fs_write_atomic(path, "x", 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "ends in '/'"));
	assert_int_equal(tmpdir_count(dir), 0);
}

/* A symbolic link: the file it points to is replaced whole, the link stays. */
static void test_write_through_symlink(void **state)
{
	const char *dir = *state;
	char link[512], target[512], dangling[512], *text;
	struct stat st;

	snprintf(target, sizeof(target), "%s/target.json", dir);
	snprintf(link, sizeof(link), "%s/link.json", dir);
	assert_int_equal(fs_write_atomic(target, "old\n", 4, err, sizeof(err)), 0);
	assert_int_equal(symlink("target.json", link), 0);
	assert_int_equal(fs_write_atomic(link, "new\n", 4, err, sizeof(err)), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	text = slurp(target);
	assert_string_equal(text, "new\n");
	free(text);
	assert_int_equal(tmpdir_count(dir), 2);

	/* a link to nothing is refused, and stays a link */
	snprintf(dangling, sizeof(dangling), "%s/dangling.json", dir);
	assert_int_equal(symlink("nowhere/x.json", dangling), 0);
	assert_int_equal(fs_write_atomic(dangling, "x", 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "a symbolic link to nothing"));
	assert_int_equal(lstat(dangling, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(tmpdir_count(dir), 3);
}

/* A FIFO is written through, never replaced by a regular file. */
static void test_write_through_fifo(void **state)
{
	const char *dir = *state;
	char fifo[512], buf[64];
	struct stat st;
	ssize_t n;
	int rd;

	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	rd = open(fifo, O_RDONLY | O_NONBLOCK);	/* a reader, so the open for writing returns */
	assert_true(rd >= 0);
	assert_int_equal(fs_write_atomic(fifo, "through\n", 8, err, sizeof(err)), 0);
	n = read(rd, buf, sizeof(buf));
	assert_int_equal(n, 8);
	assert_memory_equal(buf, "through\n", 8);
	close(rd);
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(tmpdir_count(dir), 1);
}

/* A character device (a null device made here, never /dev/null itself). */
static void test_write_through_char_device(void **state)
{
	const char *dir = *state;
	char null[512];
	struct stat st;

	snprintf(null, sizeof(null), "%s/null", dir);
	if (mknod(null, S_IFCHR | 0666, makedev(1, 3))) {
		skip();	/* not root, or no CAP_MKNOD */
		return;
	}
	assert_int_equal(fs_write_atomic(null, "gone\n", 5, err, sizeof(err)), 0);
	assert_int_equal(lstat(null, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(st.st_rdev, makedev(1, 3));
	assert_int_equal(fs_output_check(null, err, sizeof(err)), 0);
	assert_int_equal(tmpdir_count(dir), 1);
}

/* fs_output_check: what the run checks before it measures anything. */
static void test_output_check(void **state)
{
	const char *dir = *state;
	char path[512];

	snprintf(path, sizeof(path), "%s/new.json", dir);
	assert_int_equal(fs_output_check(path, err, sizeof(err)), 0);
	assert_int_equal(tmpdir_count(dir), 0);		/* its probe file is gone */
	assert_int_equal(fs_output_check(dir, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "is a directory"));
	assert_int_equal(fs_output_check("", err, sizeof(err)), -1);
	snprintf(path, sizeof(path), "%s/sub/", dir);
	assert_int_equal(fs_output_check(path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "ends in '/'"));
	snprintf(path, sizeof(path), "%s/missing/x.json", dir);
	assert_int_equal(fs_output_check(path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "No such file or directory"));
	snprintf(path, sizeof(path), "%s/file", dir);
	assert_int_equal(fs_write_atomic(path, "x", 1, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/file/x.json", dir);
	assert_int_equal(fs_output_check(path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "Not a directory"));
	assert_int_equal(tmpdir_count(dir), 1);
}

/* The final write fails: the data is saved in the first directory that takes it. */
static void test_write_or_save(void **state)
{
	const char *dir = *state;
	char bad[512], first[512], second[512], saved[512], want[600], *text;
	const char *dirs[3] = { first, second, NULL };

	snprintf(bad, sizeof(bad), "%s/gone/run.json", dir);	/* no such directory */
	snprintf(first, sizeof(first), "%s/plain-file", dir);	/* not a directory */
	snprintf(second, sizeof(second), "%s/results", dir);	/* created */
	assert_int_equal(fs_write_atomic(first, "x", 1, err, sizeof(err)), 0);
	assert_int_equal(fs_write_or_save(bad, "measured\n", 9, dirs, saved, sizeof(saved),
					  err, sizeof(err)), 1);
	assert_non_null(strstr(err, bad));
	snprintf(want, sizeof(want), "%s/run.json", second);
	assert_string_equal(saved, want);
	text = slurp(saved);
	assert_string_equal(text, "measured\n");
	free(text);

	/* a second save never overwrites the first */
	assert_int_equal(fs_write_or_save(bad, "again\n", 6, dirs, saved, sizeof(saved),
					  err, sizeof(err)), 1);
	snprintf(want, sizeof(want), "%s/run-2.json", second);
	assert_string_equal(saved, want);
	assert_int_equal(tmpdir_count(second), 2);

	/* nowhere to go */
	dirs[1] = NULL;
	assert_int_equal(fs_write_or_save(bad, "x", 1, dirs, saved, sizeof(saved),
					  err, sizeof(err)), -1);
	assert_string_equal(saved, "");
	tmpdir_remove(second);
	/* it writes where it was asked when it can */
	snprintf(bad, sizeof(bad), "%s/ok.json", dir);
	assert_int_equal(fs_write_or_save(bad, "x", 1, dirs, saved, sizeof(saved),
					  err, sizeof(err)), 0);
}

static void test_read_file(void **state)
{
	const char *dir = *state;
	char path[512], line[8], *text;
	size_t len;

	snprintf(path, sizeof(path), "%s/f", dir);
	assert_int_equal(fs_write_atomic(path, "first\nsecond\n", 13, err, sizeof(err)), 0);
	text = slurp(path);
	assert_string_equal(text, "first\nsecond\n");
	free(text);
	assert_int_equal(fs_read_line(path, line, sizeof(line)), 0);
	assert_string_equal(line, "first");
	assert_int_equal(fs_read_file(path, 4, &text, &len, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "File too large"));

	/* a procfs file reads as size 0 and still comes whole */
	text = slurp("/proc/self/status");
	assert_non_null(strstr(text, "Name:"));
	free(text);

	snprintf(path, sizeof(path), "%s/missing", dir);
	assert_int_equal(fs_read_file(path, 100, &text, &len, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "No such file or directory"));
	assert_int_equal(fs_read_line(path, line, sizeof(line)), -1);
}

static void test_dirs(void **state)
{
	const char *dir = *state;
	char path[512], buf[512];

	snprintf(path, sizeof(path), "%s/results", dir);
	assert_int_equal(fs_ensure_dir(path, err, sizeof(err)), 0);
	assert_int_equal(fs_ensure_dir(path, err, sizeof(err)), 0);
	rmdir(path);
	assert_int_equal(fs_write_atomic(path, "x", 1, err, sizeof(err)), 0);
	assert_int_equal(fs_ensure_dir(path, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "Not a directory"));

	fs_dirname("results/x.json", buf, sizeof(buf));
	assert_string_equal(buf, "results");
	fs_dirname("x.json", buf, sizeof(buf));
	assert_string_equal(buf, ".");
	fs_dirname("/x.json", buf, sizeof(buf));
	assert_string_equal(buf, "/");
}

static void test_temp_near(void **state)
{
	const char *dir = *state;
	char path[512], tmp[512], want[512];

	snprintf(path, sizeof(path), "%s/run.json", dir);
	assert_int_equal(fs_make_temp_near(path, ".guest", tmp, sizeof(tmp), err, sizeof(err)), 0);
	snprintf(want, sizeof(want), "%s/.run.json.guest", dir);
	assert_memory_equal(tmp, want, strlen(want));
	assert_int_equal(strlen(tmp), strlen(want) + 6);
	assert_int_equal(access(tmp, F_OK), 0);
	unlink(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_atomic_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic_write_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_through_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_through_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_through_char_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_or_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dirs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_temp_near, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
