// SPDX-License-Identifier: GPL-2.0
/*
 * The fuzzer's own tests, on the host (`make -C tests/fuzz check`): the
 * model answers as docs/debugfs.md says, and the generators cover the
 * forms the issue lists, deterministically, without a value the module
 * must take (outside a run).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gen.h"
#include "model.h"

static const char *const words[] = { "lock", "trylock", "interruptible" };
static const char *const verbs[] = { "start", "stop", "reset" };
static const char *const names[] = { "none", "spinlock", "mutex" };

static const struct fz_file number = {
	.name = "duration_ms", .class = FZ_NUMBER, .min = 1, .max = 3600000, .known = true,
};
static const struct fz_file seed = {
	.name = "seed", .class = FZ_NUMBER, .min = 0, .max = UINT64_MAX, .known = true,
};
static const struct fz_file choice = {
	.name = "acquire", .class = FZ_CHOICE, .words = words, .nr_words = 3, .known = true,
};
static const struct fz_file workload = {
	.name = "workload", .class = FZ_WORKLOAD, .words = names, .nr_words = 3, .known = true,
};
static const struct fz_file cpus = { .name = "cpus", .class = FZ_CPUS, .known = true };
static const struct fz_file control = {
	.name = "control", .class = FZ_CONTROL, .words = verbs, .nr_words = 3, .known = true,
};
static const struct fz_file readonly = { .name = "info", .class = FZ_READONLY, .known = true };

/* 4 possible CPUs, 0, 1 and 3 online. */
static struct fz_machine machine(bool running)
{
	struct fz_machine m = { .nr_cpu_ids = 4, .running = running };

	m.online[0] = 0x0b;
	return m;
}

static int expect(const struct fz_file *f, bool running, const char *s)
{
	struct fz_machine m = machine(running);

	return fz_expect(f, &m, s, strlen(s));
}

static void test_kstrtou64(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(fz_kstrtou64("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(fz_kstrtou64("+5", &v), 0);
	assert_int_equal(v, 5);
	assert_int_equal(fz_kstrtou64("010", &v), 0);
	assert_int_equal(v, 10);		/* decimal, not octal */
	assert_int_equal(fz_kstrtou64("18446744073709551615", &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(fz_kstrtou64("5\n", &v), 0);
	assert_int_equal(fz_kstrtou64("18446744073709551616", &v), -ERANGE);
	/* the kernel reports the overflow before the junk after it */
	assert_int_equal(fz_kstrtou64("99999999999999999999x", &v), -ERANGE);
	assert_int_equal(fz_kstrtou64("0x10", &v), -EINVAL);
	assert_int_equal(fz_kstrtou64("", &v), -EINVAL);
	assert_int_equal(fz_kstrtou64("5\n\n", &v), -EINVAL);
	assert_int_equal(fz_kstrtou64("-1", &v), -EINVAL);
	assert_int_equal(fz_kstrtou64("++1", &v), -EINVAL);
	assert_int_equal(fz_kstrtou64("1a", &v), -EINVAL);
}

static void test_strim(void **state)
{
	char s[] = "\xa0 \t5 5\v\f\r\n\xa0";

	(void)state;
	assert_string_equal(fz_strim(s), "5 5");
}

static void test_cpulist(void **state)
{
	static const struct {
		const char *list;
		int err;
	} cases[] = {
		{ "0", 0 }, { "0-1", 0 }, { "3,0-1", 0 }, { "000", 0 },
		{ "0,0", -EINVAL }, { "0-1,1", -EINVAL }, { "1,0-1", -EINVAL },
		{ "2", -ERANGE }, { "0-3", -ERANGE }, { "4", -ERANGE },
		{ "1-0", -EINVAL }, { "5-4", -EINVAL },
		{ "4294967295", -ERANGE }, { "0-4294967296", -ERANGE },
		{ "99999999999999999999999", -ERANGE },
		{ "", -EINVAL }, { "0,", -EINVAL }, { ",0", -EINVAL }, { "0,,1", -EINVAL },
		{ "0 1", -EINVAL }, { "0\n1", -EINVAL }, { "all", -EINVAL }, { "N", -EINVAL },
		{ "0-1:1/2", -EINVAL }, { "1-2-3", -EINVAL }, { "0-", -EINVAL },
		{ "-1", -EINVAL }, { "+1", -EINVAL },
		/* syntax before numbers: a bad region is -EINVAL, however big */
		{ "99999999999-", -EINVAL },
		/* regions in order: the first bad one answers */
		{ "2,0,0", -ERANGE }, { "0,0,2", -EINVAL },
	};
	struct fz_machine m = machine(false);
	unsigned char mask[FZ_CPUS_MAX / 8];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int err = fz_cpulist(cases[i].list, &m, mask);

		if (err != cases[i].err)
			fail_msg("'%s': %d, want %d", cases[i].list, err, cases[i].err);
	}
	assert_int_equal(fz_cpulist("3,0-1", &m, mask), 0);
	assert_int_equal(mask[0], 0x0b);
	/* without a machine: the kernel's own lists, up to FZ_CPUS_MAX */
	assert_int_equal(fz_cpulist("0-2,8191", NULL, mask), 0);
	assert_int_equal(fz_cpulist("8192", NULL, mask), -ERANGE);
}

static void test_expect(void **state)
{
	char big[KSB_WRITE_MAX + 2];

	(void)state;
	assert_int_equal(expect(&number, false, "1000"), 0);
	assert_int_equal(expect(&number, false, " 1000\n"), 0);
	assert_int_equal(expect(&number, false, "0"), ERANGE);
	assert_int_equal(expect(&number, false, "3600001"), ERANGE);
	assert_int_equal(expect(&number, false, "1e3"), EINVAL);
	assert_int_equal(expect(&number, false, ""), EINVAL);
	assert_int_equal(expect(&number, false, " \n"), EINVAL);
	assert_int_equal(expect(&seed, false, "18446744073709551615"), 0);
	assert_int_equal(expect(&seed, false, "18446744073709551616"), ERANGE);
	assert_int_equal(fz_expect(&number, &(struct fz_machine){ 0 }, "10\0", 3), EINVAL);
	/* a run in progress: knobs refuse everything, good values included */
	assert_int_equal(expect(&number, true, "1000"), EBUSY);
	assert_int_equal(expect(&number, true, "x"), EBUSY);
	assert_int_equal(expect(&cpus, true, "0"), EBUSY);
	assert_int_equal(expect(&workload, true, "mutex"), EBUSY);

	assert_int_equal(expect(&choice, false, "trylock\n"), 0);
	assert_int_equal(expect(&choice, false, "TRYLOCK"), EINVAL);
	assert_int_equal(expect(&choice, false, "try lock"), EINVAL);
	assert_int_equal(expect(&choice, true, "lock"), EBUSY);
	assert_int_equal(expect(&workload, false, "spinlock"), 0);
	assert_int_equal(expect(&workload, false, "spinlock mutex"), EINVAL);

	assert_int_equal(expect(&control, false, "start"), 0);
	assert_int_equal(expect(&control, false, "go"), EINVAL);
	assert_int_equal(expect(&control, true, "start"), EBUSY);
	assert_int_equal(expect(&control, true, "reset\n"), EBUSY);
	assert_int_equal(expect(&control, true, "stop"), 0);
	assert_int_equal(expect(&control, true, "halt"), EINVAL);

	assert_int_equal(expect(&readonly, false, "anything"), EPERM);
	assert_int_equal(expect(&readonly, true, ""), EPERM);

	memset(big, ' ', sizeof(big));
	big[0] = '5';
	assert_int_equal(fz_expect(&number, &(struct fz_machine){ 0 }, big, KSB_WRITE_MAX), 0);
	assert_int_equal(fz_expect(&number, &(struct fz_machine){ 0 }, big, KSB_WRITE_MAX + 1),
			 EINVAL);
}

struct tally {
	unsigned long n, empty, overlong, nul, einval, erange, ebusy, eperm, idle_valid;
	unsigned long dup;	/* cpus: a CPU named twice, the rest fine */
};

static void draw(const struct fz_file *f, bool running, uint64_t s, unsigned long n,
		 struct tally *t)
{
	static const char *const pool_words[] = { "lock", "none", "start", "sync" };
	const struct fz_pool pool = { pool_words, 4 };
	struct fz_machine m = machine(running), idle = machine(false);
	struct fz_rng rng = { s };
	struct fz_gen_stats st = { 0 };
	struct fz_buf in = { 0 };

	memset(t, 0, sizeof(*t));
	while (t->n < n) {
		int want = fz_generate(&rng, f, &m, &pool, &in, &st);

		assert_int_not_equal(want, 0);
		assert_int_equal(want, fz_expect(f, &m, in.p ? in.p : "", in.len));
		t->n++;
		t->empty += !in.len;
		t->overlong += in.len > KSB_WRITE_MAX;
		t->nul += in.len && memchr(in.p, '\0', in.len) != NULL;
		t->einval += want == EINVAL;
		t->erange += want == ERANGE;
		t->ebusy += want == EBUSY;
		t->eperm += want == EPERM;
		t->idle_valid += !fz_expect(f, &idle, in.p ? in.p : "", in.len);
		if (f->class == FZ_CPUS && (!strcmp(in.p, "0,0") || !strcmp(in.p, "1,1") ||
					    !strcmp(in.p, "3,3")))
			t->dup++;
	}
	fz_buf_free(&in);
}

static void test_generators_cover_the_forms(void **state)
{
	const struct fz_file *all[] = { &number, &seed, &choice, &workload, &cpus, &control };
	struct tally t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		draw(all[i], false, 7, 3000, &t);
		if (!t.empty || !t.overlong || !t.nul || !t.einval)
			fail_msg("%s: %lu empty, %lu overlong, %lu with a NUL, %lu EINVAL",
				 all[i]->name, t.empty, t.overlong, t.nul, t.einval);
		assert_int_equal(t.idle_valid, 0);
	}
	draw(&number, false, 7, 3000, &t);
	assert_true(t.erange > 100);		/* below, above, overflowed */
	draw(&seed, false, 7, 3000, &t);
	assert_true(t.erange > 100);		/* overflowed: the only way out of a u64 */
	draw(&cpus, false, 7, 3000, &t);
	assert_true(t.erange > 100);		/* offline or beyond nr_cpu_ids */
	assert_true(t.dup > 10);
	draw(&readonly, false, 7, 500, &t);
	assert_int_equal(t.eperm, 500);
}

static void test_running_offers_good_values(void **state)
{
	struct tally t;

	(void)state;
	draw(&number, true, 3, 2000, &t);
	assert_int_equal(t.ebusy, 2000);
	assert_true(t.idle_valid > 500);	/* what only EBUSY refuses */
	draw(&control, true, 3, 2000, &t);
	assert_true(t.ebusy > 200);		/* start and reset */
	assert_true(t.einval > 200);
}

static void test_deterministic(void **state)
{
	const struct fz_pool pool = { NULL, 0 };
	struct fz_machine m = machine(false);
	struct fz_rng a = { 42 }, b = { 42 }, c = { 43 };
	struct fz_buf x = { 0 }, y = { 0 }, z = { 0 };
	struct fz_gen_stats st = { 0 };
	unsigned int i, differ = 0;

	(void)state;
	for (i = 0; i < 500; i++) {
		fz_generate(&a, &cpus, &m, &pool, &x, &st);
		fz_generate(&b, &cpus, &m, &pool, &y, &st);
		fz_generate(&c, &cpus, &m, &pool, &z, &st);
		assert_int_equal(x.len, y.len);
		assert_memory_equal(x.p ? x.p : "", y.p ? y.p : "", x.len);
		differ += x.len != z.len || (x.len && memcmp(x.p, z.p, x.len));
	}
	assert_true(differ > 250);
	fz_buf_free(&x);
	fz_buf_free(&y);
	fz_buf_free(&z);
}

static void test_escape(void **state)
{
	struct fz_buf out = { 0 };
	char big[300];

	(void)state;
	fz_escape("a\n\x01\"\\\xa0", 6, 72, &out);
	assert_string_equal(out.p, "\"a\\n\\x01\\\"\\\\\\xa0\"");
	memset(big, 'x', sizeof(big));
	fz_escape(big, sizeof(big), 30, &out);
	assert_non_null(strstr(out.p, "(300 bytes)"));
	assert_true(out.len < 80);
	fz_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kstrtou64),
		cmocka_unit_test(test_strim),
		cmocka_unit_test(test_cpulist),
		cmocka_unit_test(test_expect),
		cmocka_unit_test(test_generators_cover_the_forms),
		cmocka_unit_test(test_running_offers_good_values),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_escape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
