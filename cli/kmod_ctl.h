/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Driving ksbench.ko on this host through debugfs (docs/debugfs.md): the
 * only file that knows the module's file names and state machine.
 */
#ifndef KSB_KMOD_CTL_H
#define KSB_KMOD_CTL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct json_object;
struct module_text;

/* $KSBENCH_DEBUGFS (tests point it at a fake tree), else /sys/kernel/debug. */
const char *kmod_debugfs(void);

/*
 * 0 when this host can drive the module now: root, debugfs mounted, the
 * module loaded. Otherwise a message saying what is missing and how to
 * get it.
 */
int kmod_host_ready(char *err, size_t errlen);

/* Loads a module file with finit_module(2); already loaded counts as done. */
int kmod_load(const char *path, char *err, size_t errlen);

/* Whole files of the module's directory, malloc'ed, NUL-terminated. */
int kmod_read(const char *file, char **text, char *err, size_t errlen);

/* `info`, parsed (module_text_parse_info). */
int kmod_read_info(struct module_text *info, char *err, size_t errlen);

/* `workloads`, parsed (module_text_parse_workloads). */
int kmod_read_workloads(struct json_object **list, char *err, size_t errlen);

/*
 * One CLI at a time: takes the module for this process, for its whole
 * life, or fails at once with "another ksbench run is using the module
 * (pid N)". kmod_write() claims it first, so a second CLI writes nothing.
 */
int kmod_claim(char *err, size_t errlen);

/*
 * One value into one file (after kmod_claim()); a refusal is reported with
 * the errno's text. Opening the files is root-only: for anyone else the
 * message is the same as kmod_read()'s and kmod_host_ready()'s,
 * "permission denied: ksbench's debugfs files are root-only; ...".
 */
int kmod_write(const char *file, const char *value, char *err, size_t errlen);

/* Ends a run if one is going; harmless when none is. */
void kmod_stop(void);

struct knob_values;

struct kmod_knobs {
	const char *workload;
	unsigned int cpus;		/* worker CPUs 0 .. cpus-1 */
	const struct knob_values *knobs;	/* every file of knobs.h's table */
};

/* Writes every knob; the module refuses a bad one and keeps the rest. */
int kmod_configure(const struct kmod_knobs *knobs, char *err, size_t errlen);

enum kmod_outcome { KMOD_DONE, KMOD_STOPPED, KMOD_FAILED };

/*
 * Configures, starts and waits for one run, then reads its `results`.
 * Returns KMOD_STOPPED without results when *stop became set (the run was
 * stopped), and KMOD_FAILED with a message; the module is never left
 * running either way. A `start` the module refuses over a rule that ties
 * knobs to the workload (docs/debugfs.md) is explained in those terms:
 * the acquire mode the primitive lacks, or the hold above its limit.
 */
enum kmod_outcome kmod_measure(const struct kmod_knobs *knobs,
			       volatile sig_atomic_t *stop, char **results,
			       char *err, size_t errlen);

#endif
