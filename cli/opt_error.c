// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "opt_error.h"

#define SHOWN_MAX	64	/* bytes of a bad argument quoted in a message */

/* arg as a message shows it: printable ASCII, at most SHOWN_MAX bytes. */
static void shown(const char *arg, size_t n, char *buf, size_t len)
{
	size_t i, j = 0;

	for (i = 0; i < n && arg[i] && j + 4 < len; i++) {
		if (i == SHOWN_MAX) {
			memcpy(buf + j, "...", 3);
			j += 3;
			break;
		}
		buf[j++] = arg[i] >= ' ' && arg[i] < 0x7f ? arg[i] : '?';
	}
	buf[j] = '\0';
}

/* The long option "--name[=value]" names: exact, else a unique prefix. */
static const struct option *find_long(const char *name, size_t n,
				      const struct option *longopts)
{
	const struct option *o, *found = NULL;

	for (o = longopts; o->name; o++) {
		if (strncmp(o->name, name, n))
			continue;
		if (strlen(o->name) == n)
			return o;
		if (found)
			return NULL;	/* ambiguous */
		found = o;
	}
	return found;
}

static int long_error(const char *who, const char *arg, const struct option *longopts)
{
	const char *eq = strchr(arg, '=');
	size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
	const struct option *o = find_long(arg + 2, n - 2, longopts);
	char name[SHOWN_MAX + 8];

	shown(arg, n, name, sizeof(name));
	if (o && eq && o->has_arg == no_argument)
		fprintf(stderr, "%s: option '%s' takes no value\n", who, name);
	else if (o && !eq && o->has_arg == required_argument)
		fprintf(stderr, "%s: option '%s' needs a value\n", who, name);
	else
		fprintf(stderr, "%s: unknown option '%s' (%s --help lists them)\n", who, name, who);
	return EXIT_USAGE;
}

/* A short option is the long one with the same code: -o is --output. */
static bool takes_value(int code, const struct option *longopts)
{
	const struct option *o;

	for (o = longopts; o->name; o++)
		if (o->val == code && !o->flag)
			return o->has_arg == required_argument;
	return false;
}

int opt_error(const char *who, char **argv, const struct option *longopts)
{
	const char *arg = optind > 0 ? argv[optind - 1] : NULL;
	char c[8];

	if (arg && !strncmp(arg, "--", 2) && arg[2])
		return long_error(who, arg, longopts);
	shown((char[]){ (char)optopt, 0 }, 1, c, sizeof(c));
	if (optopt && takes_value(optopt, longopts))	/* -o at the end */
		fprintf(stderr, "%s: option '-%s' needs a value\n", who, c);
	else if (optopt)
		fprintf(stderr, "%s: unknown option '-%s' (%s --help lists them)\n", who, c, who);
	else
		fprintf(stderr, "%s: unknown option (%s --help lists them)\n", who, who);
	return EXIT_USAGE;
}

int opt_once(const char *who, int code, char **argv, unsigned char *seen)
{
	char arg[SHOWN_MAX + 8];

	if (code < 0 || code >= OPT_SEEN_MAX)
		return 0;
	if (!seen[code]++)
		return 0;
	shown(argv[optind - 1], strcspn(argv[optind - 1], "="), arg, sizeof(arg));
	fprintf(stderr, "%s: option '%s' is given twice\n", who, arg);
	return EXIT_USAGE;
}

/* The first control character in s (a newline, an escape...), or NULL. */
static const char *control_char(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < ' ' || *s == 0x7f)
			return s;
	return NULL;
}

int opt_check_args(const char *who, int argc, char **argv)
{
	char arg[SHOWN_MAX + 8];
	const char *at;
	int i;

	for (i = 1; i < argc; i++) {
		size_t n = strlen(argv[i]);

		shown(argv[i], n, arg, sizeof(arg));
		if (n > ARG_MAX_LEN) {
			fprintf(stderr, "%s: argument %d is %zu bytes long, more than %d: '%s'\n",
				who, i, n, ARG_MAX_LEN, arg);
			return EXIT_USAGE;
		}
		at = control_char(argv[i]);
		if (at) {
			fprintf(stderr, "%s: argument %d holds a control character (0x%02x at byte %zu): '%s'\n",
				who, i, (unsigned char)*at, (size_t)(at - argv[i]), arg);
			return EXIT_USAGE;
		}
	}
	return 0;
}

void opt_quote(const char *arg, char *buf, size_t len)
{
	shown(arg, strlen(arg), buf, len);
}
