// SPDX-License-Identifier: GPL-2.0
/*
 * ksbench run on this host: the sweep, point by point, through the
 * module's debugfs files (kmod_ctl.c). Ctrl-C (SIGTERM, SIGHUP) stops the
 * run in progress and keeps the completed points; a run this ksbench did
 * not start is left alone (docs/faults-cli.md).
 */
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "kmod_ctl.h"
#include "module_text.h"
#include "progress.h"
#include "result.h"
#include "run.h"
#include "sweep.h"
#include "sysinfo.h"
#include "vm_guest.h"

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

/*
 * One line on a terminal, rewritten per point; nothing in logs. In a VM
 * guest, the same events go to the host over the control port
 * ($KSBENCH_EVENTS, progress.h), which shows the line there.
 */
struct progress_sink {
	bool terminal;
	unsigned int columns;		/* the terminal's width, 0 unknown */
	int events_fd;			/* -1: none */
	struct timespec start;
	uint64_t point_ms;		/* warm-up + duration */
};

static void progress_open(const struct run_opts *o, unsigned int total,
			  struct progress_sink *ps)
{
	const char *events = getenv(GUEST_EVENTS_ENV);
	struct winsize ws;
	char line[64];

	ps->terminal = !o->quiet && isatty(STDERR_FILENO);
	ps->columns = ps->terminal && !ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) ? ws.ws_col : 0;
	ps->events_fd = events && *events ?
			open(events, O_WRONLY | O_NOCTTY | O_CLOEXEC) : -1;
	ps->point_ms = (o->knobs.v[KNOB_WARMUP] + o->knobs.v[KNOB_DURATION]) / NSEC_PER_MSEC;
	clock_gettime(CLOCK_MONOTONIC, &ps->start);
	/* the stop signals are caught: the host may pass one on now */
	progress_event_run(total, line, sizeof(line));
	if (ps->events_fd >= 0 && write(ps->events_fd, line, strlen(line)) < 0) {
		close(ps->events_fd);
		ps->events_fd = -1;
	}
}

static void progress(struct progress_sink *ps, unsigned int i, unsigned int total,
		     const char *workload, unsigned int cpus, unsigned int repeat)
{
	struct progress_point p = { .index = i + 1, .total = total, .cpus = cpus,
				    .repeat = repeat };
	char line[256];
	struct timespec now;

	if (!ps->terminal && ps->events_fd < 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	p.elapsed_ms = (uint64_t)(now.tv_sec - ps->start.tv_sec) * 1000 +
		       (uint64_t)((now.tv_nsec - ps->start.tv_nsec) / 1000000);
	p.eta_ms = progress_eta_ms(i, total, p.elapsed_ms, ps->point_ms);
	snprintf(p.workload, sizeof(p.workload), "%s", workload);
	if (ps->terminal) {
		progress_text(&p, NULL, line, sizeof(line));
		progress_fit(line, ps->columns);
		fprintf(stderr, "\r\033[K%s", line);
	}
	progress_event_point(&p, line, sizeof(line));
	if (ps->events_fd >= 0 && write(ps->events_fd, line, strlen(line)) < 0) {
		close(ps->events_fd);
		ps->events_fd = -1;
	}
}

static void progress_clear(const struct progress_sink *ps)
{
	if (ps->terminal)
		fputs("\r\033[K", stderr);
}

static void progress_close(struct progress_sink *ps)
{
	if (ps->events_fd >= 0)
		close(ps->events_fd);
	ps->events_fd = -1;
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
			    struct json_object *doc, struct progress_sink *ps)
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
		progress(ps, (unsigned int)i, (unsigned int)total, workload, cpus, repeat);
		outcome = measure_point(o, workload, cpus, repeat, &point, err, sizeof(err));
		if (outcome == KMOD_STOPPED)
			break;
		if (outcome == KMOD_FAILED) {
			progress_clear(ps);
			fprintf(stderr, WHO ": %s at %u CPU%s, repeat %u: %s\n",
				workload, cpus, cpus == 1 ? "" : "s", repeat, err);
			return SWEEP_FAILED;
		}
		result_add_point(doc, point);
	}
	progress_clear(ps);
	return i < total ? SWEEP_INTERRUPTED : SWEEP_COMPLETE;
}

int run_host(const struct run_opts *o, const struct host_facts *hf)
{
	struct sigaction old_sa[NR_STOP_SIGNALS];
	struct progress_sink ps;
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
	progress_open(o, (unsigned int)total, &ps);
	end = sweep(o, &workloads, plan, total, doc, &ps);
	progress_close(&ps);
	ret = run_finish(o, doc, path, end);
	restore_signals(old_sa);
	json_object_put(doc);
	free(plan);
	module_text_free(&info);
	return ret;
}
