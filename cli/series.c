// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>
#include <json-c/json.h>

#include "parse.h"
#include "series.h"


/*
 * Splits "k=v k=v" (after an optional "prefix ", with an optional
 * trailing newline) and finds each of the nr keys once; unknown keys are
 * skipped. vals[] point into *copy, which the caller frees.
 */
static int split_fields(const char *line, const char *prefix,
			const char *const *keys, unsigned int nr,
			const char **vals, char **copy,
			char *err, size_t errlen)
{
	size_t plen = strlen(prefix), len;
	char *tok, *next, *eq;
	unsigned int k;

	if (!strncmp(line, prefix, plen) && line[plen] == ' ')
		line += plen + 1;
	*copy = strdup(line);
	if (!*copy) {
		snprintf(err, errlen, "%s line: out of memory", prefix);
		return -1;
	}
	len = strlen(*copy);
	if (len && (*copy)[len - 1] == '\n')
		(*copy)[--len] = '\0';
	for (k = 0; k < nr; k++)
		vals[k] = NULL;
	for (tok = *copy; tok; tok = next) {
		next = strchr(tok, ' ');
		if (next)
			*next++ = '\0';
		eq = strchr(tok, '=');
		if (!eq || eq == tok) {
			snprintf(err, errlen, "%s line: field '%.40s' is not key=value",
				 prefix, tok);
			return -1;
		}
		*eq = '\0';
		for (k = 0; k < nr; k++)
			if (!strcmp(tok, keys[k]))
				break;
		if (k == nr)
			continue;
		if (vals[k]) {
			snprintf(err, errlen, "%s line: field '%s' appears twice",
				 prefix, tok);
			return -1;
		}
		vals[k] = eq + 1;
	}
	for (k = 0; k < nr; k++)
		if (!vals[k]) {
			snprintf(err, errlen, "%s line: no '%s' field",
				 prefix, keys[k]);
			return -1;
		}
	return 0;
}

/* Allocates t_ns and ops for the declared shape; s->nr_workers > 0. */
static int series_alloc(struct series *s, char *err, size_t errlen)
{
	size_t cells;

	if (__builtin_mul_overflow((size_t)s->nr_ticks, (size_t)s->nr_workers,
				   &cells)) {
		snprintf(err, errlen, "series: %u ticks of %u workers is too large",
			 s->nr_ticks, s->nr_workers);
		return -1;
	}
	s->t_ns = calloc(s->nr_ticks ? s->nr_ticks : 1, sizeof(*s->t_ns));
	s->ops = calloc(cells ? cells : 1, sizeof(*s->ops));
	if (!s->t_ns || !s->ops) {
		snprintf(err, errlen, "series: out of memory for %u ticks of %u workers",
			 s->nr_ticks, s->nr_workers);
		return -1;
	}
	return 0;
}

int series_parse_header(const char *value, unsigned int nr_workers,
			struct series *s, char *err, size_t errlen)
{
	static const char *const keys[] = { "interval_ns", "ticks" };
	const char *vals[2];
	uint64_t interval, ticks;
	char *copy = NULL;

	memset(s, 0, sizeof(*s));
	if (split_fields(value, "series", keys, 2, vals, &copy, err, errlen))
		goto fail;
	if (parse_whole_u64(vals[0], &interval) || !interval) {
		snprintf(err, errlen, "series line: interval_ns='%.40s' is not a positive number",
			 vals[0]);
		goto fail;
	}
	if (parse_whole_u64(vals[1], &ticks) || ticks > KSB_SERIES_TICKS_MAX) {
		snprintf(err, errlen, "series line: ticks='%.40s' is not a number in 0..%u",
			 vals[1], KSB_SERIES_TICKS_MAX);
		goto fail;
	}
	free(copy);
	copy = NULL;
	s->interval_ns = interval;
	s->nr_ticks = (unsigned int)ticks;
	s->nr_workers = nr_workers;
	if (nr_workers && series_alloc(s, err, errlen))
		goto fail;
	return 0;
fail:
	free(copy);
	series_free(s);
	return -1;
}

/* Counts the comma-separated items of a list ("" has none). */
static unsigned long list_items(const char *s)
{
	unsigned long n = *s ? 1 : 0;

	for (; *s; s++)
		n += *s == ',';
	return n;
}

int series_parse_tick(struct series *s, const char *value,
		      char *err, size_t errlen)
{
	static const char *const keys[] = { "t_ns", "ops" };
	const char *vals[2], *p;
	uint64_t t, *row = NULL;
	unsigned long items;
	unsigned int w, nr_workers = s->nr_workers;
	char *copy = NULL;
	int ret = -1;

	if (s->filled >= s->nr_ticks) {
		snprintf(err, errlen, "tick line: more ticks than the %u declared",
			 s->nr_ticks);
		return -1;
	}
	if (split_fields(value, "tick", keys, 2, vals, &copy, err, errlen))
		goto out;
	if (parse_whole_u64(vals[0], &t) ||
	    (s->filled ? t <= s->t_ns[s->filled - 1] : t == 0)) {
		snprintf(err, errlen, "tick line %u: t_ns='%.40s' is not a number above the previous tick's",
			 s->filled + 1, vals[0]);
		goto out;
	}
	items = list_items(vals[1]);
	if (!items) {
		snprintf(err, errlen, "tick line %u: 0 ops values",
			 s->filled + 1);
		goto out;
	}
	if (!nr_workers) {
		if (items > UINT32_MAX) {
			snprintf(err, errlen, "tick line: too many workers");
			goto out;
		}
		nr_workers = (unsigned int)items;
	}
	if (items != nr_workers) {
		snprintf(err, errlen, "tick line %u: %lu ops values for %u workers",
			 s->filled + 1, items, nr_workers);
		goto out;
	}
	row = malloc(nr_workers * sizeof(*row));
	if (!row) {
		snprintf(err, errlen, "tick line: out of memory");
		goto out;
	}
	for (p = vals[1], w = 0; w < nr_workers; w++) {
		if (parse_digits_u64(&p, &row[w]) || (*p && *p != ',') ||
		    (*p == ',' && w + 1 == nr_workers)) {
			snprintf(err, errlen, "tick line %u: ops='%.40s' is not a list of numbers",
				 s->filled + 1, vals[1]);
			goto out;
		}
		if (*p == ',')
			p++;
	}
	if (!s->nr_workers) {
		/* The first tick fixes the shape. */
		s->nr_workers = nr_workers;
		if (series_alloc(s, err, errlen)) {
			free(s->t_ns);
			free(s->ops);
			s->t_ns = NULL;
			s->ops = NULL;
			s->nr_workers = 0;
			goto out;
		}
	}
	memcpy(s->ops + (size_t)s->filled * nr_workers, row,
	       nr_workers * sizeof(*row));
	s->t_ns[s->filled++] = t;
	ret = 0;
out:
	free(row);
	free(copy);
	return ret;
}

int series_check_complete(const struct series *s, char *err, size_t errlen)
{
	if (s->filled != s->nr_ticks) {
		snprintf(err, errlen, "series: %u of %u ticks", s->filled,
			 s->nr_ticks);
		return -1;
	}
	return 0;
}

int series_parse_text(const char *text, unsigned int nr_workers,
		      struct series *s, char *err, size_t errlen)
{
	const char *line = text, *nl;
	char *buf = NULL;
	unsigned int lineno = 0;
	int state = 0;		/* 0: before series, 1: in ticks, 2: after */

	memset(s, 0, sizeof(*s));
	for (; *line; line = nl ? nl + 1 : line + strlen(line)) {
		size_t len;

		nl = strchr(line, '\n');
		len = nl ? (size_t)(nl - line) : strlen(line);
		lineno++;
		free(buf);
		buf = strndup(line, len);
		if (!buf) {
			snprintf(err, errlen, "series: out of memory");
			goto fail;
		}
		if (!strncmp(buf, "series ", 7)) {
			if (state) {
				snprintf(err, errlen, "line %u: a second series line",
					 lineno);
				goto fail;
			}
			if (series_parse_header(buf, nr_workers, s, err,
						errlen))
				goto fail;
			state = s->nr_ticks ? 1 : 2;
		} else if (!strncmp(buf, "tick ", 5)) {
			if (state != 1) {
				snprintf(err, errlen, "line %u: a tick line outside the series",
					 lineno);
				goto fail;
			}
			if (series_parse_tick(s, buf, err, errlen))
				goto fail;
			if (s->filled == s->nr_ticks)
				state = 2;
		} else if (state == 1) {
			snprintf(err, errlen, "line %u: '%.40s' where tick %u of %u was due",
				 lineno, buf, s->filled + 1, s->nr_ticks);
			goto fail;
		}
		if (!nl)
			break;
	}
	free(buf);
	buf = NULL;
	if (!state) {
		snprintf(err, errlen, "series: no series line");
		goto fail;
	}
	if (series_check_complete(s, err, errlen))
		goto fail;
	return 0;
fail:
	free(buf);
	series_free(s);
	return -1;
}

void series_free(struct series *s)
{
	free(s->t_ns);
	free(s->ops);
	memset(s, 0, sizeof(*s));
}

uint64_t series_tick_ns(const struct series *s, unsigned int tick)
{
	return s->t_ns[tick] - (tick ? s->t_ns[tick - 1] : 0);
}

uint64_t series_tick_ops(const struct series *s, unsigned int tick,
			 unsigned int worker)
{
	uint64_t sum = 0;
	unsigned int w;

	if (worker != SERIES_ALL_WORKERS)
		return series_ops(s, tick, worker);
	for (w = 0; w < s->nr_workers; w++)
		sum += series_ops(s, tick, w);
	return sum;
}

double series_throughput(const struct series *s, unsigned int tick,
			 unsigned int worker)
{
	return (double)series_tick_ops(s, tick, worker) * 1e9 /
	       (double)series_tick_ns(s, tick);
}

long series_stalls(const struct series *s, struct series_stall *out,
		   size_t max)
{
	double *median, *col;
	unsigned int t, w;
	long n = 0;

	if (!s->filled || !s->nr_workers)
		return 0;
	median = malloc(s->nr_workers * sizeof(*median));
	col = malloc(s->filled * sizeof(*col));
	if (!median || !col) {
		free(median);
		free(col);
		return -1;
	}
	for (w = 0; w < s->nr_workers; w++) {
		for (t = 0; t < s->filled; t++)
			col[t] = (double)series_ops(s, t, w);
		median[w] = gsl_stats_median(col, 1, s->filled);
	}
	for (t = 0; t < s->filled; t++)
		for (w = 0; w < s->nr_workers; w++) {
			if (series_ops(s, t, w) || !(median[w] > 0))
				continue;
			if ((size_t)n < max) {
				out[n].tick = t;
				out[n].worker = w;
				out[n].median_ops = median[w];
				out[n].expected_ops = median[w] *
					(double)series_tick_ns(s, t) /
					(double)s->interval_ns;
			}
			n++;
		}
	free(median);
	free(col);
	return n;
}

struct json_object *series_to_json(const struct series *s)
{
	struct json_object *o = json_object_new_object(), *t, *ops, *row;
	unsigned int k, w;

	if (!o)
		return NULL;
	json_object_object_add(o, "interval_ns",
			       json_object_new_uint64(s->interval_ns));
	t = json_object_new_array_ext((int)s->filled);
	if (!t || json_object_object_add(o, "t_ns", t)) {
		json_object_put(t);
		goto fail;
	}
	ops = json_object_new_array_ext((int)s->filled);
	if (!ops || json_object_object_add(o, "ops", ops)) {
		json_object_put(ops);
		goto fail;
	}
	for (k = 0; k < s->filled; k++) {
		if (json_object_array_add(t,
					  json_object_new_uint64(s->t_ns[k])))
			goto fail;
		row = json_object_new_array_ext((int)s->nr_workers);
		if (!row || json_object_array_add(ops, row)) {
			json_object_put(row);
			goto fail;
		}
		for (w = 0; w < s->nr_workers; w++)
			if (json_object_array_add(row,
				json_object_new_uint64(series_ops(s, k, w))))
				goto fail;
	}
	return o;
fail:
	json_object_put(o);
	return NULL;
}

int series_from_json(const struct json_object *obj, struct series *s,
		     char *err, size_t errlen)
{
	struct json_object *v, *t, *ops, *row;
	uint64_t x;
	size_t n, k, w, nw = 0;

	memset(s, 0, sizeof(*s));
	if (!obj || !json_object_is_type(obj, json_type_object)) {
		snprintf(err, errlen, "series JSON: not an object");
		return -1;
	}
	if (!json_object_object_get_ex(obj, "interval_ns", &v) ||
	    parse_json_u64(v, &s->interval_ns) || !s->interval_ns) {
		snprintf(err, errlen, "series JSON: 'interval_ns' is missing or not a positive integer");
		goto fail;
	}
	if (!json_object_object_get_ex(obj, "t_ns", &t) ||
	    !json_object_is_type(t, json_type_array) ||
	    !json_object_object_get_ex(obj, "ops", &ops) ||
	    !json_object_is_type(ops, json_type_array)) {
		snprintf(err, errlen, "series JSON: 't_ns' or 'ops' is missing or not an array");
		goto fail;
	}
	n = json_object_array_length(t);
	if (n != json_object_array_length(ops) || n > KSB_SERIES_TICKS_MAX) {
		snprintf(err, errlen, "series JSON: %zu times and %zu rows of ops (at most %u ticks)",
			 n, json_object_array_length(ops),
			 KSB_SERIES_TICKS_MAX);
		goto fail;
	}
	if (n) {
		row = json_object_array_get_idx(ops, 0);
		nw = json_object_is_type(row, json_type_array) ?
		     json_object_array_length(row) : 0;
		if (!nw || nw > UINT32_MAX) {
			snprintf(err, errlen, "series JSON: ops[0] is not a non-empty array");
			goto fail;
		}
	}
	s->nr_ticks = (unsigned int)n;
	s->nr_workers = (unsigned int)nw;
	if (n && series_alloc(s, err, errlen))
		goto fail;
	for (k = 0; k < n; k++) {
		if (parse_json_u64(json_object_array_get_idx(t, k), &x) ||
		    (k ? x <= s->t_ns[k - 1] : x == 0)) {
			snprintf(err, errlen, "series JSON: t_ns[%zu] is not an integer above the previous one",
				 k);
			goto fail;
		}
		s->t_ns[k] = x;
		row = json_object_array_get_idx(ops, k);
		if (!json_object_is_type(row, json_type_array) ||
		    json_object_array_length(row) != nw) {
			snprintf(err, errlen, "series JSON: ops[%zu] is not an array of %zu counts",
				 k, nw);
			goto fail;
		}
		for (w = 0; w < nw; w++)
			if (parse_json_u64(json_object_array_get_idx(row, w),
				     &s->ops[k * nw + w])) {
				snprintf(err, errlen, "series JSON: ops[%zu][%zu] is not a non-negative integer",
					 k, w);
				goto fail;
			}
	}
	s->filled = s->nr_ticks;
	return 0;
fail:
	series_free(s);
	return -1;
}
