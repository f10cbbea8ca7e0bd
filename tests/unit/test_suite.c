// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fsutil.h"
#include "knobs.h"
#include "parse.h"
#include "suite.h"

/* make check runs the tests from tests/unit; by hand, from the root */
static const char *suites_dir(void)
{
	return access("../../bench/suites", F_OK) ? "bench/suites" : "../../bench/suites";
}

static char err[1024];
static struct suite s;

static int parse(const char *path, const char *text)
{
	return suite_parse(path, text, strlen(text), &s, err, sizeof(err));
}

static const char *value(const char *key)
{
	const struct suite_entry *e = suite_find(&s, key);

	return e ? e->value : NULL;
}

/* Refused with exactly this message. */
static void parse_bad(const char *text, const char *msg)
{
	assert_int_equal(parse("x.suite", text), -1);
	assert_string_equal(err, msg);
}

static void test_example(void **state)
{
	static const char text[] =
		"# quick: a few primitives, small, fits in CI\n"
		"lock     = spinlock, mutex, rwsem, completion\n"
		"cpus     = 1, 2\n"
		"\n"
		"repeat   = 3\n"
		"duration = 200ms\n"
		"measure  = latency\n"
		"sample   = 16\n";

	(void)state;
	assert_int_equal(parse("bench/suites/quick.suite", text), 0);
	assert_string_equal(s.name, "quick");
	assert_int_equal(s.nr, 6);
	/* file order, the option's name, the line it came from */
	assert_string_equal(s.entry[0].key, "lock");
	assert_int_equal(s.entry[0].line, 2);
	assert_string_equal(s.entry[2].key, "repeat");
	assert_int_equal(s.entry[2].line, 5);
	/* lists lose the blanks after their commas, as on a command line */
	assert_string_equal(value("lock"), "spinlock,mutex,rwsem,completion");
	assert_string_equal(value("cpus"), "1,2");
	assert_string_equal(value("duration"), "200ms");
	assert_string_equal(value("sample"), "16");
	assert_null(value("hold"));
}

static void test_layout(void **state)
{
	(void)state;
	/* trailing comments, tabs, blanks before commas, CRLF, no last newline */
	assert_int_equal(parse("a/b/c.suite",
			       "\t# a comment\r\n"
			       "  lock\t=\tspinlock ,mutex\t# two of them\r\n"
			       "   \r\n"
			       "max-cv=2.5\r\n"
			       "flood = 1\n"
			       "read-pct = 50"), 0);
	assert_string_equal(s.name, "c");
	assert_int_equal(s.nr, 4);
	assert_string_equal(value("lock"), "spinlock,mutex");
	assert_string_equal(value("max-cv"), "2.5");
	assert_int_equal(suite_find(&s, "max-cv")->line, 4);
	assert_string_equal(value("read-pct"), "50");
	assert_int_equal(suite_find(&s, "read-pct")->line, 6);
	/* a blank inside a value stays, for the option to refuse */
	assert_int_equal(parse("x.suite", "duration = 200 ms\n"), 0);
	assert_string_equal(value("duration"), "200 ms");
}

static void test_errors(void **state)
{
	char big[SUITE_VALUE_MAX + 32];

	(void)state;
	parse_bad("lock = spinlock\ncpus 1,2\n",
		  "x.suite:2: expected 'key = value', not 'cpus 1,2'");
	parse_bad("\nlokc = spinlock\n",
		  "x.suite:2: unknown key 'lokc' (suite keys: lock, cpus, waiters, repeat, shuffle, max-cv and the knobs in ksbench run --help)");
	parse_bad("target = vm\n",
		  "x.suite:1: 'target' is not a suite key: give --target on the command line");
	parse_bad("lock = mutex\noutput = /tmp/x.json\n",
		  "x.suite:2: 'output' is not a suite key: give --output on the command line");
	parse_bad("--lock = mutex\n",
		  "x.suite:1: '--lock': write the key without its leading --");
	parse_bad("Lock = mutex\n",
		  "x.suite:1: 'Lock' is not a key (keys are ksbench run's long options, such as max-cv)");
	parse_bad(" = mutex\n",
		  "x.suite:1: '' is not a key (keys are ksbench run's long options, such as max-cv)");
	parse_bad("lock = mutex\n# again\nrepeat = 2\nlock = spinlock\n",
		  "x.suite:4: lock given twice (first on line 1)");
	parse_bad("cpus = 1,2\nwaiters = 3\n",
		  "x.suite:2: waiters: give cpus or waiters, not both (cpus on line 1)");
	parse_bad("waiters = 3\ncpus = 4\n",
		  "x.suite:2: cpus: give cpus or waiters, not both (waiters on line 1)");
	parse_bad("lock =   # nothing\n", "x.suite:1: lock: empty value");
	parse_bad("# only comments\n\n", "x.suite: no settings (a suite has 'key = value' lines)");
	parse_bad("", "x.suite: no settings (a suite has 'key = value' lines)");
	memset(big, 'a', sizeof(big) - 1);
	memcpy(big, "lock=", 5);
	big[sizeof(big) - 1] = '\0';
	parse_bad(big, "x.suite:1: lock: value longer than 4095 characters");
	/* a NUL byte: not a text file, whatever follows */
	assert_int_equal(suite_parse("x.suite", "lock = a\0b\n", 11, &s, err, sizeof(err)), -1);
	assert_string_equal(err, "x.suite: not a text file (it holds a NUL byte)");
}

static void test_keys(void **state)
{
	static const char *const fixed[] = {
		"lock", "cpus", "waiters", "repeat", "shuffle", "max-cv",
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		assert_true(suite_is_key(fixed[i]));
	/* every knob, under its option's name */
	for (i = 0; i < NR_KNOBS; i++)
		assert_true(suite_is_key(knob_table[i].option));
	assert_true(suite_is_key("poll-interval"));
	assert_false(suite_is_key("poll_us"));	/* the module's file name */
	assert_false(suite_is_key("kernel"));
	assert_false(suite_is_key("no-correct"));
	assert_false(suite_is_key("suite"));
	assert_false(suite_is_key(""));
}

static void test_name(void **state)
{
	char name[SUITE_NAME_MAX];

	(void)state;
	suite_name("bench/suites/full.suite", name, sizeof(name));
	assert_string_equal(name, "full");
	suite_name("quick.suite", name, sizeof(name));
	assert_string_equal(name, "quick");
	suite_name("/tmp/my.matrix", name, sizeof(name));
	assert_string_equal(name, "my.matrix");
	suite_name("dir/.suite", name, sizeof(name));
	assert_string_equal(name, ".suite");
}

static struct suite *load(const char *file)
{
	char path[256], *text;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", suites_dir(), file);
	if (fs_read_file(path, SUITE_FILE_MAX, &text, &len, err, sizeof(err)))
		fail_msg("%s", err);
	if (suite_parse(path, text, len, &s, err, sizeof(err)))
		fail_msg("%s", err);
	free(text);
	return &s;
}

/* Every knob value of a shipped suite is one its option takes. */
static void check_values(const struct suite *st)
{
	struct cpu_counts counts;
	struct name_list names;
	unsigned long n;
	uint64_t v;
	unsigned int i, k;

	for (i = 0; i < st->nr; i++) {
		const struct suite_entry *e = &st->entry[i];

		for (k = 0; k < NR_KNOBS; k++)
			if (!strcmp(knob_table[k].option, e->key) &&
			    knob_parse(k, e->value, &v, err, sizeof(err)))
				fail_msg("%s: %s", e->key, err);
		if (!strcmp(e->key, "lock"))
			assert_int_equal(parse_name_list(e->value, &names, err, sizeof(err)), 0);
		if (!strcmp(e->key, "cpus"))
			assert_int_equal(parse_cpu_counts(e->value, 64, 4, &counts, err,
							  sizeof(err)), 0);
		if (!strcmp(e->key, "repeat"))
			assert_int_equal(parse_uint(e->value, 1, 1000, &n, err, sizeof(err)), 0);
	}
}

/* What bench/suites/README.md promises of the two suites. */
static void test_shipped_suites(void **state)
{
	const struct suite *q, *f;

	(void)state;
	q = load("quick.suite");
	assert_string_equal(q->name, "quick");
	check_values(q);
	assert_non_null(strstr(value("lock"), "spinlock"));
	assert_non_null(strstr(value("lock"), "mutex"));
	assert_string_equal(value("cpus"), "1,2");
	assert_string_equal(value("repeat"), "5");
	assert_string_equal(value("measure"), "latency");
	assert_non_null(value("sample"));

	f = load("full.suite");
	assert_string_equal(f->name, "full");
	check_values(f);
	assert_string_equal(value("lock"), "all");
	assert_string_equal(value("repeat"), "5");
	assert_non_null(value("cpus"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_shipped_suites),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
