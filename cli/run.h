/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksbench run, in three files along its seams: cmd_run.c reads the
 * options, picks the target and writes the result file; run_host.c sweeps
 * the module through debugfs on this machine; run_vm.c runs the same sweep
 * inside a VM and brings its result file back.
 */
#ifndef KSB_RUN_H
#define KSB_RUN_H

#include <stdbool.h>
#include <time.h>

#include "knobs.h"
#include "parse.h"

#define RUN_WHO		"ksbench run"

struct host_facts;
struct json_object;

struct run_opts {
	struct name_list lock;
	const char *cpus_arg;
	char waiters_arg[8];		/* --waiters=N as a CPU count, N + 1 */
	struct cpu_counts cpus;		/* valid once the target is settled */
	struct knob_values knobs;	/* duration, warmup, hold, ... (knobs.h) */
	unsigned int repeat;
	unsigned int boots;		/* --boots: boots of each kernel (VM), 1 */
	bool boots_given;
	const char *output;		/* -o, or NULL for the default name */
	enum target target;
	const char *kernel;		/* --kernel=LIST, as given */
	const char *kernel_cmdline;	/* --kernel-cmdline, or NULL */
	time_t started;			/* names a multi-kernel run's files */
	unsigned int timeout_s;		/* 0: estimated */
	unsigned int boot_timeout_s;	/* --boot-timeout; 0: estimated */
	unsigned int boot_retries;	/* --boot-retries: boots again of a kernel that failed to boot */
	bool boot_retries_given;
	int hypervisor_bit;		/* --hypervisor-bit: enum vm_hv_bit */
	bool quiet;
	bool no_correct;		/* --no-correct: raw latencies */
	bool shuffle;			/* --shuffle: each round in a seeded order */
	double max_cv;			/* --max-cv, as a fraction */
	bool compact;			/* --compact: one-line JSON */
	char command[4096];		/* for tool.command */
};

enum sweep_end { SWEEP_COMPLETE, SWEEP_INTERRUPTED, SWEEP_FAILED };

/* One line naming the option, on stderr; returns EXIT_USAGE. */
int run_usage_error(const char *option, const char *msg);

/*
 * The result file's path: -o, or results/<release>_<label>_<time>.json,
 * checked before anything runs. 0, or the exit status after a message.
 */
int run_output_path(const struct run_opts *o, const char *release,
		    char *path, size_t len);

/*
 * With several kernels, one result file per kernel: -o's path without
 * ".json", or results/<workloads>_<time>, then "_<tag>.json"; and the
 * index naming them, the same base with ".index.json".
 */
int run_kernel_output_path(const struct run_opts *o, const char *tag,
			   char *path, size_t len);
int run_index_path(const struct run_opts *o, char *path, size_t len);

/* Writes the document, prints the summary and picks the exit status. */
int run_finish(const struct run_opts *o, struct json_object *doc,
	       const char *path, enum sweep_end end);

/* The two targets; each returns the exit status. */
int run_host(const struct run_opts *o, const struct host_facts *hf);
int run_vm(const struct run_opts *o, const struct host_facts *hf);

#endif
