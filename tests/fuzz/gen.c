// SPDX-License-Identifier: GPL-2.0
/*
 * Input generators (see gen.h). Each class has its own malformed forms
 * (out of range, overflowed, negative, other radixes, unknown words,
 * duplicate or offline CPUs), and all share the forms every file must
 * refuse (empty, whitespace only, embedded NUL, overlong, junk bytes,
 * mutations of a good value, the words of other files). A candidate the
 * model takes is thrown away and another drawn.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

#define PAGE_SIZE	4096

uint64_t fz_rand(struct fz_rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t fz_below(struct fz_rng *r, uint64_t n)
{
	return fz_rand(r) % n;
}

#define PICK(r, array)	((array)[fz_below(r, sizeof(array) / sizeof((array)[0]))])

void fz_buf_reset(struct fz_buf *b)
{
	b->len = 0;
}

void fz_buf_add(struct fz_buf *b, const void *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (!b->p)
			abort();
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';	/* for printing; the length is what counts */
}

void fz_buf_adds(struct fz_buf *b, const char *s)
{
	fz_buf_add(b, s, strlen(s));
}

void fz_buf_addf(struct fz_buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		abort();
	fz_buf_add(b, tmp, (size_t)n);
}

void fz_buf_free(struct fz_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* Inserts N bytes at POS. */
static void buf_insert(struct fz_buf *b, size_t pos, const void *data, size_t n)
{
	size_t tail = b->len - pos;

	fz_buf_add(b, data, n);		/* grows; the bytes are moved below */
	memmove(b->p + pos + n, b->p + pos, tail);
	memcpy(b->p + pos, data, n);
}

static void buf_delete(struct fz_buf *b, size_t pos, size_t n)
{
	memmove(b->p + pos, b->p + pos + n, b->len - pos - n);
	b->len -= n;
	b->p[b->len] = '\0';
}

/* --- pieces ---------------------------------------------------------------- */

/* The kernel's isspace(), 0xa0 included: strim() drops all of them. */
static const char spaces[] = " \t\n\v\f\r\xa0";

static void add_spaces(struct fz_rng *r, struct fz_buf *b, unsigned int max)
{
	unsigned int n = (unsigned int)fz_below(r, max + 1);

	while (n--)
		fz_buf_add(b, &spaces[fz_below(r, sizeof(spaces) - 1)], 1);
}

/* Surrounding whitespace, which every file ignores: the value stays as it was. */
static void decorate(struct fz_rng *r, struct fz_buf *b)
{
	char pre[8];
	unsigned int n = (unsigned int)fz_below(r, 3), i;

	for (i = 0; i < n; i++)
		pre[i] = spaces[fz_below(r, sizeof(spaces) - 1)];
	buf_insert(b, 0, pre, n);
	if (fz_below(r, 2))
		fz_buf_adds(b, "\n");	/* what echo adds */
	else
		add_spaces(r, b, 2);
}

/* Bytes that make interesting insertions and replacements. */
static char odd_byte(struct fz_rng *r)
{
	static const char odd[] = "0123456789abcdefxXN-+,.:;/_ \t\n\r\v\f\"'\\%$&*()[]{}<>=!?~`#@|^";

	switch (fz_below(r, 4)) {
	case 0:
		return (char)fz_below(r, 256);
	case 1:
		return (char)(0x80 + fz_below(r, 128));
	default:
		return odd[fz_below(r, sizeof(odd) - 1)];
	}
}

/* Decimal DIGITS plus a small K, as a string: 2^64 + K and the like. */
static void add_decimal_plus(struct fz_buf *b, const char *digits, unsigned int k)
{
	char tmp[128];
	size_t n = strlen(digits), i;

	memcpy(tmp + 1, digits, n + 1);
	tmp[0] = '0';
	for (i = n; k; i--) {
		unsigned int d = (unsigned int)(tmp[i] - '0') + k % 10;

		k /= 10;
		if (d >= 10) {
			d -= 10;
			k++;
		}
		tmp[i] = (char)('0' + d);
		if (!i)
			break;
	}
	fz_buf_adds(b, tmp[0] == '0' ? tmp + 1 : tmp);
}

/* A decimal number that does not fit in 64 bits. */
static void add_overflow(struct fz_rng *r, struct fz_buf *b)
{
	static const char *const big[] = {
		"18446744073709551616",		/* 2^64 */
		"18446744073709551620",
		"36893488147419103232",		/* 2^65 */
		"99999999999999999999",
		"100000000000000000000",
		"184467440737095516150",	/* (2^64 - 1) * 10 */
		"340282366920938463463374607431768211456",	/* 2^128 */
	};
	unsigned int n, i;

	switch (fz_below(r, 4)) {
	case 0:
		fz_buf_adds(b, PICK(r, big));
		break;
	case 1:
		add_decimal_plus(b, "18446744073709551616", (unsigned int)fz_below(r, 100000));
		break;
	case 2:		/* 21 to 80 digits */
		n = 21 + (unsigned int)fz_below(r, 60);
		fz_buf_addf(b, "%u", 1 + (unsigned int)fz_below(r, 9));
		for (i = 1; i < n; i++)
			fz_buf_addf(b, "%u", (unsigned int)fz_below(r, 10));
		break;
	default:	/* leading zeros do not save it */
		n = (unsigned int)fz_below(r, 40);
		for (i = 0; i < n; i++)
			fz_buf_adds(b, "0");
		fz_buf_adds(b, PICK(r, big));
	}
}

static void add_ident(struct fz_rng *r, struct fz_buf *b, unsigned int len)
{
	static const char ident[] = "abcdefghijklmnopqrstuvwxyz_0123456789";
	unsigned int i;

	for (i = 0; i < len; i++)
		fz_buf_add(b, &ident[fz_below(r, i ? sizeof(ident) - 1 : 26)], 1);
}

/*
 * TMPL with its "%u" replaced by ARGS in turn (the last one repeats):
 * the forms are data, not printf formats.
 */
static void add_template(struct fz_buf *b, const char *tmpl,
			 const unsigned long *args, unsigned int nr_args)
{
	unsigned int i = 0;

	for (; *tmpl; tmpl++) {
		if (tmpl[0] == '%' && tmpl[1] == 'u') {
			fz_buf_addf(b, "%lu", args[i < nr_args ? i : nr_args - 1]);
			i++;
			tmpl++;
		} else {
			fz_buf_add(b, tmpl, 1);
		}
	}
}

/* Online CPUs of M into CPUS; returns how many. */
static unsigned int online_cpus(const struct fz_machine *m, unsigned int *cpus,
				unsigned int max)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < m->nr_cpu_ids && n < max; cpu++)
		if (fz_cpu_online(m, cpu))
			cpus[n++] = cpu;
	return n;
}

static unsigned int offline_cpus(const struct fz_machine *m, unsigned int *cpus,
				 unsigned int max)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < m->nr_cpu_ids && n < max; cpu++)
		if (!fz_cpu_online(m, cpu))
			cpus[n++] = cpu;
	return n;
}

/* A random online CPU and the last of the online run it starts. */
static void online_run(struct fz_rng *r, const struct fz_machine *m,
		       unsigned int *a, unsigned int *b)
{
	unsigned int cpus[64], n = online_cpus(m, cpus, 64);

	*a = n ? cpus[fz_below(r, n)] : 0;
	*b = *a;
	while (fz_below(r, 2) && fz_cpu_online(m, *b + 1))
		(*b)++;
}

/* --- valid values ------------------------------------------------------------ */

static void valid_number(struct fz_rng *r, const struct fz_file *f, struct fz_buf *b)
{
	uint64_t span = f->max - f->min, v;

	switch (fz_below(r, 5)) {
	case 0:
		v = f->min;
		break;
	case 1:
		v = f->max;
		break;
	case 2:
		v = f->min + (span ? fz_below(r, span < 100 ? span + 1 : 100) : 0);
		break;
	default:
		v = f->min + (span == UINT64_MAX ? fz_rand(r) : fz_below(r, span + 1));
	}
	fz_buf_addf(b, "%" PRIu64, v);
}

static void valid_cpus(struct fz_rng *r, const struct fz_machine *m, struct fz_buf *b)
{
	unsigned int cpus[64], n = online_cpus(m, cpus, 64), a, e, c;

	online_run(r, m, &a, &e);
	if (e > a || fz_below(r, 3) == 0)
		fz_buf_addf(b, "%u-%u", a, e);
	else
		fz_buf_addf(b, "%u", a);
	/* another online CPU after the run, not in it */
	c = n ? cpus[fz_below(r, n)] : 0;
	if ((c > e || c < a) && fz_below(r, 2))
		fz_buf_addf(b, ",%u", c);
}

void fz_valid_value(struct fz_rng *r, const struct fz_file *f,
		    const struct fz_machine *m, struct fz_buf *out)
{
	fz_buf_reset(out);
	switch (f->class) {
	case FZ_NUMBER:
		valid_number(r, f, out);
		break;
	case FZ_CPUS:
		valid_cpus(r, m, out);
		break;
	case FZ_CHOICE:
	case FZ_WORKLOAD:
	case FZ_CONTROL:
		if (f->nr_words) {
			fz_buf_adds(out, f->words[fz_below(r, f->nr_words)]);
			break;
		}
		/* fall through */
	default:
		fz_buf_adds(out, "0");
	}
}

/* --- forms every file must refuse --------------------------------------------- */

static void gen_overlong(struct fz_rng *r, const struct fz_file *f,
			 const struct fz_machine *m, struct fz_buf *b)
{
	static const size_t lens[] = {
		KSB_WRITE_MAX + 1, KSB_WRITE_MAX + 2, PAGE_SIZE + 1, 2 * PAGE_SIZE,
		3 * PAGE_SIZE + 17,
	};
	size_t len = fz_below(r, 2) ? PICK(r, lens) :
		     KSB_WRITE_MAX + 1 + fz_below(r, 3 * PAGE_SIZE);
	struct fz_buf v = { 0 };

	fz_valid_value(r, f, m, &v);
	switch (fz_below(r, 4)) {
	case 0:		/* a good value drowned in whitespace, before or after */
		if (fz_below(r, 2)) {
			fz_buf_add(b, v.p, v.len);
			while (b->len < len)
				fz_buf_add(b, &spaces[fz_below(r, sizeof(spaces) - 1)], 1);
		} else {
			while (b->len + v.len < len)
				fz_buf_adds(b, fz_below(r, 2) ? " " : "\n");
			fz_buf_add(b, v.p, v.len);
		}
		break;
	case 1:		/* leading zeros: a number that would be good if shorter */
		while (b->len + v.len < len)
			fz_buf_adds(b, "0");
		fz_buf_add(b, v.p, v.len);
		break;
	case 2:		/* the value again and again */
		while (b->len < len) {
			fz_buf_add(b, v.p, v.len);
			fz_buf_adds(b, fz_below(r, 2) ? "," : " ");
		}
		break;
	default:
		while (b->len < len) {
			char c = (char)(' ' + fz_below(r, 95));

			fz_buf_add(b, &c, 1);
		}
	}
	fz_buf_free(&v);
}

static void gen_nul(struct fz_rng *r, const struct fz_file *f,
		    const struct fz_machine *m, struct fz_buf *b)
{
	fz_valid_value(r, f, m, b);
	decorate(r, b);
	buf_insert(b, fz_below(r, b->len + 1), "", 1);
}

static void gen_junk(struct fz_rng *r, struct fz_buf *b)
{
	unsigned int n = 1 + (unsigned int)fz_below(r, 32), i;
	bool printable = fz_below(r, 2);

	for (i = 0; i < n; i++) {
		char c = printable ? (char)(' ' + fz_below(r, 95)) : odd_byte(r);

		fz_buf_add(b, &c, 1);
	}
}

/* Look-alikes in UTF-8: fullwidth and Arabic-Indic digits, invisible spaces. */
static void gen_unicode(struct fz_rng *r, const struct fz_file *f,
			const struct fz_machine *m, struct fz_buf *b)
{
	static const char *const odd[] = {
		"\xef\xbc\x91",		/* FULLWIDTH DIGIT ONE */
		"\xd9\xa1",		/* ARABIC-INDIC DIGIT ONE */
		"\xc2\xa0",		/* NO-BREAK SPACE */
		"\xe2\x80\x8b",		/* ZERO WIDTH SPACE */
		"\xef\xbb\xbf",		/* BYTE ORDER MARK */
		"\xe2\x80\x93",		/* EN DASH */
		"\xe2\x80\x9c",		/* LEFT DOUBLE QUOTATION MARK */
	};
	const char *u = PICK(r, odd);

	fz_valid_value(r, f, m, b);
	buf_insert(b, fz_below(r, b->len + 1), u, strlen(u));
}

static void mutate(struct fz_rng *r, struct fz_buf *b)
{
	unsigned int n = 1 + (unsigned int)fz_below(r, 3);
	char c;

	while (n--) {
		size_t pos = fz_below(r, b->len + 1);

		switch (fz_below(r, 5)) {
		case 0:
		case 1:
			c = odd_byte(r);
			buf_insert(b, pos, &c, 1);
			break;
		case 2:
			if (pos < b->len)
				buf_delete(b, pos, 1);
			break;
		case 3:
			if (pos < b->len)
				b->p[pos] = odd_byte(r);
			break;
		default:	/* the value twice, with or without a separator */
		{
			size_t len = b->len;
			char *copy = malloc(len + 1);

			if (!copy)
				abort();
			memcpy(copy, b->p, len);
			fz_buf_adds(b, PICK(r, ((const char *const[]){ "", " ", ",", "\n", "\t", "-" })));
			fz_buf_add(b, copy, len);
			free(copy);
		}
		}
	}
}

/* --- numbers ------------------------------------------------------------------ */

static void add_number_dressed(struct fz_rng *r, struct fz_buf *b, uint64_t v)
{
	switch (fz_below(r, 6)) {
	case 0:
		fz_buf_addf(b, "+%" PRIu64, v);
		break;
	case 1:
		fz_buf_addf(b, "000%" PRIu64, v);
		break;
	default:
		fz_buf_addf(b, "%" PRIu64, v);
	}
}

static void gen_number(struct fz_rng *r, const struct fz_file *f,
		       const struct fz_machine *m, struct fz_buf *b)
{
	static const char *const words[] = {
		"inf", "-inf", "nan", "max", "min", "default", "true", "false", "on",
		"off", "yes", "one", "ten", "NULL", "(null)", "0n", "1ms", "1s", "1us",
		"100%", "5k", "1M", "1G", "0x", "0X", "0x_1", "0xg", "0b1", "0o7", "08",
		"0x1p3", "1e3", "1E3", ".5", "5.", "1.0", "1,000", "1_000", "1'000",
		"--1", "++1", "+-1", "-+1", "+", "-", "+ 1", "- 1", "\\n", "%d", "$1",
		"0 0", "1\n1", "1\n\n1", "\n1\n2\n", "1\r2", "1\t1", "~0", "!0",
	};
	uint64_t v;

	switch (fz_below(r, 9)) {
	case 0:		/* below the range */
		if (f->min) {
			v = fz_below(r, 2) ? f->min - 1 : fz_below(r, f->min);
			add_number_dressed(r, b, v);
			break;
		}
		/* fall through */
	case 1:		/* above the range */
		if (f->max != UINT64_MAX) {
			switch (fz_below(r, 5)) {
			case 0:
				v = f->max + 1;
				break;
			case 1:
				v = f->max + 1 + fz_below(r, 1000);
				break;
			case 2:
				v = UINT64_MAX;
				break;
			case 3:
				v = (uint64_t)1 << (32 + fz_below(r, 32));
				break;
			default:
				v = f->max + 1 + fz_below(r, UINT64_MAX - f->max);
			}
			add_number_dressed(r, b, v);
			break;
		}
		/* fall through */
	case 2:
		add_overflow(r, b);
		break;
	case 3:		/* negative */
		fz_buf_adds(b, "-");
		if (fz_below(r, 3))
			valid_number(r, f, b);
		else
			add_overflow(r, b);
		break;
	case 4:		/* other radixes of a good value: the knobs are decimal */
		v = f->min + fz_below(r, f->max - f->min < 1000 ? f->max - f->min + 1 : 1000);
		switch (fz_below(r, 5)) {
		case 0:
			fz_buf_addf(b, "0x%" PRIx64, v);
			break;
		case 1:
			fz_buf_addf(b, "0X%" PRIX64, v);
			break;
		case 2:
			fz_buf_addf(b, "0o%" PRIo64, v);
			break;
		case 3:
			fz_buf_addf(b, "0b%" PRIo64, v);
			break;
		default:
			fz_buf_addf(b, "%" PRIx64 "h", v);
		}
		break;
	case 5:		/* a good value with junk after or before it */
		valid_number(r, f, b);
		if (fz_below(r, 2)) {
			char c = odd_byte(r);

			fz_buf_add(b, &c, 1);
			if (fz_below(r, 2))
				valid_number(r, f, b);
		} else {
			buf_insert(b, 0, PICK(r, ((const char *const[]){
				"x", "--", "++", "+-", "=", "$", "v", "#" })), 1);
		}
		break;
	case 6:
		fz_buf_adds(b, PICK(r, words));
		break;
	default:	/* a mutated good value */
		fz_valid_value(r, f, m, b);
		mutate(r, b);
	}
	if (fz_below(r, 3) == 0)
		decorate(r, b);
}

/* --- words: choices, workloads, control verbs --------------------------------------- */

static void gen_word(struct fz_rng *r, const struct fz_file *f,
		     const struct fz_pool *pool, struct fz_buf *b)
{
	static const char *const punct[] = {
		"!", "'", "\"", "<", ">", ";", "=1", "()", "*", "?", "\\n", "/", ".",
	};
	static const char *const joins[] = { " ", "\t", ",", "\n", ";", "|", "+", "\n\n" };
	const char *w = f->nr_words ? f->words[fz_below(r, f->nr_words)] : "x";
	size_t len = strlen(w), i;
	bool changed;

	switch (fz_below(r, f->known ? 9 : 5)) {
	case 0:		/* case: upper, capitalised, random flips */
		fz_buf_adds(b, w);
		changed = false;
		for (i = 0; i < len; i++) {
			char c = b->p[i];

			if (c >= 'a' && c <= 'z' && (!changed || fz_below(r, 2))) {
				b->p[i] = (char)(c - 'a' + 'A');
				changed = true;
			}
		}
		if (!changed)
			fz_buf_adds(b, "X");
		break;
	case 1:		/* a space or a newline inside, or two words */
		if (len > 1 && fz_below(r, 2)) {
			fz_buf_adds(b, w);
			buf_insert(b, 1 + fz_below(r, len - 1), PICK(r, joins), 1);
		} else {
			fz_buf_adds(b, w);
			fz_buf_adds(b, PICK(r, joins));
			fz_buf_adds(b, pool->nr_words && fz_below(r, 2) ?
				    pool->words[fz_below(r, pool->nr_words)] : w);
		}
		break;
	case 2:		/* punctuation around it */
		if (fz_below(r, 2)) {
			fz_buf_adds(b, PICK(r, punct));
			fz_buf_adds(b, w);
		} else {
			fz_buf_adds(b, w);
			fz_buf_adds(b, PICK(r, punct));
		}
		break;
	case 3:		/* the file's name as its value, or name=value */
		fz_buf_adds(b, f->name);
		if (fz_below(r, 2)) {
			fz_buf_adds(b, "=");
			fz_buf_adds(b, w);
		}
		break;
	case 4:		/* a mutated good word */
		fz_buf_adds(b, w);
		mutate(r, b);
		break;
	case 5:		/* known words only: a prefix of a good word */
		fz_buf_add(b, w, len > 1 ? 1 + fz_below(r, len - 1) : 0);
		if (!b->len)
			fz_buf_adds(b, "_");
		break;
	case 6:		/* ... or one made longer */
		if (fz_below(r, 2))
			fz_buf_adds(b, w);
		add_ident(r, b, 1 + (unsigned int)fz_below(r, 3));
		if (!fz_below(r, 3) || !b->len)
			fz_buf_adds(b, w);
		break;
	case 7:		/* an unknown name, around the name limit or far beyond */
		add_ident(r, b, (unsigned int)PICK(r, ((const unsigned int[]){
			1, 2, 4, 8, 16, KSB_NAME_MAX - 1, KSB_NAME_MAX, KSB_NAME_MAX + 1,
			200, KSB_WRITE_MAX })));
		break;
	default:	/* a number or a word of another file */
		if (fz_below(r, 2) || !pool->nr_words)
			fz_buf_addf(b, "%d", (int)fz_below(r, 12) - 1);
		else
			fz_buf_adds(b, pool->words[fz_below(r, pool->nr_words)]);
	}
	if (fz_below(r, 3) == 0)
		decorate(r, b);
}

/* --- cpulists ------------------------------------------------------------------ */

static void gen_cpus(struct fz_rng *r, const struct fz_machine *m, struct fz_buf *b)
{
	static const char *const syntax[] = {
		"N", "all", "ALL", "0-N", "N-0", "%u-%u:1/2", "%u:1/1", "%u-%u:0/1",
		"%u-", "-%u", "-", ",", ",,", "%u,", ",%u", "%u,,%u", "%u %u",
		"%u\t%u", "%u\n%u", "%u;%u", "0x%u", "+%u", "%u.0", "%u--%u",
		"%u-%u-%u", "cpu%u", "one", "%u-+%u", "[%u]", "{%u}", "%u..%u",
		"%u to %u", "%u,%u-", "%u, %u", "%u ,%u", "%u-\n%u", "%u\n,%u",
		"-1", "-0", "%u--1", "%u/%u", "%u:%u", "%u-%u,", "~%u", "^%u",
		"!%u", "%u,-%u",
	};
	static const unsigned long high[] = {
		8191, 8192, 8193, 65535, 65536, 2147483647, 4294967295UL,
	};
	unsigned int cpus[64], a, e, c, k, n;
	unsigned long x, y;

	online_run(r, m, &a, &e);
	n = online_cpus(m, cpus, 64);
	c = n ? cpus[fz_below(r, n)] : 0;

	switch (fz_below(r, 8)) {
	case 0:		/* a CPU named twice */
	case 1:
		switch (fz_below(r, 6)) {
		case 0:
			fz_buf_addf(b, "%u,%u", a, a);
			break;
		case 1:
			fz_buf_addf(b, "%u-%u,%u", a, e, e);
			break;
		case 2:
			fz_buf_addf(b, "%u,%u-%u", e, a, e);
			break;
		case 3:
			fz_buf_addf(b, "%u-%u,%u-%u", a, e, a, e);
			break;
		case 4:
			fz_buf_addf(b, "%u,%u,%u", a, c, a);
			break;
		default:
			fz_buf_addf(b, "%u-%u,%u", a, e, a + (unsigned int)fz_below(r, e - a + 1));
		}
		break;
	case 2:		/* beyond nr_cpu_ids, or beyond 32 bits */
		x = fz_below(r, 3) ? m->nr_cpu_ids + fz_below(r, 3) : PICK(r, high);
		if (x < m->nr_cpu_ids)
			x = m->nr_cpu_ids;
		switch (fz_below(r, 5)) {
		case 0:
			fz_buf_addf(b, "%lu", x);
			break;
		case 1:
			fz_buf_addf(b, "%u,%lu", a, x);
			break;
		case 2:
			fz_buf_addf(b, "%u-%lu", a, x);
			break;
		case 3:
			y = x + fz_below(r, 100);
			fz_buf_addf(b, "%lu-%lu", x, y);
			break;
		default:
			if (fz_below(r, 2))
				fz_buf_addf(b, "%u-", a);
			add_overflow(r, b);
		}
		break;
	case 3:		/* an offline CPU, when there is one */
		n = offline_cpus(m, cpus, 64);
		if (n) {
			k = cpus[fz_below(r, n)];
			if (fz_below(r, 2))
				fz_buf_addf(b, "%u", k);
			else if (k > a)		/* a range over it */
				fz_buf_addf(b, "%u-%u", a, k);
			else
				fz_buf_addf(b, "%u,%u", a, k);
			break;
		}
		fz_buf_addf(b, "%u", m->nr_cpu_ids);
		break;
	case 4:		/* reversed */
		fz_buf_addf(b, "%u-%u", e + 1 + (unsigned int)fz_below(r, 3), a);
		break;
	case 5:
	case 6:		/* not a cpulist of ours */
	{
		const unsigned long args[] = { a, c, e };

		add_template(b, PICK(r, syntax), args, 3);
		break;
	}
	default:	/* a mutated good list */
		valid_cpus(r, m, b);
		mutate(r, b);
	}
	if (fz_below(r, 3) == 0)
		decorate(r, b);
}

/* --- the draw ------------------------------------------------------------------ */

static void candidate(struct fz_rng *r, const struct fz_file *f,
		      const struct fz_machine *m, const struct fz_pool *pool,
		      struct fz_buf *b)
{
	unsigned int form = (unsigned int)fz_below(r, 20);

	fz_buf_reset(b);
	/* With a run in progress, knobs must refuse even what they take. */
	if (m->running && f->class != FZ_READONLY && form < 8) {
		fz_valid_value(r, f, m, b);
		decorate(r, b);
		return;
	}
	switch (form) {
	case 0:
		return;		/* empty */
	case 1:
		add_spaces(r, b, 8);
		if (!b->len)
			fz_buf_adds(b, "\n");
		return;
	case 2:
		gen_nul(r, f, m, b);
		return;
	case 3:
		gen_overlong(r, f, m, b);
		return;
	case 4:
		gen_junk(r, b);
		return;
	case 5:
		gen_unicode(r, f, m, b);
		return;
	case 6:		/* a word of another file */
		if (pool->nr_words) {
			fz_buf_adds(b, pool->words[fz_below(r, pool->nr_words)]);
			decorate(r, b);
			return;
		}
		break;
	}
	switch (f->class) {
	case FZ_NUMBER:
		gen_number(r, f, m, b);
		break;
	case FZ_CPUS:
		gen_cpus(r, m, b);
		break;
	case FZ_CHOICE:
	case FZ_WORKLOAD:
	case FZ_CONTROL:
		gen_word(r, f, pool, b);
		break;
	default:	/* read-only: anything, good values of other files included */
		switch (fz_below(r, 4)) {
		case 0:
			fz_buf_addf(b, "%u", (unsigned int)fz_below(r, 1000));
			break;
		case 1:
			fz_buf_adds(b, PICK(r, ((const char *const[]){
				"start", "stop", "reset", "0", "1", "-1", "ksbench-results 1",
				"state idle", "end" })));
			break;
		case 2:
			add_overflow(r, b);
			break;
		default:
			gen_junk(r, b);
		}
		if (fz_below(r, 2))
			decorate(r, b);
	}
}

/*
 * A knob we have no word list for might take any identifier: keep to
 * values with a byte no identifier has.
 */
static bool could_be_a_word(const struct fz_file *f, const char *buf, size_t len)
{
	char tmp[KSB_WRITE_MAX + 1], *s;

	if (f->known || f->class != FZ_CHOICE || !len || len > KSB_WRITE_MAX ||
	    memchr(buf, '\0', len))
		return false;
	memcpy(tmp, buf, len);
	tmp[len] = '\0';
	s = fz_strim(tmp);
	return *s && !s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")];
}

int fz_generate(struct fz_rng *r, const struct fz_file *f,
		const struct fz_machine *m, const struct fz_pool *pool,
		struct fz_buf *out, struct fz_gen_stats *st)
{
	unsigned int tries;
	int err;

	for (tries = 0; tries < 100; tries++) {
		candidate(r, f, m, pool, out);
		err = fz_expect(f, m, out->p ? out->p : "", out->len);
		if (err && !(could_be_a_word(f, out->p, out->len) && !m->running)) {
			st->generated++;
			return err;
		}
		st->discarded++;
	}
	/* Never reached in practice: an empty write is refused everywhere. */
	fz_buf_reset(out);
	st->generated++;
	return fz_expect(f, m, "", 0);
}

void fz_escape(const char *buf, size_t len, size_t max, struct fz_buf *out)
{
	size_t i, head = len > max ? max * 2 / 3 : len;

	fz_buf_reset(out);
	fz_buf_adds(out, "\"");
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (i == head && len > max) {
			fz_buf_addf(out, "\"...(%zu bytes)...\"", len);
			i = len - (max - head);
			c = (unsigned char)buf[i];
		}
		switch (c) {
		case '\n':
			fz_buf_adds(out, "\\n");
			break;
		case '\t':
			fz_buf_adds(out, "\\t");
			break;
		case '\r':
			fz_buf_adds(out, "\\r");
			break;
		case '\\':
			fz_buf_adds(out, "\\\\");
			break;
		case '"':
			fz_buf_adds(out, "\\\"");
			break;
		default:
			if (c >= ' ' && c < 0x7f)
				fz_buf_add(out, &c, 1);
			else
				fz_buf_addf(out, "\\x%02x", c);
		}
	}
	fz_buf_adds(out, "\"");
}
