/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksbench compare: result documents lined up against the first one (the
 * baseline), point by point, and tested. Pure: loaded, validated
 * documents in (result_load), a struct compare out, which
 * compare_format.h prints; docs/compare.md is the user's page.
 *
 * A point's key is (workload, cpus) plus the knobs that change what is
 * measured. Those knobs are the same for every point of a document (its
 * params), so they are checked file against baseline: a file whose
 * measuring knobs differ has no point aligned (its rows say
 * knobs-differ). The other params (the run's length, repeats, seed...)
 * are reported when they differ and do not block.
 *
 * Per aligned (workload, cpus) the sample is the metric over the repeats
 * of each side: the medians, their ratio other / baseline with a
 * bootstrap 95% interval (stats_ratio_of_medians), Mann-Whitney U as the
 * test (Welch's t alongside), and a verdict. Mann-Whitney because, like
 * the medians, it assumes no distribution and one slow repeat cannot
 * dominate it; its price is that few repeats cannot reach significance
 * at all (3 against 3: p >= 0.1 whatever the numbers), which the verdict
 * "too few repeats" says instead of "no change".
 *
 * Files of ksbench run --boots=N: where both sides of a row have points
 * from 2 boots or more, the unit of replication is the boot
 * (compare_boots.c): each boot's median over its repeats, then the same
 * median, ratio, interval and test over those boot medians, and "too few
 * boots" where their number cannot reach significance. Repeats within a
 * boot share that boot's state (the host, the guest's placement, its
 * clock), so pooling them counts one boot's drift as many independent
 * results and makes p too small.
 */
#ifndef KSB_COMPARE_H
#define KSB_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stats.h"

struct json_object;

#define COMPARE_SCHEMA		"ksbench-compare/1"
#define COMPARE_ALPHA		0.05	/* significant: p below it */
#define COMPARE_FILES_MAX	26	/* named A to Z */
#define COMPARE_LABEL_MAX	256
#define COMPARE_VALUE_MAX	48

enum compare_metric {
	COMPARE_THROUGHPUT,	/* throughput_ops_s, higher is better */
	COMPARE_P50,		/* latency percentiles, lower is better */
	COMPARE_P99,
	COMPARE_P999,
	NR_COMPARE_METRICS
};

enum compare_status {
	COMPARE_COMPARED,	/* both sides have the metric: tested */
	COMPARE_ONLY_BASE,	/* points in the baseline only */
	COMPARE_ONLY_OTHER,	/* points in the other file only */
	COMPARE_SKIPPED,	/* listed under "skipped" on a side */
	COMPARE_NO_METRIC,	/* points on both sides, a side without the metric */
	COMPARE_KNOBS_DIFFER,	/* the files' measuring knobs differ */
};

enum compare_verdict {
	COMPARE_NONE,		/* not compared (status says why) */
	COMPARE_FASTER,		/* significant, in the better direction */
	COMPARE_SLOWER,		/* significant, in the worse direction */
	COMPARE_NO_CHANGE,	/* p >= COMPARE_ALPHA */
	COMPARE_TOO_FEW,	/* these n cannot give p < COMPARE_ALPHA */
	COMPARE_TOO_FEW_BOOTS,	/* the same, the unit being the boot */
};

/* What a row's test counts as one result. */
enum compare_unit {
	COMPARE_UNIT_REPEAT,	/* every repeat (one boot a side, or a side of one) */
	COMPARE_UNIT_BOOT,	/* each boot's median (both sides 2 boots or more) */
};

/* One input file. */
struct compare_file {
	const char *path;
	struct json_object *doc;	/* not owned */
	char letter;			/* 'A' + its position */
	char kernel[128];		/* label_kernel */
	char host[192];			/* label_host */
	/* the kernel, with the basename (or more) where two files share it */
	char label[COMPARE_LABEL_MAX];
	bool interrupted;
	bool aligned;			/* measuring knobs equal the baseline's */
	/* measuring knobs the file does not record (older files): defaults */
	unsigned int nr_defaulted;
	unsigned int nr_boots;		/* distinct boots of its points; 1 without */
};

/* A param whose value is not the same in every file. */
struct compare_param {
	const char *key;
	bool blocks;			/* a measuring knob: no alignment */
	/* per file: the value as an option takes it ("1us", "lock") */
	char value[COMPARE_FILES_MAX][COMPARE_VALUE_MAX];
	bool recorded[COMPARE_FILES_MAX];	/* false: absent, the default */
};

/* One side of a row: the metric over the repeats of one file. */
struct compare_side {
	size_t nr_points;	/* points of this (workload, cpus) */
	size_t n;		/* of them with the metric */
	double *values;		/* n values, in the points' order */
	double median;		/* NAN when n is 0 */
	const char *skipped;	/* the file's reason when it skipped it */
	size_t nr_oracle_fail;	/* points whose oracle verdict is fail */
	int64_t *boots;		/* values[i]'s boot (0: none recorded) */
	/* per boot, ascending: its median over its values (compare_boots.c) */
	size_t nr_boots;
	int64_t *boot_ids;
	size_t *boot_n;
	double *boot_values;
	double boot_median;	/* the median of boot_values; NAN without */
};

struct compare_row {
	const char *workload;
	int64_t cpus;
	enum compare_status status;
	enum compare_unit unit;	/* of the test, when compared */
	struct compare_side base, other;
	/*
	 * other median / baseline median; a 0 baseline gives 1 when the
	 * other is 0 too, else infinity. NAN unless compared.
	 */
	double ratio;
	bool has_ci;		/* both n >= KSB_STATS_CI_MIN_N, positive */
	double lo, hi;
	struct stats_test mw;	/* U of the other file against the baseline */
	double min_p;		/* the smallest p these n can give */
	bool has_welch;		/* both n >= 2 */
	struct stats_test welch;
	enum compare_verdict verdict;
	bool beyond;		/* a slower verdict past the threshold */
};

/* Geometric mean of the compared rows' ratios. */
struct compare_geomean {
	const char *workload;	/* NULL: over every workload */
	size_t n;		/* ratios in it (finite, above 0) */
	double ratio;		/* NAN when n is 0 */
};

/* One file against the baseline. */
struct compare_other {
	unsigned int file;	/* index in files */
	struct compare_row *rows;
	size_t nr_rows;
	struct compare_geomean *geomeans;	/* per workload, then overall */
	size_t nr_geomeans;
};

struct compare {
	enum compare_metric metric;
	struct compare_file files[COMPARE_FILES_MAX];
	unsigned int nr_files;
	struct compare_param *params;
	size_t nr_params;
	struct compare_other *others;	/* nr_files - 1: files 1, 2, ... */
	bool has_threshold;
	double threshold_pct;
	size_t nr_beyond;		/* rows beyond the threshold */
};

/*
 * Lines docs[1..n) up against docs[0] (validated documents; paths name
 * them). -1 with err for fewer than 2 or more than COMPARE_FILES_MAX
 * files, or when memory runs out.
 */
int compare_new(struct json_object *const *docs, const char *const *paths,
		unsigned int n, enum compare_metric metric, struct compare **out,
		char *err, size_t errlen);
void compare_free(struct compare *c);

/*
 * Marks the rows whose verdict is slower by more than pct percent
 * (throughput: ratio < 1 - pct/100; latency: ratio > 1 + pct/100) and
 * returns how many there are.
 */
size_t compare_apply_threshold(struct compare *c, double pct);

/* "throughput", "p50", "p99", "p999" into the enum; -1 with err. */
int compare_parse_metric(const char *s, enum compare_metric *m,
			 char *err, size_t errlen);

/* "5", "2.5", "10%": a percentage >= 0; -1 with err. */
int compare_parse_threshold(const char *s, double *pct, char *err, size_t errlen);

const char *compare_metric_name(enum compare_metric m);
/* "ops/s" or "ns". */
const char *compare_metric_unit(enum compare_metric m);
bool compare_higher_is_better(enum compare_metric m);
/* The latency_ns key a latency metric reads for a point kind, or NULL. */
const char *compare_histogram(const char *kind);

/* Names as the json and csv carry them. */
const char *compare_status_name(enum compare_status s);
const char *compare_verdict_name(enum compare_verdict v);

/*
 * The smallest two-sided p Mann-Whitney can give for sizes nx and ny,
 * from its exact distribution: every x above every y, 2 / C(nx+ny, nx),
 * at most 1. 3 and 3: 0.1; 4 and 4: 0.029.
 */
double compare_min_p(size_t nx, size_t ny);

/*
 * A side's boots (compare_boots.c): the medians per boot of its values,
 * from s->boots; 0, or -1 when out of memory.
 */
int compare_side_boots(struct compare_side *s);

/* The unit a row of these sides is tested in: boots when both have 2 or more. */
enum compare_unit compare_unit_of(const struct compare_side *base,
				  const struct compare_side *other);

/* The distinct boots of a document's points; 1 when they record none. */
unsigned int compare_doc_boots(struct json_object *doc);

const char *compare_unit_name(enum compare_unit u);

/*
 * The verdict for a test's p with its min_p, and the ratio (other over
 * baseline) and U's direction (u_above: the other's values rank higher)
 * for which way: min_p >= COMPARE_ALPHA is too few repeats whatever p
 * is, p < COMPARE_ALPHA faster or slower, else no change.
 */
enum compare_verdict compare_verdict_of(enum compare_metric m, double p,
					double min_p, double ratio,
					bool u_above);

#endif
