// SPDX-License-Identifier: GPL-2.0
/* --kernel=LIST splitting, kernel tags and --kernel-cmdline checks (vm_spec.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vm.h"

static int split(const char *list, const char **specs, unsigned int *nr, char *err)
{
	static char buf[VM_KERNEL_SPECS_MAX * 256];

	return vm_split_kernel_list(list, buf, sizeof(buf), specs, nr, err, 256);
}

static void test_split_list(void **state)
{
	const char *specs[VM_KERNEL_SPECS_MAX];
	unsigned int nr;
	char err[256];

	(void)state;
	assert_int_equal(split("generic,rt,generic:preempt=full", specs, &nr, err), 0);
	assert_int_equal(nr, 3);
	assert_string_equal(specs[0], "generic");
	assert_string_equal(specs[1], "rt");
	assert_string_equal(specs[2], "generic:preempt=full");
	assert_int_equal(split("/boot/vmlinuz-6.1.0-56-amd64", specs, &nr, err), 0);
	assert_int_equal(nr, 1);
}

static void test_split_refuses(void **state)
{
	static const char *const bad[] = {
		"", ",", "generic,", ",rt", "generic,,rt", "rt,rt",
		"a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q", "generic:", "rt:a b",
	};
	const char *specs[VM_KERNEL_SPECS_MAX];
	unsigned int nr, i;
	char err[256];

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(split(bad[i], specs, &nr, err), -1);
		assert_true(err[0] != '\0');
	}
	split("rt,rt", specs, &nr, err);
	assert_non_null(strstr(err, "twice"));
}

static void test_spec_split(void **state)
{
	char base[64], params[64], err[256];

	(void)state;
	assert_int_equal(vm_spec_split("generic:preempt=full:threadirqs", base, sizeof(base),
				       params, sizeof(params), err, sizeof(err)), 0);
	assert_string_equal(base, "generic");
	assert_string_equal(params, "preempt=full threadirqs");
	assert_int_equal(vm_spec_split("rt", base, sizeof(base), params, sizeof(params),
				       err, sizeof(err)), 0);
	assert_string_equal(params, "");
	assert_int_equal(vm_spec_split(":x", base, sizeof(base), params, sizeof(params),
				       err, sizeof(err)), -1);
	assert_int_equal(vm_spec_split("generic::x", base, sizeof(base), params,
				       sizeof(params), err, sizeof(err)), -1);
	assert_int_equal(vm_spec_split("generic:a;b", base, sizeof(base), params,
				       sizeof(params), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'a;b' is not a boot parameter"));
}

static void test_tag(void **state)
{
	struct vm_kernel k = { 0 };
	char tag[256];

	(void)state;
	snprintf(k.spec, sizeof(k.spec), "generic:preempt=full");
	vm_kernel_tag(&k, tag, sizeof(tag));
	assert_string_equal(tag, "generic-preempt=full");
	/* a path is named by its release, never by its directories */
	snprintf(k.spec, sizeof(k.spec), "/tmp/b/bzImage:threadirqs");
	snprintf(k.release, sizeof(k.release), "6.1.99-x");
	snprintf(k.params, sizeof(k.params), "threadirqs");
	vm_kernel_tag(&k, tag, sizeof(tag));
	assert_string_equal(tag, "6.1.99-x-threadirqs");
	snprintf(k.spec, sizeof(k.spec), "rt:a@b");
	vm_kernel_tag(&k, tag, sizeof(tag));
	assert_string_equal(tag, "rt-a-b");
}

static void test_cmdline_extra(void **state)
{
	char err[256], long_line[VM_CMDLINE_EXTRA_MAX + 2];

	(void)state;
	assert_int_equal(vm_check_cmdline_extra("isolcpus=1,2 threadirqs", err, sizeof(err)), 0);
	assert_int_equal(vm_check_cmdline_extra("", err, sizeof(err)), 0);
	assert_int_equal(vm_check_cmdline_extra("a\nb", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "offset 1"));
	memset(long_line, 'a', sizeof(long_line) - 1);
	long_line[sizeof(long_line) - 1] = '\0';
	assert_int_equal(vm_check_cmdline_extra(long_line, err, sizeof(err)), -1);
	long_line[VM_CMDLINE_EXTRA_MAX] = '\0';
	assert_int_equal(vm_check_cmdline_extra(long_line, err, sizeof(err)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_list),
		cmocka_unit_test(test_split_refuses),
		cmocka_unit_test(test_spec_split),
		cmocka_unit_test(test_tag),
		cmocka_unit_test(test_cmdline_extra),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
