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
	KNOB_MEASURE,
	KNOB_SAMPLE,
	KNOB_INTERVAL,
	KNOB_WAIT,
	KNOB_EXCLUSIVE,
	KNOB_WQ,
	KNOB_FLOOD,
	KNOB_POLL,
	KNOB_POLL_INTERVAL,
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
enum measure_mode { MEASURE_THROUGHPUT, MEASURE_LATENCY };
enum wait_mode { WAIT_PLAIN, WAIT_INTERRUPTIBLE, WAIT_TIMEOUT };
enum wq_kind { WQ_BOUND, WQ_UNBOUND, WQ_SYSTEM, WQ_HIGHPRI };
enum poll_mode { POLL_BUSY, POLL_USLEEP, POLL_MSLEEP, POLL_SCHEDULE };

/* A number knob of range 0..1 is a flag: --flood alone means --flood=1. */
#define knob_is_flag(k) ((k)->type == KNOB_TYPE_NUMBER && (k)->min == 0 && (k)->max == 1)

struct knob {
	const char *option;	/* "locks": --locks=N */
	const char *file;	/* "nr_locks": the module's debugfs file */
	const char *key;	/* "nr_locks": the results and params key */
	/*
	 * false: the module's results have no `key value` line for it; the
	 * echo check reads it elsewhere (interval: the series line).
	 */
	bool echoed;
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
 * The series tick the module uses for a run of duration_ns with the
 * interval asked: the interval, or wider when the run would need more
 * than KSB_SERIES_MAX - 1 ticks (docs/debugfs.md, interval_ms).
 */
uint64_t knob_effective_interval_ns(uint64_t duration_ns, uint64_t interval_ns);

struct module_text;

/*
 * The module echoes every knob in its `results`: the echoed ones as a
 * `key value` line, the interval as the series' interval_ns (which must be
 * knob_effective_interval_ns). 0 when each equals what was asked, else -1
 * naming the first that does not (a stray writer changed it, or the
 * module ignored it).
 */
int knobs_check_echo(const struct knob_values *kv, const struct module_text *mt,
		     char *err, size_t errlen);

#endif
