/* SPDX-License-Identifier: GPL-2.0 */
/* The spin_lock() slow path in effect on this boot (spin_path.c). */
#ifndef KSBENCH_SPIN_PATH_H
#define KSBENCH_SPIN_PATH_H

/*
 * "native" (the queued MCS spinlock), "paravirt" (its paravirt variant:
 * waiters halt and are kicked) or "virt-tas" (virt_spin_lock(): a
 * test-and-set loop).
 */
const char *ksb_spin_slowpath(void);

/* The CPUID hypervisor bit: 1 or 0; -1 where there is none (not x86). */
int ksb_hypervisor_bit(void);

#endif
