/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The debugfs contract (docs/debugfs.md) as a function: for a write of
 * some bytes to one control file, the errno the module must refuse it
 * with, or 0 when it must take it. The generators keep only values this
 * refuses, so an accepted write is the module's fault, never the
 * generator's. Pure: no I/O.
 */
#ifndef KSB_FUZZ_MODEL_H
#define KSB_FUZZ_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ksbench_abi.h"

#define FZ_CPUS_MAX	8192	/* Debian's NR_CPUS; the most a mask holds */

/* How a file parses what is written to it. */
enum fz_class {
	FZ_NUMBER,	/* u64 in [min, max], decimal */
	FZ_CHOICE,	/* one word of a list */
	FZ_WORKLOAD,	/* a name from the workloads file */
	FZ_CPUS,	/* a cpulist of online CPUs, each named once */
	FZ_CONTROL,	/* start | stop | reset */
	FZ_READONLY,	/* no write handler */
	FZ_NR_CLASSES,
};

extern const char *const fz_class_names[FZ_NR_CLASSES];

struct fz_file {
	char name[64];
	enum fz_class class;
	uint64_t min, max;		/* FZ_NUMBER */
	/* FZ_CHOICE, FZ_WORKLOAD, FZ_CONTROL: the words taken */
	const char *const *words;
	unsigned int nr_words;
	/*
	 * false: a knob this fuzzer has no table for, known only by its
	 * current value (words) or a probed range; its generators then keep
	 * to values no such knob could take.
	 */
	bool known;
};

/* What the model needs to know of the machine and the module. */
struct fz_machine {
	unsigned int nr_cpu_ids;
	unsigned char online[FZ_CPUS_MAX / 8];
	bool running;			/* a run is in progress */
};

static inline bool fz_cpu_online(const struct fz_machine *m, unsigned long cpu)
{
	return cpu < m->nr_cpu_ids && cpu < FZ_CPUS_MAX &&
	       (m->online[cpu / 8] >> (cpu % 8) & 1);
}

/* 0 if the module must take BUF[LEN] written to F, else the errno. */
int fz_expect(const struct fz_file *f, const struct fz_machine *m,
	      const char *buf, size_t len);

/*
 * The kernel helpers the contract is written in terms of, as 6.1 has
 * them. fz_isspace(): the kernel's isspace(), which also takes 0xa0.
 */
bool fz_isspace(unsigned char c);
/* strim(): S without leading and trailing kernel whitespace, in place. */
char *fz_strim(char *s);
/* kstrtou64(S, 10): 0, -EINVAL (malformed) or -ERANGE (overflow). */
int fz_kstrtou64(const char *s, uint64_t *v);
/*
 * The module's cpulist: CPUs and ranges separated by single commas
 * ("0-3,6"), nothing else. Sets MASK (FZ_CPUS_MAX bits) and returns 0,
 * -EINVAL (syntax, a reversed range, a CPU named twice) or -ERANGE (a
 * number beyond 32 bits, a CPU that is not online). Without M, any CPU
 * below FZ_CPUS_MAX is taken: for parsing the kernel's own lists.
 */
int fz_cpulist(const char *s, const struct fz_machine *m, unsigned char *mask);

#endif
