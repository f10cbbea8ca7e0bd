/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a command runs: --target=auto's choice between this host and a VM,
 * and the VM round trip of the commands that only print (list, info).
 */
#ifndef KSB_TARGET_H
#define KSB_TARGET_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "parse.h"

/* What --target=auto will do, decided without side effects. */
struct auto_plan {
	enum {
		AUTO_HOST,	/* the module is loaded: use it */
		AUTO_LOAD,	/* it can be loaded from build/kmod/: try that */
		AUTO_VM,	/* neither: boot a VM */
	} action;
	char module[PATH_MAX];	/* AUTO_LOAD: the file to load */
	char why[PATH_MAX + 128];	/* AUTO_VM: why not this host */
};

void target_auto_plan(struct auto_plan *plan);

/*
 * Carries out the plan: loads the module for AUTO_LOAD, and when the host
 * cannot be used prints one line on stderr saying why and that the VM
 * target is used. Returns TARGET_HOST or TARGET_VM.
 */
enum target target_auto_settle(const struct auto_plan *plan, bool quiet);

/*
 * For the commands without CPU limits to check first (list, info): auto
 * settled at once; a --kernel choice means the VM.
 */
enum target target_pick(enum target requested, const char *kernel, bool quiet);

/* --kernel names the VM's kernel: refused for the host target. */
int target_check_kernel(const char *who, enum target target, const char *kernel);

/*
 * Runs `/bin/ksbench <args> --target=host` in a VM booted with the kernel
 * spec (vm_resolve_kernel) and prints what it printed. Returns the exit
 * status to use; who prefixes messages ("ksbench list").
 */
int target_vm_print(const char *who, const char *kernel_spec,
		    const char *args, bool quiet);

/*
 * The options `ksbench list` and `info` share: --target, --kernel, -q
 * (getopt codes 't', 'k', 'q'), and the checks once parsing is done.
 */
struct target_opts {
	enum target target;
	const char *kernel;
	bool quiet;
};

/* --kernel=SPEC's syntax (one kernel, vm_spec_split): 0, or -1 after a line. */
int target_check_spec(const char *who, const char *spec);

/* 1: @c was one of them (taken); 0: not one of them; -1: bad value. */
int target_opts_take(const char *who, int c, struct target_opts *t);

/* After getopt: no stray arguments, --kernel only with the VM. */
int target_opts_done(const char *who, int argc, char **argv,
		     const struct target_opts *t);

#endif
