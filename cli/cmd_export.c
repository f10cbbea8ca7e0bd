// SPDX-License-Identifier: GPL-2.0
/* ksbench export: result files as data tables for gnuplot or a spreadsheet. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cmd.h"
#include "opt_error.h"
#include "export.h"
#include "fsutil.h"
#include "inputs.h"
#include "parse.h"
#include "result.h"

#define WHO "ksbench export"
#define CPUS_MAX 4096

enum { OPT_FORMAT = 256, OPT_TABLE, OPT_WORKLOAD, OPT_CPUS };

static const struct option export_options[] = {
	{ "format",   required_argument, NULL, OPT_FORMAT },
	{ "table",    required_argument, NULL, OPT_TABLE },
	{ "workload", required_argument, NULL, OPT_WORKLOAD },
	{ "cpus",     required_argument, NULL, OPT_CPUS },
	{ "output",   required_argument, NULL, 'o' },
	{ "help",     no_argument,       NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void export_usage(FILE *f)
{
	fprintf(f,
		"usage: ksbench export --table=TABLE [--format=dat|csv] [--workload=NAME]\n"
		"                      [--cpus=N] [-o FILE] FILE...\n"
		"\n"
		"  --table=TABLE    throughput  median ops/s over repeats, 95%% CI, n\n"
		"                   latency     p50 p90 p99 p99.9 max per histogram (merged\n"
		"                               over repeats, clock read subtracted)\n"
		"                   cdf         the CDF points of each merged histogram\n"
		"                   fairness    each worker's share (median), Jain's index\n"
		"  --format=F       dat: gnuplot (quoted strings, '#' header, series two\n"
		"                   blank lines apart for `index`) [dat]; csv: RFC 4180\n"
		"  --workload=NAME  only this workload's rows\n"
		"  --cpus=N         only the rows at N CPUs\n"
		"  -o, --output=F   write F (whole or not at all) instead of stdout\n"
		"\n"
		"Rows are keyed by file, kernel, workload and CPU count; docs/plots.md\n"
		"lists the columns. A FILE may be an index (what a multi-kernel run\n"
		"writes): its result files, in its order. Exits 1 when a FILE cannot be\n"
		"read.\n");
}

/* One line naming the option, exit 2. */
static int usage_error(const char *option, const char *msg)
{
	fprintf(stderr, WHO ": %s: %s\n", option, msg);
	return EXIT_USAGE;
}

int cmd_export(int argc, char **argv)
{
	static char prog[] = WHO;
	enum export_format format = EXPORT_DAT;
	struct export_filter filter = { NULL, 0 };
	struct export_file *files = NULL;
	struct export_data data;
	struct inputs in;
	const char *output = NULL;
	bool have_table = false;
	enum export_table table = EXPORT_THROUGHPUT;
	unsigned long cpus;
	char err[PATH_MAX + 1024], *text = NULL;
	size_t len, i, nr = 0;
	int c, ret = 1;

	argv[0] = prog;
	static unsigned char seen[OPT_SEEN_MAX];	/* each option once */
	while ((c = getopt_long(argc, argv, "o:h", export_options, NULL)) != -1) {
		if (c != '?' && opt_once(WHO, c, argv, seen))
			return EXIT_USAGE;
		switch (c) {
		case OPT_FORMAT:
			if (export_format_parse(optarg, &format)) {
				snprintf(err, sizeof(err), "'%s' is not dat or csv", optarg);
				return usage_error("--format", err);
			}
			break;
		case OPT_TABLE:
			if (export_table_parse(optarg, &table)) {
				snprintf(err, sizeof(err), "'%s' is not throughput, latency, cdf or fairness",
					 optarg);
				return usage_error("--table", err);
			}
			have_table = true;
			break;
		case OPT_WORKLOAD:
			if (!*optarg)
				return usage_error("--workload", "empty name");
			/* the names a workload can have (parse.h), so a typo is told */
			if (optarg[strspn(optarg, "abcdefghijklmnopqrstuvwxyz"
					  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")])
				return usage_error("--workload", "not a workload name (letters, digits, '_' or '-')");
			filter.workload = optarg;
			break;
		case OPT_CPUS:
			if (parse_uint(optarg, 1, CPUS_MAX, &cpus, err, sizeof(err)))
				return usage_error("--cpus", err);
			filter.cpus = (unsigned int)cpus;
			break;
		case 'o':
			/* checked now: a bad -o must not wait for the files to load */
			if (fs_output_check(optarg, err, sizeof(err)))
				return usage_error("--output", err);
			output = optarg;
			break;
		case 'h':
			export_usage(stdout);
			return 0;
		default:
			return opt_error(WHO, argv, export_options);
		}
	}
	if (!have_table)
		return usage_error("--table", "required: throughput, latency, cdf or fairness");
	if (optind == argc)
		return usage_error("FILE", "no result file given");

	if (inputs_load(argv + optind, (size_t)(argc - optind), WHO, &in, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	nr = in.nr;
	files = calloc(nr, sizeof(*files));
	if (!files) {
		fprintf(stderr, WHO ": out of memory\n");
		goto out;
	}
	for (i = 0; i < nr; i++)
		files[i] = (struct export_file) { in.v[i].path, in.v[i].doc };
	if (export_build(files, nr, table, &filter, &data, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		goto out;
	}
	if (!data.nr_rows)
		fprintf(stderr, WHO ": no %s rows in %s%s\n", export_table_name(table),
			nr == 1 ? "this file" : "these files",
			table == EXPORT_LATENCY || table == EXPORT_CDF ?
			" (histograms come from --measure=latency runs and handoffs)" : "");
	if (export_text(&data, format, &text, &len)) {
		fprintf(stderr, WHO ": out of memory\n");
	} else if (output) {
		if (fs_write_atomic(output, text, len, err, sizeof(err)))
			fprintf(stderr, WHO ": %s\n", err);
		else
			ret = 0;
	} else if (fwrite(text, 1, len, stdout) != len || fflush(stdout)) {
		fprintf(stderr, WHO ": writing to stdout failed\n");
	} else {
		ret = 0;
	}
	free(text);
	export_free(&data);
out:
	free(files);
	inputs_free(&in);
	return ret;
}
