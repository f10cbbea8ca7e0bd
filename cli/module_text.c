// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "ksbench_abi.h"
#include "module_text.h"

#define END_LINE "end"
#define RT_NOTE_OPEN "[PREEMPT_RT: "
#define UNAVAILABLE_OPEN "[unavailable: "

struct line_iter {
	const char *next;
	unsigned int nr;
	bool cut;		/* the last line had no newline */
};

/* The next line as a NUL-terminated copy; the caller frees it. */
static char *next_line(struct line_iter *it)
{
	const char *start = it->next, *nl;
	size_t len;

	if (!start || !*start)
		return NULL;
	nl = strchr(start, '\n');
	len = nl ? (size_t)(nl - start) : strlen(start);
	if (len && start[len - 1] == '\r')
		len--;
	it->next = nl ? nl + 1 : NULL;
	it->cut = !nl;
	it->nr++;
	return strndup(start, len);
}

/* Integers stay integers (int64); anything else is a string. */
static struct json_object *value_object(const char *s)
{
	const char *digits = s + (*s == '-');
	char *end;
	long long v;

	if (*digits >= '0' && *digits <= '9') {
		errno = 0;
		v = strtoll(s, &end, 10);
		if (!errno && !*end)
			return json_object_new_int64(v);
	}
	return json_object_new_string(s);
}

/* "ksbench-results 1" -> "results", the name messages use. */
static void header_what(const char *header, char *what, size_t len)
{
	const char *dash = strchr(header, '-');
	const char *name = dash ? dash + 1 : header;

	snprintf(what, len, "%.*s", (int)strcspn(name, " "), name);
}

static int check_header(const char *line, const char *header,
			const char *what, char *err, size_t errlen)
{
	size_t magic_len = strcspn(header, " ");

	if (!strcmp(line, header))
		return 0;
	if (!strncmp(line, header, magic_len) && line[magic_len] == ' ') {
		snprintf(err, errlen, "%s: format version %s is not supported (this ksbench reads version %s): update ksbench or the module",
			 what, line + magic_len + 1, header + magic_len + 1);
		return -1;
	}
	snprintf(err, errlen, "%s: not a ksbench %s text (first line '%.40s')",
		 what, what, line);
	return -1;
}

/* "cpu=0 ops=10 ..." -> {"cpu": 0, "ops": 10, ...} */
static struct json_object *parse_worker(char *fields, char *bad, size_t badlen)
{
	struct json_object *w = json_object_new_object();
	char *tok, *save, *eq;

	for (tok = strtok_r(fields, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		eq = strchr(tok, '=');
		if (!eq || eq == tok) {
			snprintf(bad, badlen, "%s", tok);
			json_object_put(w);
			return NULL;
		}
		*eq = '\0';
		json_object_object_add(w, tok, value_object(eq + 1));
	}
	return w;
}

const struct hist *mt_hist_find(const struct module_text *mt, const char *name,
				unsigned int cpu)
{
	unsigned int i;

	for (i = 0; i < mt->nr_hists; i++)
		if (mt->hists[i].cpu == cpu && !strcmp(mt->hists[i].name, name))
			return &mt->hists[i].h;
	return NULL;
}

/* A `hist` line into hists[]; one per (name, cpu). */
static int parse_hist(const char *line, struct module_text *mt, char *err,
		      size_t errlen)
{
	struct mt_hist *more, *mh;
	char msg[256];

	more = realloc(mt->hists, (mt->nr_hists + 1) * sizeof(*mt->hists));
	if (!more) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	mt->hists = more;
	mh = &mt->hists[mt->nr_hists];
	if (hist_parse_line(line, mh->name, sizeof(mh->name), &mh->cpu, &mh->h,
			    msg, sizeof(msg))) {
		snprintf(err, errlen, "%s", msg);
		return -1;
	}
	if (mt_hist_find(mt, mh->name, mh->cpu)) {
		snprintf(err, errlen, "histogram %s of cpu %u appears twice",
			 mh->name, mh->cpu);
		return -1;
	}
	mt->nr_hists++;
	return 0;
}

/* The `series` line and its `tick` lines, in order. */
static int parse_series_line(bool tick, const char *value, struct module_text *mt,
			     bool *in_series, char *err, size_t errlen)
{
	size_t nr_workers = json_object_array_length(mt->workers);

	if (!tick) {
		if (mt->has_series || *in_series) {
			snprintf(err, errlen, "a second series line");
			return -1;
		}
		if (series_parse_header(value, (unsigned int)nr_workers, &mt->series,
					err, errlen))
			return -1;
		*in_series = mt->series.nr_ticks > 0;
		mt->has_series = !*in_series;
		return 0;
	}
	if (!*in_series) {
		snprintf(err, errlen, "a tick line %s",
			 mt->has_series ? "after the series' last tick" : "before any series line");
		return -1;
	}
	if (series_parse_tick(&mt->series, value, err, errlen))
		return -1;
	if (mt->series.filled == mt->series.nr_ticks) {
		*in_series = false;
		mt->has_series = true;
	}
	return 0;
}

/*
 * The lines parse_body_line reads strictly: 1 when line is one of them
 * (read), 0 when it is not, -1 on a flaw (message in err).
 */
static int parse_strict_line(char *line, size_t keylen, const char *value,
			     struct module_text *mt, bool *in_series,
			     char *err, size_t errlen)
{
	if (keylen == 4 && !strncmp(line, "hist", 4))
		return parse_hist(line, mt, err, errlen) ? -1 : 1;
	if (keylen == 6 && !strncmp(line, "series", 6))
		return parse_series_line(false, value, mt, in_series, err, errlen) ? -1 : 1;
	if (keylen == 4 && !strncmp(line, "tick", 4))
		return parse_series_line(true, value, mt, in_series, err, errlen) ? -1 : 1;
	return 0;
}

/* One line after the header: worker, end, or key value. Returns 1 on end. */
static int parse_body_line(char *line, struct module_text *mt, const char *what,
			   unsigned int nr, bool *in_series, char *err, size_t errlen)
{
	struct json_object *w;
	char bad[64], msg[512], *value;
	size_t keylen;
	int ret;

	if (!strcmp(line, END_LINE)) {
		if (*in_series) {
			snprintf(err, errlen, "%s: line %u: the series ends after %u of its %u ticks",
				 what, nr, mt->series.filled, mt->series.nr_ticks);
			return -1;
		}
		return 1;
	}
	keylen = strcspn(line, " \t");
	if (!keylen)		/* blank or indented: not ours to judge */
		return 0;
	value = line + keylen;
	value += strspn(value, " \t");
	ret = parse_strict_line(line, keylen, value, mt, in_series, msg, sizeof(msg));
	if (!ret && *in_series)
		snprintf(msg, sizeof(msg), "'%.40s' where tick %u of %u was due", line,
			 mt->series.filled + 1, mt->series.nr_ticks);
	if (ret < 0 || (*in_series && !ret)) {
		snprintf(err, errlen, "%s: line %u: %s", what, nr, msg);
		return -1;
	}
	if (ret)
		return 0;
	if (keylen == 6 && !strncmp(line, "worker", 6)) {
		w = parse_worker(value, bad, sizeof(bad));
		if (!w) {
			snprintf(err, errlen, "%s: line %u: worker field '%s' is not key=value",
				 what, nr, bad);
			return -1;
		}
		json_object_array_add(mt->workers, w);
		return 0;
	}
	line[keylen] = '\0';
	json_object_object_add(mt->fields, line, value_object(value));
	return 0;
}

static int module_text_parse(const char *text, const char *header, bool need_end,
			     struct module_text *mt, char *err, size_t errlen)
{
	struct line_iter it = { text, 0, false };
	char what[64], *line;
	int ret = -1, done = 0;
	bool in_series = false;

	header_what(header, what, sizeof(what));
	memset(mt, 0, sizeof(*mt));
	mt->fields = json_object_new_object();
	mt->workers = json_object_new_array();

	line = next_line(&it);
	if (!line) {
		snprintf(err, errlen, "%s: empty", what);
		goto out;
	}
	if (check_header(line, header, what, err, errlen)) {
		free(line);
		goto out;
	}
	free(line);
	while (!done && (line = next_line(&it))) {
		/* A reader racing the writer sees a cut last line: no guessing. */
		if (it.cut && strcmp(line, END_LINE)) {
			free(line);
			break;
		}
		done = parse_body_line(line, mt, what, it.nr, &in_series, err, errlen);
		free(line);
		if (done < 0)
			goto out;
	}
	if (!done && need_end) {
		snprintf(err, errlen, "%s truncated: no '%s' line", what, END_LINE);
		goto out;
	}
	ret = 0;
out:
	if (ret)
		module_text_free(mt);
	return ret;
}

int module_text_parse_results(const char *text, struct module_text *mt,
			      char *err, size_t errlen)
{
	return module_text_parse(text, KSB_RESULTS_HEADER, true, mt, err, errlen);
}

int module_text_parse_info(const char *text, struct module_text *mt,
			   char *err, size_t errlen)
{
	return module_text_parse(text, KSB_INFO_HEADER, false, mt, err, errlen);
}

void module_text_free(struct module_text *mt)
{
	json_object_put(mt->fields);
	json_object_put(mt->workers);
	free(mt->hists);
	series_free(&mt->series);
	memset(mt, 0, sizeof(*mt));
}

int mt_int(const struct json_object *obj, const char *key, int64_t *val)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) ||
	    !json_object_is_type(v, json_type_int))
		return -1;
	*val = json_object_get_int64(v);
	return 0;
}

const char *mt_str(const struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, key, &v))
		return NULL;
	return json_object_get_string(v);
}

/* "a" or "a-b" at *p, moving *p past it; a CPU number fits in an int. */
static int cpulist_range(const char **p, unsigned int *lo, unsigned int *hi)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)**p))
		return -1;
	v = strtoul(*p, &end, 10);
	if (v > INT_MAX)
		return -1;
	*lo = *hi = (unsigned int)v;
	*p = end;
	if (**p != '-')
		return 0;
	(*p)++;
	if (!isdigit((unsigned char)**p))
		return -1;
	v = strtoul(*p, &end, 10);
	if (v > INT_MAX || v < *lo)
		return -1;
	*hi = (unsigned int)v;
	*p = end;
	return 0;
}

int mt_cpulist(const struct json_object *obj, const char *key, unsigned int *cpus,
	       unsigned int max, unsigned int *nr, char *err, size_t errlen)
{
	const char *text = mt_str(obj, key), *p = text;
	unsigned int lo, hi, cpu;

	*nr = 0;
	if (!text)
		return 0;
	do {
		if (cpulist_range(&p, &lo, &hi) || (*p && *p != ','))
			goto bad;
		for (cpu = lo; cpu <= hi; cpu++) {
			if (*nr == max) {
				snprintf(err, errlen, "results: %s '%.40s' names more than %u CPUs",
					 key, text, max);
				return -1;
			}
			cpus[(*nr)++] = cpu;
		}
	} while (*p++ == ',');
	return 0;
bad:
	snprintf(err, errlen, "results: %s '%.40s' is not a cpulist", key, text);
	*nr = 0;
	return -1;
}

/* Splits off the first blank-separated word of *p. */
static char *take_word(char **p)
{
	char *word = *p + strspn(*p, " \t"), *end;

	if (!*word)
		return NULL;
	end = word + strcspn(word, " \t");
	*p = end + (*end != '\0');
	*end = '\0';
	return word;
}

/* A trailing "[OPEN...]" of text, taken off it into w's key. */
static void take_note(struct json_object *w, char *text, const char *open, const char *key)
{
	char *note = NULL, *p, *end = text + strlen(text);

	for (p = strstr(text, open); p; p = strstr(p + 1, open))
		note = p;
	if (!note || end <= note + strlen(open) || end[-1] != ']')
		return;
	end[-1] = '\0';
	json_object_object_add(w, key, json_object_new_string(note + strlen(open)));
	while (note > text && (note[-1] == ' ' || note[-1] == '\t'))
		note--;
	*note = '\0';
}

/*
 * "desc [PREEMPT_RT: note] [unavailable: why]" -> description "desc",
 * rt_note "note", unavailable "why"; the module appends the note on
 * PREEMPT_RT kernels only, and the reason where the kernel lacks the
 * primitive.
 */
static void add_description(struct json_object *w, char *text)
{
	take_note(w, text, UNAVAILABLE_OPEN, "unavailable");
	take_note(w, text, RT_NOTE_OPEN, "rt_note");
	json_object_object_add(w, "description", json_object_new_string(text));
}

int module_text_parse_workloads(const char *text, struct json_object **list,
				char *err, size_t errlen)
{
	struct line_iter it = { text, 0, false };
	struct json_object *w;
	char *line, *rest, *name, *kind, *min_cpus, *end;
	unsigned long cpus;

	*list = json_object_new_array();
	while ((line = next_line(&it))) {
		rest = line;
		name = take_word(&rest);
		kind = name ? take_word(&rest) : NULL;
		min_cpus = kind ? take_word(&rest) : NULL;
		cpus = min_cpus ? strtoul(min_cpus, &end, 10) : 0;
		if (name && (!min_cpus || *end || !cpus || !isdigit((unsigned char)*min_cpus))) {
			snprintf(err, errlen,
				 "workloads: line %u is not 'name kind min_cpus description': '%s'",
				 it.nr, name);
			free(line);
			json_object_put(*list);
			*list = NULL;
			return -1;
		}
		if (name) {
			w = json_object_new_object();
			json_object_object_add(w, "name", json_object_new_string(name));
			json_object_object_add(w, "kind", json_object_new_string(kind));
			json_object_object_add(w, "min_cpus", json_object_new_int64((int64_t)cpus));
			add_description(w, rest + strspn(rest, " \t"));
			json_object_array_add(*list, w);
		}
		free(line);
	}
	return 0;
}
