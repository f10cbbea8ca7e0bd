// SPDX-License-Identifier: GPL-2.0
/*
 * Which installed kernel generic, rt, 6.1, 6.12-rt mean (vm_installed.c),
 * on fake /boot and dpkg status trees in a scratch directory: releases in
 * both of Debian's formats, several ABIs of a series, version order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "tmpdir.h"
#include "vm.h"

/* 6.1 as Debian 12 names it, 6.12 as its security archive does; two ABIs each. */
static const char *const images[] = {
	"6.1.0-9-amd64", "6.1.0-10-amd64", "6.1.0-10-rt-amd64", "6.1.0-9-rt-amd64",
	"6.12.9+deb12-amd64", "6.12.10+deb12-amd64", "6.12.10+deb12-rt-amd64",
	"6.12.9+deb12-cloud-amd64",
};

struct tree {
	char root[256], boot[300], dpkg[320];
};

static void touch(const char *dir, const char *name)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
}

static void write_status(struct tree *t, const char *text)
{
	char path[400];
	FILE *f;

	snprintf(path, sizeof(path), "%s/status", t->dpkg);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	static struct tree t;
	char name[128], var[300], lib[310];
	size_t i;

	assert_non_null(tmpdir_new(t.root, sizeof(t.root)));
	snprintf(t.boot, sizeof(t.boot), "%s/boot", t.root);
	snprintf(var, sizeof(var), "%s/var", t.root);
	snprintf(lib, sizeof(lib), "%s/lib", var);
	snprintf(t.dpkg, sizeof(t.dpkg), "%s/dpkg", lib);
	assert_int_equal(mkdir(t.boot, 0700) || mkdir(var, 0700) || mkdir(lib, 0700) ||
			 mkdir(t.dpkg, 0700), 0);
	for (i = 0; i < sizeof(images) / sizeof(images[0]); i++) {
		snprintf(name, sizeof(name), "vmlinuz-%s", images[i]);
		touch(t.boot, name);
	}
	touch(t.boot, "config-6.12.10+deb12-amd64");	/* not an image */
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;
	char var[300], lib[310];

	tmpdir_remove(t->boot);
	tmpdir_remove(t->dpkg);
	snprintf(var, sizeof(var), "%s/var", t->root);
	snprintf(lib, sizeof(lib), "%s/lib", var);
	rmdir(lib);
	rmdir(var);
	rmdir(t->root);
	return 0;
}

static void test_series_spec(void **state)
{
	static const char *const bad[] = {
		"6", "6.", ".1", "6.1.0", "6.1-", "6.1-rtx", "6.1rt", "generic", "a.b", "6.1-RT",
	};
	char series[32];
	bool rt;
	size_t i;

	(void)state;
	assert_true(vm_series_spec("6.12", series, sizeof(series), &rt));
	assert_string_equal(series, "6.12");
	assert_false(rt);
	assert_true(vm_series_spec("6.1-rt", series, sizeof(series), &rt));
	assert_string_equal(series, "6.1");
	assert_true(rt);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(vm_series_spec(bad[i], series, sizeof(series), &rt));
}

static void test_release_in_series(void **state)
{
	(void)state;
	assert_true(vm_release_in_series("6.1.0-57-amd64", "6.1"));
	assert_true(vm_release_in_series("6.12.118+deb12-amd64", "6.12"));
	assert_false(vm_release_in_series("6.12.118+deb12-amd64", "6.1"));
	assert_false(vm_release_in_series("6.1.0-57-amd64", "6.12"));
	assert_false(vm_release_in_series("6.1", "6.1"));
	assert_false(vm_release_in_series("6.1.0-57-amd64", ""));
}

/* Each series and flavour: its newest ABI, by version order (10 after 9). */
static void test_newest_of_series(void **state)
{
	struct tree *t = *state;
	char rel[128];

	assert_int_equal(vm_installed_newest(t->root, "6.1", false, rel, sizeof(rel)), 0);
	assert_string_equal(rel, "6.1.0-10-amd64");
	assert_int_equal(vm_installed_newest(t->root, "6.1", true, rel, sizeof(rel)), 0);
	assert_string_equal(rel, "6.1.0-10-rt-amd64");
	assert_int_equal(vm_installed_newest(t->root, "6.12", false, rel, sizeof(rel)), 0);
	assert_string_equal(rel, "6.12.10+deb12-amd64");
	assert_int_equal(vm_installed_newest(t->root, "6.12", true, rel, sizeof(rel)), 0);
	assert_string_equal(rel, "6.12.10+deb12-rt-amd64");
	assert_int_equal(vm_installed_newest(t->root, NULL, false, rel, sizeof(rel)), 0);
	assert_string_equal(rel, "6.12.10+deb12-amd64");
	assert_int_equal(vm_installed_newest(t->root, "6.9", false, rel, sizeof(rel)), -1);
	assert_int_equal(vm_installed_newest(t->root, "7.3", true, rel, sizeof(rel)), -1);
	assert_int_equal(vm_installed_newest("/nonexistent-root", "6.1", false, rel,
					     sizeof(rel)), -1);
}

/* generic and rt: what the metapackages depend on, not the newest series. */
static void test_default_is_the_metapackage(void **state)
{
	struct tree *t = *state;
	char rel[128];

	write_status(t,
		     "Package: linux-image-6.12-amd64\nStatus: install ok installed\n"
		     "Depends: linux-image-6.12.10+deb12-amd64 (= 6.12.10-1~deb12u1)\n\n"
		     "Package: linux-image-rt-amd64\nStatus: install ok installed\n"
		     "Version: 6.1.10-1\nDepends: linux-image-6.1.0-9-rt-amd64 (= 6.1.10-1)\n\n"
		     "Package: linux-image-amd64\nStatus: install ok installed\n"
		     "Description: Linux for 64-bit PCs (meta-package)\n"
		     "Depends: linux-image-6.1.0-10-amd64 (= 6.1.11-1)\n");
	assert_int_equal(vm_installed_default(t->root, false, rel, sizeof(rel)), 0);
	assert_string_equal(rel, "6.1.0-10-amd64");
	assert_int_equal(vm_installed_default(t->root, true, rel, sizeof(rel)), 0);
	assert_string_equal(rel, "6.1.0-9-rt-amd64");
}

/* No metapackage, one removed, or one whose image is gone: the newest of any series. */
static void test_default_falls_back_to_newest(void **state)
{
	struct tree *t = *state;
	char rel[128];

	write_status(t, "Package: bash\nStatus: install ok installed\nDepends: base-files\n");
	assert_int_equal(vm_installed_default(t->root, false, rel, sizeof(rel)), 0);
	assert_string_equal(rel, "6.12.10+deb12-amd64");
	write_status(t, "Package: linux-image-amd64\nStatus: deinstall ok config-files\n"
		     "Depends: linux-image-6.1.0-9-amd64\n");
	assert_int_equal(vm_installed_default(t->root, false, rel, sizeof(rel)), 0);
	assert_string_equal(rel, "6.12.10+deb12-amd64");
	write_status(t, "Package: linux-image-rt-amd64\nStatus: install ok installed\n"
		     "Depends: linux-image-6.1.0-8-rt-amd64 (= 6.1.9-1)\n");
	assert_int_equal(vm_installed_default(t->root, true, rel, sizeof(rel)), 0);
	assert_string_equal(rel, "6.12.10+deb12-rt-amd64");
	assert_int_equal(vm_installed_default("/nonexistent-root", false, rel, sizeof(rel)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_series_spec),
		cmocka_unit_test(test_release_in_series),
		cmocka_unit_test(test_newest_of_series),
		cmocka_unit_test(test_default_is_the_metapackage),
		cmocka_unit_test(test_default_falls_back_to_newest),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
