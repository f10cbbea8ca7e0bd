/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsers for the small values ksbench reads: command-line values
 * (durations, CPU counts, workload lists, targets) and one-line kernel
 * files (cpulists, sched/preempt). Pure: text in, values or a message out.
 *
 * Every parser returns 0 on success, or -1 with a one-line message in
 * err[errlen] that quotes the offending text and says what would be valid;
 * the caller prefixes it with the command and option name.
 */
#ifndef KSB_PARSE_H
#define KSB_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ksbench_abi.h"

#define NSEC_PER_USEC	1000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_SEC	1000000000ULL

#define KSB_CPU_COUNTS_MAX	64	/* distinct CPU counts in one sweep */
#define KSB_WORKLOADS_MAX	64	/* workloads in one sweep */

enum target { TARGET_AUTO, TARGET_HOST, TARGET_VM };

/* Sorted, without duplicates. */
struct cpu_counts {
	unsigned int nr;
	unsigned int count[KSB_CPU_COUNTS_MAX];
};

/* In the order given, without duplicates; all: the word `all` alone. */
struct name_list {
	unsigned int nr;
	bool all;
	char name[KSB_WORKLOADS_MAX][KSB_NAME_MAX];
	unsigned int min_cpus[KSB_WORKLOADS_MAX];	/* from the module, or 0 */
	/* why this kernel cannot run it, from the module; "" it can */
	char unavailable[KSB_WORKLOADS_MAX][128];
};

/*
 * Decimal digits at *p into *v, moving *p past them; -1 when there are
 * none or they overflow 64 bits. For the module's key=value texts.
 */
int parse_digits_u64(const char **p, uint64_t *v);

/* A whole string that is one decimal number, nothing around it. */
int parse_whole_u64(const char *s, uint64_t *v);

/* A non-negative JSON integer (NULL or anything else: -1). */
struct json_object;
int parse_json_u64(const struct json_object *v, uint64_t *out);

/* "500ms", "1.5s", "200us", "0ns": a number and a unit, always. */
int parse_duration_ns(const char *s, uint64_t *ns, char *err, size_t errlen);

/*
 * The same, then checked against [min_ns, max_ns] and required to be a
 * whole multiple of step_ns (the unit the module takes).
 */
int parse_duration_range(const char *s, uint64_t min_ns, uint64_t max_ns,
			 uint64_t step_ns, uint64_t *ns,
			 char *err, size_t errlen);

/* A plain decimal number in [min, max]. */
int parse_uint(const char *s, unsigned long min, unsigned long max,
	       unsigned long *val, char *err, size_t errlen);
int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *val,
	      char *err, size_t errlen);

/*
 * "1,2,4,8", "1-4", "all" or a mix: CPU counts in 1..max; `all` stands
 * for all_count.
 */
int parse_cpu_counts(const char *s, unsigned int max, unsigned int all_count,
		     struct cpu_counts *counts, char *err, size_t errlen);

/* "spinlock,mutex" or "all": workload names, checked for shape only. */
int parse_name_list(const char *s, struct name_list *names,
		    char *err, size_t errlen);

/*
 * "5", "2.5" or "5%": a percentage in (0, max_pct], as a fraction (0.05).
 * Plain decimal digits with at most one point; no sign, no exponent.
 */
int parse_percent(const char *s, double max_pct, double *frac,
		  char *err, size_t errlen);

int parse_target(const char *s, enum target *target, char *err, size_t errlen);
const char *target_name(enum target target);

/*
 * A kernel cpulist ("0-3,6"): how many CPUs it names, and how many of
 * CPUs 0, 1, 2, ... it names without a gap (ranges come sorted).
 */
int parse_cpulist(const char *s, unsigned int *count, unsigned int *prefix);

/* "none (voluntary) full" -> "voluntary": the model in parentheses. */
int parse_preempt_live(const char *text, char *model, size_t len);

/* Inverses, for messages and for the module. */
void format_cpu_range(unsigned int nr_cpus, char *buf, size_t len);
void format_duration(uint64_t ns, char *buf, size_t len);

/*
 * Appends s at buf[*used] and advances *used; a full buffer keeps what
 * fits, NUL-terminated, and ignores the rest.
 */
void str_append(char *buf, size_t len, size_t *used, const char *s);

#endif
