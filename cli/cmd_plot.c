// SPDX-License-Identifier: GPL-2.0
/*
 * ksbench plot: charts of result files. Each chart's data is an export
 * table (export.h) written next to it as a .dat file; gnuplot draws it
 * with one of the scripts in plots/, which take the file names, titles
 * and axis ranges as variables given with `gnuplot -e`. Anything gnuplot
 * says fails the chart: a warning usually means a chart that lies.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cmd.h"
#include "opt_error.h"
#include "export.h"
#include "fsutil.h"
#include "inputs.h"
#include "label.h"
#include "paths.h"
#include "result.h"

#define WHO		"ksbench plot"
#define OUT_DEF		"plots/out"
#define GNUPLOT		"gnuplot"
#define GP_OUTPUT_MAX	4096	/* what is kept of gnuplot's complaints */
#define LOG_RANGE	30.0	/* a wider y range gets a log axis */

enum { OPT_SCRIPTS = 256 };

static const struct option plot_options[] = {
	{ "output",  required_argument, NULL, 'o' },
	{ "scripts", required_argument, NULL, OPT_SCRIPTS },
	{ "quiet",   no_argument,       NULL, 'q' },
	{ "help",    no_argument,       NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The scripts, one per chart type, in the scripts directory. */
static const char *const scripts[] = {
	"style.gp", "throughput.gp", "latency.gp", "cdf.gp", "fairness.gp", "overlay.gp",
};

static void plot_usage(FILE *f)
{
	fprintf(f,
		"usage: ksbench plot [-o DIR] [--scripts=DIR] [-q] FILE...\n"
		"\n"
		"  -o, --output=DIR  where the charts and their data go [" OUT_DEF "]\n"
		"  --scripts=DIR     the gnuplot scripts [<checkout>/plots]\n"
		"  -q, --quiet       no line per chart written\n"
		"\n"
		"Draws with gnuplot, as PNG and SVG, for each result FILE: throughput vs\n"
		"CPUs (95%% CI bars), latency percentiles vs CPUs, the latency CDF of each\n"
		"workload, per-worker shares at each CPU count; and for each workload in\n"
		"two or more FILEs, throughput vs CPUs with one line per kernel. Each\n"
		"chart's data is written beside it as the .dat that `ksbench export`\n"
		"gives. A FILE may be an index (what a multi-kernel run writes): its\n"
		"result files. A chart without data is skipped with a note. Exits 1 when a FILE\n"
		"cannot be read or gnuplot reports anything (docs/plots.md).\n");
}

struct plot {
	const char *dir;		/* output directory, as given */
	char *abs_dir;			/* the same, absolute (what gnuplot is told) */
	const char *scripts;		/* scripts directory */
	const char *gnuplot;		/* its path */
	bool quiet;
	struct export_file *files;
	size_t nr_files;
	char **stems;			/* per file: the base of its charts' names */
	unsigned int charts, failures;
};

/* A file name part: the characters that need no quoting anywhere. */
static void safe_name(const char *s, char *buf, size_t len)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < len; i++)
		buf[i] = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			 (s[i] >= '0' && s[i] <= '9') || strchr("._-+", s[i]) ? s[i] : '_';
	buf[i] = '\0';
}

/*
 * A workload in a file name: safe_name of it, and when that lost
 * something (a character changed, or the name was cut), a hash of the
 * whole name after it, so two workloads never share a chart's file.
 */
static void workload_name(const char *workload, char *buf, size_t len)
{
	uint32_t h = 2166136261u;	/* FNV-1a */
	const unsigned char *p;
	char hash[16];

	safe_name(workload, buf, len > 12 ? len - 10 : len);
	if (!strcmp(buf, workload))
		return;
	for (p = (const unsigned char *)workload; *p; p++)
		h = (h ^ *p) * 16777619u;
	snprintf(hash, sizeof(hash), "-%08x", h);
	strncat(buf, hash, len - strlen(buf) - 1);
}

/* Each file's stem: its base name without .json, made unique. */
static int make_stems(struct plot *pl)
{
	char base[256], stem[300];
	const char *slash, *name;
	size_t i, k, len;
	unsigned int dup;

	pl->stems = calloc(pl->nr_files, sizeof(*pl->stems));
	if (!pl->stems)
		return -1;
	for (i = 0; i < pl->nr_files; i++) {
		name = pl->files[i].name;
		slash = strrchr(name, '/');
		safe_name(slash ? slash + 1 : name, base, sizeof(base));
		len = strlen(base);
		if (len > 5 && !strcmp(base + len - 5, ".json"))
			base[len - 5] = '\0';
		snprintf(stem, sizeof(stem), "%s", base);
		for (dup = 2;; dup++) {
			for (k = 0; k < i && strcmp(pl->stems[k], stem); k++)
				;
			if (k == i)
				break;
			snprintf(stem, sizeof(stem), "%s-%u", base, dup);
		}
		pl->stems[i] = strdup(stem);
		if (!pl->stems[i])
			return -1;
	}
	return 0;
}

/*
 * The output directory's absolute path, which gnuplot is given: it runs
 * in the scripts directory, and a path starting with '/' is never one of
 * gnuplot's special names ('<cmd' and '|cmd' pipes, '-', '+', '$block').
 * A control character would end its string literal: refused.
 */
static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

static int absolute_dir(struct plot *pl, char *err, size_t errlen)
{

	pl->abs_dir = realpath(pl->dir, NULL);
	if (!pl->abs_dir) {
		snprintf(err, errlen, "%.900s: %s", pl->dir, strerror(errno));
		return -1;
	}
	if (has_control(pl->abs_dir)) {
		snprintf(err, errlen, "output directory %s: a control character in its absolute path "
			 "(gnuplot cannot be given it safely)", pl->dir);
		return -1;
	}
	return 0;
}

/* gnuplot's PATH lookup, done first so its absence is said plainly. */
static char *find_gnuplot(void)
{
	const char *path = getenv("PATH"), *p, *end;
	char buf[4096];

	for (p = path ? path : "/usr/bin:/bin"; *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, ':');
		if (end == p)	/* an empty entry is the current directory */
			snprintf(buf, sizeof(buf), "./" GNUPLOT);
		else
			snprintf(buf, sizeof(buf), "%.*s/" GNUPLOT, (int)(end - p), p);
		if (!access(buf, X_OK))
			return strdup(buf);
	}
	return NULL;
}

/* mkdir -p */
static int make_dirs(const char *dir, char *err, size_t errlen)
{
	char buf[4096], *p;
	struct stat st;

	if (snprintf(buf, sizeof(buf), "%s", dir) >= (int)sizeof(buf)) {
		snprintf(err, errlen, "%s: name too long", dir);
		return -1;
	}
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST) {
			snprintf(err, errlen, "%.900s: %s", buf, strerror(errno));
			return -1;
		}
		*p = '/';
	}
	if (mkdir(buf, 0755) && errno != EEXIST) {
		snprintf(err, errlen, "%.900s: %s", buf, strerror(errno));
		return -1;
	}
	if (stat(buf, &st) || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%.900s: not a directory (-o names the charts' directory)", buf);
		return -1;
	}
	return 0;
}

/*
 * Strings reach gnuplot as single-quoted literals: inside '...' gnuplot
 * does no backquote (shell) substitution, no @macro expansion and no
 * backslash escapes, and '' is the only thing that means anything (one
 * quote). Double-quoted strings do substitute backquotes, which is how a
 * workload named x`cmd` ran cmd. A line break would end the literal: text
 * from a file comes through label_printable (no control characters, valid
 * UTF-8, cut to GP_TEXT_MAX), and paths with control characters are
 * refused before anything is drawn. tests/plots/test.sh tries the lot.
 */
#define GP_TEXT_MAX	400
#define GP_KEY_MAX	100	/* a key entry: longer ones gnuplot cannot fit (it warns) */

static void gp_quoted(FILE *f, const char *s, bool percent)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		if (*s == '%' && percent)
			fputc('%', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

/*
 * Text for a title, or with key a key entry or tic label; tic labels are
 * formats, so '%' is doubled there.
 */
static void gp_text(FILE *f, const char *s, bool key, bool tic)
{
	char buf[GP_TEXT_MAX];

	label_printable(s, buf, key ? GP_KEY_MAX : sizeof(buf));
	gp_quoted(f, buf, tic);
}

static void gp_var(FILE *f, const char *name, const char *value)
{
	fprintf(f, "%s = ", name);
	gp_text(f, value, false, false);
	fputc('\n', f);
}

static void gp_num(FILE *f, const char *name, double v)
{
	fprintf(f, "%s = %.9g\n", name, isfinite(v) ? v : 0.0);
}

/* One chart: what its script is told. */
struct chart {
	const char *script;		/* in the scripts directory */
	char out[4096];			/* output path without .png/.svg, as shown */
	char dat[4096];
	char base[400];			/* the file names' base, in the output directory */
	char title[1024];
	char subtitle[1024];
	char note[512];			/* drawn under the plot when not empty */
	const char **names;		/* series titles, n of them */
	size_t n;
	double xmin, xmax, ymin, ymax;	/* the data's range (ymin > 0) */
	int extra;			/* script-specific: fairness' workers */
};

/*
 * names[] (key titles) and tics[] (the same as tic labels) of the chart
 * as a gnuplot array assignment.
 */
static void gp_names(FILE *f, const char *array, const struct chart *ch, bool tic)
{
	size_t i;

	fprintf(f, "array %s[%zu]\n", array, ch->n ? ch->n : 1);
	if (!ch->n)
		fprintf(f, "%s[1] = ''\n", array);
	for (i = 0; i < ch->n; i++) {
		fprintf(f, "%s[%zu] = ", array, i + 1);
		gp_text(f, ch->names[i], true, tic);
		fputc('\n', f);
	}
}

/*
 * The chart's variables (plots/style.gp lists them) as a gnuplot script
 * in a memory file, whose descriptor is returned: no size limit as an
 * argument has, nothing left on disk. -1 after saying why.
 */
static int gp_vars(const struct plot *pl, const struct chart *ch)
{
	char *text = NULL, path[8192];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int fd;

	if (!f) {
		fprintf(stderr, WHO ": out of memory\n");
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s.dat", pl->abs_dir, ch->base);
	fputs("dat = ", f);
	gp_quoted(f, path, false);
	snprintf(path, sizeof(path), "%s/%s", pl->abs_dir, ch->base);
	fputs("\nout = ", f);
	gp_quoted(f, path, false);
	fputc('\n', f);
	gp_var(f, "title", ch->title);
	gp_var(f, "subtitle", ch->subtitle);
	gp_var(f, "note", ch->note);
	gp_num(f, "xmin", ch->xmin);
	gp_num(f, "xmax", ch->xmax);
	gp_num(f, "ymin", ch->ymin);
	gp_num(f, "ymax", ch->ymax);
	gp_num(f, "extra", ch->extra);
	fprintf(f, "n = %zu\n", ch->n);
	gp_names(f, "names", ch, false);
	gp_names(f, "tics", ch, true);
	if (fclose(f)) {
		free(text);
		fprintf(stderr, WHO ": out of memory\n");
		return -1;
	}
	fd = memfd_create("ksbench-plot-vars", 0);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET)) {
		fprintf(stderr, WHO ": memfd: %s\n", strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	free(text);
	return fd;
}

/*
 * gnuplot on the variables in vars_fd then the chart's script, in the
 * scripts directory (where `load "style.gp"` finds its file), with its
 * stdout and stderr on a pipe whose read end is returned in *out_fd.
 */
static pid_t gp_spawn(const struct plot *pl, const struct chart *ch, int vars_fd, int *out_fd)
{
	char vars[64], script[300];
	int pipefd[2];
	pid_t pid;

	snprintf(vars, sizeof(vars), "/proc/self/fd/%d", vars_fd);
	snprintf(script, sizeof(script), "./%s", ch->script);
	if (pipe(pipefd)) {
		fprintf(stderr, WHO ": pipe: %s\n", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, WHO ": fork: %s\n", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (!pid) {
		dup2(pipefd[1], STDOUT_FILENO);
		dup2(pipefd[1], STDERR_FILENO);
		close(pipefd[0]);
		close(pipefd[1]);
		if (chdir(pl->scripts)) {
			fprintf(stderr, "cd %s: %s\n", pl->scripts, strerror(errno));
			_exit(127);
		}
		execl(pl->gnuplot, GNUPLOT, vars, script, (char *)NULL);
		fprintf(stderr, "exec %s: %s\n", pl->gnuplot, strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	*out_fd = pipefd[0];
	return pid;
}

/* All of fd (so gnuplot never blocks on a full pipe), keeping the start. */
static size_t read_output(int fd, char *out, size_t max)
{
	size_t got = 0, take;
	char buf[1024];
	ssize_t r;

	for (;;) {
		r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		take = (size_t)r < max - got ? (size_t)r : max - got;
		memcpy(out + got, buf, take);
		got += take;
	}
	out[got] = '\0';
	return got;
}

/*
 * Runs gnuplot on one chart: its output (stdout and stderr) must be
 * empty and both images non-empty.
 */
static void run_gnuplot(struct plot *pl, const struct chart *ch)
{
	static const char *const ext[] = { ".png", ".svg" };
	char script[4500], out[GP_OUTPUT_MAX + 1], img[4200], *line, *save = NULL;
	int vars_fd, out_fd, status = 0;
	size_t got, i;
	struct stat st;
	pid_t pid;

	snprintf(script, sizeof(script), "%s/%s", pl->scripts, ch->script);
	for (i = 0; i < 2; i++) {
		snprintf(img, sizeof(img), "%s%s", ch->out, ext[i]);
		unlink(img);	/* a stale image must not pass for a new one */
	}
	vars_fd = gp_vars(pl, ch);
	if (vars_fd < 0)
		goto fail;
	pid = gp_spawn(pl, ch, vars_fd, &out_fd);
	if (pid < 0) {
		close(vars_fd);
		goto fail;
	}
	got = read_output(out_fd, out, GP_OUTPUT_MAX);
	close(out_fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	close(vars_fd);
	if (!WIFEXITED(status) || WEXITSTATUS(status) || got) {
		fprintf(stderr, WHO ": %s failed for %s (gnuplot %s):\n", script, ch->out,
			WIFEXITED(status) && !WEXITSTATUS(status) ? "complained" : "exited with an error");
		/* gnuplot may quote a line of the chart's, titles and all */
		for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			label_printable(line, img, sizeof(img));
			if (*img)
				fprintf(stderr, "  %s\n", img);
		}
		goto fail;
	}
	for (i = 0; i < 2; i++) {
		snprintf(img, sizeof(img), "%s%s", ch->out, ext[i]);
		if (stat(img, &st) || !st.st_size) {
			fprintf(stderr, WHO ": %s made no %s\n", script, img);
			goto fail;
		}
	}
	pl->charts++;
	if (!pl->quiet)
		printf("%s.png %s.svg\n", ch->out, ch->out);
	return;
fail:
	pl->failures++;
}

/* Writes d as dat to ch->dat; -1 after saying why. */
static int write_dat(struct plot *pl, const struct export_data *d, const char *path)
{
	char err[1024], *text;
	size_t len;
	int ret;

	if (export_text(d, EXPORT_DAT, &text, &len)) {
		fprintf(stderr, WHO ": out of memory\n");
		pl->failures++;
		return -1;
	}
	ret = fs_write_atomic(path, text, len, err, sizeof(err));
	free(text);
	if (ret) {
		fprintf(stderr, WHO ": %s\n", err);
		pl->failures++;
	}
	return ret;
}

/*
 * The data's range for the axes: x over column xcol (above 0 only, as a
 * log axis needs, unless it is the CPU count), y over columns cols[],
 * above 0 only; *zeros, unless NULL, counts the y values at or below 0.
 */
static void ranges(const struct export_data *d, const char *xcol,
		   const char *const *cols, size_t nr_cols, struct chart *ch,
		   unsigned int *zeros)
{
	int xc = export_column(d, xcol), yc;
	size_t r, k;
	double v;

	ch->xmin = ch->ymin = INFINITY;
	ch->xmax = ch->ymax = -INFINITY;
	if (zeros)
		*zeros = 0;
	for (r = 0; r < d->nr_rows; r++) {
		v = export_number(d, r, xc);
		if (isfinite(v) && (v > 0 || !strcmp(xcol, "cpus"))) {
			ch->xmin = fmin(ch->xmin, v);
			ch->xmax = fmax(ch->xmax, v);
		}
		for (k = 0; k < nr_cols; k++) {
			yc = export_column(d, cols[k]);
			v = export_number(d, r, yc);
			if (!isfinite(v))
				continue;
			if (v <= 0) {
				if (zeros)
					(*zeros)++;
				continue;
			}
			ch->ymin = fmin(ch->ymin, v);
			ch->ymax = fmax(ch->ymax, v);
		}
	}
}

static const char *measure_of(struct json_object *doc)
{
	struct json_object *v = json_object_object_get(json_object_object_get(doc, "params"),
						       "measure");

	return v ? json_object_get_string(v) : "throughput";
}

/* "6.1.0-56-amd64: throughput vs CPUs" and the host, file and mode under it. */
static void titles(struct plot *pl, size_t file, const char *what, struct chart *ch)
{
	struct json_object *doc = pl->files[file].doc;
	char kernel[256], host[256];
	const char *slash = strrchr(pl->files[file].name, '/');

	label_kernel(doc, kernel, sizeof(kernel));
	label_host(doc, host, sizeof(host));
	snprintf(ch->title, sizeof(ch->title), "%s: %s", kernel, what);
	snprintf(ch->subtitle, sizeof(ch->subtitle), "%s; %s, %s mode",
		 host, slash ? slash + 1 : pl->files[file].name, measure_of(doc));
}

/*
 * Series titles: the workload; with_hist, "workload histogram"; with_cpus
 * (and with_hist), "N CPUs, histogram" for the series of one workload.
 */
static const char **series_names(const struct export_data *d, bool with_cpus,
				 bool with_hist, char ***owned)
{
	const char **names = calloc(d->nr_series + 1, sizeof(*names));
	char **own = calloc(d->nr_series + 1, sizeof(*own));
	const struct export_series *s;
	size_t i;

	if (!names || !own)
		goto fail;
	for (i = 0; i < d->nr_series; i++) {
		s = &d->series[i];
		if (with_cpus && with_hist) {
			if (asprintf(&own[i], "%u CPU%s, %s", s->cpus, s->cpus == 1 ? "" : "s",
				     s->hist) < 0)
				goto fail;
		} else if (with_hist) {
			if (asprintf(&own[i], "%s %s", s->workload, s->hist) < 0)
				goto fail;
		} else if (!(own[i] = strdup(s->workload))) {
			goto fail;
		}
		names[i] = own[i];
	}
	*owned = own;
	return names;
fail:
	if (own)
		for (i = 0; i < d->nr_series; i++)
			free(own[i]);
	free(own);
	free(names);
	*owned = NULL;
	return NULL;
}

static void free_names(const char **names, char **owned, size_t n)
{
	size_t i;

	if (owned)
		for (i = 0; i < n; i++)
			free(owned[i]);
	free(owned);
	free(names);
}

/* Builds table t for files[first..first+nr) with filter f; -1 said why. */
static int table(struct plot *pl, size_t first, size_t nr, enum export_table t,
		 const struct export_filter *f, struct export_data *d)
{
	char err[1024];

	if (export_build(pl->files + first, nr, t, f, d, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		pl->failures++;
		return -1;
	}
	return 0;
}

/*
 * Draws d (already built) with script: writes DIR/<base>.dat, names the
 * series, and runs gnuplot on DIR/<base>.png and .svg.
 */
static void draw(struct plot *pl, const struct export_data *d, struct chart *ch,
		 const char *base, const char **names)
{
	snprintf(ch->dat, sizeof(ch->dat), "%s/%s.dat", pl->dir, base);
	snprintf(ch->out, sizeof(ch->out), "%s/%s", pl->dir, base);
	snprintf(ch->base, sizeof(ch->base), "%s", base);
	ch->names = names;
	ch->n = d->nr_series;
	if (write_dat(pl, d, ch->dat))
		return;
	run_gnuplot(pl, ch);
}

/* A line on stderr about a file; its text, from the file, shown as text only. */
static void note(const struct plot *pl, size_t file, const char *what)
{
	char name[GP_TEXT_MAX], text[GP_TEXT_MAX];

	label_printable(pl->files[file].name, name, sizeof(name));
	label_printable(what, text, sizeof(text));
	fprintf(stderr, WHO ": %s: %s\n", name, text);
}

/* The note of a throughput chart with medians of fewer than 3 repeats. */
static void ci_note(const struct export_data *d, struct chart *ch)
{
	int c = export_column(d, "ci95_low");
	size_t r, missing = 0;

	for (r = 0; r < d->nr_rows; r++)
		missing += isnan(export_number(d, r, c));
	if (missing)
		snprintf(ch->note, sizeof(ch->note),
			 "%zu of %zu points have fewer than 3 repeats: no confidence interval, no error bar",
			 missing, d->nr_rows);
}

/* (1) throughput vs CPUs, one line per workload. */
static void chart_throughput(struct plot *pl, size_t file)
{
	static const char *const cols[] = { "median_ops_s", "ci95_low", "ci95_high" };
	struct chart ch = { .script = "throughput.gp" };
	struct export_data d;
	const char **names;
	char **owned, base[400];

	if (table(pl, file, 1, EXPORT_THROUGHPUT, NULL, &d))
		return;
	if (!d.nr_rows) {
		note(pl, file, "no points: throughput chart skipped");
		goto out;
	}
	titles(pl, file, "throughput vs CPUs", &ch);
	ranges(&d, "cpus", cols, 3, &ch, NULL);
	ci_note(&d, &ch);
	if (!isfinite(ch.ymin)) {
		note(pl, file, "no throughput above 0: throughput chart skipped");
		goto out;
	}
	names = series_names(&d, false, false, &owned);
	if (!names) {
		fprintf(stderr, WHO ": out of memory\n");
		pl->failures++;
		goto out;
	}
	snprintf(base, sizeof(base), "%s-throughput", pl->stems[file]);
	draw(pl, &d, &ch, base, names);
	free_names(names, owned, d.nr_series);
out:
	export_free(&d);
}

/* (2) latency percentiles vs CPUs, one colour per (workload, histogram). */
static bool chart_latency(struct plot *pl, size_t file)
{
	static const char *const cols[] = { "p50_ns", "p99_ns", "p999_ns" };
	struct chart ch = { .script = "latency.gp" };
	struct export_data d;
	const char **names;
	char **owned, base[400];
	unsigned int zeros;
	bool any = false;

	if (table(pl, file, 1, EXPORT_LATENCY, NULL, &d))
		return false;
	if (!d.nr_rows) {
		note(pl, file, "no latency histograms (throughput mode, no handoff): latency and CDF charts skipped");
		goto out;
	}
	any = true;
	titles(pl, file, "latency percentiles vs CPUs", &ch);
	ranges(&d, "cpus", cols, 3, &ch, &zeros);
	if (!isfinite(ch.ymin)) {
		note(pl, file, "every latency percentile is 0 ns (within one clock read): latency chart skipped");
		goto out;
	}
	if (zeros)
		snprintf(ch.note, sizeof(ch.note),
			 "%u percentile%s of 0 ns (within one clock read) cannot be drawn on the log axis",
			 zeros, zeros == 1 ? "" : "s");
	names = series_names(&d, false, true, &owned);
	if (!names) {
		fprintf(stderr, WHO ": out of memory\n");
		pl->failures++;
		goto out;
	}
	snprintf(base, sizeof(base), "%s-latency", pl->stems[file]);
	draw(pl, &d, &ch, base, names);
	free_names(names, owned, d.nr_series);
out:
	export_free(&d);
	return any;
}

/* (3) the latency CDF of one workload, one line per (CPU count, histogram). */
static void chart_cdf(struct plot *pl, size_t file, const char *workload)
{
	static const char *const cols[] = { "value_ns" };
	struct export_filter f = { workload, 0 };
	struct chart ch = { .script = "cdf.gp" };
	struct export_data d;
	const char **names;
	char **owned, base[400], what[300], safe[200];

	if (table(pl, file, 1, EXPORT_CDF, &f, &d))
		return;
	snprintf(what, sizeof(what), "%s latency CDF", workload);
	titles(pl, file, what, &ch);
	/* The CDF's values are its x; the fractions stay in [0, 1]. */
	ranges(&d, "value_ns", cols, 1, &ch, NULL);
	if (!isfinite(ch.xmin) || !isfinite(ch.ymin)) {
		snprintf(what, sizeof(what), "%s: every latency is 0 ns (within one clock read): CDF chart skipped",
			 workload);
		note(pl, file, what);
		goto out;
	}
	names = series_names(&d, true, true, &owned);
	if (!names) {
		fprintf(stderr, WHO ": out of memory\n");
		pl->failures++;
		goto out;
	}
	workload_name(workload, safe, sizeof(safe));
	snprintf(base, sizeof(base), "%s-cdf-%s", pl->stems[file], safe);
	draw(pl, &d, &ch, base, names);
	free_names(names, owned, d.nr_series);
out:
	export_free(&d);
}

static void charts_cdf(struct plot *pl, size_t file)
{
	struct export_data d;
	size_t i, k;

	if (table(pl, file, 1, EXPORT_LATENCY, NULL, &d))
		return;
	for (i = 0; i < d.nr_series; i++) {
		for (k = 0; k < i && strcmp(d.series[k].workload, d.series[i].workload); k++)
			;
		if (k == i)
			chart_cdf(pl, file, d.series[i].workload);
	}
	export_free(&d);
}

/* (4) per-worker shares at N CPUs, one group of bars per workload. */
static void chart_fairness(struct plot *pl, size_t file, unsigned int cpus)
{
	static const char *const cols[] = { "share" };
	struct export_filter f = { NULL, cpus };
	struct chart ch = { .script = "fairness.gp", .extra = (int)cpus };
	struct export_data d;
	const char **names;
	char **owned, base[400], what[100];
	size_t r;
	int col;

	if (table(pl, file, 1, EXPORT_FAIRNESS, &f, &d))
		return;
	snprintf(what, sizeof(what), "each worker's share of the work at %u CPUs", cpus);
	titles(pl, file, what, &ch);
	ranges(&d, "cpus", cols, 1, &ch, NULL);
	col = export_column(&d, "share");
	for (r = 0; r < d.nr_rows && !isnan(export_number(&d, r, col)); r++)
		;
	if (r < d.nr_rows)
		snprintf(ch.note, sizeof(ch.note),
			 "A handoff's signaller (worker 0) consumes no events: it has no share and no bar.");
	names = series_names(&d, false, false, &owned);
	if (!names) {
		fprintf(stderr, WHO ": out of memory\n");
		pl->failures++;
		goto out;
	}
	snprintf(base, sizeof(base), "%s-fairness-%ucpus", pl->stems[file], cpus);
	draw(pl, &d, &ch, base, names);
	free_names(names, owned, d.nr_series);
out:
	export_free(&d);
}

static void charts_fairness(struct plot *pl, size_t file)
{
	struct export_data d;
	unsigned int seen[1024], nr = 0, c, k;
	size_t r;
	int col;

	if (table(pl, file, 1, EXPORT_THROUGHPUT, NULL, &d))
		return;
	col = export_column(&d, "cpus");
	/* CPU counts in the order they first come: ascending within a workload. */
	for (r = 0; r < d.nr_rows; r++) {
		c = (unsigned int)export_number(&d, r, col);
		for (k = 0; k < nr && seen[k] != c; k++)
			;
		if (k == nr && nr < sizeof(seen) / sizeof(seen[0]))
			seen[nr++] = c;
	}
	export_free(&d);
	for (k = 0; k < nr; k++)
		if (seen[k] >= 2)
			chart_fairness(pl, file, seen[k]);
	for (k = 0; k < nr && seen[k] < 2; k++)
		;
	if (k == nr)
		note(pl, file, "no point with 2 or more CPUs: fairness chart skipped");
}

/* (5) one workload's throughput in every file that has it, by kernel. */
static void chart_overlay(struct plot *pl, const char *workload)
{
	static const char *const cols[] = { "median_ops_s", "ci95_low", "ci95_high" };
	struct export_filter f = { workload, 0 };
	struct chart ch = { .script = "overlay.gp" };
	char kernel[256], host[256], first_host[256] = "", safe[200], base[300];
	struct export_data d;
	const char **names = NULL;
	char **owned = NULL;
	bool hosts_differ = false, modes_differ = false, dup;
	size_t i, k, fi;

	if (table(pl, 0, pl->nr_files, EXPORT_THROUGHPUT, &f, &d))
		return;
	names = calloc(d.nr_series + 1, sizeof(*names));
	owned = calloc(d.nr_series + 1, sizeof(*owned));
	if (!names || !owned)
		goto oom;
	for (i = 0; i < d.nr_series; i++) {
		label_host(pl->files[d.series[i].file].doc, host, sizeof(host));
		if (!i)
			snprintf(first_host, sizeof(first_host), "%s", host);
		else if (strcmp(host, first_host))
			hosts_differ = true;
	}
	/*
	 * Key: the kernel; the host where hosts differ; the file where a
	 * kernel repeats, and the mode where modes differ (latency mode
	 * times operations, which slows them).
	 */
	for (i = 0; i < d.nr_series; i++) {
		fi = d.series[i].file;
		label_kernel(pl->files[fi].doc, kernel, sizeof(kernel));
		label_host(pl->files[fi].doc, host, sizeof(host));
		dup = false;
		for (k = 0; k < d.nr_series; k++) {
			char other[256];

			label_kernel(pl->files[d.series[k].file].doc, other, sizeof(other));
			if (k != i && !strcmp(other, kernel))
				dup = true;
			if (strcmp(measure_of(pl->files[d.series[k].file].doc),
				   measure_of(pl->files[fi].doc)))
				modes_differ = true;
		}
		if (asprintf(&owned[i], "%s%s%s%s%s%s%s%s%s", kernel,
			     hosts_differ ? ", " : "", hosts_differ ? host : "",
			     dup || modes_differ ? " (" : "", dup ? pl->stems[fi] : "",
			     dup && modes_differ ? ", " : "",
			     modes_differ ? measure_of(pl->files[fi].doc) : "",
			     modes_differ ? " mode" : "", dup || modes_differ ? ")" : "") < 0) {
			owned[i] = NULL;
			goto oom;
		}
		names[i] = owned[i];
	}
	snprintf(ch.title, sizeof(ch.title), "%s: throughput vs CPUs by kernel", workload);
	snprintf(ch.subtitle, sizeof(ch.subtitle), "%s",
		 hosts_differ ? "hosts differ: see the key" : first_host);
	ranges(&d, "cpus", cols, 3, &ch, NULL);
	ci_note(&d, &ch);
	if (!isfinite(ch.ymin)) {
		label_printable(workload, safe, sizeof(safe));
		fprintf(stderr, WHO ": %s: no throughput above 0: overlay chart skipped\n", safe);
		goto out;
	}
	workload_name(workload, safe, sizeof(safe));
	snprintf(base, sizeof(base), "overlay-%s", safe);
	draw(pl, &d, &ch, base, names);
	goto out;
oom:
	fprintf(stderr, WHO ": out of memory\n");
	pl->failures++;
out:
	free_names(names, owned, d.nr_series);
	export_free(&d);
}

/* Overlays for every workload two or more files have. */
static void charts_overlay(struct plot *pl)
{
	struct export_data d;
	size_t i, k, files;
	unsigned int drawn = 0;

	if (pl->nr_files < 2)
		return;
	if (table(pl, 0, pl->nr_files, EXPORT_THROUGHPUT, NULL, &d))
		return;
	for (i = 0; i < d.nr_series; i++) {
		for (k = 0; k < i && strcmp(d.series[k].workload, d.series[i].workload); k++)
			;
		if (k < i)
			continue;	/* drawn with its first file */
		for (files = 0, k = i; k < d.nr_series; k++)
			files += !strcmp(d.series[k].workload, d.series[i].workload);
		if (files >= 2) {
			chart_overlay(pl, d.series[i].workload);
			drawn++;
		}
	}
	if (!drawn)
		fprintf(stderr, WHO ": no workload is in two or more files: overlay charts skipped\n");
	export_free(&d);
}

static int check_scripts(const char *dir)
{
	char path[4096];
	size_t i;

	for (i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++) {
		snprintf(path, sizeof(path), "%.4000s/%s", dir, scripts[i]);
		if (access(path, R_OK)) {
			fprintf(stderr, WHO ": %s: %s (--scripts names the directory of the .gp files)\n",
				path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* A directory holding the scripts (the first stands for all). */
static bool is_directory(const char *path)
{
	char first[4096];
	struct stat st;

	snprintf(first, sizeof(first), "%s/%s", path, scripts[0]);
	return !stat(path, &st) && S_ISDIR(st.st_mode) && !access(first, R_OK);
}

int cmd_plot(int argc, char **argv)
{
	static char prog[] = WHO;
	struct plot pl = { .dir = OUT_DEF };
	struct inputs in = { 0 };
	char err[1024], scripts_dir[4096];
	const char *scripts_opt = NULL;
	size_t i;
	int c, ret = 1;

	argv[0] = prog;
	static unsigned char seen[OPT_SEEN_MAX];	/* each option once */
	while ((c = getopt_long(argc, argv, "o:qh", plot_options, NULL)) != -1) {
		if (c != '?' && opt_once(WHO, c, argv, seen))
			return EXIT_USAGE;
		switch (c) {
		case 'o':
			if (!*optarg) {
				fprintf(stderr, WHO ": --output: empty directory name\n");
				return EXIT_USAGE;
			}
			if (has_control(optarg)) {
				fprintf(stderr, WHO ": --output: a control character in the directory name\n");
				return EXIT_USAGE;
			}
			pl.dir = optarg;
			break;
		case OPT_SCRIPTS:
			if (!*optarg) {
				fprintf(stderr, WHO ": --scripts: empty directory name\n");
				return EXIT_USAGE;
			}
			if (!is_directory(optarg)) {
				fprintf(stderr, WHO ": --scripts: '%s' is not a directory of the plots/*.gp scripts\n",
					optarg);
				return EXIT_USAGE;
			}
			scripts_opt = optarg;
			break;
		case 'q':
			pl.quiet = true;
			break;
		case 'h':
			plot_usage(stdout);
			return 0;
		default:
			return opt_error(WHO, argv, plot_options);
		}
	}
	if (optind == argc) {
		fprintf(stderr, WHO ": FILE: no result file given\n");
		return EXIT_USAGE;
	}
	pl.gnuplot = find_gnuplot();
	if (!pl.gnuplot) {
		fprintf(stderr, WHO ": gnuplot not found in PATH: install gnuplot-nox (make deps)\n");
		return 1;
	}
	snprintf(scripts_dir, sizeof(scripts_dir), "%s", scripts_opt ? scripts_opt : "");
	if (!scripts_opt)
		snprintf(scripts_dir, sizeof(scripts_dir), "%s/plots", ksb_root());
	pl.scripts = scripts_dir;
	if (check_scripts(pl.scripts))
		goto out_gp;

	if (inputs_load(argv + optind, (size_t)(argc - optind), WHO, &in, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		goto out_gp;
	}
	pl.nr_files = in.nr;
	pl.files = calloc(pl.nr_files, sizeof(*pl.files));
	if (!pl.files) {
		fprintf(stderr, WHO ": out of memory\n");
		goto out;
	}
	for (i = 0; i < pl.nr_files; i++)
		pl.files[i] = (struct export_file) { in.v[i].path, in.v[i].doc };
	if (make_stems(&pl)) {
		fprintf(stderr, WHO ": out of memory\n");
		goto out;
	}
	if (make_dirs(pl.dir, err, sizeof(err)) || absolute_dir(&pl, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		goto out;
	}
	for (i = 0; i < pl.nr_files; i++) {
		chart_throughput(&pl, i);
		if (chart_latency(&pl, i))
			charts_cdf(&pl, i);
		charts_fairness(&pl, i);
	}
	charts_overlay(&pl);
	if (!pl.quiet || pl.failures)
		fprintf(pl.failures ? stderr : stdout, "%u chart%s in %s%s\n", pl.charts,
			pl.charts == 1 ? "" : "s", pl.dir,
			pl.failures ? ", and failures above" : "");
	ret = pl.failures ? 1 : 0;
out:
	for (i = 0; pl.stems && i < pl.nr_files; i++)
		free(pl.stems[i]);
	inputs_free(&in);
	free(pl.stems);
	free(pl.files);
	free(pl.abs_dir);
out_gp:
	free((char *)pl.gnuplot);
	return ret;
}
