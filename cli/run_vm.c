// SPDX-License-Identifier: GPL-2.0
/*
 * ksbench run --target=vm: the same sweep, run by the static CLI inside a
 * VM on its host target, its result file carried back and completed with
 * the VM's facts. The guest resolves --lock=all against its own module.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cmd.h"
#include "fsutil.h"
#include "host_load.h"
#include "interrupt.h"
#include "progress.h"
#include "result.h"
#include "scratch.h"
#include "run.h"
#include "run_vm.h"
#include "sysinfo.h"
#include "vm.h"

#define WHO			RUN_WHO
#define VM_BOOT_S		60	/* a debug kernel boots in ~50 s under TCG */
#define VM_SLACK_S		60
#define VM_DEBUG_FACTOR		4
#define RUN_INDEX_SCHEMA	"ksbench-index/1"
#define VM_ALL_GUESS		32	/* workloads assumed for --lock=all */
#define GUEST_RESULT		"/tmp/result.json"
#define GUEST_LOG_MAX		(64u << 20)
#define GUEST_FIXED_ARGS	14	/* argv besides the knobs, NULL included */

/* The guest's command: the same sweep, on its host target, quietly. */
struct guest_cmd {
	char lock[KSB_WORKLOADS_MAX * KSB_NAME_MAX + 16];
	char cpus[KSB_CPU_COUNTS_MAX * 4 + 16];
	char knob[NR_KNOBS][64];
	char repeat[32];
	char max_cv[48];
	const char *argv[GUEST_FIXED_ARGS + NR_KNOBS];
};

static void join_names(const struct name_list *names, const char *sep,
		       char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < names->nr; i++) {
		if (i)
			str_append(buf, len, &used, sep);
		str_append(buf, len, &used, names->name[i]);
	}
}

static void join_counts(const struct cpu_counts *c, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;
	char num[16];

	buf[0] = '\0';
	for (i = 0; i < c->nr; i++) {
		snprintf(num, sizeof(num), "%s%u", i ? "," : "", c->count[i]);
		str_append(buf, len, &used, num);
	}
}

static void guest_cmd_build(const struct run_opts *o, struct guest_cmd *g)
{
	char list[sizeof(g->lock)], value[32];
	unsigned int i, n = 0;

	join_names(&o->lock, ",", list, sizeof(list));
	snprintf(g->lock, sizeof(g->lock), "--lock=%s", o->lock.all ? "all" : list);
	join_counts(&o->cpus, list, sizeof(list));
	snprintf(g->cpus, sizeof(g->cpus), "--cpus=%s", list);
	snprintf(g->repeat, sizeof(g->repeat), "--repeat=%u", o->repeat);
	g->argv[n++] = "/bin/ksbench";
	g->argv[n++] = "run";
	g->argv[n++] = "--target=host";
	g->argv[n++] = g->lock;
	g->argv[n++] = g->cpus;
	for (i = 0; i < NR_KNOBS; i++) {
		knob_option_text(i, o->knobs.v[i], value, sizeof(value));
		snprintf(g->knob[i], sizeof(g->knob[i]), "--%s=%s",
			 knob_table[i].option, value);
		g->argv[n++] = g->knob[i];
	}
	g->argv[n++] = g->repeat;
	snprintf(g->max_cv, sizeof(g->max_cv), "--max-cv=%.10g", o->max_cv * 100);
	g->argv[n++] = g->max_cv;
	if (o->no_correct)
		g->argv[n++] = "--no-correct";
	if (o->shuffle)
		g->argv[n++] = "--shuffle";
	/* the serial port carries it: a quarter of the pretty size */
	g->argv[n++] = "--compact";
	g->argv[n++] = "-o";
	g->argv[n++] = GUEST_RESULT;
	g->argv[n++] = "--quiet";
	g->argv[n] = NULL;
}

/*
 * Boot + 3x the measured time + per-point overhead + slack, or --timeout;
 * a debug kernel (KASAN, lockdep) boots in ~50 s and runs everything
 * several times slower.
 */
static unsigned int vm_timeout_s(const struct run_opts *o, const struct vm_kernel *k)
{
	uint64_t workloads = o->lock.all ? VM_ALL_GUESS : o->lock.nr;
	uint64_t points = workloads * o->cpus.nr * o->repeat;
	uint64_t point_ms = (o->knobs.v[KNOB_WARMUP] + o->knobs.v[KNOB_DURATION]) /
			    NSEC_PER_MSEC;
	uint64_t s = VM_BOOT_S + 3 * points * point_ms / 1000 + points + VM_SLACK_S;

	if (k->debug)
		s *= VM_DEBUG_FACTOR;

	if (o->timeout_s)
		return o->timeout_s;
	return s > UINT_MAX ? UINT_MAX : (unsigned int)s;
}

/* results/x.json -> results/x.console.log */
static void console_log_path(const char *output, char *buf, size_t len)
{
	size_t n = strlen(output);

	if (n > 5 && !strcmp(output + n - 5, ".json"))
		n -= 5;
	snprintf(buf, len, "%.*s.console.log", (int)n, output);
}

/* results/x.console.log, retry 1 -> results/x.failed1.console.log */
static void failed_log_path(const char *log, unsigned int n, char *buf, size_t len)
{
	size_t l = strlen(log), suffix = strlen(".console.log");

	if (l > suffix && !strcmp(log + l - suffix, ".console.log"))
		l -= suffix;
	snprintf(buf, len, "%.*s.failed%u.console.log", (int)l, log, n);
}

/* results/x.json, boot 2 -> results/x.boot2.console.log */
void run_vm_boot_log_path(const char *output, unsigned int boot, char *buf, size_t len)
{
	size_t n = strlen(output);

	if (n > 5 && !strcmp(output + n - 5, ".json"))
		n -= 5;
	snprintf(buf, len, "%.*s.boot%u.console.log", (int)n, output, boot);
}

/*
 * The guest's own messages, found in its console log; its result file
 * is named as the host's (path), where it was carried.
 */
static void print_guest_messages(const char *log, const char *path)
{
	char err[256], *text, *line, *save, *msg, *at;

	if (fs_read_file(log, GUEST_LOG_MAX, &text, NULL, err, sizeof(err)))
		return;
	for (line = strtok_r(text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		msg = strstr(line, WHO ": ");
		if (!msg)
			continue;
		at = path ? strstr(msg, GUEST_RESULT) : NULL;
		if (at)
			fprintf(stderr, "  guest: %.*s%s%s\n", (int)(at - msg), msg, path,
				at + strlen(GUEST_RESULT));
		else
			fprintf(stderr, "  guest: %s\n", msg);
	}
	free(text);
}

/* 0 when a result came back; else a message and the exit status. */
static int vm_check_outcome(int rc, const char *err, const struct vm_outcome *out,
			    const char *log, bool one_of_boots)
{
	if (out->interrupted) {
		fprintf(stderr, WHO ": interrupted: the VM was stopped, nothing %swas kept\n",
			one_of_boots ? "of this boot " : "");
		return EXIT_INTERRUPTED;
	}
	/* the guest's run took the stop: its kept points, or nothing to keep */
	if (out->forwarded_signal && !rc && !out->output_received &&
	    out->guest_status == EXIT_INTERRUPTED) {
		fprintf(stderr, WHO ": interrupted before the first point %scompleted: %s\n",
			one_of_boots ? "of this boot " : "",
			one_of_boots ? "it gives no points" : "no result file");
		return EXIT_INTERRUPTED;
	}
	if (out->timed_out) {
		fprintf(stderr, WHO ": %s (--timeout raises the budget)\n"
			WHO ": console log: %s\n", err, log);
		return 1;
	}
	if (out->output_received)
		return 0;
	if (out->boot_failed) {
		fprintf(stderr, WHO ": no result came back from the VM: %s (--boot-retries boots again, --boot-timeout waits longer)\n"
			WHO ": console log: %s\n", err, log);
		return 1;
	}
	fprintf(stderr, WHO ": no result came back from the VM: %s (guest status %d)\n"
		WHO ": console log: %s\n", rc ? err : "the guest's run failed",
		out->guest_status, log);
	print_guest_messages(log, NULL);
	/* the guest refused the arguments: a usage error here too */
	return out->guest_status == EXIT_USAGE ? EXIT_USAGE : 1;
}

/* After the summary: what the guest's console and exit status say. */
static int vm_verdict(int status, int rc, const char *err,
		      const struct vm_outcome *out, const char *log, const char *path)
{
	if (out->console_issues) {
		fprintf(stderr, WHO ": the guest console shows %u problem line(s), first: %s\n"
			WHO ": console log: %s\n", out->console_issues, out->first_issue, log);
		return 1;
	}
	if (rc) {
		fprintf(stderr, WHO ": %s; console log: %s\n", err, log);
		return 1;
	}
	if (out->guest_status && !status) {
		fprintf(stderr, WHO ": the guest's run exited with status %d; console log: %s\n",
			out->guest_status, log);
		print_guest_messages(log, path);
		return 1;
	}
	return status;
}

static void vm_describe(struct json_object *doc, const struct run_opts *o,
			const struct vm_request *req, const struct vm_outcome *out,
			const struct host_facts *hf, double boot_s)
{
	result_set_vm(doc, &(struct result_vm) {
		.accel = out->accel, .smp = req->smp, .memory_mb = out->memory_mb,
		.host_cpus = hf->online_cpus,
		.kernel_image = req->kernel->image, .qemu_version = out->qemu_version,
		.host_kernel_release = hf->kernel_release, .host_cpu_model = hf->cpu_model,
		.console_log = req->console_log, .boot_s = boot_s });
	vm_cpu_describe(json_object_object_get(doc, "vm"), &out->cpu);
	host_load_describe(json_object_object_get(doc, "vm"), out->host_others_cpus,
			   hf->online_cpus, req->smp);
	result_set_string(doc, "tool", "command", o->command);
}

/*
 * More vCPUs than host CPUs: the host time-slices the vCPUs, and a vCPU
 * descheduled while its guest thread holds a lock stalls every waiter
 * (lock-holder preemption). Measured here: rt_mutex with 2 workers did
 * 1.05M ops in 500 ms at -smp 2, 297k at -smp 4 on 2 host CPUs.
 */
static void warn_overcommit(unsigned int smp, unsigned int host_cpus)
{
	if (host_cpus && smp > host_cpus)
		fprintf(stderr, "ksbench: %u vCPUs on %u host CPUs: the host will deschedule vCPUs (lock-holder preemption); spinning and sleeping-lock numbers at %u CPUs reflect that\n",
			smp, host_cpus, smp);
}

/*
 * A flavour's preempt= must have taken: a kernel that is not
 * PREEMPT_DYNAMIC ignores it, and the result would be mislabelled.
 */
static int check_flavour(struct json_object *doc, const struct vm_kernel *k)
{
	const char *want = strstr(k->params, "preempt="), *live = NULL;
	struct json_object *host, *flags, *v;
	size_t n;

	if (!want)
		return 0;
	want += strlen("preempt=");
	n = strcspn(want, " ");
	if (json_object_object_get_ex(doc, "host", &host) &&
	    json_object_object_get_ex(host, "kernel_flags", &flags) &&
	    json_object_object_get_ex(flags, "preempt_live", &v))
		live = json_object_get_string(v);
	if (live && strlen(live) == n && !strncmp(live, want, n))
		return 0;
	fprintf(stderr, WHO ": kernel '%s' booted with preempt=%.*s but runs preempt model '%s': not a PREEMPT_DYNAMIC kernel? Nothing was kept.\n",
		k->spec, (int)n, want, live && *live ? live : "unknown");
	return 1;
}

static void describe_kernel(struct json_object *doc, const struct run_opts *o,
			    const struct vm_kernel *k)
{
	result_set_kernel(doc, &(struct result_kernel) {
		.spec = k->spec, .image = k->image, .params = k->params,
		.cmdline_extra = o->kernel_cmdline, .debug = k->debug });
	if (k->debug)
		fprintf(stderr, WHO ": %s is the debug kernel (lockdep, KASAN, kmemleak...): "
			"its timings are distorted; compare it only with debug runs\n", k->release);
}

/*
 * The guest's progress, as one live line on a terminal (progress.h), and
 * when its sweep began: what the VM cost before the first point.
 */
struct vm_progress {
	bool show;			/* on a terminal, not -q */
	const char *prefix;		/* "[rt]" in a multi-kernel run, or NULL */
	bool drawn;			/* a line is on the terminal */
	double started_s;		/* CLOCK_MONOTONIC at vm_run() */
	double boot_s;			/* to the guest's "run" event; 0 unseen */
};

static double monotonic_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned int terminal_columns(void)
{
	struct winsize ws;

	return ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) ? 0 : ws.ws_col;
}

static void clear_line(struct vm_progress *vp)
{
	if (vp->drawn)
		fputs("\r\033[K", stderr);
	vp->drawn = false;
}

static void on_vm_event(void *arg, enum vm_event event, const char *line)
{
	struct vm_progress *vp = arg;
	struct progress_point p;
	char text[256];

	if (event == VM_GUEST_LINE) {
		enum progress_event kind = progress_event_parse(line, &p);

		if (kind == PROGRESS_RUN && !vp->boot_s)
			vp->boot_s = monotonic_s() - vp->started_s;
		if (!vp->show || kind != PROGRESS_POINT)
			return;
		progress_text(&p, vp->prefix, text, sizeof(text));
		progress_fit(text, terminal_columns());
		fprintf(stderr, "\r\033[K%s", text);
		vp->drawn = true;
		return;
	}
	clear_line(vp);
	if (event == VM_STOP_FORWARDED)
		fprintf(stderr, WHO ": interrupted: stopping the guest's run to keep its completed points (interrupt again to stop the VM now)\n");
	else if (event == VM_STOP_UNANSWERED)
		fprintf(stderr, WHO ": the guest did not end within %u s of the stop: stopping the VM\n",
			VM_STOP_GRACE_S);
}

/* The guest's result, read from the scratch file vm_run wrote; NULL with a message. */
static struct json_object *load_guest_result(const char *file, const char *log)
{
	char err[PATH_MAX + 256];
	struct json_object *doc = NULL;

	if (result_load(file, &doc, err, sizeof(err))) {
		fprintf(stderr, WHO ": the guest's result is unusable: %s; console log: %s\n",
			err, log);
		return NULL;
	}
	return doc;
}

/*
 * A boot whose kernel died or stalled before ksbench's init: nothing of
 * ksbench ran, so the next boot is a fair try. Its log is kept.
 */
static void keep_failed_boot(struct vm_boot *b, const struct vm_kernel *k,
			     unsigned int retries)
{
	struct vm_failed_boot *f = &b->failed[b->nr_failed++];

	snprintf(f->err, sizeof(f->err), "%s", b->err);
	failed_log_path(b->log, b->nr_failed, f->log, sizeof(f->log));
	if (rename(b->log, f->log))
		snprintf(f->log, sizeof(f->log), "%s", b->log);
	fprintf(stderr, WHO ": %s: %s\n" WHO ": its console log: %s; booting again (retry %u of %u)\n",
		k->release, f->err, f->log, b->nr_failed, retries);
}

/*
 * $KSBENCH_TEST_BREAK_BOOTS=N: the first N boots of a kernel get an init
 * that exits at once, so the kernel dies before ksbench's, as a flaky
 * boot does; tests/vm/test-bootfail.sh checks a retried run with it. The
 * --kernel-cmdline otherwise.
 */
static const char *test_broken_boot(const struct run_opts *o, unsigned int failed,
				    char *buf, size_t len)
{
	const char *v = getenv("KSBENCH_TEST_BREAK_BOOTS");

	if (!v || strtoul(v, NULL, 10) <= failed)
		return o->kernel_cmdline;
	snprintf(buf, len, "%s%srdinit=/bin/busybox -- false", o->kernel_cmdline ?: "",
		 o->kernel_cmdline ? " " : "");
	return buf;
}

/* vm.failed_boots: each boot that was retried, with why and its log. */
static void describe_failed_boots(struct json_object *doc, const struct vm_boot *b)
{
	struct json_object *list, *e, *vm = json_object_object_get(doc, "vm");
	unsigned int i;

	if (!vm)
		return;
	list = json_object_new_array();
	for (i = 0; i < b->nr_failed; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "error", json_object_new_string(b->failed[i].err));
		json_object_object_add(e, "console_log", json_object_new_string(b->failed[i].log));
		json_object_array_add(list, e);
	}
	json_object_object_add(vm, "failed_boots", list);
}

int run_vm_boot(const struct run_opts *o, const struct host_facts *hf,
		const struct vm_kernel *kernel, const char *log, const char *prefix,
		struct vm_boot *b)
{
	char scratch[PATH_MAX], guest_file[PATH_MAX + 16], broken[VM_CMDLINE_EXTRA_MAX + 64];
	struct vm_progress vp = { .show = !o->quiet && isatty(STDERR_FILENO), .prefix = prefix,
				  .started_s = monotonic_s() };
	struct guest_cmd g;
	unsigned int smp = o->cpus.count[o->cpus.nr - 1];
	struct vm_request req = {
		.kernel = kernel, .smp = smp,	/* memory: the VM runner's default */
		.cmdline_extra = o->kernel_cmdline,
		.timeout_s = vm_timeout_s(o, kernel), .load_module = true,
		.guest_argv = g.argv, .guest_output = GUEST_RESULT,
		.host_output = guest_file, .console_log = log, .quiet = o->quiet,
		.control = true, .on_event = on_vm_event, .event_arg = &vp,
		.hypervisor_bit = (enum vm_hv_bit)o->hypervisor_bit,
	};

	*b = (struct vm_boot) { .out = { .guest_status = -1 }, .started = time(NULL) };
	snprintf(b->log, sizeof(b->log), "%s", log);
	if (scratch_dir_create(scratch, sizeof(scratch), b->err, sizeof(b->err))) {
		fprintf(stderr, WHO ": %s\n", b->err);
		return b->status = 1;
	}
	snprintf(guest_file, sizeof(guest_file), "%s/result.json", scratch);
	guest_cmd_build(o, &g);
	/* past timeout_s the deadline ends the boot first */
	req.boot_timeout_s = o->boot_timeout_s ?: vm_boot_timeout_s(kernel, smp, req.timeout_s);
	for (;;) {
		req.cmdline_extra = test_broken_boot(o, b->nr_failed, broken, sizeof(broken));
		b->rc = vm_run(&req, &b->out, b->err, sizeof(b->err));
		clear_line(&vp);
		if (!b->rc || !b->out.boot_failed || b->out.interrupted || interrupt_count() ||
		    b->nr_failed >= o->boot_retries)
			break;
		keep_failed_boot(b, kernel, o->boot_retries);
		vp.started_s = monotonic_s();
		vp.boot_s = 0;
	}
	b->status = vm_check_outcome(b->rc, b->err, &b->out, log, o->boots > 1);
	if (!b->status && !(b->doc = load_guest_result(guest_file, log)))
		b->status = 1;
	scratch_dir_remove(scratch, NULL, 0);
	if (!b->status)
		b->status = check_flavour(b->doc, kernel);
	if (b->status) {
		json_object_put(b->doc);
		b->doc = NULL;
		return b->status;
	}
	vm_describe(b->doc, o, &req, &b->out, hf, vp.boot_s);
	describe_failed_boots(b->doc, b);
	describe_kernel(b->doc, o, kernel);
	return 0;
}

bool run_vm_boot_stopped(const struct vm_boot *b)
{
	return b->out.interrupted || b->status == EXIT_INTERRUPTED ||
	       (b->out.forwarded_signal && b->out.guest_status == EXIT_INTERRUPTED);
}

int run_vm_boot_verdict(const struct vm_boot *b, int status, const char *path)
{
	return vm_verdict(status, b->rc, b->err, &b->out, b->log, path);
}

/* One kernel, one boot: its result at path. */
static int run_vm_kernel(const struct run_opts *o, const struct host_facts *hf,
			 const struct vm_kernel *kernel, const char *path, const char *prefix)
{
	char log[PATH_MAX];
	struct vm_boot b;
	int ret;

	console_log_path(path, log, sizeof(log));
	if (run_vm_boot(o, hf, kernel, log, prefix, &b))
		return b.status;
	/* a stop that came as the last point ended leaves a complete run, as on the host */
	ret = run_finish(o, b.doc, path, b.out.forwarded_signal &&
			 b.out.guest_status == EXIT_INTERRUPTED ? SWEEP_INTERRUPTED : SWEEP_COMPLETE);
	json_object_put(b.doc);
	return run_vm_boot_verdict(&b, ret, path);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The index of a multi-kernel run: which file holds which kernel's result. */
static void write_index(const struct run_opts *o, const struct vm_kernel *kernels,
			char (*paths)[PATH_MAX], const int *status, unsigned int nr,
			const char *index)
{
	struct json_object *doc = json_object_new_object(), *list = json_object_new_array();
	char err[PATH_MAX + 256], stamp[32];
	struct json_object *e;
	unsigned int i;
	struct tm tm;

	gmtime_r(&o->started, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_object_add(doc, "schema", json_object_new_string(RUN_INDEX_SCHEMA));
	json_object_object_add(doc, "created", json_object_new_string(stamp));
	json_object_object_add(doc, "command", json_object_new_string(o->command));
	if (o->boots > 1)
		json_object_object_add(doc, "boots", json_object_new_int64(o->boots));
	for (i = 0; i < nr; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "spec", json_object_new_string(kernels[i].spec));
		json_object_object_add(e, "release", json_object_new_string(kernels[i].release));
		/* beside the index: the folder can move */
		json_object_object_add(e, "result", status[i] < 0 || access(paths[i], F_OK) ? NULL :
				       json_object_new_string(base_name(paths[i])));
		json_object_object_add(e, "exit_status", json_object_new_int(status[i]));
		json_object_array_add(list, e);
	}
	json_object_object_add(doc, "kernels", list);
	if (result_write_ext(doc, index, false, err, sizeof(err)))
		fprintf(stderr, WHO ": %s\n", err);
	else if (!o->quiet)
		printf("index: %s\n", index);
	json_object_put(doc);
}

/* Every kernel is found (and its module built) before the first boots. */
static int resolve_kernels(const struct run_opts *o, struct vm_kernel *kernels,
			   unsigned int *nr)
{
	const char *specs[VM_KERNEL_SPECS_MAX];
	char buf[VM_KERNEL_SPECS_MAX * 256], err[1024];
	unsigned int i;

	if (vm_split_kernel_list(o->kernel ? o->kernel : "generic", buf, sizeof(buf),
				 specs, nr, err, sizeof(err)))
		return run_usage_error("--kernel", err);
	for (i = 0; i < *nr; i++)
		if (vm_resolve_kernel(specs[i], &kernels[i], err, sizeof(err))) {
			fprintf(stderr, WHO ": %s\n", err);
			return 1;
		}
	return 0;
}

/* One boot of each kernel in turn; the worst exit status. */
static int run_kernels(const struct run_opts *o, const struct host_facts *hf,
		       const struct vm_kernel *kernels, char (*paths)[PATH_MAX], int *status,
		       unsigned int nr)
{
	unsigned int i;
	char tag[256];
	int worst = 0;

	for (i = 0; i < nr; i++) {
		if (interrupt_count()) {
			fprintf(stderr, WHO ": interrupted: kernel %u of %u (%s) and those after it not started\n",
				i + 1, nr, kernels[i].spec);
			return EXIT_INTERRUPTED;
		}
		if (nr > 1 && !o->quiet)
			fprintf(stderr, "ksbench: kernel %u of %u: %s\n", i + 1, nr, kernels[i].spec);
		vm_kernel_tag(&kernels[i], tag + 1, sizeof(tag) - 2);
		tag[0] = '[';
		strcat(tag, "]");
		status[i] = run_vm_kernel(o, hf, &kernels[i], paths[i], nr > 1 ? tag : NULL);
		if (status[i] > worst)
			worst = status[i];
		if (status[i] == EXIT_INTERRUPTED)
			break;
	}
	return worst;
}

int run_vm(const struct run_opts *o, const struct host_facts *hf)
{
	struct vm_kernel *kernels = calloc(VM_KERNEL_SPECS_MAX, sizeof(*kernels));
	char (*paths)[PATH_MAX] = calloc(VM_KERNEL_SPECS_MAX, PATH_MAX);
	int status[VM_KERNEL_SPECS_MAX], worst = 0, ret;
	char tag[256], index[PATH_MAX];
	unsigned int i, nr = 0;

	if (!kernels || !paths) {
		fprintf(stderr, WHO ": out of memory\n");
		ret = 1;
		goto out;
	}
	ret = vm_test_guard(WHO);
	if (!ret)
		ret = resolve_kernels(o, kernels, &nr);
	for (i = 0; !ret && i < nr; i++) {
		vm_kernel_tag(&kernels[i], tag, sizeof(tag));
		ret = nr == 1 ? run_output_path(o, kernels[i].release, paths[i], PATH_MAX) :
		      run_kernel_output_path(o, tag, paths[i], PATH_MAX);
		status[i] = -1;
	}
	if (!ret && nr > 1)
		ret = run_index_path(o, index, sizeof(index));
	if (!ret)
		warn_overcommit(o->cpus.count[o->cpus.nr - 1], hf->online_cpus);
	/* a stop signal between kernels: the next is not started */
	interrupt_catch();
	if (!ret)
		worst = o->boots > 1 ? run_vm_boots(o, hf, kernels, paths, status, nr) :
				       run_kernels(o, hf, kernels, paths, status, nr);
	if (!ret && nr > 1) {
		write_index(o, kernels, paths, status, nr, index);
		ret = worst;
	} else if (!ret) {
		ret = status[0] < 0 ? worst : status[0];
	}
	interrupt_release();
out:
	free(kernels);
	free(paths);
	return ret;
}
