/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest's CPU model and clock: qemu's -cpu argument and the boot
 * parameters that go with it (docs/vm.md, "The guest's CPU and clock").
 *
 * Under TCG, -cpu qemu64 sets the CPUID hypervisor bit, and an x86 guest
 * without paravirt spinlocks then takes virt_spin_lock(), a test-and-set
 * loop, for every contended spinlock instead of the native queued lock.
 * TCG offers no paravirt interface, so the bit only makes the guest act
 * as a guest: by default it is hidden (qemu64,-hypervisor) and the guest
 * runs the locks a bare-metal host runs. --hypervisor-bit=on measures the
 * cloud-guest case. Not when the VM has more vCPUs than the host has
 * CPUs, though: the host then deschedules vCPUs, a fair queued lock waits
 * for a waiter that is not running at every handoff (measured here: 574
 * ops/s at 4 vCPUs on 2 cores, and points that overran their deadline),
 * and that is the case virt_spin_lock() exists for; the bit stays. Under KVM, -cpu host keeps the bit: the guest finds
 * KVM and uses its paravirt spinlocks and kvm-clock, which is what a KVM
 * guest runs; --hypervisor-bit=off hides it there too.
 *
 * The clock: under TCG the guest's TSC is qemu's one virtual tick counter
 * (the host's TSC plus an offset, kept monotonic across vCPUs under one
 * lock), the same for every vCPU. The kernel cannot know that (qemu64
 * has no invariant-TSC bit and an AMD vendor), marks the TSC
 * unsynchronized and reads hpet at 230-480 ns a read; tsc=reliable
 * tells it. Under KVM nothing is added: kvm-clock, or the kernel's own
 * checks of the host's TSC.
 */
#ifndef KSB_VM_CPU_H
#define KSB_VM_CPU_H

#include <stdbool.h>
#include <stddef.h>

struct json_object;

enum vm_hv_bit {
	VM_HV_AUTO,		/* hidden under TCG unless overcommitted; shown under KVM */
	VM_HV_ON,
	VM_HV_OFF,
};

struct vm_cpu_choice {
	char cpu[32];			/* qemu's -cpu argument */
	bool hypervisor_bit;
	const char *cpu_reason;		/* why the bit is as it is */
	const char *clock_params;	/* boot parameters for the clock, or "" */
	const char *clock_reason;	/* why, for the result */
};

/* "on" or "off" (--hypervisor-bit=). 0, or -1 with a message. */
int vm_hv_bit_parse(const char *s, enum vm_hv_bit *out, char *err, size_t errlen);

/*
 * The choice for accel ("kvm" or "tcg"), what was asked, and whether the
 * VM has more vCPUs than the host has online CPUs.
 */
void vm_cpu_choose(const char *accel, enum vm_hv_bit want, bool overcommitted,
		   struct vm_cpu_choice *c);

/* Adds cpu, hypervisor_bit, cpu_reason, clock_params, clock_reason to a "vm" object. */
void vm_cpu_describe(struct json_object *vm, const struct vm_cpu_choice *c);

#endif
