// SPDX-License-Identifier: GPL-2.0
/* ksbench compare: result files against a baseline (compare.h). */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cmd.h"
#include "opt_error.h"
#include "compare.h"
#include "compare_format.h"
#include "fsutil.h"
#include "inputs.h"
#include "result.h"
#include "termsafe.h"

#define WHO "ksbench compare"

static const struct option compare_options[] = {
	{ "metric", required_argument, NULL, 'm' },
	{ "format", required_argument, NULL, 'f' },
	{ "threshold", required_argument, NULL, 't' },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void compare_usage(FILE *f)
{
	fprintf(f,
		"usage: ksbench compare [options] BASELINE.json OTHER.json [MORE.json ...]\n"
		"       ksbench compare [options] RUN.index.json [MORE.json ...]\n"
		"\n"
		"  --metric=M         throughput, p50, p99 or p999 [throughput]\n"
		"  --format=F         table, json, csv or markdown [table]\n"
		"  --threshold=PCT    exit 1 when a significant regression is worse than PCT%%\n"
		"  -o, --output=FILE  write the comparison to FILE, whole or not at all [stdout]\n"
		"\n"
		"Lines every file's points up with the first file's (the baseline) by\n"
		"workload and CPU count, and per point gives both medians over the\n"
		"repeats, their ratio other / baseline with a bootstrap 95%% CI, the\n"
		"Mann-Whitney U test's p and a verdict: faster, slower, no change, or too\n"
		"few repeats (these n cannot reach p < 0.05). Where both files have 2\n"
		"boots or more (ksbench run --boots=N) the unit is the boot: each boot's\n"
		"median, then the test over those, and \"too few boots\" below 4 a side.\n"
		"Knobs that change what is measured (hold, think, acquire, ...) must be\n"
		"equal, else nothing aligns;\n"
		"other differing params (duration, repeat, seed, ...) are noted.\n"
		"Latency metrics read the acquire (lock), write (rw), op (lockfree) or\n"
		"wakeup (handoff) histogram; lower is better. An index file (what a\n"
		"multi-kernel run writes) stands for its result files, in its order; a\n"
		"file also reached through an index is used once. See docs/compare.md.\n"
		"Exit status: 0 ok, 1 a significant regression beyond --threshold,\n"
		"2 bad usage or an unreadable file.\n");
}

static int usage_error(const char *option, const char *msg)
{
	fprintf(stderr, WHO ": %s: %s\n", option, msg);
	return EXIT_USAGE;
}

struct compare_opts {
	enum compare_metric metric;
	enum compare_format format;
	bool has_threshold;
	double threshold_pct;
	const char *output;
};

/* Fewer than two files, after indexes were expanded. */
static int too_few(size_t n)
{
	fprintf(stderr, WHO ": %s: give a baseline and at least one file to "
		"compare with it (or an index of two or more)\n", n ? "one file" : "no files");
	return EXIT_USAGE;
}

/* Returns 0, EXIT_USAGE, or -1 when --help was printed. */
static int parse_compare_args(int argc, char **argv, struct compare_opts *o)
{
	char err[PATH_MAX + 256];
	int c;

	*o = (struct compare_opts){ .metric = COMPARE_THROUGHPUT,
				    .format = COMPARE_FORMAT_TABLE };
	static unsigned char seen[OPT_SEEN_MAX];	/* each option once */
	while ((c = getopt_long(argc, argv, "o:h", compare_options, NULL)) != -1) {
		if (c != '?' && opt_once(WHO, c, argv, seen))
			return EXIT_USAGE;
		switch (c) {
		case 'm':
			if (compare_parse_metric(optarg, &o->metric, err, sizeof(err)))
				return usage_error("--metric", err);
			break;
		case 'f':
			if (compare_parse_format(optarg, &o->format, err, sizeof(err)))
				return usage_error("--format", err);
			break;
		case 't':
			if (compare_parse_threshold(optarg, &o->threshold_pct, err, sizeof(err)))
				return usage_error("--threshold", err);
			o->has_threshold = true;
			break;
		case 'o':
			/* checked now: a bad -o must not wait for the comparison */
			if (fs_output_check(optarg, err, sizeof(err)))
				return usage_error("--output", err);
			o->output = optarg;
			break;
		case 'h':
			compare_usage(stdout);
			return -1;
		default:
			return opt_error(WHO, argv, compare_options);
		}
	}
	if (argc == optind)
		return too_few(0);
	return 0;
}

/* The comparison, formatted, to -o FILE (atomically) or stdout. */
static int write_output(const struct compare *c, const struct compare_opts *o)
{
	char *data = NULL, err[1024];
	size_t len = 0;
	FILE *mem = open_memstream(&data, &len);
	int ret;

	if (!mem) {
		fprintf(stderr, WHO ": out of memory\n");
		return 1;
	}
	ret = compare_print(mem, c, o->format);
	if (fclose(mem) || ret) {
		fprintf(stderr, WHO ": out of memory\n");
		free(data);
		return 1;
	}
	if (o->output) {
		ret = fs_write_atomic(o->output, data, len, err, sizeof(err));
		if (ret)
			fprintf(stderr, WHO ": -o: %s\n", err);
	} else {
		ret = fwrite(data, 1, len, stdout) != len || fflush(stdout) ? -1 : 0;
		if (ret)
			perror(WHO ": stdout");
	}
	free(data);
	return ret ? EXIT_USAGE : 0;
}

/* One line per significant regression beyond the threshold, on stderr. */
static void report_beyond(const struct compare *c)
{
	bool higher = compare_higher_is_better(c->metric);
	const struct compare_row *r;
	char other, *name;
	size_t i, j;

	for (i = 0; i + 1 < c->nr_files; i++) {
		other = c->files[c->others[i].file].letter;
		for (j = 0; j < c->others[i].nr_rows; j++) {
			r = &c->others[i].rows[j];
			if (!r->beyond)
				continue;
			name = termsafe_dup(r->workload, strlen(r->workload));
			fprintf(stderr, WHO ": %c: %s at %lld CPU%s: %s %.1f%% %s than %c's "
				"(%c/%c %.3g, p %.2g), a significant regression beyond %g%%\n",
				other, name ? name : "?", (long long)r->cpus, r->cpus == 1 ? "" : "s",
				compare_metric_name(c->metric),
				100 * fabs(r->ratio - 1), higher ? "lower" : "higher",
				c->files[0].letter, other, c->files[0].letter, r->ratio,
				r->mw.p, c->threshold_pct);
			free(name);
		}
	}
}

int cmd_compare(int argc, char **argv)
{
	static char prog[] = WHO;
	struct json_object *docs[COMPARE_FILES_MAX] = { NULL };
	const char *paths[COMPARE_FILES_MAX];
	struct inputs in;
	struct compare_opts o;
	struct compare *c = NULL;
	char err[PATH_MAX + 1024];
	size_t i;
	int ret;

	argv[0] = prog;
	ret = parse_compare_args(argc, argv, &o);
	if (ret)
		return ret < 0 ? 0 : ret;
	if (inputs_load(argv + optind, (size_t)(argc - optind), WHO, &in, err, sizeof(err))) {
		termsafe_line(err, sizeof(err));
		fprintf(stderr, WHO ": %s\n", err);
		return EXIT_USAGE;
	}
	/* the terminal formats print the files' strings escaped */
	if ((o.format == COMPARE_FORMAT_TABLE || o.format == COMPARE_FORMAT_MARKDOWN) &&
	    inputs_termsafe(&in)) {
		fprintf(stderr, WHO ": out of memory\n");
		ret = 1;
		goto out;
	}
	if (in.nr < 2 || in.nr > COMPARE_FILES_MAX) {
		if (in.nr < 2)
			ret = too_few(in.nr);
		else
			fprintf(stderr, WHO ": %zu files: at most %d\n", in.nr, COMPARE_FILES_MAX);
		ret = EXIT_USAGE;
		goto out;
	}
	for (i = 0; i < in.nr; i++) {
		paths[i] = in.v[i].path;
		docs[i] = in.v[i].doc;
	}
	if (compare_new(docs, paths, (unsigned int)in.nr, o.metric, &c, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		ret = 1;
		goto out;
	}
	if (o.has_threshold)
		compare_apply_threshold(c, o.threshold_pct);
	ret = write_output(c, &o);
	if (!ret && c->nr_beyond) {
		report_beyond(c);
		ret = 1;
	}
out:
	compare_free(c);
	inputs_free(&in);
	return ret;
}
