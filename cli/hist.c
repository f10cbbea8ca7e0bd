// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "hist.h"
#include "parse.h"

#define LAST_BUCKET	(KSB_HIST_BUCKETS - 1)

void hist_init(struct hist *h)
{
	memset(h, 0, sizeof(*h));
}

int hist_record(struct hist *h, uint64_t ns)
{
	unsigned int i = ksb_hist_index(ns);
	uint64_t sum;

	if (__builtin_add_overflow(h->sum, ns, &sum) ||
	    h->count == UINT64_MAX)
		return -1;
	h->counts[i]++;
	h->sum = sum;
	if (!h->count || ns < h->min)
		h->min = ns;
	if (!h->count || ns > h->max)
		h->max = ns;
	h->count++;
	return 0;
}

int hist_merge(struct hist *dst, const struct hist *src,
	       char *err, size_t errlen)
{
	uint64_t count, sum, c;
	unsigned int i;

	if (!src->count)
		return 0;
	if (__builtin_add_overflow(dst->count, src->count, &count) ||
	    __builtin_add_overflow(dst->sum, src->sum, &sum)) {
		snprintf(err, errlen, "histogram merge: the count or the sum overflows 64 bits");
		return -1;
	}
	/* Each bucket is at most count, which did not overflow. */
	for (i = 0; i < KSB_HIST_BUCKETS; i++) {
		c = dst->counts[i] + src->counts[i];
		dst->counts[i] = c;
	}
	if (!dst->count || src->min < dst->min)
		dst->min = src->min;
	if (!dst->count || src->max > dst->max)
		dst->max = src->max;
	dst->count = count;
	dst->sum = sum;
	return 0;
}


/* Parses into counts[] (all KSB_HIST_BUCKETS written) and *count. */
static int parse_buckets(const char *s, uint64_t *counts, uint64_t *count,
			 char *err, size_t errlen)
{
	const char *p = s, *item;
	uint64_t idx, c, total = 0;

	memset(counts, 0, KSB_HIST_BUCKETS * sizeof(*counts));
	while (*p) {
		item = p;
		if (parse_digits_u64(&p, &idx) || *p != ':') {
			snprintf(err, errlen, "histogram buckets: '%.40s' is not index:count",
				 item);
			return -1;
		}
		p++;
		if (parse_digits_u64(&p, &c) || (*p && *p != ',')) {
			snprintf(err, errlen, "histogram buckets: '%.40s' is not index:count",
				 item);
			return -1;
		}
		if (idx >= KSB_HIST_BUCKETS) {
			snprintf(err, errlen, "histogram buckets: index %" PRIu64 " is beyond the last bucket (%u)",
				 idx, LAST_BUCKET);
			return -1;
		}
		if (!c) {
			snprintf(err, errlen, "histogram buckets: bucket %" PRIu64 " has count 0 (only non-empty buckets are listed)",
				 idx);
			return -1;
		}
		if (counts[idx]) {
			snprintf(err, errlen, "histogram buckets: bucket %" PRIu64 " is listed twice",
				 idx);
			return -1;
		}
		if (__builtin_add_overflow(total, c, &total)) {
			snprintf(err, errlen, "histogram buckets: the counts overflow 64 bits");
			return -1;
		}
		counts[idx] = c;
		if (*p == ',') {
			p++;
			if (!*p) {
				snprintf(err, errlen, "histogram buckets: trailing ','");
				return -1;
			}
		}
	}
	*count = total;
	return 0;
}

int hist_parse_buckets(const char *s, struct hist *h,
		       char *err, size_t errlen)
{
	struct hist *tmp = malloc(sizeof(*tmp));

	if (!tmp) {
		snprintf(err, errlen, "histogram buckets: out of memory");
		return -1;
	}
	*tmp = *h;
	if (parse_buckets(s, tmp->counts, &tmp->count, err, errlen)) {
		free(tmp);
		return -1;
	}
	*h = *tmp;
	free(tmp);
	return 0;
}

/*
 * The consistency rules of hist_from_module, on a candidate whose counts
 * and count are already set.
 */
static int hist_check(const struct hist *h, char *err, size_t errlen)
{
	unsigned __int128 lo = 0, hi = 0;
	unsigned int i, first = KSB_HIST_BUCKETS, last = 0;
	uint64_t total = 0;

	for (i = 0; i < KSB_HIST_BUCKETS; i++) {
		uint64_t l, u;

		if (!h->counts[i])
			continue;
		if (__builtin_add_overflow(total, h->counts[i], &total)) {
			snprintf(err, errlen, "histogram: the bucket counts overflow 64 bits");
			return -1;
		}
		if (first == KSB_HIST_BUCKETS)
			first = i;
		last = i;
		/* The samples of bucket i lie in [max(lower, min), min(upper - 1, max)]. */
		l = ksb_hist_lower(i);
		u = ksb_hist_upper(i) - 1;
		if (l < h->min)
			l = h->min;
		if (u > h->max)
			u = h->max;
		lo += (unsigned __int128)h->counts[i] * l;
		hi += (unsigned __int128)h->counts[i] * u;
	}
	if (total != h->count) {
		snprintf(err, errlen, "histogram: count %" PRIu64 " but the buckets hold %" PRIu64,
			 h->count, total);
		return -1;
	}
	if (!h->count) {
		if (h->sum || h->min || h->max) {
			snprintf(err, errlen, "histogram: empty but sum, min or max is not 0");
			return -1;
		}
		return 0;
	}
	if (h->min > h->max) {
		snprintf(err, errlen, "histogram: min %" PRIu64 " > max %" PRIu64,
			 h->min, h->max);
		return -1;
	}
	if (ksb_hist_index(h->min) != first || ksb_hist_index(h->max) != last) {
		snprintf(err, errlen, "histogram: min %" PRIu64 " or max %" PRIu64 " is not in the first or last non-empty bucket (%u, %u)",
			 h->min, h->max, first, last);
		return -1;
	}
	if (h->sum < lo || h->sum > hi) {
		snprintf(err, errlen, "histogram: sum %" PRIu64 " is impossible for these buckets",
			 h->sum);
		return -1;
	}
	return 0;
}

/* A histogram built in @tmp: checked, copied to @h, and freed either way. */
static int hist_commit(struct hist *tmp, struct hist *h, char *err, size_t errlen)
{
	int ret = hist_check(tmp, err, errlen);

	if (!ret)
		*h = *tmp;
	free(tmp);
	return ret;
}

int hist_from_module(uint64_t count, uint64_t sum, uint64_t min,
		     uint64_t max, const char *buckets, struct hist *h,
		     char *err, size_t errlen)
{
	struct hist *tmp = malloc(sizeof(*tmp));
	uint64_t parsed;

	if (!tmp) {
		snprintf(err, errlen, "histogram: out of memory");
		return -1;
	}
	if (parse_buckets(buckets, tmp->counts, &parsed, err, errlen))
		goto fail;
	tmp->count = count;
	tmp->sum = sum;
	tmp->min = min;
	tmp->max = max;
	return hist_commit(tmp, h, err, errlen);
fail:
	free(tmp);
	return -1;
}

enum { F_CPU, F_COUNT, F_SUM, F_MIN, F_MAX, F_BUCKETS, NR_FIELDS };

static const char *const field_names[NR_FIELDS] = {
	"cpu", "count", "sum", "min", "max", "buckets",
};

int hist_parse_line(const char *line, char *name, size_t namelen,
		    unsigned int *cpu, struct hist *h, char *err, size_t errlen)
{
	const char *val[NR_FIELDS] = { NULL };
	uint64_t num[NR_FIELDS] = { 0 };
	char *copy, *tok, *next, *eq;
	size_t len;
	int f, ret = -1;

	if (!strncmp(line, "hist ", 5))
		line += 5;
	copy = strdup(line);
	if (!copy) {
		snprintf(err, errlen, "hist line: out of memory");
		return -1;
	}
	len = strlen(copy);
	if (len && copy[len - 1] == '\n')
		copy[--len] = '\0';

	/* The name: the first token, no '='. */
	next = strchr(copy, ' ');
	if (next)
		*next++ = '\0';
	if (!*copy || strchr(copy, '=') || strlen(copy) >= namelen) {
		snprintf(err, errlen, "hist line: '%.40s' is not a histogram name",
			 copy);
		goto out;
	}
	for (tok = next; tok; tok = next) {
		next = strchr(tok, ' ');
		if (next)
			*next++ = '\0';
		eq = strchr(tok, '=');
		if (!eq || eq == tok) {
			snprintf(err, errlen, "hist line: field '%.40s' is not key=value",
				 tok);
			goto out;
		}
		*eq = '\0';
		for (f = 0; f < NR_FIELDS; f++)
			if (!strcmp(tok, field_names[f]))
				break;
		if (f == NR_FIELDS)
			continue;	/* a key this reader does not know */
		if (val[f]) {
			snprintf(err, errlen, "hist line: field '%s' appears twice",
				 tok);
			goto out;
		}
		val[f] = eq + 1;
		if (f != F_BUCKETS && parse_whole_u64(val[f], &num[f])) {
			snprintf(err, errlen, "hist line: %s='%.40s' is not a number",
				 tok, val[f]);
			goto out;
		}
	}
	for (f = 0; f < NR_FIELDS; f++)
		if (!val[f]) {
			snprintf(err, errlen, "hist line: no '%s' field",
				 field_names[f]);
			goto out;
		}
	if (num[F_CPU] > UINT32_MAX) {
		snprintf(err, errlen, "hist line: cpu=%" PRIu64 " is out of range",
			 num[F_CPU]);
		goto out;
	}
	if (hist_from_module(num[F_COUNT], num[F_SUM], num[F_MIN], num[F_MAX],
			     val[F_BUCKETS], h, err, errlen))
		goto out;
	snprintf(name, namelen, "%s", copy);
	*cpu = (unsigned int)num[F_CPU];
	ret = 0;
out:
	free(copy);
	return ret;
}

/* The midpoint of bucket i clamped to [min, max] (the open last: max). */
static double rep_value(const struct hist *h, unsigned int i)
{
	double lo = (double)ksb_hist_lower(i);
	double mid = i == LAST_BUCKET ? (double)h->max :
		     lo + (double)(ksb_hist_upper(i) - 1 - ksb_hist_lower(i)) / 2;

	if (mid < (double)h->min)
		return (double)h->min;
	if (mid > (double)h->max)
		return (double)h->max;
	return mid;
}

double hist_percentile(const struct hist *h, double q, uint64_t clock_cost)
{
	uint64_t rank, cum = 0;
	double x;
	unsigned int i;

	if (!h->count || !(q >= 0.0 && q <= 1.0))
		return NAN;
	/* ceil(q * count), forgiving the last bits of q's rounding. */
	x = ceil(q * (double)h->count * (1.0 - 4 * DBL_EPSILON));
	rank = x < 1.0 ? 1 : (uint64_t)x;
	if (rank >= h->count)
		return hist_correct((double)h->max, clock_cost);
	if (rank == 1)
		return hist_correct((double)h->min, clock_cost);
	for (i = 0; i < KSB_HIST_BUCKETS; i++) {
		cum += h->counts[i];
		if (cum >= rank)
			break;
	}
	return hist_correct(rep_value(h, i), clock_cost);
}

double hist_min(const struct hist *h, uint64_t clock_cost)
{
	return h->count ? hist_correct((double)h->min, clock_cost) : NAN;
}

double hist_max(const struct hist *h, uint64_t clock_cost)
{
	return h->count ? hist_correct((double)h->max, clock_cost) : NAN;
}

double hist_mean(const struct hist *h, uint64_t clock_cost)
{
	long double s, m;
	unsigned int i;

	if (!h->count)
		return NAN;
	s = (long double)h->sum;
	if (clock_cost) {
		s -= (long double)clock_cost * (long double)h->count;
		/* Add back what the clamp at 0 keeps of the values below C. */
		for (i = 0; i < KSB_HIST_BUCKETS &&
			    ksb_hist_lower(i) < clock_cost; i++) {
			double r = rep_value(h, i);

			if (h->counts[i] && r < (double)clock_cost)
				s += (long double)h->counts[i] *
				     ((long double)clock_cost - r);
		}
	}
	m = s / (long double)h->count;
	/* Stay within [min, max] despite the approximation above 128 ns. */
	if (m < (long double)hist_min(h, clock_cost))
		m = hist_min(h, clock_cost);
	if (m > (long double)hist_max(h, clock_cost))
		m = hist_max(h, clock_cost);
	return (double)m;
}

double hist_stddev(const struct hist *h, uint64_t clock_cost)
{
	long double s = 0, ss = 0, mean, d;
	unsigned int i;

	if (!h->count)
		return NAN;
	for (i = 0; i < KSB_HIST_BUCKETS; i++)
		if (h->counts[i])
			s += (long double)h->counts[i] *
			     hist_correct(rep_value(h, i), clock_cost);
	mean = s / (long double)h->count;
	for (i = 0; i < KSB_HIST_BUCKETS; i++) {
		if (!h->counts[i])
			continue;
		d = hist_correct(rep_value(h, i), clock_cost) - mean;
		ss += (long double)h->counts[i] * d * d;
	}
	return (double)sqrtl(ss / (long double)h->count);
}

int hist_summarize(const struct hist *h, uint64_t clock_cost,
		   struct hist_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->clock_cost_ns = clock_cost;
	if (!h->count)
		return -1;
	s->count = h->count;
	s->min = hist_min(h, clock_cost);
	s->max = hist_max(h, clock_cost);
	s->mean = hist_mean(h, clock_cost);
	s->stddev = hist_stddev(h, clock_cost);
	s->p50 = hist_percentile(h, 0.50, clock_cost);
	s->p90 = hist_percentile(h, 0.90, clock_cost);
	s->p99 = hist_percentile(h, 0.99, clock_cost);
	s->p999 = hist_percentile(h, 0.999, clock_cost);
	return 0;
}

size_t hist_cdf(const struct hist *h, uint64_t clock_cost,
		struct hist_cdf_point *pts, size_t max)
{
	uint64_t cum = 0;
	double v, last = NAN;
	size_t n = 0;
	unsigned int i;

	if (!h->count)
		return 0;
	for (i = 0; i < KSB_HIST_BUCKETS; i++) {
		if (!h->counts[i])
			continue;
		cum += h->counts[i];
		v = (double)(ksb_hist_upper(i) - 1);
		if (v > (double)h->max)
			v = (double)h->max;
		if (v < (double)h->min)
			v = (double)h->min;
		v = hist_correct(v, clock_cost);
		if (n && v == last) {
			if (n <= max)
				pts[n - 1].fraction = (double)cum / (double)h->count;
			continue;
		}
		if (n < max) {
			pts[n].value = v;
			pts[n].fraction = (double)cum / (double)h->count;
		}
		n++;
		last = v;
	}
	return n;
}

/* A double printed with 9 significant digits: plenty for a plot. */
static struct json_object *short_double(double v)
{
	struct json_object *o = json_object_new_double(v);

	if (o)
		json_object_set_serializer(o, json_object_double_to_json_string,
					   (void *)"%.9g", NULL);
	return o;
}

struct json_object *hist_cdf_json(const struct hist *h, uint64_t clock_cost)
{
	struct hist_cdf_point *pts = calloc(KSB_HIST_BUCKETS, sizeof(*pts));
	struct json_object *arr = json_object_new_array(), *pair;
	size_t n, i;

	if (!pts || !arr)
		goto fail;
	n = hist_cdf(h, clock_cost, pts, KSB_HIST_BUCKETS);
	for (i = 0; i < n; i++) {
		pair = json_object_new_array_ext(2);
		if (!pair || json_object_array_add(arr, pair)) {
			json_object_put(pair);
			goto fail;
		}
		if (json_object_array_add(pair, short_double(pts[i].value)) ||
		    json_object_array_add(pair, short_double(pts[i].fraction)))
			goto fail;
	}
	free(pts);
	return arr;
fail:
	free(pts);
	json_object_put(arr);
	return NULL;
}

struct json_object *hist_to_json(const struct hist *h)
{
	struct json_object *o = json_object_new_object(), *b, *pair;
	unsigned int i;

	if (!o)
		return NULL;
	json_object_object_add(o, "sub_bits",
			       json_object_new_int(KSB_HIST_SUB_BITS));
	json_object_object_add(o, "max_shift",
			       json_object_new_int(KSB_HIST_MAX_SHIFT));
	json_object_object_add(o, "count", json_object_new_uint64(h->count));
	json_object_object_add(o, "sum", json_object_new_uint64(h->sum));
	json_object_object_add(o, "min", json_object_new_uint64(h->min));
	json_object_object_add(o, "max", json_object_new_uint64(h->max));
	b = json_object_new_array();
	if (!b || json_object_object_add(o, "buckets", b)) {
		json_object_put(b);
		goto fail;
	}
	for (i = 0; i < KSB_HIST_BUCKETS; i++) {
		if (!h->counts[i])
			continue;
		pair = json_object_new_array_ext(2);
		if (!pair || json_object_array_add(b, pair)) {
			json_object_put(pair);
			goto fail;
		}
		if (json_object_array_add(pair, json_object_new_int((int)i)) ||
		    json_object_array_add(pair,
					  json_object_new_uint64(h->counts[i])))
			goto fail;
	}
	return o;
fail:
	json_object_put(o);
	return NULL;
}

static int json_field_u64(const struct json_object *obj, const char *key,
			  uint64_t *out, char *err, size_t errlen)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || parse_json_u64(v, out)) {
		snprintf(err, errlen, "histogram JSON: '%s' is missing or not a non-negative integer",
			 key);
		return -1;
	}
	return 0;
}

int hist_from_json(const struct json_object *obj, struct hist *h,
		   char *err, size_t errlen)
{
	struct json_object *b, *pair;
	uint64_t sub_bits, max_shift, idx, c, total = 0;
	struct hist *tmp;
	size_t i, n;

	if (!obj || !json_object_is_type(obj, json_type_object)) {
		snprintf(err, errlen, "histogram JSON: not an object");
		return -1;
	}
	if (json_field_u64(obj, "sub_bits", &sub_bits, err, errlen) ||
	    json_field_u64(obj, "max_shift", &max_shift, err, errlen))
		return -1;
	if (sub_bits != KSB_HIST_SUB_BITS || max_shift != KSB_HIST_MAX_SHIFT) {
		snprintf(err, errlen, "histogram JSON: bucket layout sub_bits=%" PRIu64 " max_shift=%" PRIu64 " is not this ksbench's (%u, %u)",
			 sub_bits, max_shift, KSB_HIST_SUB_BITS,
			 KSB_HIST_MAX_SHIFT);
		return -1;
	}
	if (!json_object_object_get_ex(obj, "buckets", &b) ||
	    !json_object_is_type(b, json_type_array)) {
		snprintf(err, errlen, "histogram JSON: 'buckets' is missing or not an array");
		return -1;
	}
	tmp = calloc(1, sizeof(*tmp));
	if (!tmp) {
		snprintf(err, errlen, "histogram JSON: out of memory");
		return -1;
	}
	if (json_field_u64(obj, "count", &tmp->count, err, errlen) ||
	    json_field_u64(obj, "sum", &tmp->sum, err, errlen) ||
	    json_field_u64(obj, "min", &tmp->min, err, errlen) ||
	    json_field_u64(obj, "max", &tmp->max, err, errlen))
		goto fail;
	n = json_object_array_length(b);
	for (i = 0; i < n; i++) {
		pair = json_object_array_get_idx(b, i);
		if (!json_object_is_type(pair, json_type_array) ||
		    json_object_array_length(pair) != 2 ||
		    parse_json_u64(json_object_array_get_idx(pair, 0), &idx) ||
		    parse_json_u64(json_object_array_get_idx(pair, 1), &c)) {
			snprintf(err, errlen, "histogram JSON: buckets[%zu] is not [index, count]",
				 i);
			goto fail;
		}
		if (idx >= KSB_HIST_BUCKETS || !c || tmp->counts[idx]) {
			snprintf(err, errlen, "histogram JSON: buckets[%zu]: index %" PRIu64 " is out of range, repeated or has count 0",
				 i, idx);
			goto fail;
		}
		if (__builtin_add_overflow(total, c, &total)) {
			snprintf(err, errlen, "histogram JSON: the counts overflow 64 bits");
			goto fail;
		}
		tmp->counts[idx] = c;
	}
	return hist_commit(tmp, h, err, errlen);
fail:
	free(tmp);
	return -1;
}
