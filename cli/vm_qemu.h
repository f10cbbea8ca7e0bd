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

#include <stdbool.h>
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
	/*
	 * 0, or how long the guest has to write its first byte to the
	 * channel (its init's first line): a kernel that has not started
	 * the init by then is stopped (QEMU_BOOT_STALLED), not left to
	 * hang until timeout_s.
	 */
	unsigned int boot_timeout_s;
	FILE *console_stream;		/* copy of the console as it arrives, or NULL */
	/*
	 * ttyS2, the control port, when control_in is set: the host writes
	 * control_in (a FIFO, created afresh) and the guest's writes land in
	 * control_out (a file, created afresh), read line by line as they come.
	 */
	const char *control_in;
	const char *control_out;
	struct qemu_control *control;
};

enum qemu_event {
	QEMU_CONTROL_LINE,		/* a line arrived on the control port */
	QEMU_STOP_FORWARDED,		/* the first stop signal went to the guest */
	QEMU_STOP_UNANSWERED,		/* the guest did not end within stop_grace_s */
};

struct qemu_control {
	/* for a line: true once the guest takes a stop on its control port */
	bool (*on_event)(void *arg, enum qemu_event event, const char *line);
	void *arg;
	unsigned int stop_grace_s;	/* from a forwarded stop to qemu's end */
};

enum qemu_end {
	QEMU_EXITED,			/* wait_status says how */
	QEMU_TIMED_OUT,			/* stopped at the deadline */
	QEMU_BOOT_STALLED,		/* stopped: no init within boot_timeout_s */
	QEMU_INTERRUPTED,		/* stopped for SIGINT, SIGTERM or SIGHUP */
};

struct qemu_result {
	enum qemu_end end;
	int wait_status;
	int forwarded_signal;		/* the stop passed on to the guest, or 0 */
	double seconds;			/* from exec to exit */
};

/*
 * Boots and waits. SIGINT, SIGTERM and SIGHUP are caught meanwhile
 * (interrupt.h). The first, once the guest said it takes one, is written
 * to the control port as "int", "term" or "hup", and the guest then has
 * stop_grace_s to power off by itself; any other (a second, or one before
 * the guest listens) stops qemu, SIGTERM first, then SIGKILL, as the
 * deadline and an unanswered stop do. -1 only when qemu could not be
 * started.
 */
int qemu_run(const struct qemu_spec *spec, struct qemu_result *res,
	     char *err, size_t errlen);

/* The first line of `qemu-system-x86_64 --version`, or "unknown". */
const char *qemu_version(void);

#endif
