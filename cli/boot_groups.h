/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boots of a result file (ksbench run --boots=N, boot_merge.h) on the
 * read side: which boot a point came from, each boot's median over its
 * repeats, and the cross-checks the schema's tables cannot make (every
 * point's boot is one the file records). Pure.
 */
#ifndef KSB_BOOT_GROUPS_H
#define KSB_BOOT_GROUPS_H

#include <stddef.h>
#include <stdint.h>

struct json_object;

#define BOOT_ID_MAX	10000	/* the largest "boot" a reader takes */

/* One boot's share of a sample: its values' median. */
struct boot_median {
	int64_t boot;		/* 0: the points record none (a one-boot file) */
	size_t n;		/* values of that boot */
	double median;
};

/* A point's "boot", or 0 when it has none. */
int64_t boot_of(struct json_object *point);

/*
 * The medians of values[0..n) per boot (boots[i] is values[i]'s), in
 * ascending boot order, into *out (malloc'd, *nr of them; free() it).
 * Values without a boot (0) are one boot. 0, or -1 when out of memory.
 */
int boot_medians(const double *values, const int64_t *boots, size_t n,
		 struct boot_median **out, size_t *nr);

/* The median of x[0..n) (NAN when n is 0 or out of memory). */
double boot_median_of(const double *x, size_t n);

/*
 * A validated document's boot fields agree: either every point has a
 * boot or none does (a file with "boots" must), each boot is at most
 * params.boots and listed once in "boots". 0, or -1 with "not a valid
 * ksbench result: WHAT at WHERE" in err.
 */
int boot_fields_check(struct json_object *doc, char *err, size_t errlen);

#endif
