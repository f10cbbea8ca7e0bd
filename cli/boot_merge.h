/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksbench run --boots=N: the result documents of one kernel's N boots
 * merged into one file. Every boot's guest ran the same sweep (the same
 * params and seed, so with --shuffle the same order of rounds); its
 * points join the first kept boot's with "boot": k (1-based) and their
 * repeat renumbered to (k - 1) * R + r, R being params.repeat, so a
 * repeat number stays unique in the file and boot k's rounds follow boot
 * k - 1's. Every boot, kept or not, has a record in the document's
 * "boots" (docs/results-json.md). Pure: documents in, a document out.
 */
#ifndef KSB_BOOT_MERGE_H
#define KSB_BOOT_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct json_object;

/* What the VM target knows of one boot, besides its document. */
struct boot_record {
	unsigned int boot;		/* 1-based */
	time_t started;			/* when qemu was started */
	double seconds;			/* qemu's run, start to poweroff; < 0 unknown */
	const char *console_log;
	int exit_status;		/* what this boot alone would exit with */
	bool interrupted;		/* the stop came during this boot */
	const char *problem;		/* why it failed or is doubtful, or NULL */
	unsigned int failed_boots;	/* boots before it that failed before the init */
};

struct boot_merge {
	struct json_object *doc;	/* the merged document; NULL until a boot gave one */
	struct json_object *records;	/* the "boots" array */
	unsigned int boots;		/* asked for */
	unsigned int kept;		/* boots whose points are in doc */
};

/* 0, or -1 when out of memory. */
int boot_merge_init(struct boot_merge *m, unsigned int boots);

/*
 * Adds boot r->boot: its document (owned from here on; NULL when the
 * boot gave none) and its record. A document whose params, kernel
 * release or spinlock slow path differ from the first kept one's is not
 * merged (its record says why): 1 with the reason in err. 0 when merged
 * or nothing to merge; -1 when out of memory.
 */
int boot_merge_add(struct boot_merge *m, struct json_object *doc,
		   const struct boot_record *r, char *err, size_t errlen);

/*
 * The merged document with "boots" and params.boots, the caller's to
 * put; NULL when no boot gave a document. m is empty afterwards.
 */
struct json_object *boot_merge_finish(struct boot_merge *m);

void boot_merge_free(struct boot_merge *m);

#endif
