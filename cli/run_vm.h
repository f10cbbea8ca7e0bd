/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One boot of the VM target (run_vm.c), as the rounds of --boots=N
 * (run_boots.c) use it: boot the kernel, run the sweep in the guest,
 * and hand back the guest's result, described, with what qemu said.
 */
#ifndef KSB_RUN_VM_H
#define KSB_RUN_VM_H

#include <limits.h>
#include <stdbool.h>
#include <time.h>

#include "run.h"
#include "vm.h"

/* A boot whose kernel never started ksbench's init, booted again. */
struct vm_failed_boot {
	char err[1024];
	char log[PATH_MAX];		/* its console log, kept */
};

struct vm_boot {
	struct json_object *doc;	/* the guest's result, described; NULL: none */
	unsigned int nr_failed;		/* failed boots before this one */
	struct vm_failed_boot failed[VM_BOOT_RETRIES_MAX];
	struct vm_outcome out;
	int rc;				/* vm_run's */
	int status;			/* nonzero: no result, and the exit status */
	char err[1024];			/* vm_run's message */
	char log[PATH_MAX];		/* the console log */
	time_t started;
};

/*
 * Boots kernel with its console in log; the live progress line carries
 * prefix (or none). A boot whose kernel never started ksbench's init
 * (vm.h's boot_failed) is booted again, up to --boot-retries times: its
 * console log is kept beside log and vm.failed_boots records it. 0 with
 * b->doc, or b->status after a message.
 */
int run_vm_boot(const struct run_opts *o, const struct host_facts *hf,
		const struct vm_kernel *kernel, const char *log, const char *prefix,
		struct vm_boot *b);

/* A stop signal ended the boot (the guest's run or the VM). */
bool run_vm_boot_stopped(const struct vm_boot *b);

/*
 * After the result is written (status: what writing it gave): what the
 * guest's console and exit status add, with a message; the exit status.
 */
int run_vm_boot_verdict(const struct vm_boot *b, int status, const char *path);

/* results/x.json, boot 2 -> results/x.boot2.console.log */
void run_vm_boot_log_path(const char *output, unsigned int boot, char *buf, size_t len);

/* --boots=N over kernels[0..nr): rounds A B A B ...; status[i] per kernel. */
int run_vm_boots(const struct run_opts *o, const struct host_facts *hf,
		 const struct vm_kernel *kernels, char (*paths)[PATH_MAX], int *status,
		 unsigned int nr);

#endif
