/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Result documents as data tables, for gnuplot and spreadsheets: what
 * `ksbench export` writes and `ksbench plot` feeds its charts. Pure:
 * validated documents in, a table in memory and its text out.
 *
 * Four tables, each row keyed by the file, its kernel (label.h) and:
 *
 * - throughput: (workload, cpus): the summary's median ops/s over the
 *   repeats, its 95% CI (NaN below 3 repeats) and n. Series (blocks):
 *   one per (file, workload), rows by CPU count.
 * - latency: (workload, cpus, histogram): count, p50, p90, p99, p999 and
 *   max of the histogram merged over the repeats (raw buckets, read with
 *   the smallest clock cost the repeats subtracted, as the summary does).
 *   Histograms with no sample are left out. Series: one per (file,
 *   workload, histogram), rows by CPU count.
 * - cdf: (workload, cpus, histogram): the points of that merged
 *   histogram's CDF (hist_cdf). Series: one per (file, workload, cpus,
 *   histogram).
 * - fairness: (workload, cpus, worker): the worker's CPU, its share (median
 *   over the repeats; NaN for a handoff's signaller, which shares no
 *   events), the point's Jain index (median over the repeats) and the fair
 *   share 1/n of the n workers that share. Series: one per (file,
 *   workload, cpus).
 *
 * Workloads come in params.workloads order, CPU counts ascending, as in
 * the summary. Text forms:
 *
 * - dat (gnuplot): '#' comment header naming the table, the files and
 *   the columns; rows of whitespace-separated fields, strings in double
 *   quotes (a '"' or control character inside becomes '?', which gnuplot
 *   could not read), NaN for a missing number; each series introduced by
 *   "# [i] ..." and separated from the next by two blank lines, so
 *   gnuplot's `index i` selects it.
 * - csv (RFC 4180): a header row, then one record per row, CRLF line
 *   ends, fields quoted only when they hold a comma, a quote, CR or LF
 *   (quotes doubled), an empty field for a missing number.
 */
#ifndef KSB_EXPORT_H
#define KSB_EXPORT_H

#include <stddef.h>
#include <stdint.h>

struct json_object;

enum export_table {
	EXPORT_THROUGHPUT,
	EXPORT_LATENCY,
	EXPORT_CDF,
	EXPORT_FAIRNESS,
	NR_EXPORT_TABLES
};

enum export_format { EXPORT_DAT, EXPORT_CSV };

/* One loaded result file (result_load). */
struct export_file {
	const char *name;		/* the file column: the path as given */
	struct json_object *doc;
};

/* Rows to keep: workload NULL and cpus 0 keep all. */
struct export_filter {
	const char *workload;
	unsigned int cpus;
};

enum export_cell_type { EXPORT_STR, EXPORT_INT, EXPORT_NUM };

struct export_cell {
	enum export_cell_type type;
	const char *s;		/* EXPORT_STR: owned by a document or the table */
	int64_t i;		/* EXPORT_INT */
	double d;		/* EXPORT_NUM; NAN when missing */
};

/* One block of rows: what gnuplot's `index` selects. */
struct export_series {
	size_t first, nr;	/* its rows */
	size_t file;		/* index into the files given */
	const char *workload;
	unsigned int cpus;	/* 0 when the series runs over CPU counts */
	const char *hist;	/* latency, cdf: the histogram; else NULL */
};

struct export_data {
	enum export_table table;
	const char *const *columns;
	size_t nr_cols;
	struct export_cell *cells;	/* row r, column c: cells[r * nr_cols + c] */
	size_t nr_rows;
	struct export_series *series;
	size_t nr_series;
	/* private */
	const struct export_file *files;
	size_t nr_files;
	char **labels;			/* per file: kernel, then host */
	struct json_object **made;	/* per file: a summary computed here */
	size_t cap_rows, cap_series;
};

/* "throughput" ... -> the table; -1 when the name is none of them. */
int export_table_parse(const char *s, enum export_table *t);
const char *export_table_name(enum export_table t);

/* "dat" or "csv"; -1 otherwise. */
int export_format_parse(const char *s, enum export_format *f);

/*
 * The table over files[nr_files] (validated documents; a document without
 * a summary gets one computed as summary.h does), filtered by filter
 * (NULL: all). -1 with a message naming the file when a histogram does
 * not read back or memory runs out; d is then empty (export_free is
 * still safe). The files must outlive d.
 */
int export_build(const struct export_file *files, size_t nr_files,
		 enum export_table table, const struct export_filter *filter,
		 struct export_data *d, char *err, size_t errlen);

/* The column named name, or -1. */
int export_column(const struct export_data *d, const char *name);

/* Row r's number in column c (EXPORT_INT or EXPORT_NUM); NAN otherwise. */
double export_number(const struct export_data *d, size_t r, int c);

/*
 * The table as text (malloc'ed, NUL-terminated, *len without the NUL).
 * -1 when memory runs out.
 */
int export_text(const struct export_data *d, enum export_format format,
		  char **text, size_t *len);

void export_free(struct export_data *d);

#endif
