// SPDX-License-Identifier: GPL-2.0
/* vm_cpu.c: qemu's -cpu and the clock's boot parameters; clock_facts.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "clock_facts.h"
#include "module_text.h"
#include "vm_cpu.h"

static void test_choose(void **state)
{
	struct vm_cpu_choice c;

	(void)state;
	vm_cpu_choose("tcg", VM_HV_AUTO, false, &c);
	assert_string_equal(c.cpu, "qemu64,-hypervisor");
	assert_false(c.hypervisor_bit);
	assert_string_equal(c.clock_params, "tsc=reliable");
	vm_cpu_choose("tcg", VM_HV_ON, false, &c);
	assert_string_equal(c.cpu, "qemu64");
	assert_true(c.hypervisor_bit);
	assert_string_equal(c.clock_params, "tsc=reliable");
	/* overcommitted: the bit stays, unless asked otherwise */
	vm_cpu_choose("tcg", VM_HV_AUTO, true, &c);
	assert_string_equal(c.cpu, "qemu64");
	assert_non_null(strstr(c.cpu_reason, "more vCPUs than host CPUs"));
	vm_cpu_choose("tcg", VM_HV_OFF, true, &c);
	assert_string_equal(c.cpu, "qemu64,-hypervisor");
	assert_string_equal(c.cpu_reason, "asked: --hypervisor-bit=off");
	vm_cpu_choose("kvm", VM_HV_AUTO, false, &c);
	assert_string_equal(c.cpu, "host");
	assert_true(c.hypervisor_bit);
	assert_string_equal(c.clock_params, "");
	vm_cpu_choose("kvm", VM_HV_OFF, false, &c);
	assert_string_equal(c.cpu, "host,-hypervisor");
	assert_false(c.hypervisor_bit);
}

static void test_parse(void **state)
{
	enum vm_hv_bit v = VM_HV_AUTO;
	char err[128];

	(void)state;
	assert_int_equal(vm_hv_bit_parse("on", &v, err, sizeof(err)), 0);
	assert_int_equal(v, VM_HV_ON);
	assert_int_equal(vm_hv_bit_parse("off", &v, err, sizeof(err)), 0);
	assert_int_equal(v, VM_HV_OFF);
	assert_int_equal(vm_hv_bit_parse("yes", &v, err, sizeof(err)), -1);
	assert_string_equal(err, "'yes' is not on or off");
	assert_int_equal(vm_hv_bit_parse("", &v, err, sizeof(err)), -1);
}

static void test_describe(void **state)
{
	struct json_object *vm = json_object_new_object();
	struct vm_cpu_choice c;

	(void)state;
	vm_cpu_choose("tcg", VM_HV_ON, false, &c);
	vm_cpu_describe(vm, &c);
	assert_string_equal(json_object_get_string(json_object_object_get(vm, "cpu")), "qemu64");
	assert_true(json_object_get_boolean(json_object_object_get(vm, "hypervisor_bit")));
	assert_string_equal(json_object_get_string(json_object_object_get(vm, "clock_params")),
			    "tsc=reliable");
	assert_non_null(json_object_object_get(vm, "clock_reason"));
	assert_string_equal(json_object_get_string(json_object_object_get(vm, "cpu_reason")),
			    "asked: --hypervisor-bit=on");
	json_object_put(vm);
}

static const char info_text[] =
	"ksbench-info 1\nhz 250\nspin_slowpath virt-tas\nhypervisor_bit 1\n"
	"clock rdtsc_ordered\nclock_check_clock rdtsc_ordered\nclock_check_ns 100000000\n"
	"clock_check_cpus 2\nclock_check_reads 5000\nclock_check_handovers 40\n"
	"clock_backward_steps 3\nclock_backward_max_ns 17\n";

static int64_t int_at(struct json_object *o, const char *key)
{
	return json_object_get_int64(json_object_object_get(o, key));
}

static void test_clock_facts(void **state)
{
	struct json_object *flags = json_object_new_object(), *check, *v;
	struct module_text mt;
	char err[256];

	(void)state;
	assert_int_equal(module_text_parse_info(info_text, &mt, err, sizeof(err)), 0);
	clock_facts_add_flags(flags, &mt);
	assert_string_equal(json_object_get_string(json_object_object_get(flags, "spin_slowpath")),
			    "virt-tas");
	assert_true(json_object_get_boolean(json_object_object_get(flags, "hypervisor_bit")));
	check = clock_facts_check_new(&mt);
	assert_non_null(check);
	assert_string_equal(json_object_get_string(json_object_object_get(check, "clock")),
			    "rdtsc_ordered");
	assert_int_equal(int_at(check, "duration_ns"), 100000000);
	assert_int_equal(int_at(check, "cpus"), 2);
	assert_int_equal(int_at(check, "reads"), 5000);
	assert_int_equal(int_at(check, "handovers"), 40);
	/* backward steps are reported as they are, never hidden */
	assert_int_equal(int_at(check, "backward_steps"), 3);
	assert_int_equal(int_at(check, "max_backward_ns"), 17);
	json_object_put(check);
	json_object_put(flags);
	module_text_free(&mt);

	/* an older module: null facts, no check */
	flags = json_object_new_object();
	assert_int_equal(module_text_parse_info("ksbench-info 1\nhz 250\nhypervisor_bit -1\n",
						&mt, err, sizeof(err)), 0);
	clock_facts_add_flags(flags, &mt);
	assert_true(json_object_object_get_ex(flags, "spin_slowpath", &v) && !v);
	assert_true(json_object_object_get_ex(flags, "hypervisor_bit", &v) && !v);
	assert_null(clock_facts_check_new(&mt));
	json_object_put(flags);
	module_text_free(&mt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_choose),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_clock_facts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
