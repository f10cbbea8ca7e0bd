/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running qemu-system-x86_64 for the VM target: one boot, two serial ports
 * written to host files (ttyS0 the console, ttyS1 the guest's report), a
 * deadline, and the console copied out as it arrives. qemu is exec'ed
 * directly (no shell), in its own process group so a terminal's Ctrl-C
 * reaches ksbench alone, and it dies with ksbench (PR_SET_PDEATHSIG).
 */
#ifndef KSB_VM_QEMU_H
#define KSB_VM_QEMU_H

#include <stdio.h>

#define QEMU_BINARY	"qemu-system-x86_64"

struct qemu_spec {
	const char *image;
	const char *initrd;
	const char *cmdline;
	const char *accel;		/* "kvm" or "tcg" */
	const char *cpu;		/* -cpu (vm_cpu.h) */
	unsigned int smp;
	unsigned int memory_mb;
	const char *console_path;	/* ttyS0, created afresh */
	const char *channel_path;	/* ttyS1, created afresh */
	const char *stderr_path;	/* qemu's own stdout and stderr */
	unsigned int timeout_s;
	FILE *console_stream;		/* copy of the console as it arrives, or NULL */
};

enum qemu_end {
	QEMU_EXITED,			/* wait_status says how */
	QEMU_TIMED_OUT,			/* stopped at the deadline */
	QEMU_INTERRUPTED,		/* stopped for SIGINT, SIGTERM or SIGHUP */
};

struct qemu_result {
	enum qemu_end end;
	int wait_status;
	double seconds;			/* from exec to exit */
};

/*
 * Boots and waits. SIGINT, SIGTERM and SIGHUP are caught meanwhile (and
 * the previous handlers restored): they stop qemu, SIGTERM first, then
 * SIGKILL, as the deadline does. -1 only when qemu could not be started.
 */
int qemu_run(const struct qemu_spec *spec, struct qemu_result *res,
	     char *err, size_t errlen);

/* The first line of `qemu-system-x86_64 --version`, or "unknown". */
const char *qemu_version(void);

#endif
