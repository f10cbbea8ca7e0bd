// SPDX-License-Identifier: GPL-2.0
/* ksbench show: the summary of a result file. */
#include <getopt.h>
#include <stdio.h>

#include <json-c/json.h>

#include "cmd.h"
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
		"\n"
		"  -p, --points   also every point's counters, repeat by repeat\n"
		"\n"
		"Prints the summary `ksbench run` printed for the result FILE: per\n"
		"workload and CPU count the median throughput over the repeats, its\n"
		"spread (± CV) and 95%% confidence interval, fairness and notes; in\n"
		"latency mode the percentiles of each histogram.\n"
		"Exits 1 when FILE is unreadable or a point's oracle verdict is fail.\n");
}

int cmd_show(int argc, char **argv)
{
	static char prog[] = WHO;
	struct json_object *doc;
	char err[1024];
	unsigned int failures, flags = 0;
	int c;

	argv[0] = prog;
	while ((c = getopt_long(argc, argv, "ph", show_options, NULL)) != -1) {
		if (c == 'p') {
			flags |= REPORT_POINTS;
			continue;
		}
		if (c == 'h') {
			show_usage(stdout);
			return 0;
		}
		show_usage(stderr);
		return EXIT_USAGE;
	}
	if (argc - optind != 1) {
		show_usage(stderr);
		return EXIT_USAGE;
	}
	if (result_load(argv[optind], &doc, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	report_print(stdout, doc, flags);
	failures = report_oracle_failures(stderr, doc, WHO ": ");
	json_object_put(doc);
	return failures ? 1 : 0;
}
