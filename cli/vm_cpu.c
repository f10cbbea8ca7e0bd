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

static const char *bit_reason(bool kvm, enum vm_hv_bit want, bool overcommitted)
{
	if (want != VM_HV_AUTO)
		return want == VM_HV_ON ? "asked: --hypervisor-bit=on" : "asked: --hypervisor-bit=off";
	if (kvm)
		return "KVM: shown, as a KVM guest runs (paravirt spinlocks, kvm-clock)";
	if (overcommitted)
		return "TCG, more vCPUs than host CPUs: shown; descheduled vCPUs stall a fair lock, "
		       "the case virt_spin_lock() is for";
	return "TCG: hidden; the guest runs the native queued spinlock, as on bare metal";
}

void vm_cpu_choose(const char *accel, enum vm_hv_bit want, bool overcommitted,
		   struct vm_cpu_choice *c)
{
	bool kvm = accel && !strcmp(accel, "kvm");

	c->hypervisor_bit = want == VM_HV_ON ||
			    (want == VM_HV_AUTO && (kvm || overcommitted));
	snprintf(c->cpu, sizeof(c->cpu), "%s%s", kvm ? "host" : "qemu64",
		 c->hypervisor_bit ? "" : ",-hypervisor");
	c->cpu_reason = bit_reason(kvm, want, overcommitted);
	c->clock_params = kvm ? "" : TCG_CLOCK_PARAMS;
	c->clock_reason = kvm ? KVM_CLOCK_REASON : TCG_CLOCK_REASON;
}

void vm_cpu_describe(struct json_object *vm, const struct vm_cpu_choice *c)
{
	if (!vm || !c->cpu[0])
		return;
	json_object_object_add(vm, "cpu", json_object_new_string(c->cpu));
	json_object_object_add(vm, "hypervisor_bit", json_object_new_boolean(c->hypervisor_bit));
	json_object_object_add(vm, "cpu_reason", json_object_new_string(c->cpu_reason));
	json_object_object_add(vm, "clock_params", json_object_new_string(c->clock_params));
	json_object_object_add(vm, "clock_reason", json_object_new_string(c->clock_reason));
}
