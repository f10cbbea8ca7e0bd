// SPDX-License-Identifier: GPL-2.0
/* progress.c: the live line's text, the ETA, the guest's event lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "progress.h"
#include "scratch.h"

static void test_eta(void **state)
{
	(void)state;
	/* before any point: the planned time of every point */
	assert_int_equal(progress_eta_ms(0, 4, 0, 1100), 4400);
	/* then the mean of those done */
	assert_int_equal(progress_eta_ms(2, 4, 3000, 1100), 3000);
	assert_int_equal(progress_eta_ms(4, 4, 9000, 1100), 0);
	assert_int_equal(progress_eta_ms(5, 4, 9000, 1100), 0);
}

static void test_text(void **state)
{
	struct progress_point p = { .index = 3, .total = 40, .cpus = 2, .repeat = 1,
				    .elapsed_ms = 12500, .eta_ms = 3723000 };
	char buf[256];

	(void)state;
	strcpy(p.workload, "mutex");
	progress_text(&p, NULL, buf, sizeof(buf));
	assert_string_equal(buf, "[3/40] mutex, 2 CPUs, repeat 1, 0:12 elapsed, ETA 1:02:03");
	p.cpus = 1;
	progress_text(&p, "[rt]", buf, sizeof(buf));
	assert_string_equal(buf, "[rt] [3/40] mutex, 1 CPU, repeat 1, 0:12 elapsed, ETA 1:02:03");
}

static void test_fit(void **state)
{
	char text[] = "[3/40] mutex, 2 CPUs";

	(void)state;
	progress_fit(text, 0);
	assert_string_equal(text, "[3/40] mutex, 2 CPUs");
	progress_fit(text, 80);
	assert_string_equal(text, "[3/40] mutex, 2 CPUs");
	progress_fit(text, 13);
	assert_string_equal(text, "[3/40] mutex");
}

static void test_events_round_trip(void **state)
{
	struct progress_point p = { .index = 7, .total = 9, .cpus = 4, .repeat = 2,
				    .elapsed_ms = 123456789012ULL, .eta_ms = 5 }, q;
	char line[256];

	(void)state;
	strcpy(p.workload, "spinlock_irq");
	progress_event_point(&p, line, sizeof(line));
	assert_string_equal(line, "point 7 9 4 2 123456789012 5 spinlock_irq\n");
	line[strlen(line) - 1] = '\0';
	assert_int_equal(progress_event_parse(line, &q), PROGRESS_POINT);
	assert_memory_equal(&p, &q, sizeof(p));
	progress_event_run(12, line, sizeof(line));
	assert_string_equal(line, "run 12\n");
	assert_int_equal(progress_event_parse("run 12", &q), PROGRESS_RUN);
}

static void test_events_rejected(void **state)
{
	static const char *const bad[] = {
		"", "run", "run 1 2", "run x", "point 1 2 3 4 5 6",
		"point 1 2 3 4 5 6 mu tex", "point 3 2 1 0 0 0 mutex",
		"point 0 2 1 0 0 0 mutex", "point 1 2 1 0 0 0 \033[2Jx",
		"point 1 2 1 0 0 0 a`id`", "point 1 2 1 0 0 0 mutex trailing",
		"point 1 2 1 0 0 0 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"ksbench-vm 1", "status 0",
	};
	struct progress_point q;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("%s\n", bad[i]);
		assert_int_equal(progress_event_parse(bad[i], &q), PROGRESS_NONE);
	}
}

static void test_scratch_names(void **state)
{
	(void)state;
	assert_int_equal(scratch_dir_pid("ksbench.1234.aB3xYz"), 1234);
	assert_int_equal(scratch_dir_pid("ksbench.1234.aB3xY"), 0);
	assert_int_equal(scratch_dir_pid("ksbench.1234.aB3xYz1"), 0);
	assert_int_equal(scratch_dir_pid("ksbench.0123.aB3xYz"), 0);
	assert_int_equal(scratch_dir_pid("ksbench.-1.aB3xYz"), 0);
	assert_int_equal(scratch_dir_pid("ksbench.99999999999999.aB3xYz"), 0);
	assert_int_equal(scratch_dir_pid("ksbench-vm.1234.aB3xYz"), 0);
	assert_int_equal(scratch_dir_pid("ksbench.12x4.aB3xYz"), 0);
	assert_int_equal(scratch_dir_pid("ksbench.1234.a/3xYz"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eta),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_events_round_trip),
		cmocka_unit_test(test_events_rejected),
		cmocka_unit_test(test_scratch_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
