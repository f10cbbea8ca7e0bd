// SPDX-License-Identifier: GPL-2.0
/* The guest's CPU model and clock parameters (vm_cpu.h says why). */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "vm_cpu.h"

#define TCG_CLOCK_PARAMS	"tsc=reliable"
#define TCG_CLOCK_REASON \
	"TCG: the guest TSC is qemu's one virtual counter, monotonic across vCPUs; " \
	"without tsc=reliable the kernel marks it unsynchronized and reads hpet"
#define KVM_CLOCK_REASON	"KVM: the kernel's own choice (kvm-clock, or a TSC it checked)"

int vm_hv_bit_parse(const char *s, enum vm_hv_bit *out, char *err, size_t errlen)
{
	if (!strcmp(s, "on")) {
		*out = VM_HV_ON;
		return 0;
	}
	if (!strcmp(s, "off")) {
		*out = VM_HV_OFF;
		return 0;
	}
	snprintf(err, errlen, "'%s' is not on or off", s);
	return -1;
}

void vm_cpu_choose(const char *accel, enum vm_hv_bit want, struct vm_cpu_choice *c)
{
	bool kvm = accel && !strcmp(accel, "kvm");

	c->hypervisor_bit = want == VM_HV_ON || (want == VM_HV_AUTO && kvm);
	snprintf(c->cpu, sizeof(c->cpu), "%s%s", kvm ? "host" : "qemu64",
		 c->hypervisor_bit ? "" : ",-hypervisor");
	c->clock_params = kvm ? "" : TCG_CLOCK_PARAMS;
	c->clock_reason = kvm ? KVM_CLOCK_REASON : TCG_CLOCK_REASON;
}

void vm_cpu_describe(struct json_object *vm, const struct vm_cpu_choice *c)
{
	if (!vm || !c->cpu[0])
		return;
	json_object_object_add(vm, "cpu", json_object_new_string(c->cpu));
	json_object_object_add(vm, "hypervisor_bit", json_object_new_boolean(c->hypervisor_bit));
	json_object_object_add(vm, "clock_params", json_object_new_string(c->clock_params));
	json_object_object_add(vm, "clock_reason", json_object_new_string(c->clock_reason));
}
