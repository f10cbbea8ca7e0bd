// SPDX-License-Identifier: GPL-2.0
/* A comparison as a table, JSON, CSV or markdown (compare_format.h). */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "compare.h"
#include "compare_format.h"
#include "csv.h"
#include "parse.h"
#include "report.h"

static const char *const format_names[NR_COMPARE_FORMATS] = {
	[COMPARE_FORMAT_TABLE] = "table",
	[COMPARE_FORMAT_JSON] = "json",
	[COMPARE_FORMAT_CSV] = "csv",
	[COMPARE_FORMAT_MARKDOWN] = "markdown",
};

int compare_parse_format(const char *s, enum compare_format *f,
			 char *err, size_t errlen)
{
	unsigned int i;

	for (i = 0; i < NR_COMPARE_FORMATS; i++) {
		if (!strcmp(s, format_names[i])) {
			*f = i;
			return 0;
		}
	}
	snprintf(err, errlen, "'%s' is not one of table, json, csv or markdown", s);
	return -1;
}

/* Texts shared by the formats. */

#define CELL	192

static char letter_of(const struct compare *c, unsigned int file)
{
	return c->files[file].letter;
}

/* "20.4M" (ops/s) or "2.19us"; "-" when there is none. */
static void value_text(const struct compare *c, double v, char *buf, size_t len)
{
	if (!isfinite(v))
		snprintf(buf, len, "-");
	else if (c->metric == COMPARE_THROUGHPUT)
		report_rate(v, buf, len);
	else
		report_ns(v, buf, len);
}

/* Three significant digits or so: 0.93, 0.061, 12.5, 140. */
static void ratio_text(double r, char *buf, size_t len)
{
	if (isinf(r))
		snprintf(buf, len, "inf");
	else if (!isfinite(r))
		snprintf(buf, len, "-");
	else if (r == 0)
		snprintf(buf, len, "0");
	else if (r > 0 && r < 0.001)
		snprintf(buf, len, "%.2g", r);
	else
		snprintf(buf, len, "%.*f", r < 0.1 ? 3 : r < 10 ? 2 : r < 100 ? 1 : 0, r);
}

/* "0.93 [0.90, 0.97]", or the ratio alone without an interval. */
static void ratio_cell(const struct compare_row *r, char *buf, size_t len)
{
	char v[32], lo[32], hi[32];

	ratio_text(r->ratio, v, sizeof(v));
	if (!r->has_ci) {
		snprintf(buf, len, "%s", v);
		return;
	}
	ratio_text(r->lo, lo, sizeof(lo));
	ratio_text(r->hi, hi, sizeof(hi));
	snprintf(buf, len, "%s [%s, %s]", v, lo, hi);
}

static void p_text(double p, char *buf, size_t len)
{
	if (!isfinite(p))
		snprintf(buf, len, "-");
	else if (p < 0.001)
		snprintf(buf, len, "<0.001");
	else
		snprintf(buf, len, "%.3f", p);
}

/* "A", "B" or "A and B" (join): the sides picked. */
static void sides_where(const struct compare *c, const struct compare_other *o,
			bool base, bool other, const char *join, char *buf, size_t len)
{
	if (base && other)
		snprintf(buf, len, "%c%s%c", letter_of(c, 0), join, letter_of(c, o->file));
	else
		snprintf(buf, len, "%c", base ? letter_of(c, 0) : letter_of(c, o->file));
}

/* What a row comes to, in words: the verdict, or why there is none. */
static void row_note(const struct compare *c, const struct compare_other *o,
		     const struct compare_row *r, char *buf, size_t len)
{
	const char *metric = compare_metric_name(c->metric);
	char who[16], text[CELL];
	size_t used = 0;

	buf[0] = '\0';
	switch (r->status) {
	case COMPARE_COMPARED:
		if (r->verdict == COMPARE_TOO_FEW)
			snprintf(text, sizeof(text), "too few repeats (%zu vs %zu, p >= %.2g)",
				 r->base.n, r->other.n, r->min_p);
		else if (r->verdict == COMPARE_TOO_FEW_BOOTS)
			snprintf(text, sizeof(text), "too few boots (%zu vs %zu, p >= %.2g)",
				 r->base.nr_boots, r->other.nr_boots, r->min_p);
		else if (r->beyond)
			snprintf(text, sizeof(text), "%s, beyond %g%%",
				 compare_verdict_name(r->verdict), c->threshold_pct);
		else
			snprintf(text, sizeof(text), "%s", compare_verdict_name(r->verdict));
		break;
	case COMPARE_ONLY_BASE:
	case COMPARE_ONLY_OTHER:
		snprintf(text, sizeof(text), "only in %c", r->status == COMPARE_ONLY_BASE ?
			 letter_of(c, 0) : letter_of(c, o->file));
		break;
	case COMPARE_SKIPPED:
		sides_where(c, o, r->base.skipped, r->other.skipped, " and ", who, sizeof(who));
		snprintf(text, sizeof(text), "skipped in %s: %s", who,
			 r->base.skipped ? r->base.skipped : r->other.skipped);
		break;
	case COMPARE_NO_METRIC:
		sides_where(c, o, !r->base.n, !r->other.n, " or ", who, sizeof(who));
		snprintf(text, sizeof(text), "no %s in %s", metric, who);
		break;
	case COMPARE_KNOBS_DIFFER:
		snprintf(text, sizeof(text), "not aligned: knobs differ");
		break;
	}
	str_append(buf, len, &used, text);
	if (r->base.nr_oracle_fail) {
		snprintf(text, sizeof(text), "; oracle FAIL in %c (%zu of %zu)",
			 letter_of(c, 0), r->base.nr_oracle_fail, r->base.nr_points);
		str_append(buf, len, &used, text);
	}
	if (r->other.nr_oracle_fail) {
		snprintf(text, sizeof(text), "; oracle FAIL in %c (%zu of %zu)",
			 letter_of(c, o->file), r->other.nr_oracle_fail, r->other.nr_points);
		str_append(buf, len, &used, text);
	}
}

/*
 * The json and csv note: why a row has no verdict, and oracle failures;
 * empty for a tested row without failures (its verdict says it all).
 */
static void machine_note(const struct compare *c, const struct compare_other *o,
			 const struct compare_row *r, char *buf, size_t len)
{
	if (r->status == COMPARE_COMPARED && !r->base.nr_oracle_fail &&
	    !r->other.nr_oracle_fail)
		buf[0] = '\0';
	else
		row_note(c, o, r, buf, len);
}

/* "throughput (ops/s, higher is better)" */
static void metric_title(const struct compare *c, char *buf, size_t len)
{
	if (c->metric == COMPARE_THROUGHPUT)
		snprintf(buf, len, "throughput (ops/s, higher is better)");
	else
		snprintf(buf, len, "%s latency (lower is better) of acquire (lock), "
			 "write (rw), op (lockfree) and wakeup (handoff)",
			 compare_metric_name(c->metric));
}

/* The params that differ, one line each, after prefix. */
static void param_line(const struct compare *c, const struct compare_param *p,
		       bool code, char *buf, size_t len)
{
	char text[CELL], late[COMPARE_FILES_MAX + 1];
	size_t used = 0, nl = 0;
	unsigned int i;

	buf[0] = '\0';
	snprintf(text, sizeof(text), code ? "`%s`: " : "%s: ", p->key);
	str_append(buf, len, &used, text);
	for (i = 0; i < c->nr_files; i++) {
		snprintf(text, sizeof(text), "%s%c %s%s", i ? ", " : "", letter_of(c, i),
			 p->value[i], p->recorded[i] ? "" : "*");
		str_append(buf, len, &used, text);
		if (p->blocks && i && strcmp(p->value[i], p->value[0]))
			late[nl++] = letter_of(c, i);
	}
	late[nl] = '\0';
	if (p->blocks)
		snprintf(text, sizeof(text), " (changes what is measured: %s not aligned with %c)",
			 late, letter_of(c, 0));
	else
		snprintf(text, sizeof(text), " (noted; points still aligned)");
	str_append(buf, len, &used, text);
}

static bool any_unrecorded(const struct compare *c)
{
	size_t i;
	unsigned int f;

	for (i = 0; i < c->nr_params; i++)
		for (f = 0; f < c->nr_files; f++)
			if (!c->params[i].recorded[f])
				return true;
	return false;
}

/* "spinlock 0.21 (2), mutex 0.37 (2); all 0.28 (4)"; "" when none. */
static void geomean_line(const struct compare_other *o, char *buf, size_t len)
{
	const struct compare_geomean *g;
	char text[CELL], r[32];
	size_t used = 0, i;
	bool any = false;

	buf[0] = '\0';
	for (i = 0; i < o->nr_geomeans; i++) {
		g = &o->geomeans[i];
		if (!g->n)
			continue;
		ratio_text(g->ratio, r, sizeof(r));
		snprintf(text, sizeof(text), "%s%s %s (%zu)",
			 !any ? "" : g->workload ? ", " : "; ",
			 g->workload ? g->workload : "all", r, g->n);
		str_append(buf, len, &used, text);
		any = true;
	}
}

/*
 * Whether a compared row is tested in unit u; with one_boot, only rows
 * where a side has a single boot (the test cannot see drift there).
 */
static bool any_unit(const struct compare *c, enum compare_unit u, bool one_boot)
{
	const struct compare_row *r;
	size_t i, j;

	for (i = 0; i + 1 < c->nr_files; i++) {
		for (j = 0; j < c->others[i].nr_rows; j++) {
			r = &c->others[i].rows[j];
			if (r->status != COMPARE_COMPARED || r->unit != u)
				continue;
			if (!one_boot || r->base.nr_boots < 2 || r->other.nr_boots < 2)
				return true;
		}
	}
	return false;
}

static bool all_one_boot(const struct compare *c)
{
	unsigned int i;

	for (i = 0; i < c->nr_files; i++)
		if (c->files[i].nr_boots > 1)
			return false;
	return true;
}

/* "unit: the boot (A 4 boots, B 4)", or "" when nothing is compared. */
static void unit_line(const struct compare *c, const struct compare_other *o,
		      char *buf, size_t len)
{
	bool boot = false, repeat = false;
	size_t j;

	for (j = 0; j < o->nr_rows; j++) {
		if (o->rows[j].status != COMPARE_COMPARED)
			continue;
		boot |= o->rows[j].unit == COMPARE_UNIT_BOOT;
		repeat |= o->rows[j].unit == COMPARE_UNIT_REPEAT;
	}
	buf[0] = '\0';
	if (boot || repeat)
		snprintf(buf, len, "unit of replication: %s (%c %u boot%s, %c %u)",
			 boot && repeat ? "the boot, or the repeat where a side has one boot" :
			 boot ? "the boot" : "the repeat", letter_of(c, 0), c->files[0].nr_boots,
			 c->files[0].nr_boots == 1 ? "" : "s", letter_of(c, o->file),
			 c->files[o->file].nr_boots);
}

/* The median shown for a side: over its boot medians where the row is tested so. */
static double shown_median(const struct compare_row *r, const struct compare_side *s)
{
	return r->status == COMPARE_COMPARED && r->unit == COMPARE_UNIT_BOOT ?
	       s->boot_median : s->median;
}

/* The lines under every table: what the numbers are. */
static void method_lines(FILE *out, const struct compare *c)
{
	fprintf(out,
		"Medians over each point's repeats; the ratio is other / baseline, its\n"
		"95%% CI by bootstrap of the ratio of medians (%d resamples, %d repeats a\n"
		"side or more). p: Mann-Whitney U, two-sided, exact without ties below\n"
		"n = %d; significant below %g (Welch's t is in the json and csv output).\n"
		"\"too few repeats\": with these repeats no result could reach p < %g.\n",
		KSB_STATS_BOOT, KSB_STATS_CI_MIN_N, KSB_STATS_MW_EXACT_MAX, COMPARE_ALPHA,
		COMPARE_ALPHA);
	if (any_unit(c, COMPARE_UNIT_BOOT, false))
		fprintf(out,
			"Where both sides have 2 boots or more (ksbench run --boots=N) the unit\n"
			"is the boot: each boot's median over its repeats, then the median, the\n"
			"ratio, its interval and Mann-Whitney over those boot medians (repeats\n"
			"within one boot share its drift; pooling them makes p too small).\n"
			"\"too few boots\": with these boots no result could reach p < %g (4 a\n"
			"side or more are needed).\n", COMPARE_ALPHA);
	if (any_unit(c, COMPARE_UNIT_REPEAT, true))
		fprintf(out,
			"%s (repeats within a boot): it cannot see the\n"
			"drift between boots of one kernel, which can exceed a difference between\n"
			"kernels; ksbench run --target=vm --boots=N (N >= 4) gives a test that can.\n",
			all_one_boot(c) ? "p sees one boot per side" :
					  "Where a side has one boot, p sees that boot");
	if (c->has_threshold)
		fprintf(out, "Threshold %g%%: %zu significant regression%s beyond it.\n",
			c->threshold_pct, c->nr_beyond, c->nr_beyond == 1 ? "" : "s");
}

/* The grid of one comparison: a header row, then one row per key. */

enum { COL_WORKLOAD, COL_CPUS, COL_BASE, COL_OTHER, COL_RATIO, COL_P, COL_VERDICT, NCOLS };

static const bool col_right[NCOLS] = {
	[COL_CPUS] = true, [COL_BASE] = true, [COL_OTHER] = true, [COL_P] = true,
};

struct grow {
	char c[NCOLS][CELL];
};

static struct grow *grid_new(const struct compare *c, const struct compare_other *o)
{
	struct grow *g = calloc(o->nr_rows + 1, sizeof(*g));
	const struct compare_row *r;
	const char *unit = c->metric == COMPARE_THROUGHPUT ? "ops/s" :
			   compare_metric_name(c->metric);
	char a = letter_of(c, 0), b = letter_of(c, o->file);
	size_t i;

	if (!g)
		return NULL;
	snprintf(g[0].c[COL_WORKLOAD], CELL, "workload");
	snprintf(g[0].c[COL_CPUS], CELL, "cpus");
	snprintf(g[0].c[COL_BASE], CELL, "%c %s", a, unit);
	snprintf(g[0].c[COL_OTHER], CELL, "%c %s", b, unit);
	snprintf(g[0].c[COL_RATIO], CELL, "%c/%c [95%% CI]", b, a);
	snprintf(g[0].c[COL_P], CELL, "p");
	snprintf(g[0].c[COL_VERDICT], CELL, "verdict");
	for (i = 0; i < o->nr_rows; i++) {
		r = &o->rows[i];
		snprintf(g[i + 1].c[COL_WORKLOAD], CELL, "%s", r->workload);
		snprintf(g[i + 1].c[COL_CPUS], CELL, "%lld", (long long)r->cpus);
		value_text(c, shown_median(r, &r->base), g[i + 1].c[COL_BASE], CELL);
		value_text(c, shown_median(r, &r->other), g[i + 1].c[COL_OTHER], CELL);
		if (r->status == COMPARE_COMPARED) {
			ratio_cell(r, g[i + 1].c[COL_RATIO], CELL);
			p_text(r->mw.p, g[i + 1].c[COL_P], CELL);
		} else {
			snprintf(g[i + 1].c[COL_RATIO], CELL, "-");
			snprintf(g[i + 1].c[COL_P], CELL, "-");
		}
		row_note(c, o, r, g[i + 1].c[COL_VERDICT], CELL);
	}
	return g;
}

/* The table format. */

static void table_files(FILE *out, const struct compare *c)
{
	int wl = 0, wh = 0, n;
	unsigned int i;

	for (i = 0; i < c->nr_files; i++) {
		n = (int)strlen(c->files[i].label);
		wl = n > wl ? n : wl;
		n = (int)strlen(c->files[i].host);
		wh = n > wh ? n : wh;
	}
	for (i = 0; i < c->nr_files; i++) {
		fprintf(out, "%c  %-*s  %-*s  %s%s%s", c->files[i].letter, wl,
			c->files[i].label, wh, c->files[i].host, c->files[i].path,
			i ? "" : "  (baseline)",
			c->files[i].interrupted ? "  (interrupted: some points missing)" : "");
		if (c->files[i].nr_boots > 1)
			fprintf(out, "  (%u boots)", c->files[i].nr_boots);
		if (c->files[i].nr_defaulted)
			fprintf(out, "  (%u measuring knobs not recorded: defaults assumed)",
				c->files[i].nr_defaulted);
		fputc('\n', out);
	}
}

static void table_grid(FILE *out, struct grow *g, size_t n)
{
	int w[NCOLS] = { 0 }, len;
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < NCOLS; k++) {
			len = (int)strlen(g[i].c[k]);
			w[k] = len > w[k] ? len : w[k];
		}
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < NCOLS; k++) {
			if (k == NCOLS - 1)
				fprintf(out, "%s\n", g[i].c[k]);
			else
				fprintf(out, col_right[k] ? "%*s  " : "%-*s  ", w[k], g[i].c[k]);
		}
	}
}

static int print_table(FILE *out, const struct compare *c)
{
	char line[2048];
	struct grow *g;
	size_t i;

	metric_title(c, line, sizeof(line));
	fprintf(out, "ksbench compare: %s\n", line);
	table_files(out, c);
	if (c->nr_params)
		fprintf(out, "\nparams that differ%s:\n",
			any_unrecorded(c) ? " (* not in the file: the default)" : "");
	for (i = 0; i < c->nr_params; i++) {
		param_line(c, &c->params[i], false, line, sizeof(line));
		fprintf(out, "  %s\n", line);
	}
	for (i = 0; i + 1 < c->nr_files; i++) {
		const struct compare_other *o = &c->others[i];

		fprintf(out, "\n%c vs %c:\n", letter_of(c, o->file), letter_of(c, 0));
		unit_line(c, o, line, sizeof(line));
		if (line[0])
			fprintf(out, "%s\n", line);
		if (!c->files[o->file].aligned)
			fprintf(out, "(%c's measuring knobs differ from %c's: nothing is "
				"compared, its points are listed)\n",
				letter_of(c, o->file), letter_of(c, 0));
		g = grid_new(c, o);
		if (!g)
			return -1;
		table_grid(out, g, o->nr_rows + 1);
		free(g);
		geomean_line(o, line, sizeof(line));
		if (line[0])
			fprintf(out, "geometric mean of %c/%c: %s\n", letter_of(c, o->file),
				letter_of(c, 0), line);
	}
	fputc('\n', out);
	method_lines(out, c);
	return 0;
}

/* The markdown format. */

/* A cell's text with '|' escaped; a control character (a newline would end the row) is a space. */
static void md_cell(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', out);
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, out);
	}
}

static int print_markdown(FILE *out, const struct compare *c)
{
	char line[2048];
	struct grow *g;
	size_t i, k, j;
	unsigned int f;

	metric_title(c, line, sizeof(line));
	fprintf(out, "**ksbench compare**: %s\n\n", line);
	fprintf(out, "| | kernel | host | file |\n|---|---|---|---|\n");
	for (f = 0; f < c->nr_files; f++) {
		fprintf(out, "| **%c**%s | ", c->files[f].letter, f ? "" : " (baseline)");
		md_cell(out, c->files[f].label);
		fputs(" | ", out);
		md_cell(out, c->files[f].host);
		fputs(" | `", out);
		md_cell(out, c->files[f].path);
		fprintf(out, "`%s", c->files[f].interrupted ? " (interrupted)" : "");
		if (c->files[f].nr_boots > 1)
			fprintf(out, " (%u boots)", c->files[f].nr_boots);
		if (c->files[f].nr_defaulted)
			fprintf(out, " (%u measuring knobs not recorded: defaults assumed)",
				c->files[f].nr_defaulted);
		fputs(" |\n", out);
	}
	if (c->nr_params)
		fprintf(out, "\nParams that differ%s:\n\n",
			any_unrecorded(c) ? " (\\* not in the file: the default)" : "");
	for (i = 0; i < c->nr_params; i++) {
		param_line(c, &c->params[i], true, line, sizeof(line));
		fputs("- ", out);
		for (k = 0; line[k]; k++) {	/* a bare * would start emphasis */
			if (line[k] == '*')
				fputc('\\', out);
			fputc(line[k], out);
		}
		fputc('\n', out);
	}
	for (i = 0; i + 1 < c->nr_files; i++) {
		const struct compare_other *o = &c->others[i];

		fprintf(out, "\n#### %c vs %c\n\n", letter_of(c, o->file), letter_of(c, 0));
		unit_line(c, o, line, sizeof(line));
		if (line[0])
			fprintf(out, "%s.\n\n", line);
		if (!c->files[o->file].aligned)
			fprintf(out, "%c's measuring knobs differ from %c's: nothing is "
				"compared, its points are listed.\n\n",
				letter_of(c, o->file), letter_of(c, 0));
		g = grid_new(c, o);
		if (!g)
			return -1;
		for (j = 0; j <= o->nr_rows; j++) {
			for (k = 0; k < NCOLS; k++) {
				fputs(k ? " | " : "| ", out);
				md_cell(out, g[j].c[k]);
			}
			fputs(" |\n", out);
			for (k = 0; !j && k < NCOLS; k++)
				fprintf(out, "%s%s", col_right[k] ? "|--:" : "|---",
					k == NCOLS - 1 ? "|\n" : "");
		}
		free(g);
		geomean_line(o, line, sizeof(line));
		if (line[0]) {
			fprintf(out, "\nGeometric mean of %c/%c: ", letter_of(c, o->file),
				letter_of(c, 0));
			md_cell(out, line);	/* workloads: one line, whatever their names */
			fputc('\n', out);
		}
	}
	fputc('\n', out);
	method_lines(out, c);
	return 0;
}

/* The CSV format. */

/*
 * The shortest decimal that reads back as v, whole numbers without an
 * exponent (100, not 1e+02); inf, -inf; "" for NAN.
 */
static void num_text(double v, char *buf, size_t len)
{
	int digits;

	if (isnan(v)) {
		buf[0] = '\0';
		return;
	}
	if (isinf(v)) {
		snprintf(buf, len, v > 0 ? "inf" : "-inf");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(buf, len, "%.0f", v);
		return;
	}
	for (digits = 1; digits < 17; digits++) {
		snprintf(buf, len, "%.*g", digits, v);
		if (strtod(buf, NULL) == v)
			return;
	}
	snprintf(buf, len, "%.17g", v);
}

static void csv_field(FILE *out, const char *s, bool last)
{
	csv_text(out, s);
	fputc(last ? '\n' : ',', out);
}

static void csv_numf(FILE *out, double v)
{
	char buf[40];

	num_text(v, buf, sizeof(buf));	/* a number, never a formula: as is */
	fputs(buf, out);
	fputc(',', out);
}

static const char csv_header[] =
	"workload,cpus,baseline,other,metric,status,"
	"baseline_points,baseline_n,baseline_median,other_points,other_n,other_median,"
	"ratio,ci_low,ci_high,test,u,p,exact,min_p,welch_t,welch_df,welch_p,"
	"verdict,beyond_threshold,note,unit,baseline_boots,other_boots,"
	"baseline_boot_median,other_boot_median\n";

static void csv_row(FILE *out, const struct compare *c, const struct compare_other *o,
		    const struct compare_row *r)
{
	bool tested = r->status == COMPARE_COMPARED;
	char note[CELL * 2];

	csv_field(out, r->workload, false);
	csv_numf(out, (double)r->cpus);
	csv_field(out, c->files[0].label, false);
	csv_field(out, c->files[o->file].label, false);
	csv_field(out, compare_metric_name(c->metric), false);
	csv_field(out, compare_status_name(r->status), false);
	csv_numf(out, (double)r->base.nr_points);
	csv_numf(out, (double)r->base.n);
	csv_numf(out, r->base.median);
	csv_numf(out, (double)r->other.nr_points);
	csv_numf(out, (double)r->other.n);
	csv_numf(out, r->other.median);
	csv_numf(out, r->ratio);
	csv_numf(out, r->has_ci ? r->lo : NAN);
	csv_numf(out, r->has_ci ? r->hi : NAN);
	csv_field(out, tested ? "mann-whitney-u" : "", false);
	csv_numf(out, tested ? r->mw.statistic : NAN);
	csv_numf(out, tested ? r->mw.p : NAN);
	csv_field(out, !tested ? "" : r->mw.exact ? "true" : "false", false);
	csv_numf(out, tested ? r->min_p : NAN);
	csv_numf(out, r->has_welch ? r->welch.statistic : NAN);
	csv_numf(out, r->has_welch ? r->welch.df : NAN);
	csv_numf(out, r->has_welch ? r->welch.p : NAN);
	csv_field(out, compare_verdict_name(r->verdict), false);
	csv_field(out, r->beyond ? "true" : "false", false);
	machine_note(c, o, r, note, sizeof(note));
	csv_field(out, note, false);
	csv_field(out, tested ? compare_unit_name(r->unit) : "", false);
	csv_numf(out, (double)r->base.nr_boots);
	csv_numf(out, (double)r->other.nr_boots);
	csv_numf(out, r->base.boot_median);
	num_text(r->other.boot_median, note, sizeof(note));
	fprintf(out, "%s\n", note);
}

static int print_csv(FILE *out, const struct compare *c)
{
	size_t i, j;

	fputs(csv_header, out);
	for (i = 0; i + 1 < c->nr_files; i++)
		for (j = 0; j < c->others[i].nr_rows; j++)
			csv_row(out, c, &c->others[i], &c->others[i].rows[j]);
	return 0;
}

/* The JSON format. */

static void add(struct json_object *o, const char *key, struct json_object *v)
{
	json_object_object_add(o, key, v);
}

/* A number as num_text writes it; null when not finite. */
static struct json_object *json_num(double v)
{
	char buf[40];

	if (!isfinite(v))
		return NULL;
	num_text(v, buf, sizeof(buf));
	return json_object_new_double_s(v, buf);
}

static struct json_object *json_str(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

/* [{boot, n, median}] per boot of the side; boot null where none was recorded. */
static struct json_object *boot_medians_json(const struct compare_side *s)
{
	struct json_object *a = json_object_new_array(), *b;
	size_t i;

	for (i = 0; i < s->nr_boots; i++) {
		b = json_object_new_object();
		add(b, "boot", s->boot_ids[i] ? json_object_new_int64(s->boot_ids[i]) : NULL);
		add(b, "n", json_object_new_int64((int64_t)s->boot_n[i]));
		add(b, "median", json_num(s->boot_values[i]));
		json_object_array_add(a, b);
	}
	return a;
}

static struct json_object *side_json(const struct compare_side *s)
{
	struct json_object *o = json_object_new_object(), *v = json_object_new_array();
	size_t i;

	for (i = 0; i < s->n; i++)
		json_object_array_add(v, json_num(s->values[i]));
	add(o, "points", json_object_new_int64((int64_t)s->nr_points));
	add(o, "n", json_object_new_int64((int64_t)s->n));
	add(o, "median", json_num(s->median));
	add(o, "values", v);
	add(o, "skipped", json_str(s->skipped));
	add(o, "oracle_fail", json_object_new_int64((int64_t)s->nr_oracle_fail));
	add(o, "boots", json_object_new_int64((int64_t)s->nr_boots));
	add(o, "boot_medians", boot_medians_json(s));
	add(o, "boot_median", json_num(s->boot_median));
	return o;
}

static struct json_object *row_json(const struct compare *c, const struct compare_other *o,
				    const struct compare_row *r)
{
	struct json_object *j = json_object_new_object(), *t;
	bool tested = r->status == COMPARE_COMPARED;
	char note[CELL * 2];

	add(j, "workload", json_object_new_string(r->workload));
	add(j, "cpus", json_object_new_int64(r->cpus));
	add(j, "status", json_object_new_string(compare_status_name(r->status)));
	add(j, "unit", tested ? json_object_new_string(compare_unit_name(r->unit)) : NULL);
	add(j, "baseline", side_json(&r->base));
	add(j, "other", side_json(&r->other));
	add(j, "ratio", json_num(r->ratio));
	t = NULL;
	if (r->has_ci) {
		t = json_object_new_object();
		add(t, "low", json_num(r->lo));
		add(t, "high", json_num(r->hi));
	}
	add(j, "ci95", t);
	t = NULL;
	if (tested) {
		t = json_object_new_object();
		add(t, "u", json_num(r->mw.statistic));
		add(t, "p", json_num(r->mw.p));
		add(t, "exact", json_object_new_boolean(r->mw.exact));
		add(t, "min_p", json_num(r->min_p));
		add(t, "of", json_object_new_string(r->unit == COMPARE_UNIT_BOOT ? "boot medians" :
						    "repeats"));
	}
	add(j, "mann_whitney", t);
	t = NULL;
	if (r->has_welch) {
		t = json_object_new_object();
		add(t, "t", json_num(r->welch.statistic));
		add(t, "df", json_num(r->welch.df));
		add(t, "p", json_num(r->welch.p));
	}
	add(j, "welch", t);
	add(j, "verdict", tested ? json_object_new_string(compare_verdict_name(r->verdict)) :
				   NULL);
	add(j, "beyond_threshold", json_object_new_boolean(r->beyond));
	machine_note(c, o, r, note, sizeof(note));
	add(j, "note", json_object_new_string(note));
	return j;
}

static struct json_object *geomean_json(const struct compare_geomean *g)
{
	struct json_object *j = json_object_new_object();

	if (g->workload)
		add(j, "workload", json_object_new_string(g->workload));
	add(j, "ratio", json_num(g->ratio));
	add(j, "n", json_object_new_int64((int64_t)g->n));
	return j;
}

static struct json_object *other_json(const struct compare *c, const struct compare_other *o)
{
	struct json_object *j = json_object_new_object(), *rows = json_object_new_array();
	struct json_object *geo = json_object_new_object(), *w = json_object_new_array();
	char letter[2] = { letter_of(c, o->file), '\0' };
	size_t i;

	add(j, "file", json_object_new_string(letter));
	add(j, "label", json_object_new_string(c->files[o->file].label));
	add(j, "aligned", json_object_new_boolean(c->files[o->file].aligned));
	for (i = 0; i < o->nr_rows; i++)
		json_object_array_add(rows, row_json(c, o, &o->rows[i]));
	add(j, "rows", rows);
	for (i = 0; i < o->nr_geomeans; i++) {
		if (o->geomeans[i].workload)
			json_object_array_add(w, geomean_json(&o->geomeans[i]));
		else
			add(geo, "overall", geomean_json(&o->geomeans[i]));
	}
	add(geo, "workloads", w);
	add(j, "geomean", geo);
	return j;
}

static struct json_object *files_json(const struct compare *c)
{
	struct json_object *a = json_object_new_array(), *f;
	char letter[2] = "";
	unsigned int i;

	for (i = 0; i < c->nr_files; i++) {
		f = json_object_new_object();
		letter[0] = c->files[i].letter;
		add(f, "file", json_object_new_string(letter));
		add(f, "path", json_object_new_string(c->files[i].path));
		add(f, "label", json_object_new_string(c->files[i].label));
		add(f, "kernel", json_object_new_string(c->files[i].kernel));
		add(f, "host", json_object_new_string(c->files[i].host));
		add(f, "baseline", json_object_new_boolean(i == 0));
		add(f, "interrupted", json_object_new_boolean(c->files[i].interrupted));
		add(f, "aligned", json_object_new_boolean(c->files[i].aligned));
		add(f, "defaulted_knobs", json_object_new_int64(c->files[i].nr_defaulted));
		add(f, "boots", json_object_new_int64(c->files[i].nr_boots));
		json_object_array_add(a, f);
	}
	return a;
}

static struct json_object *params_json(const struct compare *c)
{
	struct json_object *a = json_object_new_array(), *p, *v, *rec;
	unsigned int f;
	size_t i;

	for (i = 0; i < c->nr_params; i++) {
		p = json_object_new_object();
		v = json_object_new_array();
		rec = json_object_new_array();
		for (f = 0; f < c->nr_files; f++) {
			const struct compare_param *cp = &c->params[i];

			json_object_array_add(v, json_object_new_string(cp->value[f]));
			json_object_array_add(rec, json_object_new_boolean(cp->recorded[f]));
		}
		add(p, "key", json_object_new_string(c->params[i].key));
		add(p, "blocks", json_object_new_boolean(c->params[i].blocks));
		add(p, "values", v);
		add(p, "recorded", rec);
		json_object_array_add(a, p);
	}
	return a;
}

struct json_object *compare_to_json(const struct compare *c)
{
	static const char *const kinds[] = { "lock", "rw", "lockfree", "handoff" };
	struct json_object *d = json_object_new_object(), *t, *a;
	size_t i;

	if (!d)
		return NULL;
	add(d, "schema", json_object_new_string(COMPARE_SCHEMA));
	add(d, "metric", json_object_new_string(compare_metric_name(c->metric)));
	add(d, "unit", json_object_new_string(compare_metric_unit(c->metric)));
	add(d, "higher_is_better", json_object_new_boolean(compare_higher_is_better(c->metric)));
	t = NULL;
	if (c->metric != COMPARE_THROUGHPUT) {
		t = json_object_new_object();
		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			add(t, kinds[i], json_object_new_string(compare_histogram(kinds[i])));
	}
	add(d, "histograms", t);
	add(d, "statistic", json_object_new_string("median over repeats"));
	t = json_object_new_object();
	add(t, "name", json_object_new_string("mann-whitney-u"));
	add(t, "sides", json_object_new_int(2));
	add(t, "alpha", json_num(COMPARE_ALPHA));
	add(t, "exact_below_n", json_object_new_int(KSB_STATS_MW_EXACT_MAX));
	add(t, "also", json_object_new_string("welch-t"));
	add(t, "unit", json_object_new_string("per row (rows[].unit): boot, each boot's median, "
					      "where both sides have 2 boots or more; else repeat"));
	add(d, "test", t);
	t = json_object_new_object();
	add(t, "of", json_object_new_string("other median / baseline median"));
	add(t, "method", json_object_new_string("bootstrap-ratio-of-medians"));
	add(t, "confidence", json_num(KSB_STATS_CONF));
	add(t, "resamples", json_object_new_int(KSB_STATS_BOOT));
	add(t, "min_n", json_object_new_int(KSB_STATS_CI_MIN_N));
	add(d, "ratio", t);
	add(d, "threshold_pct", c->has_threshold ? json_num(c->threshold_pct) : NULL);
	add(d, "beyond_threshold", json_object_new_int64((int64_t)c->nr_beyond));
	add(d, "files", files_json(c));
	add(d, "params", params_json(c));
	a = json_object_new_array();
	for (i = 0; i + 1 < c->nr_files; i++)
		json_object_array_add(a, other_json(c, &c->others[i]));
	add(d, "comparisons", a);
	return d;
}

static int print_json(FILE *out, const struct compare *c)
{
	struct json_object *d = compare_to_json(c);

	if (!d)
		return -1;
	fprintf(out, "%s\n", json_object_to_json_string_ext(d, JSON_C_TO_STRING_PRETTY |
							  JSON_C_TO_STRING_SPACED |
							  JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(d);
	return 0;
}

int compare_print(FILE *out, const struct compare *c, enum compare_format f)
{
	int ret;

	switch (f) {
	case COMPARE_FORMAT_JSON:
		ret = print_json(out, c);
		break;
	case COMPARE_FORMAT_CSV:
		ret = print_csv(out, c);
		break;
	case COMPARE_FORMAT_MARKDOWN:
		ret = print_markdown(out, c);
		break;
	default:
		ret = print_table(out, c);
		break;
	}
	return ret || ferror(out) ? -1 : 0;
}
