/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VM target: boot a kernel in qemu with an initramfs assembled here
 * (busybox-static, the static CLI, ksbench.ko built for that kernel), run one
 * command in the guest after the module is loaded, and carry one file back
 * over a second serial port. No network, no guest modules besides ours.
 */
#ifndef KSB_VM_H
#define KSB_VM_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

struct vm_kernel {
	char release[128];		/* e.g. 6.1.0-56-amd64 */
	char image[PATH_MAX];		/* e.g. /boot/vmlinuz-6.1.0-56-amd64 */
	char module[PATH_MAX];		/* build/kmod/<release>/ksbench.ko */
};

/*
 * spec: NULL or "generic" (newest non-rt /boot/vmlinuz-*), "rt" (newest
 * *-rt-* image), a release name, or a path to a kernel image. Fails with a
 * message saying how to build the module when it is missing.
 */
int vm_resolve_kernel(const char *spec, struct vm_kernel *k,
		      char *err, size_t errlen);

struct vm_request {
	const struct vm_kernel *kernel;
	unsigned int smp;
	unsigned int memory_mb;		/* 0: default */
	unsigned int timeout_s;		/* whole boot-run-poweroff budget */
	bool load_module;		/* insmod ksbench.ko before the command */
	const char *const *guest_argv;	/* NULL-terminated; argv[0] is a guest path */
	const char *const *extra_files;	/* NULL-terminated "host:guest" pairs */
	const char *guest_output;	/* guest file carried back, or NULL */
	const char *host_output;	/* where it lands on the host */
	const char *console_log;	/* host path for the guest console */
	bool quiet;			/* no progress lines on stderr */
};

struct vm_outcome {
	int guest_status;		/* exit status of guest_argv, -1 unknown */
	bool timed_out;
	bool output_received;
	char accel[8];			/* "kvm" or "tcg" */
	char qemu_version[128];
	unsigned int console_issues;	/* lines the console checker flagged */
	char first_issue[256];
};

/* Returns 0 when the guest ran the command and powered off cleanly. */
int vm_run(const struct vm_request *req, struct vm_outcome *out,
	   char *err, size_t errlen);

#endif
