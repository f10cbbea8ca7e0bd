// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "knobs.h"
#include "ksbench_abi.h"
#include "module_text.h"
#include "parse.h"

#define PERCENT_MAX	100

/* The module's words for these files (docs/debugfs.md). */
static const char *const acquire_words[] = {
	[ACQUIRE_LOCK] = "lock",
	[ACQUIRE_TRYLOCK] = "trylock",
	[ACQUIRE_INTERRUPTIBLE] = "interruptible",
	NULL
};

static const char *const rcu_sync_words[] = {
	[RCU_SYNC_SYNC] = "sync",
	[RCU_SYNC_CALL_RCU] = "call_rcu",
	NULL
};

static const char *const measure_words[] = {
	[MEASURE_THROUGHPUT] = "throughput",
	[MEASURE_LATENCY] = "latency",
	NULL
};

/* Ranges and defaults are the module's (ksbench_abi.h). */
static const char *const wait_words[] = {
	[WAIT_PLAIN] = "plain",
	[WAIT_INTERRUPTIBLE] = "interruptible",
	[WAIT_TIMEOUT] = "timeout",
	NULL
};

static const char *const wq_words[] = {
	[WQ_BOUND] = "bound",
	[WQ_UNBOUND] = "unbound",
	[WQ_SYSTEM] = "system",
	[WQ_HIGHPRI] = "highpri",
	NULL
};

static const char *const poll_words[] = {
	[POLL_BUSY] = "busy",
	[POLL_USLEEP] = "usleep",
	[POLL_MSLEEP] = "msleep",
	[POLL_SCHEDULE] = "schedule",
	NULL
};

const struct knob knob_table[NR_KNOBS] = {
	[KNOB_DURATION] = {
		"duration", "duration_ms", "duration_ns", true, KNOB_TYPE_DURATION,
		KSB_DURATION_MS_MIN * NSEC_PER_MSEC, KSB_DURATION_MS_MAX * NSEC_PER_MSEC,
		NSEC_PER_MSEC, NULL, KSB_DURATION_MS_DEF * NSEC_PER_MSEC,
		"D", "measured time of each point",
	},
	[KNOB_WARMUP] = {
		"warmup", "warmup_ms", "warmup_ns", true, KNOB_TYPE_DURATION,
		0, KSB_WARMUP_MS_MAX * NSEC_PER_MSEC,
		NSEC_PER_MSEC, NULL, KSB_WARMUP_MS_DEF * NSEC_PER_MSEC,
		"D", "time run first and discarded",
	},
	[KNOB_HOLD] = {
		"hold", "hold_ns", "hold_ns", true, KNOB_TYPE_DURATION,
		0, KSB_HOLD_NS_MAX_SLEEP, 1, NULL, 0,
		"D", "busy time in the critical section, to its limit",
	},
	[KNOB_THINK] = {
		"think", "think_ns", "think_ns", true, KNOB_TYPE_DURATION,
		0, KSB_THINK_NS_MAX, 1, NULL, 0,
		"D", "busy time outside it",
	},
	[KNOB_ACQUIRE] = {
		"acquire", "acquire", "acquire", true, KNOB_TYPE_WORD,
		0, ACQUIRE_INTERRUPTIBLE, 0, acquire_words, ACQUIRE_LOCK,
		"MODE", "lock, trylock or interruptible (lock kind)",
	},
	[KNOB_LOCKS] = {
		"locks", "nr_locks", "nr_locks", true, KNOB_TYPE_NUMBER,
		1, KSB_NR_LOCKS_MAX, 0, NULL, KSB_NR_LOCKS_DEF,
		"N", "independent locks; each operation picks one at random",
	},
	[KNOB_CS_LINES] = {
		"cs-lines", "cs_lines", "cs_lines", true, KNOB_TYPE_NUMBER,
		0, KSB_CS_LINES_MAX, 0, NULL, 0,
		"L", "extra cache lines written in each critical section",
	},
	[KNOB_READ_PCT] = {
		"read-pct", "read_pct", "read_pct", true, KNOB_TYPE_NUMBER,
		0, PERCENT_MAX, 0, NULL, KSB_READ_PCT_DEF,
		"P", "percentage of read-side operations (rw workloads)",
	},
	[KNOB_SEM_COUNT] = {
		"sem-count", "sem_count", "sem_count", true, KNOB_TYPE_NUMBER,
		1, KSB_SEM_COUNT_MAX, 0, NULL, 1,
		"K", "semaphore slots; K > 1: never more than K inside",
	},
	[KNOB_RCU_SYNC] = {
		"rcu-sync", "rcu_sync", "rcu_sync", true, KNOB_TYPE_WORD,
		0, RCU_SYNC_CALL_RCU, 0, rcu_sync_words, RCU_SYNC_SYNC,
		"MODE", "rcu frees after synchronize_rcu (sync) or call_rcu",
	},
	[KNOB_SEED] = {
		"seed", "seed", "seed", true, KNOB_TYPE_NUMBER,
		0, UINT64_MAX, 0, NULL, KSB_SEED_DEF,
		"N", "PRNG seed; worker i uses N + i; --shuffle's order",
	},
	[KNOB_MEASURE] = {
		"measure", "measure", "measure", true, KNOB_TYPE_WORD,
		0, MEASURE_LATENCY, 0, measure_words, MEASURE_THROUGHPUT,
		"MODE", "throughput (no clock in the loop) or latency (histograms)",
	},
	[KNOB_SAMPLE] = {
		"sample", "sample", "sample", true, KNOB_TYPE_NUMBER,
		1, KSB_SAMPLE_MAX, 0, NULL, 1,
		"N", "latency mode times one operation in N",
	},
	[KNOB_INTERVAL] = {
		"interval", "interval_ms", "interval_ns", false, KNOB_TYPE_DURATION,
		NSEC_PER_MSEC, KSB_INTERVAL_MS_MAX * NSEC_PER_MSEC,
		NSEC_PER_MSEC, NULL, KSB_INTERVAL_MS_DEF * NSEC_PER_MSEC,
		"D", "tick of the per-worker time series",
	},
	[KNOB_WAIT] = {
		"wait", "wait", "wait", true, KNOB_TYPE_WORD,
		0, WAIT_TIMEOUT, 0, wait_words, WAIT_PLAIN,
		"MODE", "handoff waits: plain, interruptible or timeout",
	},
	[KNOB_EXCLUSIVE] = {
		"exclusive", "exclusive", "exclusive", true, KNOB_TYPE_NUMBER,
		0, 1, 0, NULL, 0,
		"0|1", "waitqueue: exclusive waiters, wake_up() wakes one",
	},
	[KNOB_WQ] = {
		"wq", "wq", "wq", true, KNOB_TYPE_WORD,
		0, WQ_HIGHPRI, 0, wq_words, WQ_BOUND,
		"KIND", "workqueue: bound, unbound, system or highpri",
	},
	[KNOB_FLOOD] = {
		"flood", "flood", "flood", true, KNOB_TYPE_NUMBER,
		0, 1, 0, NULL, 0,
		"0|1", "workqueue: queue without waiting; count coalesced re-queues",
	},
	[KNOB_POLL] = {
		"poll", "poll", "poll", true, KNOB_TYPE_WORD,
		0, POLL_SCHEDULE, 0, poll_words, POLL_BUSY,
		"MODE", "poll: busy, usleep, msleep or schedule",
	},
	[KNOB_POLL_INTERVAL] = {
		"poll-interval", "poll_us", "poll_ns", true, KNOB_TYPE_DURATION,
		NSEC_PER_USEC, KSB_POLL_US_MAX * NSEC_PER_USEC,
		NSEC_PER_USEC, NULL, KSB_POLL_US_DEF * NSEC_PER_USEC,
		"D", "poll: the sleep between two looks",
	},
};

void knobs_default(struct knob_values *kv)
{
	unsigned int i;

	for (i = 0; i < NR_KNOBS; i++)
		kv->v[i] = knob_table[i].def;
}

/* "lock, trylock or interruptible" */
static void words_list(const char *const *words, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; words[i]; i++) {
		if (i)
			str_append(buf, len, &used, words[i + 1] ? ", " : " or ");
		str_append(buf, len, &used, words[i]);
	}
}

static int parse_word(const struct knob *k, const char *text, uint64_t *value,
		      char *err, size_t errlen)
{
	char list[128];
	unsigned int i;

	for (i = 0; k->words[i]; i++) {
		if (!strcmp(text, k->words[i])) {
			*value = i;
			return 0;
		}
	}
	words_list(k->words, list, sizeof(list));
	snprintf(err, errlen, "'%s' is not one of %s", text, list);
	return -1;
}

int knob_parse(enum knob_id id, const char *text, uint64_t *value,
	       char *err, size_t errlen)
{
	const struct knob *k = &knob_table[id];

	switch (k->type) {
	case KNOB_TYPE_DURATION:
		return parse_duration_range(text, k->min, k->max, k->unit, value,
					    err, errlen);
	case KNOB_TYPE_NUMBER:
		return parse_u64(text, k->min, k->max, value, err, errlen);
	default:
		return parse_word(k, text, value, err, errlen);
	}
}

void knob_option_text(enum knob_id id, uint64_t value, char *buf, size_t len)
{
	if (knob_table[id].type == KNOB_TYPE_DURATION)
		format_duration(value, buf, len);
	else
		knob_key_text(id, value, buf, len);
}

void knob_file_text(enum knob_id id, uint64_t value, char *buf, size_t len)
{
	if (knob_table[id].type == KNOB_TYPE_DURATION)
		snprintf(buf, len, "%" PRIu64, value / knob_table[id].unit);
	else
		knob_key_text(id, value, buf, len);
}

void knob_key_text(enum knob_id id, uint64_t value, char *buf, size_t len)
{
	const struct knob *k = &knob_table[id];

	if (k->type == KNOB_TYPE_WORD)
		snprintf(buf, len, "%s", value <= k->max ? k->words[value] : "?");
	else
		snprintf(buf, len, "%" PRIu64, value);
}

struct json_object *knob_json(enum knob_id id, uint64_t value)
{
	char word[32];

	if (knob_table[id].type != KNOB_TYPE_WORD)
		return json_object_new_uint64(value);
	knob_key_text(id, value, word, sizeof(word));
	return json_object_new_string(word);
}

int knob_from_json(enum knob_id id, const struct json_object *json,
		   uint64_t *value)
{
	const struct knob *k = &knob_table[id];
	char err[128];
	uint64_t v;

	if (k->type == KNOB_TYPE_WORD) {
		if (!json_object_is_type(json, json_type_string))
			return -1;
		return parse_word(k, json_object_get_string((struct json_object *)json),
				  value, err, sizeof(err));
	}
	if (!json_object_is_type(json, json_type_int))
		return -1;
	v = json_object_get_uint64(json);
	if (json_object_get_int64(json) < 0 || v < k->min || v > k->max)
		return -1;
	*value = v;
	return 0;
}

uint64_t knob_effective_interval_ns(uint64_t duration_ns, uint64_t interval_ns)
{
	uint64_t ticks = KSB_SERIES_MAX - 1;
	uint64_t widest = duration_ns / ticks + (duration_ns % ticks != 0);

	return interval_ns > widest ? interval_ns : widest;
}

int knobs_check_echo(const struct knob_values *kv, const struct module_text *mt,
		     char *err, size_t errlen)
{
	const char *ran;
	char want[32], got[32];
	unsigned int i;
	uint64_t ns;

	for (i = 0; i < NR_KNOBS; i++) {
		if (!knob_table[i].echoed) {
			/* the interval: the series line says what the module used */
			ns = knob_effective_interval_ns(kv->v[KNOB_DURATION], kv->v[i]);
			snprintf(want, sizeof(want), "%" PRIu64, ns);
			snprintf(got, sizeof(got), "%" PRIu64, mt->series.interval_ns);
			ran = mt->has_series ? got : NULL;
		} else {
			knob_key_text(i, kv->v[i], want, sizeof(want));
			ran = mt_str(mt->fields, knob_table[i].key);
		}
		if (!ran || strcmp(ran, want)) {
			snprintf(err, errlen, "the module's results say %s %s, not %s as asked",
				 knob_table[i].key, ran ? ran : "(missing)", want);
			return -1;
		}
	}
	return 0;
}
