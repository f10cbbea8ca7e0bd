// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

	/* the rename fails onto a directory: the temporary is cleaned up */
	snprintf(blocker, sizeof(blocker), "%s/taken", dir);
	assert_int_equal(mkdir(blocker, 0755), 0);
	assert_int_equal(fs_write_atomic(blocker, "x", 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "rename failed"));
	assert_int_equal(tmpdir_count(dir), 1);
	rmdir(blocker);
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
		cmocka_unit_test_setup_teardown(test_read_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dirs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_temp_near, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
