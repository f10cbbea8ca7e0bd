// SPDX-License-Identifier: GPL-2.0
/*
 * ksbench run on this host: the sweep, point by point, through the
 * module's debugfs files (kmod_ctl.c). Ctrl-C (SIGTERM, SIGHUP) stops the
 * run in progress and keeps the completed points; a run this ksbench did
 * not start is left alone (docs/faults-cli.md).
 */
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "kmod_ctl.h"
#include "module_text.h"
#include "result.h"
#include "run.h"
#include "sweep.h"
#include "sysinfo.h"

#define WHO	RUN_WHO

static volatile sig_atomic_t stop_requested;

static void request_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/*
 * SIGINT, SIGTERM and SIGHUP end the sweep cleanly: the module is stopped
 * and the completed points are kept. Left at their default, they would
 * kill the CLI and leave the module running the point to its deadline.
 * SA_RESTART keeps file I/O going; the poll's nanosleep returns early, as
 * it always does on a signal.
 */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NR_STOP_SIGNALS	(sizeof(stop_signals) / sizeof(stop_signals[0]))

static void catch_stop_signals(struct sigaction *old)
{
	struct sigaction sa = { .sa_handler = request_stop, .sa_flags = SA_RESTART };
	size_t i;

	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NR_STOP_SIGNALS; i++)
		sigaction(stop_signals[i], &sa, &old[i]);
}

static void restore_signals(const struct sigaction *old)
{
	size_t i;

	for (i = 0; i < NR_STOP_SIGNALS; i++)
		sigaction(stop_signals[i], &old[i], NULL);
}

/* A knob file's value for a message, or "?". */
static void read_knob(const char *file, char *buf, size_t len)
{
	char err[256], *text;

	if (kmod_read(file, &text, err, sizeof(err))) {
		snprintf(buf, len, "?");
		return;
	}
	text[strcspn(text, "\n")] = '\0';
	snprintf(buf, len, "%s", text);
	free(text);
}

/* "1500ms" from a knob file holding milliseconds, or "?". */
static void read_knob_ms(const char *file, char *buf, size_t len)
{
	char text[32], *end;
	unsigned long long ms;

	read_knob(file, text, sizeof(text));
	ms = strtoull(text, &end, 10);
	if (end == text || *end)
		snprintf(buf, len, "?");
	else
		format_duration(ms * NSEC_PER_MSEC, buf, len);
}

/*
 * The module must not be running a run this ksbench did not start: another
 * ksbench's, or one a killed ksbench left (SIGKILL cannot be caught, so
 * nothing stopped it). Stopping it could spoil a live ksbench's point, and
 * waiting could mean an hour; so say what runs (the knob files hold its
 * settings: they cannot change while it runs), that it ends by itself,
 * and how to end it now. A `done` module needs nothing: `start` is valid
 * from done (docs/debugfs.md).
 */
static int check_module_free(char *err, size_t errlen)
{
	char state[32], workload[KSB_NAME_MAX], cpus[64], warmup[32], duration[32];
	char *text;

	if (kmod_read("control", &text, err, errlen))
		return -1;
	snprintf(state, sizeof(state), "%.*s", (int)strcspn(text, "\n"), text);
	free(text);
	if (strcmp(state, "running"))
		return 0;
	read_knob("workload", workload, sizeof(workload));
	read_knob("cpus", cpus, sizeof(cpus));
	read_knob_ms("warmup_ms", warmup, sizeof(warmup));
	read_knob_ms("duration_ms", duration, sizeof(duration));
	snprintf(err, errlen, "the module is running a run this ksbench did not start (%s on CPUs %s, %s warm-up + %s): another ksbench's, or one left by a ksbench that was killed; it stops by itself at its deadline, or at once with `echo stop > %s/%s/control`",
		 workload, cpus, warmup, duration, kmod_debugfs(), KSB_DEBUGFS_DIR);
	return -1;
}

/* --lock against the module's list; `all` becomes the whole list. */
static int resolve_workloads(const struct run_opts *o, struct name_list *out)
{
	struct json_object *list;
	unsigned int i;
	char err[512];
	size_t j, n;
	int ret = 0;

	if (kmod_read_workloads(&list, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	n = json_object_array_length(list);
	*out = o->lock;
	for (j = 0; o->lock.all && j < n && j < KSB_WORKLOADS_MAX; j++)
		snprintf(out->name[out->nr++], KSB_NAME_MAX, "%s",
			 mt_str(json_object_array_get_idx(list, j), "name"));
	for (i = 0; i < out->nr && !ret; i++) {
		for (j = 0; j < n; j++)
			if (!strcmp(out->name[i], mt_str(json_object_array_get_idx(list, j), "name")))
				break;
		if (j == n) {
			snprintf(err, sizeof(err), "unknown workload '%s' (ksbench list shows them)",
				 out->name[i]);
			ret = run_usage_error("--lock", err);
		} else {
			struct json_object *w = json_object_array_get_idx(list, j);

			out->min_cpus[i] = (unsigned int)json_object_get_int64(
				json_object_object_get(w, "min_cpus"));
			snprintf(out->unavailable[i], sizeof(out->unavailable[i]), "%s",
				 mt_str(w, "unavailable") ? mt_str(w, "unavailable") : "");
		}
	}
	if (!ret && !out->nr)
		ret = run_usage_error("--lock", "the module lists no workloads");
	json_object_put(list);
	return ret;
}

/* One line on a terminal, rewritten per point; nothing in logs. */
static bool show_progress(const struct run_opts *o)
{
	return !o->quiet && isatty(STDERR_FILENO);
}

static void progress(const struct run_opts *o, unsigned int i, unsigned int total,
		     const char *workload, unsigned int cpus, unsigned int repeat)
{
	if (show_progress(o))
		fprintf(stderr, "\r\033[K[%u/%u] %s, %u CPU%s, repeat %u", i + 1,
			total, workload, cpus, cpus == 1 ? "" : "s", repeat);
}

static void progress_clear(const struct run_opts *o)
{
	if (show_progress(o))
		fputs("\r\033[K", stderr);
}

/* The module ran what was asked: a guard against a stray writer. */
static int check_point_identity(const struct module_text *mt, const char *workload,
				unsigned int cpus, const struct knob_values *knobs,
				char *err, size_t errlen)
{
	const char *ran = mt_str(mt->fields, "workload");
	int64_t nr = 0;

	if (!ran || strcmp(ran, workload) || mt_int(mt->fields, "nr_workers", &nr) ||
	    nr != cpus) {
		snprintf(err, errlen, "the module's results are for %s at %" PRId64 " CPUs",
			 ran ? ran : "?", nr);
		return -1;
	}
	return knobs_check_echo(knobs, mt, err, errlen);
}

static enum kmod_outcome measure_point(const struct run_opts *o, const char *workload,
				       unsigned int cpus, unsigned int repeat,
				       struct json_object **point, char *err, size_t errlen)
{
	struct kmod_knobs k = { .workload = workload, .cpus = cpus, .knobs = &o->knobs };
	struct module_text mt;
	enum kmod_outcome outcome;
	char *text;
	int ret;

	outcome = kmod_measure(&k, &stop_requested, &text, err, errlen);
	if (outcome != KMOD_DONE)
		return outcome;
	ret = module_text_parse_results(text, &mt, err, errlen);
	free(text);
	if (ret)
		return KMOD_FAILED;
	ret = check_point_identity(&mt, workload, cpus, &o->knobs, err, errlen) ||
	      result_point_new(&mt, repeat,
			       &(struct result_point_opts) { .correct_clock = !o->no_correct },
			       point, err, errlen);
	module_text_free(&mt);
	return ret ? KMOD_FAILED : KMOD_DONE;
}

/* A point this kernel cannot run: noted in the result (and once on stderr). */
static bool skip(const struct run_opts *o, const struct name_list *w, unsigned int i,
		 unsigned int cpus, unsigned int repeat, struct json_object *doc)
{
	char reason[160];

	if (w->unavailable[i][0])
		snprintf(reason, sizeof(reason), "unavailable: %s", w->unavailable[i]);
	else if (cpus < w->min_cpus[i])
		snprintf(reason, sizeof(reason), "needs %u CPUs", w->min_cpus[i]);
	else
		return false;
	if (!repeat && !o->quiet)
		fprintf(stderr, WHO ": %s: %s: skipped at %u CPU%s\n", w->name[i], reason,
			cpus, cpus == 1 ? "" : "s");
	result_add_skipped(doc, w->name[i], cpus, repeat, reason);
	return true;
}

/*
 * The plan's order (sweep.h): repeats outermost, then each CPU count and
 * workload, or each round shuffled; a slow drift of the machine spreads
 * over all workloads alike.
 */
static enum sweep_end sweep(const struct run_opts *o, const struct name_list *w,
			    const struct sweep_step *plan, size_t total,
			    struct json_object *doc)
{
	unsigned int cpus, repeat;
	enum kmod_outcome outcome;
	struct json_object *point;
	const char *workload;
	char err[1024];
	size_t i;

	for (i = 0; i < total; i++) {
		repeat = plan[i].repeat;
		cpus = o->cpus.count[plan[i].cpus];
		workload = w->name[plan[i].workload];
		if (stop_requested)
			break;
		/* Not on this kernel, or a handoff without a waiter CPU: say so, once. */
		if (skip(o, w, plan[i].workload, cpus, repeat, doc))
			continue;
		progress(o, (unsigned int)i, (unsigned int)total, workload, cpus, repeat);
		outcome = measure_point(o, workload, cpus, repeat, &point, err, sizeof(err));
		if (outcome == KMOD_STOPPED)
			break;
		if (outcome == KMOD_FAILED) {
			progress_clear(o);
			fprintf(stderr, WHO ": %s at %u CPU%s, repeat %u: %s\n",
				workload, cpus, cpus == 1 ? "" : "s", repeat, err);
			return SWEEP_FAILED;
		}
		result_add_point(doc, point);
	}
	progress_clear(o);
	return i < total ? SWEEP_INTERRUPTED : SWEEP_COMPLETE;
}

int run_host(const struct run_opts *o, const struct host_facts *hf)
{
	struct sigaction old_sa[NR_STOP_SIGNALS];
	struct module_text info;
	struct name_list workloads;
	const char *names[KSB_WORKLOADS_MAX];
	struct sweep_step *plan;
	struct json_object *doc;
	size_t total;
	char path[PATH_MAX], err[1024];
	enum sweep_end end;
	unsigned int i;
	int ret;

	/* the claim first: a live ksbench is named by its pid, a killed one's run by its state */
	if (kmod_host_ready(err, sizeof(err)) || kmod_claim(err, sizeof(err)) ||
	    check_module_free(err, sizeof(err)) ||
	    kmod_read_info(&info, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	ret = resolve_workloads(o, &workloads);
	if (!ret)
		ret = run_output_path(o, hf->kernel_release, path, sizeof(path));
	if (ret) {
		module_text_free(&info);
		return ret;
	}
	if (sweep_plan(workloads.nr, o->cpus.nr, o->repeat, o->shuffle,
		       o->knobs.v[KNOB_SEED], &plan, &total)) {
		fprintf(stderr, WHO ": out of memory\n");
		module_text_free(&info);
		return 1;
	}
	for (i = 0; i < workloads.nr; i++)
		names[i] = workloads.name[i];
	doc = result_new(&(struct result_origin) {
				.command = o->command, .created = time(NULL),
				.target = "host", .host = hf, .info = &info },
			 &(struct result_params) {
				.workloads = names, .nr_workloads = workloads.nr,
				.cpus = o->cpus.count, .nr_cpus = o->cpus.nr,
				.knobs = &o->knobs, .repeat = o->repeat,
				.correct_clock = !o->no_correct, .max_cv = o->max_cv,
				.shuffle = o->shuffle, .order = plan, .nr_order = total });
	/* through run_finish: a late Ctrl-C neither cuts the write nor the status */
	catch_stop_signals(old_sa);
	end = sweep(o, &workloads, plan, total, doc);
	ret = run_finish(o, doc, path, end);
	restore_signals(old_sa);
	json_object_put(doc);
	free(plan);
	module_text_free(&info);
	return ret;
}
