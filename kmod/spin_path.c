// SPDX-License-Identifier: GPL-2.0
/*
 * Which slow path a contended spin_lock() takes on this boot. On x86 with
 * CONFIG_PARAVIRT, queued_spin_lock_slowpath() first tries virt_spin_lock()
 * (asm/qspinlock.h): while virt_spin_lock_key is on, every contended lock
 * is a test-and-set loop and the MCS queue of kernel/locking/qspinlock.c
 * never runs. The key is not exported, so this follows the boot code that
 * sets it (the same in 6.1 and 6.12, though 6.1 starts the key on and
 * turns it off, 6.12 starts it off and turns it on):
 * - native_pv_lock_init(): on only with the CPUID hypervisor bit;
 * - kvm_spinlock_init(): off again, unless the host lacks
 *   KVM_FEATURE_PV_UNHALT; with it, paravirt spinlocks or (nopvspin,
 *   KVM_HINTS_REALTIME, one CPU) the native queue;
 * - xen_init_spinlocks(): off again when Xen's paravirt locks are off;
 * - other hypervisors (Hyper-V without its PV locks, VMware, TCG, which
 *   sets the bit but no hypervisor leaves) leave it on.
 * Paravirt spinlocks (pv_ops' slow path replaced) skip virt_spin_lock().
 */
#include <linux/bits.h>
#include <linux/kernel.h>

#include "spin_path.h"

#ifdef CONFIG_X86
#include <asm/cpufeature.h>
#include <asm/hypervisor.h>
#include <asm/kvm_para.h>
#include <asm/processor.h>
#ifdef CONFIG_PARAVIRT
#ifdef KSB_HAVE_PV_OPS_LOCK
/* newer kernels keep the lock operations in pv_ops_lock (Kbuild checks) */
#include <asm/paravirt-spinlock.h>
#define KSB_PV_LOCK_OPS	pv_ops_lock
#else
#include <asm/paravirt.h>
#define KSB_PV_LOCK_OPS	pv_ops.lock
#endif
#endif

static bool ksb_paravirt_slowpath(void)
{
#if defined(CONFIG_PARAVIRT_SPINLOCKS) && defined(KSB_HAVE_PV_OPS_LOCK)
	/*
	 * The slow path is a static call there, whose target a module cannot
	 * query; every paravirt lock sets wait and kick to two functions of
	 * its own, while native leaves both paravirt_nop.
	 */
	return (void *)KSB_PV_LOCK_OPS.wait != (void *)KSB_PV_LOCK_OPS.kick;
#elif defined(CONFIG_PARAVIRT_SPINLOCKS)
	return KSB_PV_LOCK_OPS.queued_spin_lock_slowpath !=
	       native_queued_spin_lock_slowpath;
#else
	return false;
#endif
}

#ifdef KSB_HAVE_CPUID_BASE_HYPERVISOR
#define ksb_cpuid_base(sig, leaves)	cpuid_base_hypervisor(sig, leaves)
#else
#define ksb_cpuid_base(sig, leaves)	hypervisor_cpuid_base(sig, leaves)
#endif

/* kvm_para_has_feature() without kvm_arch_para_features(), not exported */
static bool ksb_kvm_pv_unhalt(void)
{
	u32 base = ksb_cpuid_base(KVM_SIGNATURE, 0);

	return base && (cpuid_eax(base | KVM_CPUID_FEATURES) &
			BIT(KVM_FEATURE_PV_UNHALT));
}

/* With the hypervisor bit and no paravirt locks: is the key still on? */
static bool ksb_virt_key_on(void)
{
	if (hypervisor_is_type(X86_HYPER_KVM))
		return !ksb_kvm_pv_unhalt();
	return !hypervisor_is_type(X86_HYPER_XEN_PV) &&
	       !hypervisor_is_type(X86_HYPER_XEN_HVM);
}

const char *ksb_spin_slowpath(void)
{
	if (!IS_ENABLED(CONFIG_SMP) || !IS_ENABLED(CONFIG_PARAVIRT))
		return "native";
	if (ksb_paravirt_slowpath())
		return "paravirt";
	if (!boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return "native";
	return ksb_virt_key_on() ? "virt-tas" : "native";
}

int ksb_hypervisor_bit(void)
{
	return boot_cpu_has(X86_FEATURE_HYPERVISOR);
}
#else
/* virt_spin_lock() is x86's; elsewhere the generic one never hijacks. */
const char *ksb_spin_slowpath(void)
{
	return "native";
}

int ksb_hypervisor_bit(void)
{
	return -1;
}
#endif
