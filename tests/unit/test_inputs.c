// SPDX-License-Identifier: GPL-2.0
/* inputs_load: result files and indexes, expanded in order, deduplicated. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "fsutil.h"
#include "inputs.h"
#include "tmpdir.h"

/* A real result (tests/cli/result.json), copied into the scratch directory. */
#define RESULT	"../cli/result.json"

static char err[4096];

struct fixture {
	char dir[256], a[512], b[512], index[512];
};

static void write_text(const char *path, const char *text)
{
	assert_int_equal(fs_write_atomic(path, text, strlen(text), err, sizeof(err)), 0);
}

static void write_index(const char *path, const char *first, const char *second)
{
	char text[1024];

	snprintf(text, sizeof(text),
		 "{ \"schema\": \"" INDEX_SCHEMA "\", \"kernels\": ["
		 " { \"spec\": \"generic\", \"result\": %s%s%s },"
		 " { \"spec\": \"rt\", \"result\": \"%s\" } ] }",
		 first ? "\"" : "", first ? first : "null", first ? "\"" : "", second);
	write_text(path, text);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	char *data;
	size_t len;

	if (!fx || !tmpdir_new(fx->dir, sizeof(fx->dir)) ||
	    fs_read_file(RESULT, 1 << 24, &data, &len, err, sizeof(err)))
		return -1;
	snprintf(fx->a, sizeof(fx->a), "%s/a.json", fx->dir);
	snprintf(fx->b, sizeof(fx->b), "%s/b.json", fx->dir);
	snprintf(fx->index, sizeof(fx->index), "%s/run.index.json", fx->dir);
	if (fs_write_atomic(fx->a, data, len, err, sizeof(err)) ||
	    fs_write_atomic(fx->b, data, len, err, sizeof(err)))
		return -1;
	free(data);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	tmpdir_remove(fx->dir);
	free(fx);
	return 0;
}

static void expect(struct fixture *fx, char **args, size_t nr, const char *const *want,
		   const int *via_index, size_t nr_want)
{
	struct inputs in;
	size_t i;

	(void)fx;
	assert_int_equal(inputs_load(args, nr, "test", &in, err, sizeof(err)), 0);
	assert_int_equal(in.nr, nr_want);
	for (i = 0; i < nr_want; i++) {
		assert_string_equal(in.v[i].path, want[i]);
		assert_int_equal(in.v[i].index != NULL, via_index[i]);
		assert_non_null(in.v[i].doc);
	}
	inputs_free(&in);
}

static void test_index_and_its_files_once(void **state)
{
	struct fixture *fx = *state;
	char *glob[] = { fx->index, fx->a, fx->b };	/* what dir/\*.json gives */
	char *twice[] = { fx->a, fx->a };
	char *mixed[] = { fx->b, fx->index };
	const char *ab[] = { fx->a, fx->b }, *aa[] = { fx->a, fx->a }, *ba[] = { fx->b, fx->a };
	const int idx2[] = { 1, 1 }, none[] = { 0, 0 }, first[] = { 0, 1 };

	write_index(fx->index, "a.json", "b.json");
	expect(fx, glob, 3, ab, idx2, 2);		/* the index's order, each once */
	expect(fx, twice, 2, aa, none, 2);		/* named twice: used twice */
	expect(fx, mixed, 2, ba, first, 2);		/* b first, then the index's a */
}

static void test_bad_entries(void **state)
{
	struct fixture *fx = *state;
	char *args[] = { fx->index };
	struct inputs in;

	write_index(fx->index, "../a.json", "b.json");
	assert_int_equal(inputs_load(args, 1, "test", &in, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "kernels[0].result '../a.json' leaves the index's folder"));
	assert_int_equal(in.nr, 0);
	write_index(fx->index, "/etc/passwd", "b.json");
	assert_int_equal(inputs_load(args, 1, "test", &in, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "is an absolute path"));
	write_index(fx->index, "a.json", "gone.json");
	assert_int_equal(inputs_load(args, 1, "test", &in, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "kernels[1].result 'gone.json' names"));
	assert_non_null(strstr(err, "No such file or directory"));
	/* a kernel without a result is skipped */
	write_index(fx->index, NULL, "b.json");
	assert_int_equal(inputs_load(args, 1, "test", &in, err, sizeof(err)), 0);
	assert_int_equal(in.nr, 1);
	inputs_free(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_index_and_its_files_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_entries, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
