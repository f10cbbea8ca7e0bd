// SPDX-License-Identifier: GPL-2.0
/*
 * The debugfs contract as a function (see model.h). Where docs/debugfs.md
 * says "a number" or "a cpulist", this spells out which bytes that is,
 * with the kernel helpers' own rules (lib/kstrtox.c, lib/string_helpers.c
 * strim in 6.1) and kmod/control.c's cpulist.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

const char *const fz_class_names[FZ_NR_CLASSES] = {
	[FZ_NUMBER] = "number",
	[FZ_CHOICE] = "choice",
	[FZ_WORKLOAD] = "workload",
	[FZ_CPUS] = "cpus",
	[FZ_CONTROL] = "control",
	[FZ_READONLY] = "read-only",
};

/* lib/ctype.c: \t \n \v \f \r, space, and 0xa0 (Latin-1 no-break space). */
bool fz_isspace(unsigned char c)
{
	return (c >= '\t' && c <= '\r') || c == ' ' || c == 0xa0;
}

char *fz_strim(char *s)
{
	size_t n = strlen(s);

	while (n && fz_isspace((unsigned char)s[n - 1]))
		n--;
	s[n] = '\0';
	while (fz_isspace((unsigned char)*s))
		s++;
	return s;
}

/*
 * _parse_integer(): digits of BASE at S, consumed past the first
 * overflow as the kernel does. Returns how many; *overflow when the value
 * left 64 bits.
 */
static size_t parse_digits(const char *s, unsigned int base, uint64_t *v,
			   bool *overflow)
{
	uint64_t res = 0;
	size_t n = 0;

	*overflow = false;
	for (;; n++) {
		unsigned int c = (unsigned char)s[n], lc = c | 0x20, val;

		if (c >= '0' && c <= '9')
			val = c - '0';
		else if (lc >= 'a' && lc <= 'f')
			val = lc - 'a' + 10;
		else
			break;
		if (val >= base)
			break;
		if (res > (UINT64_MAX - val) / base)
			*overflow = true;
		res = res * base + val;
	}
	*v = res;
	return n;
}

int fz_kstrtou64(const char *s, uint64_t *v)
{
	bool overflow;
	size_t n;

	if (*s == '+')
		s++;
	n = parse_digits(s, 10, v, &overflow);
	if (overflow)
		return -ERANGE;
	if (!n)
		return -EINVAL;
	s += n;
	if (*s == '\n')
		s++;
	return *s ? -EINVAL : 0;
}

static bool all_digits(const char *s)
{
	return *s && !s[strspn(s, "0123456789")];
}

/* A CPU number; beyond 32 bits is -ERANGE (kstrtouint). */
static int cpu_number(const char *s, unsigned long *v)
{
	bool overflow;
	uint64_t n;

	parse_digits(s, 10, &n, &overflow);
	if (overflow || n > UINT32_MAX)
		return -ERANGE;
	*v = n;
	return 0;
}

/*
 * One region "A" or "A-B", in the order the module checks it: syntax,
 * numbers, A <= B, every CPU online, none named before.
 */
static int region(const char *r, const struct fz_machine *m,
		  unsigned char *mask)
{
	char part[KSB_WRITE_MAX + 1], *b;
	unsigned long start, end, cpu;
	int err;

	snprintf(part, sizeof(part), "%s", r);
	b = strchr(part, '-');
	if (b)
		*b++ = '\0';
	if (!all_digits(part) || (b && !all_digits(b)))
		return -EINVAL;
	err = cpu_number(part, &start);
	if (err)
		return err;
	end = start;
	if (b) {
		err = cpu_number(b, &end);
		if (err)
			return err;
	}
	if (start > end)
		return -EINVAL;
	if (m ? end >= m->nr_cpu_ids : end >= FZ_CPUS_MAX)
		return -ERANGE;
	for (cpu = start; m && cpu <= end; cpu++)
		if (!fz_cpu_online(m, cpu))
			return -ERANGE;
	for (cpu = start; cpu <= end; cpu++)
		if (mask[cpu / 8] >> (cpu % 8) & 1)
			return -EINVAL;
	for (cpu = start; cpu <= end; cpu++)
		mask[cpu / 8] |= 1u << (cpu % 8);
	return 0;
}

int fz_cpulist(const char *s, const struct fz_machine *m, unsigned char *mask)
{
	char *copy = strdup(s), *list = copy, *r;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	memset(mask, 0, FZ_CPUS_MAX / 8);
	while (!err && (r = strsep(&list, ",")))
		err = region(r, m, mask);
	free(copy);
	return err;
}

static bool in_words(const struct fz_file *f, const char *s)
{
	unsigned int i;

	for (i = 0; i < f->nr_words; i++)
		if (!strcmp(f->words[i], s))
			return true;
	return false;
}

int fz_expect(const struct fz_file *f, const struct fz_machine *m,
	      const char *buf, size_t len)
{
	unsigned char mask[FZ_CPUS_MAX / 8];
	char *copy, *s;
	uint64_t v;
	int err;

	if (f->class == FZ_READONLY)
		return EPERM;
	/* While a run is in progress, a knob refuses whatever it is given. */
	if (m->running && f->class != FZ_CONTROL)
		return EBUSY;
	if (!len || len > KSB_WRITE_MAX || memchr(buf, '\0', len))
		return EINVAL;
	copy = malloc(len + 1);
	if (!copy)
		abort();
	memcpy(copy, buf, len);
	copy[len] = '\0';
	s = fz_strim(copy);

	switch (f->class) {
	case FZ_NUMBER:
		err = fz_kstrtou64(s, &v);
		if (!err && (v < f->min || v > f->max))
			err = -ERANGE;
		break;
	case FZ_CHOICE:
	case FZ_WORKLOAD:
		err = in_words(f, s) ? 0 : -EINVAL;
		break;
	case FZ_CPUS:
		err = fz_cpulist(s, m, mask);
		break;
	case FZ_CONTROL:
		if (!strcmp(s, "stop"))
			err = 0;
		else if (!strcmp(s, "start") || !strcmp(s, "reset"))
			err = m->running ? -EBUSY : 0;
		else
			err = -EINVAL;
		break;
	default:
		err = -EINVAL;
	}
	free(copy);
	return -err;
}
