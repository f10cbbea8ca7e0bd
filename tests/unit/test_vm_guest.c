// SPDX-License-Identifier: GPL-2.0
/*
 * The host-guest contract of the VM target: the scripts the guest runs
 * (checked with the host's /bin/sh, the real judge of quoting) and the
 * parser of the report it sends back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tmpdir.h"
#include "vm_guest.h"

static void test_shell_quote(void **state)
{
	char *q;

	(void)state;
	q = shell_quote("plain");
	assert_string_equal(q, "'plain'");
	free(q);
	q = shell_quote("it's");
	assert_string_equal(q, "'it'\\''s'");
	free(q);
	q = shell_quote("");
	assert_string_equal(q, "''");
	free(q);
}

/*
 * Runs `sh FLAGS FILE` on a file holding text; returns its stdout
 * (malloc'ed) after checking it exited 0.
 */
static char *run_sh(const char *flags, const char *text)
{
	char dir[256], path[300], cmd[400], *out;
	size_t used;
	FILE *f;

	assert_non_null(tmpdir_new(dir, sizeof(dir)));
	snprintf(path, sizeof(path), "%s/script", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	snprintf(cmd, sizeof(cmd), "sh %s %s", flags, path);
	f = popen(cmd, "r");
	assert_non_null(f);
	out = malloc(4096);
	assert_non_null(out);
	used = fread(out, 1, 4095, f);
	out[used] = '\0';
	assert_int_equal(pclose(f), 0);
	tmpdir_remove(dir);
	return out;
}

static void test_command_script_keeps_every_argument(void **state)
{
	static const char *const argv[] = {
		"printf", "[%s]", "a b", "it's", "x\"y", "$HOME", "`id`", "$(id)",
		"multi\nline", "", "back\\slash", "*", "-n", NULL,
	};
	char *script, *out;

	(void)state;
	script = guest_command_script(argv);
	assert_non_null(script);
	out = run_sh("", script);
	assert_string_equal(out, "[a b][it's][x\"y][$HOME][`id`][$(id)][multi\nline][]"
			    "[back\\slash][*][-n]");
	free(out);
	free(script);
}

static void test_init_script(void **state)
{
	char *init = guest_init_script(true, "/tmp/it's here.json", false);

	(void)state;
	assert_non_null(init);
	assert_true(!strncmp(init, "#!/bin/busybox sh\n", 18));
	assert_non_null(strstr(init, "\nload_module=1\n"));
	assert_non_null(strstr(init, "\noutput='/tmp/it'\\''s here.json'\n"));
	assert_non_null(strstr(init, "insmod " GUEST_MODULE));
	assert_non_null(strstr(init, "sh " GUEST_COMMAND));
	assert_non_null(strstr(init, "poweroff -f"));
	free(run_sh("-n", init));	/* the whole script parses */
	assert_non_null(strstr(init, "\ncontrol=0\n"));
	free(init);

	init = guest_init_script(false, NULL, true);
	assert_non_null(init);
	assert_non_null(strstr(init, "\nload_module=0\ncontrol=1\noutput=''\n"));
	/* the control port: the forwarder, and the events' port for the command */
	assert_non_null(strstr(init, "done <" GUEST_CONTROL "\n"));
	assert_non_null(strstr(init, "export " GUEST_EVENTS_ENV "=" GUEST_CONTROL "\n"));
	free(run_sh("-n", init));
	free(init);
}

static int parse(const char *text, struct guest_report *r, char *err, size_t errlen)
{
	return guest_report_parse(text, strlen(text), r, err, errlen);
}

static void test_report_whole(void **state)
{
	/* "hello\0world\n" is 12 bytes, base64 aGVsbG8Ad29ybGQK */
	static const char text[] =
		"ksbench-vm 1\r\n"
		"insmod 0 \r\n"
		"stray text another program wrote\n"
		"status 3\n"
		"file 12\n"
		"aGVsbG8A\n"
		"d29ybGQK\n"
		"file-end\n"
		"end\n";
	struct guest_report r;
	char err[256];

	(void)state;
	assert_int_equal(guest_report_parse(text, sizeof(text) - 1, &r, err, sizeof(err)), 0);
	assert_true(r.started);
	assert_true(r.insmod_done);
	assert_int_equal(r.insmod_status, 0);
	assert_string_equal(r.insmod_output, "");
	assert_true(r.command_done);
	assert_int_equal(r.status, 3);
	assert_int_equal(r.file, GUEST_FILE_RECEIVED);
	assert_int_equal(r.len, 12);
	assert_memory_equal(r.data, "hello\0world\n", 12);
	assert_true(r.complete);
	guest_report_free(&r);
}

static void test_report_padding_and_empty_file(void **state)
{
	struct guest_report r;
	char err[256];

	(void)state;
	assert_int_equal(parse("ksbench-vm 1\nstatus 0\nfile 4\nYWJjZA==\nfile-end\nend\n",
			       &r, err, sizeof(err)), 0);
	assert_int_equal(r.len, 4);
	assert_string_equal(r.data, "abcd");
	guest_report_free(&r);

	assert_int_equal(parse("ksbench-vm 1\nstatus 0\nfile 0\nfile-end\nend\n",
			       &r, err, sizeof(err)), 0);
	assert_int_equal(r.file, GUEST_FILE_RECEIVED);
	assert_int_equal(r.len, 0);
	guest_report_free(&r);

	assert_int_equal(parse("ksbench-vm 1\nstatus 1\nfile-missing\nend\n",
			       &r, err, sizeof(err)), 0);
	assert_int_equal(r.file, GUEST_FILE_MISSING);
	assert_null(r.data);
	guest_report_free(&r);
}

static void test_report_insmod_failure(void **state)
{
	struct guest_report r;
	char err[256];

	(void)state;
	assert_int_equal(parse("ksbench-vm 1\ninsmod 1 insmod: can't insert 'x.ko': "
			       "invalid module format \nend\n", &r, err, sizeof(err)), 0);
	assert_true(r.insmod_done);
	assert_int_equal(r.insmod_status, 1);
	assert_string_equal(r.insmod_output, "insmod: can't insert 'x.ko': invalid module format");
	assert_false(r.command_done);
	assert_true(r.complete);
	guest_report_free(&r);
}

static void test_report_cut_or_damaged(void **state)
{
	static const char *const damaged[] = {
		"ksbench-vm 1\nstatus 0\nfile 12\naGVsbG8A\n",			/* cut */
		"ksbench-vm 1\nstatus 0\nfile 12\naGVsbG8A\nfile-end\nend\n",	/* short */
		"ksbench-vm 1\nstatus 0\nfile 3\naGVsbG8A\nfile-end\nend\n",	/* long */
		"ksbench-vm 1\nstatus 0\nfile 6\naGVsb!8A\nfile-end\nend\n",	/* bad char */
		"ksbench-vm 1\nstatus 0\nfile 6\naGVsbG8\nfile-end\nend\n",	/* not 4n */
		"ksbench-vm 2\nend\n",						/* version */
	};
	struct guest_report r;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(damaged) / sizeof(damaged[0]); i++) {
		err[0] = '\0';
		if (parse(damaged[i], &r, err, sizeof(err)) != -1)
			fail_msg("accepted: %s", damaged[i]);
		assert_true(err[0] != '\0');
		assert_null(r.data);
		guest_report_free(&r);
	}
}

static void test_report_partial(void **state)
{
	struct guest_report r;
	char err[256];

	(void)state;
	assert_int_equal(parse("", &r, err, sizeof(err)), 0);
	assert_false(r.started);
	/* a line without its newline was still being written: not counted */
	assert_int_equal(parse("ksbench-vm 1\nstatus 0\nend", &r, err, sizeof(err)), 0);
	assert_true(r.started);
	assert_true(r.command_done);
	assert_false(r.complete);
	guest_report_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shell_quote),
		cmocka_unit_test(test_command_script_keeps_every_argument),
		cmocka_unit_test(test_init_script),
		cmocka_unit_test(test_report_whole),
		cmocka_unit_test(test_report_padding_and_empty_file),
		cmocka_unit_test(test_report_insmod_failure),
		cmocka_unit_test(test_report_cut_or_damaged),
		cmocka_unit_test(test_report_partial),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
