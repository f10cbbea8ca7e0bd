// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "parse.h"

static const struct {
	const char *name;
	uint64_t ns;
} duration_units[] = {
	{ "s",  NSEC_PER_SEC },		/* largest first: format_duration() */
	{ "ms", NSEC_PER_MSEC },
	{ "us", NSEC_PER_USEC },
	{ "ns", 1 },
};

#define NR_DURATION_UNITS (sizeof(duration_units) / sizeof(duration_units[0]))
#define FRACTION_DIGITS_MAX 9	/* (1e9 - 1) * 1e9 still fits in 64 bits */

/*
 * Reads a run of decimal digits at *p into *val and moves *p past it.
 * Returns the number of digits, or -1 when the value overflows 64 bits.
 */
static int read_digits(const char **p, uint64_t *val)
{
	const char *start = *p, *s = *p;
	uint64_t v = 0;

	for (; isdigit((unsigned char)*s); s++)
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, (uint64_t)(*s - '0'), &v))
			return -1;
	*val = v;
	*p = s;
	return (int)(s - start);
}

static uint64_t lookup_unit(const char *name)
{
	size_t i;

	for (i = 0; i < NR_DURATION_UNITS; i++)
		if (!strcmp(name, duration_units[i].name))
			return duration_units[i].ns;
	return 0;
}

static uint64_t pow10_u64(int exp)
{
	uint64_t v = 1;

	while (exp-- > 0)
		v *= 10;
	return v;
}

int parse_duration_ns(const char *s, uint64_t *ns, char *err, size_t errlen)
{
	const char *p = s;
	uint64_t whole, frac = 0, scale = 1, unit, total;
	int n;

	n = read_digits(&p, &whole);
	if (n < 0)
		goto too_large;
	if (n == 0) {
		snprintf(err, errlen, "'%s' is not a duration (a number and a unit: ns, us, ms or s)", s);
		return -1;
	}
	if (*p == '.') {
		p++;
		n = read_digits(&p, &frac);
		if (n <= 0 || n > FRACTION_DIGITS_MAX) {
			snprintf(err, errlen, "'%s' is not a duration (1 to %d decimals)",
				 s, FRACTION_DIGITS_MAX);
			return -1;
		}
		scale = pow10_u64(n);
	}
	if (!*p) {
		snprintf(err, errlen, "'%s' needs a unit: ns, us, ms or s", s);
		return -1;
	}
	unit = lookup_unit(p);
	if (!unit) {
		snprintf(err, errlen, "'%s' has an unknown unit '%s' (ns, us, ms or s)", s, p);
		return -1;
	}
	if (frac * unit % scale) {
		snprintf(err, errlen, "'%s' is finer than a nanosecond", s);
		return -1;
	}
	if (__builtin_mul_overflow(whole, unit, &total) ||
	    __builtin_add_overflow(total, frac * unit / scale, &total))
		goto too_large;
	*ns = total;
	return 0;

too_large:
	snprintf(err, errlen, "'%s' is too large", s);
	return -1;
}

int parse_duration_range(const char *s, uint64_t min_ns, uint64_t max_ns,
			 uint64_t step_ns, uint64_t *ns,
			 char *err, size_t errlen)
{
	char lo[32], hi[32], step[32];
	uint64_t v;

	if (parse_duration_ns(s, &v, err, errlen))
		return -1;
	if (v < min_ns || v > max_ns) {
		format_duration(min_ns, lo, sizeof(lo));
		format_duration(max_ns, hi, sizeof(hi));
		snprintf(err, errlen, "'%s' is out of range (%s..%s)", s, lo, hi);
		return -1;
	}
	if (v % step_ns) {
		format_duration(step_ns, step, sizeof(step));
		snprintf(err, errlen, "'%s' is not a whole number of %s", s,
			 step_ns == NSEC_PER_MSEC ? "milliseconds" : step);
		return -1;
	}
	*ns = v;
	return 0;
}

int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *val,
	      char *err, size_t errlen)
{
	const char *p = s;
	uint64_t v;
	int n = read_digits(&p, &v);

	/* 010 is not read as eight, nor as ten: written so, it is a mistake */
	if (n > 1 && s[0] == '0') {
		snprintf(err, errlen, "'%s' has a leading zero (a decimal number in %" PRIu64
			 "..%" PRIu64 ")", s, min, max);
		return -1;
	}
	if (n <= 0 || *p || v < min || v > max) {
		snprintf(err, errlen, "'%s' is not a number in %" PRIu64 "..%" PRIu64,
			 s, min, max);
		return -1;
	}
	*val = v;
	return 0;
}

int parse_uint(const char *s, unsigned long min, unsigned long max,
	       unsigned long *val, char *err, size_t errlen)
{
	uint64_t v;

	if (parse_u64(s, min, max, &v, err, errlen))
		return -1;
	*val = (unsigned long)v;
	return 0;
}

/* Adds count to the sorted set; returns -1 when the set is full. */
static int cpu_counts_add(struct cpu_counts *c, unsigned int count)
{
	unsigned int i = 0;

	while (i < c->nr && c->count[i] < count)
		i++;
	if (i < c->nr && c->count[i] == count)
		return 0;
	if (c->nr == KSB_CPU_COUNTS_MAX)
		return -1;
	memmove(&c->count[i + 1], &c->count[i], (c->nr - i) * sizeof(c->count[0]));
	c->count[i] = count;
	c->nr++;
	return 0;
}

/* One element: "all", "N" or "N-M". */
static int parse_cpu_element(const char *elem, unsigned int max,
			     unsigned int all_count, struct cpu_counts *c,
			     char *err, size_t errlen)
{
	const char *p = elem, *start = elem;
	uint64_t lo, hi, n;
	int len;

	if (!strcmp(elem, "all")) {
		lo = hi = all_count;
	} else {
		len = read_digits(&p, &lo);
		if (len <= 0)
			goto bad;
		if (len > 1 && *start == '0')
			goto zero;
		hi = lo;
		if (*p == '-') {
			start = ++p;
			len = read_digits(&p, &hi);
			if (len <= 0)
				goto bad;
			if (len > 1 && *start == '0')
				goto zero;
		}
		if (*p)
			goto bad;
	}
	if (lo < 1 || lo > max) {
		snprintf(err, errlen, "'%.*s' is not a CPU count (1..%u)",
			 (int)strcspn(elem, "-"), elem, max);
		return -1;
	}
	if (hi < lo || hi > max) {
		snprintf(err, errlen, "'%s' is not a range of CPU counts (1..%u)", elem, max);
		return -1;
	}
	for (n = lo; n <= hi; n++) {
		if (cpu_counts_add(c, (unsigned int)n)) {
			snprintf(err, errlen, "more than %d CPU counts", KSB_CPU_COUNTS_MAX);
			return -1;
		}
	}
	return 0;
bad:
	snprintf(err, errlen, "'%s' is not a CPU count, a range such as 1-4, or 'all'", elem);
	return -1;
zero:
	/* as parse_u64: 010 is neither eight nor ten, but a mistake */
	snprintf(err, errlen, "'%s' has a leading zero (a CPU count, a range such as 1-4, or 'all')",
		 elem);
	return -1;
}

/*
 * Calls fn on each comma-separated element of s; empty elements are an
 * error. The copy keeps s intact for messages.
 */
static int for_each_element(const char *s, const char *what,
			    int (*fn)(const char *elem, void *arg,
				      char *err, size_t errlen),
			    void *arg, char *err, size_t errlen)
{
	char *copy, *elem, *next;
	int ret = 0;

	copy = strdup(s);
	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (elem = copy; elem && !ret; elem = next) {
		next = strchr(elem, ',');
		if (next)
			*next++ = '\0';
		if (!*elem) {
			snprintf(err, errlen, "'%s' has an empty %s", s, what);
			ret = -1;
		} else {
			ret = fn(elem, arg, err, errlen);
		}
	}
	free(copy);
	return ret;
}

struct cpu_counts_ctx {
	struct cpu_counts *counts;
	unsigned int max, all_count;
};

static int cpu_counts_element(const char *elem, void *arg, char *err, size_t errlen)
{
	struct cpu_counts_ctx *ctx = arg;

	return parse_cpu_element(elem, ctx->max, ctx->all_count, ctx->counts,
				 err, errlen);
}

int parse_cpu_counts(const char *s, unsigned int max, unsigned int all_count,
		     struct cpu_counts *counts, char *err, size_t errlen)
{
	struct cpu_counts_ctx ctx = { counts, max, all_count };

	counts->nr = 0;
	return for_each_element(s, "CPU count", cpu_counts_element, &ctx,
				err, errlen);
}

static bool valid_name(const char *name)
{
	const char *p;

	for (p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
			return false;
	return true;
}

static int name_list_element(const char *elem, void *arg, char *err, size_t errlen)
{
	struct name_list *names = arg;
	unsigned int i;

	if (!strcmp(elem, "all")) {
		snprintf(err, errlen, "'all' stands alone, not in a list");
		return -1;
	}
	if (strlen(elem) >= KSB_NAME_MAX || !valid_name(elem)) {
		snprintf(err, errlen, "'%s' is not a workload name (letters, digits, '_' or '-', at most %d)",
			 elem, KSB_NAME_MAX - 1);
		return -1;
	}
	for (i = 0; i < names->nr; i++)
		if (!strcmp(names->name[i], elem))
			return 0;
	if (names->nr == KSB_WORKLOADS_MAX) {
		snprintf(err, errlen, "more than %d workloads", KSB_WORKLOADS_MAX);
		return -1;
	}
	strcpy(names->name[names->nr++], elem);
	return 0;
}

int parse_name_list(const char *s, struct name_list *names,
		    char *err, size_t errlen)
{
	names->nr = 0;
	names->all = !strcmp(s, "all");
	if (names->all)
		return 0;
	if (!*s) {
		snprintf(err, errlen, "no workload named (ksbench list shows them)");
		return -1;
	}
	return for_each_element(s, "workload name", name_list_element, names,
				err, errlen);
}

static const char *const target_names[] = {
	[TARGET_AUTO] = "auto",
	[TARGET_HOST] = "host",
	[TARGET_VM]   = "vm",
};

int parse_percent(const char *s, double max_pct, double *frac,
		  char *err, size_t errlen)
{
	size_t digits = strspn(s, "0123456789.");
	const char *point = memchr(s, '.', digits);
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (!digits || end != s + digits || (*end && strcmp(end, "%")) || errno ||
	    (point && memchr(point + 1, '.', digits - (size_t)(point + 1 - s))) ||
	    !(v > 0 && v <= max_pct)) {
		snprintf(err, errlen, "'%s' is not a percentage in (0, %g]", s, max_pct);
		return -1;
	}
	*frac = v / 100;
	return 0;
}

int parse_target(const char *s, enum target *target, char *err, size_t errlen)
{
	unsigned int i;

	for (i = 0; i < sizeof(target_names) / sizeof(target_names[0]); i++) {
		if (!strcmp(s, target_names[i])) {
			*target = (enum target)i;
			return 0;
		}
	}
	snprintf(err, errlen, "'%s' is not a target (auto, host or vm)", s);
	return -1;
}

const char *target_name(enum target target)
{
	return target_names[target];
}

int parse_cpulist(const char *s, unsigned int *count, unsigned int *prefix)
{
	const char *p = s;
	uint64_t lo, hi, total = 0, contiguous = 0;

	while (*p && *p != '\n') {
		if (read_digits(&p, &lo) <= 0)
			return -1;
		hi = lo;
		if (*p == '-') {
			p++;
			if (read_digits(&p, &hi) <= 0 || hi < lo)
				return -1;
		}
		if (hi - lo >= UINT32_MAX - total)
			return -1;
		total += hi - lo + 1;
		if (lo == contiguous)
			contiguous = hi + 1;
		if (*p == ',')
			p++;
		else if (*p && *p != '\n')
			return -1;
	}
	if (!total)
		return -1;
	*count = (unsigned int)total;
	*prefix = (unsigned int)contiguous;
	return 0;
}

int parse_preempt_live(const char *text, char *model, size_t len)
{
	const char *open = strchr(text, '('), *close;

	if (!open)
		return -1;
	close = strchr(++open, ')');
	if (!close || close == open || (size_t)(close - open) >= len)
		return -1;
	snprintf(model, len, "%.*s", (int)(close - open), open);
	return 0;
}

void format_cpu_range(unsigned int nr_cpus, char *buf, size_t len)
{
	if (nr_cpus <= 1)
		snprintf(buf, len, "0");
	else
		snprintf(buf, len, "0-%u", nr_cpus - 1);
}

/* In the largest unit that shows it exactly: 1s, 1500ms, 0ns. */
void format_duration(uint64_t ns, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < NR_DURATION_UNITS; i++) {
		if (ns % duration_units[i].ns == 0) {
			snprintf(buf, len, "%" PRIu64 "%s",
				 ns / duration_units[i].ns, duration_units[i].name);
			return;
		}
	}
}

void str_append(char *buf, size_t len, size_t *used, const char *s)
{
	int n;

	if (*used + 1 >= len)
		return;
	n = snprintf(buf + *used, len - *used, "%s", s);
	*used = n < 0 || *used + (size_t)n >= len ? len - 1 : *used + (size_t)n;
}

int parse_digits_u64(const char **p, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;

	if (!isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++)
		if (__builtin_mul_overflow(x, 10, &x) ||
		    __builtin_add_overflow(x, (uint64_t)(*s - '0'), &x))
			return -1;
	*v = x;
	*p = s;
	return 0;
}

int parse_whole_u64(const char *s, uint64_t *v)
{
	return parse_digits_u64(&s, v) || *s ? -1 : 0;
}

int parse_json_u64(const struct json_object *v, uint64_t *out)
{
	if (!v || !json_object_is_type(v, json_type_int) ||
	    json_object_get_int64(v) < 0)
		return -1;
	*out = json_object_get_uint64(v);
	return 0;
}
