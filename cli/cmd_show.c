// SPDX-License-Identifier: GPL-2.0
/*
 * ksbench show: the summary of a result file. A file it cannot use (absent,
 * empty, cut short, not JSON, another schema, a broken invariant) is one
 * line naming the file and the problem, exit 1; exit 2 is for the command
 * line alone (docs/faults-cli.md).
 */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "cmd.h"
#include "inputs.h"
#include "opt_error.h"
#include "report.h"
#include "result.h"

#define WHO "ksbench show"

static const struct option show_options[] = {
	{ "points", no_argument, NULL, 'p' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void show_usage(FILE *f)
{
	fprintf(f,
		"usage: ksbench show [--points] FILE\n"
		"       ksbench show [--points] RUN.index.json\n"
		"\n"
		"  -p, --points   also every point's counters, repeat by repeat\n"
		"\n"
		"Prints the summary `ksbench run` printed for the result FILE: per\n"
		"workload and CPU count the median throughput over the repeats, its\n"
		"spread (± CV) and 95%% confidence interval, fairness and notes; in\n"
		"latency mode the percentiles of each histogram. An index (what a\n"
		"multi-kernel run writes) shows each of its files in turn.\n"
		"Exits 1 when FILE is missing, unreadable or not a whole ksbench result\n"
		"(one line says why), or when a point's oracle verdict is fail; 2 on a\n"
		"bad command line.\n");
}

static int show_usage_error(const char *what, const char *msg)
{
	fprintf(stderr, WHO ": %s: %s\n", what, msg);
	return EXIT_USAGE;
}

/*
 * An empty file is a write that never happened (a shell redirection of a
 * command that failed, a disk that filled): say that, not "truncated".
 */
static bool is_empty_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode) && !st.st_size;
}

int cmd_show(int argc, char **argv)
{
	static char prog[] = WHO;
	struct inputs in;
	char err[PATH_MAX + 1024];
	unsigned int failures = 0, flags = 0;
	size_t i;
	int c;

	argv[0] = prog;
	static unsigned char seen[OPT_SEEN_MAX];	/* each option once */
	while ((c = getopt_long(argc, argv, "ph", show_options, NULL)) != -1) {
		if (c != '?' && opt_once(WHO, c, argv, seen))
			return EXIT_USAGE;
		if (c == 'p') {
			flags |= REPORT_POINTS;
			continue;
		}
		if (c == 'h') {
			show_usage(stdout);
			return 0;
		}
		return opt_error(WHO, argv, show_options);
	}
	if (optind == argc)
		return show_usage_error("FILE", "required (a result file of ksbench run)");
	if (argc - optind > 1)
		return show_usage_error(argv[optind + 1], "unexpected argument (one FILE at a time)");
	if (is_empty_file(argv[optind])) {
		fprintf(stderr, WHO ": %s: empty file (no JSON at all)\n", argv[optind]);
		return 1;
	}
	if (inputs_load(argv + optind, 1, WHO, &in, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	/* a file's strings reach the terminal escaped */
	if (inputs_termsafe(&in)) {
		fprintf(stderr, WHO ": out of memory\n");
		inputs_free(&in);
		return 1;
	}
	for (i = 0; i < in.nr; i++) {
		/* an index: each of its files, under its name */
		if (in.v[i].index)
			printf("%s== %s\n\n", i ? "\n" : "", in.v[i].path);
		report_print(stdout, in.v[i].doc, flags);
		failures += report_oracle_failures(stderr, in.v[i].doc, WHO ": ");
	}
	inputs_free(&in);
	return failures ? 1 : 0;
}
