/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-worker time series of a run: the module's `series` and `tick`
 * lines (docs/debugfs.md), the JSON kept in result files, per-tick
 * throughput and stalls. Pure: text or JSON in, values or a message out.
 *
 *     series interval_ns=100000000 ticks=5
 *     tick t_ns=100031234 ops=2060000,2036000
 *
 * Tick k covers (t_ns[k-1], t_ns[k]] of the measured window (t_ns[-1] is
 * 0, the window's opening); ops are per worker within that interval. The
 * last tick may be shorter than interval_ns (the deadline or a stop).
 */
#ifndef KSB_SERIES_H
#define KSB_SERIES_H

#include <stddef.h>
#include <stdint.h>

#include "ksbench_abi.h"

struct json_object;

/*
 * The module allocates duration / interval + 2 ticks at most, with the
 * interval widened to keep duration / interval below KSB_SERIES_MAX.
 */
#define KSB_SERIES_TICKS_MAX	(KSB_SERIES_MAX + 1)

/* worker argument meaning every worker together. */
#define SERIES_ALL_WORKERS	(~0u)

struct series {
	uint64_t interval_ns;
	unsigned int nr_ticks;		/* declared by the series line */
	unsigned int nr_workers;
	unsigned int filled;		/* tick lines read so far */
	uint64_t *t_ns;			/* [nr_ticks], strictly increasing */
	uint64_t *ops;			/* [nr_ticks][nr_workers] */
};

/* A worker's ops in tick k. */
static inline uint64_t series_ops(const struct series *s, unsigned int tick,
				  unsigned int worker)
{
	return s->ops[(size_t)tick * s->nr_workers + worker];
}

/*
 * The `series` line's value, "interval_ns=N ticks=N" (a leading "series "
 * and a trailing newline are allowed; the two keys once each, in any
 * order, unknown key=value fields ignored): interval_ns > 0, ticks <=
 * KSB_SERIES_TICKS_MAX. Allocates for nr_workers (>= 1), or, when
 * nr_workers is 0, for as many as the first tick line lists. On error s
 * is left empty (series_free is safe on it either way).
 */
int series_parse_header(const char *value, unsigned int nr_workers,
			struct series *s, char *err, size_t errlen);

/*
 * The next `tick` line's value, "t_ns=N ops=a,b,c" (same leniency as
 * above): t_ns above the previous tick's, exactly nr_workers decimal
 * counts, no more ticks than declared. On error s is unchanged.
 */
int series_parse_tick(struct series *s, const char *value,
		      char *err, size_t errlen);

/* -1 with a message unless every declared tick has been read. */
int series_check_complete(const struct series *s, char *err, size_t errlen);

/*
 * The whole `results` text: its one `series` line, then exactly `ticks`
 * `tick` lines right after it; a tick line anywhere else is an error.
 * nr_workers as in series_parse_header. No series line is an error.
 */
int series_parse_text(const char *text, unsigned int nr_workers,
		      struct series *s, char *err, size_t errlen);

void series_free(struct series *s);

/* The length of tick k in ns: t_ns[k] - t_ns[k-1] (t_ns[-1] = 0). */
uint64_t series_tick_ns(const struct series *s, unsigned int tick);

/* Ops in tick k of one worker, or of all (SERIES_ALL_WORKERS). */
uint64_t series_tick_ops(const struct series *s, unsigned int tick,
			 unsigned int worker);

/* Those ops per second of the tick's own length. */
double series_throughput(const struct series *s, unsigned int tick,
			 unsigned int worker);

/*
 * A stall: in tick `tick`, worker `worker` did 0 ops while its median
 * ops per tick over the run (median_ops) is above 0. The rule is blunt
 * on purpose and needs reading with the counts: when a worker does only
 * a few ops per tick (long holds, many CPUs on a sleeping lock), a tick
 * without any can be plain chance rather than a stall; expected_ops (the
 * median scaled by this tick's length over the interval) tells the two
 * apart, and is also small in a short last tick.
 */
struct series_stall {
	unsigned int tick;
	unsigned int worker;
	double median_ops;
	double expected_ops;
};

/*
 * Finds the stalls, tick-major. Writes at most max, returns how many
 * there are (possibly more than max), or -1 when memory runs out.
 */
long series_stalls(const struct series *s, struct series_stall *out,
		   size_t max);

/*
 * {"interval_ns": N, "t_ns": [...], "ops": [[per worker], ...]}, ticks
 * read so far; NULL on allocation failure.
 */
struct json_object *series_to_json(const struct series *s);

/* The inverse, strict as the text parsers; s is complete on success. */
int series_from_json(const struct json_object *obj, struct series *s,
		     char *err, size_t errlen);

#endif
