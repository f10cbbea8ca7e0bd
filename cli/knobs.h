/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The knobs of a run, in one table: the `ksbench run` option that sets
 * each, the module's debugfs file it goes to, and the key that names it in
 * the module's `results` and in the result file's `params`. The options,
 * the writes to the module, the VM guest's command line, the params object
 * and the check that the module ran what was asked all walk this table, so
 * a new knob is one entry here. Pure: values in, text or JSON out.
 */
#ifndef KSB_KNOBS_H
#define KSB_KNOBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct json_object;

enum knob_id {
	KNOB_DURATION,
	KNOB_WARMUP,
	KNOB_HOLD,
	KNOB_THINK,
	KNOB_ACQUIRE,
	KNOB_LOCKS,
	KNOB_CS_LINES,
	KNOB_READ_PCT,
	KNOB_SEM_COUNT,
	KNOB_RCU_SYNC,
	KNOB_SEED,
	NR_KNOBS
};

enum knob_type {
	KNOB_TYPE_DURATION,	/* ns; "150ms" on the command line */
	KNOB_TYPE_NUMBER,	/* a plain decimal number */
	KNOB_TYPE_WORD,		/* one of words[]; the value is its index */
};

/* The words of the word knobs, in the order of their values. */
enum acquire_mode { ACQUIRE_LOCK, ACQUIRE_TRYLOCK, ACQUIRE_INTERRUPTIBLE };
enum rcu_sync_mode { RCU_SYNC_SYNC, RCU_SYNC_CALL_RCU };

struct knob {
	const char *option;	/* "locks": --locks=N */
	const char *file;	/* "nr_locks": the module's debugfs file */
	const char *key;	/* "nr_locks": the results and params key */
	enum knob_type type;
	uint64_t min, max;
	/*
	 * Durations: the unit the module's file takes (it gets value / unit,
	 * so a value must be a whole number of them); the key is always ns.
	 */
	uint64_t unit;
	const char *const *words;	/* KNOB_TYPE_WORD, NULL-terminated */
	uint64_t def;
	const char *metavar;		/* for the usage text: "N", "D", "MODE" */
	const char *help;
};

extern const struct knob knob_table[NR_KNOBS];

struct knob_values {
	uint64_t v[NR_KNOBS];
};

/* Every knob at its documented default (docs/debugfs.md). */
void knobs_default(struct knob_values *kv);

/* An option's text ("2us", "trylock", "4") into a value, range-checked. */
int knob_parse(enum knob_id id, const char *text, uint64_t *value,
	       char *err, size_t errlen);

/* The value as the option takes it back: "150ms", "trylock", "4". */
void knob_option_text(enum knob_id id, uint64_t value, char *buf, size_t len);

/* The value as the module's file takes it: "150" (ms), "trylock", "4". */
void knob_file_text(enum knob_id id, uint64_t value, char *buf, size_t len);

/* The value as the results text and params carry it: ns, word, number. */
void knob_key_text(enum knob_id id, uint64_t value, char *buf, size_t len);

/* The value for params: a string for words, else an integer. */
struct json_object *knob_json(enum knob_id id, uint64_t value);

/* Back from params; -1 when the key's value has the wrong type or range. */
int knob_from_json(enum knob_id id, const struct json_object *json,
		   uint64_t *value);

/*
 * The module echoes every knob in its `results` (module_text fields):
 * 0 when each equals what was asked, else -1 naming the first that does
 * not (a stray writer changed it, or the module ignored it).
 */
int knobs_check_echo(const struct knob_values *kv,
		     const struct json_object *fields, char *err, size_t errlen);

#endif
