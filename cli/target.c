// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cmd.h"
#include "fsutil.h"
#include "kmod_ctl.h"
#include "paths.h"
#include "scratch.h"
#include "sysinfo.h"
#include "target.h"
#include "vm.h"

#define GUEST_PRINT_OUTPUT	"/tmp/ksbench-output.txt"
#define GUEST_PRINT_TIMEOUT_S	300	/* boot a debug kernel under TCG, print */
#define PRINT_OUTPUT_MAX	(1u << 20)

static const char *running_release(void)
{
	static struct utsname u;

	return uname(&u) ? "unknown" : u.release;
}

void target_auto_plan(struct auto_plan *plan)
{
	char err[512];

	plan->action = AUTO_VM;
	plan->module[0] = plan->why[0] = '\0';
	if (!kmod_host_ready(err, sizeof(err))) {
		plan->action = AUTO_HOST;
		return;
	}
	if (geteuid() != 0) {
		/* loaded here but not ours to use: the host target says root-only */
		if (!access("/sys/module/ksbench", F_OK))
			plan->action = AUTO_HOST;
		else
			snprintf(plan->why, sizeof(plan->why), "not running as root");
		return;
	}
	ksb_module_path(running_release(), plan->module, sizeof(plan->module));
	if (access(plan->module, R_OK))
		snprintf(plan->why, sizeof(plan->why),
			 "ksbench.ko is not loaded and %s does not exist", plan->module);
	else if (!sysinfo_modules_enabled())
		snprintf(plan->why, sizeof(plan->why),
			 "ksbench.ko is not loaded and module loading is disabled (/proc/sys/kernel/modules_disabled)");
	else
		plan->action = AUTO_LOAD;
}

enum target target_auto_settle(const struct auto_plan *plan, bool quiet)
{
	const char *why = plan->why;
	char err[1024];

	if (plan->action == AUTO_HOST)
		return TARGET_HOST;
	if (plan->action == AUTO_LOAD) {
		if (!kmod_load(plan->module, err, sizeof(err)) &&
		    !kmod_host_ready(err, sizeof(err))) {
			if (!quiet)
				fprintf(stderr, "ksbench: loaded %s\n", plan->module);
			return TARGET_HOST;
		}
		why = err;
	}
	fprintf(stderr, "ksbench: the host cannot run the module (%s); using the VM target\n",
		why);
	return TARGET_VM;
}

enum target target_pick(enum target requested, const char *kernel, bool quiet)
{
	struct auto_plan plan;

	if (requested != TARGET_AUTO)
		return requested;
	if (kernel)
		return TARGET_VM;
	target_auto_plan(&plan);
	return target_auto_settle(&plan, quiet);
}

int target_check_kernel(const char *who, enum target target, const char *kernel)
{
	if (kernel && target == TARGET_HOST) {
		fprintf(stderr, "%s: --kernel: applies to the VM target only (--target=vm)\n",
			who);
		return EXIT_USAGE;
	}
	return 0;
}

/*
 * A failed run's console log, kept for the message: moved out of the
 * scratch directory (removed next) into $TMPDIR as ksbench-XXXXXX.console.log.
 */
static void keep_log(char *log, size_t len)
{
	const char *dir = getenv("TMPDIR");
	char kept[PATH_MAX];
	int fd;

	snprintf(kept, sizeof(kept), "%s/ksbench-XXXXXX.console.log", dir && *dir ? dir : "/tmp");
	fd = mkstemps(kept, (int)strlen(".console.log"));
	if (fd < 0)
		return;
	close(fd);
	if (rename(log, kept)) {
		unlink(kept);
		return;
	}
	snprintf(log, len, "%s", kept);
}

static int print_file(const char *path, FILE *to)
{
	char err[256], *text;

	if (fs_read_file(path, PRINT_OUTPUT_MAX, &text, NULL, err, sizeof(err)))
		return -1;
	fputs(text, to);
	free(text);
	return 0;
}

/* The VM's outcome as an exit status, with a message when it failed. */
static int vm_print_status(const char *who, int rc, const char *err,
			   const struct vm_outcome *out, const char *output,
			   const char *log)
{
	if (out->interrupted) {
		fprintf(stderr, "%s: interrupted\n", who);
		return EXIT_INTERRUPTED;
	}
	if (out->timed_out) {
		fprintf(stderr, "%s: the VM did not finish within %d s; console log: %s\n",
			who, GUEST_PRINT_TIMEOUT_S, log);
		return 1;
	}
	if (!out->output_received || print_file(output, out->guest_status ? stderr : stdout)) {
		fprintf(stderr, "%s: nothing came back from the VM%s%s; console log: %s\n",
			who, rc ? ": " : "", rc ? err : "", log);
		return 1;
	}
	if (out->console_issues) {
		fprintf(stderr, "%s: the guest console shows %u problem line(s), first: %s; console log: %s\n",
			who, out->console_issues, out->first_issue, log);
		return 1;
	}
	if (rc || out->guest_status) {
		fprintf(stderr, "%s: %s (guest status %d); console log: %s\n", who,
			rc ? err : "the command failed in the VM", out->guest_status, log);
		return out->guest_status == EXIT_USAGE ? EXIT_USAGE : 1;
	}
	return 0;
}

int target_vm_print(const char *who, const char *kernel_spec,
		    const char *args, bool quiet)
{
	char err[1024], output[PATH_MAX + 32], log[PATH_MAX + 32], shell[512];
	const char *argv[] = { "/bin/sh", "-c", shell, NULL };
	struct vm_outcome out = { .guest_status = -1 };
	struct vm_kernel kernel;
	struct vm_request req = {
		.kernel = &kernel, .smp = 1, .timeout_s = GUEST_PRINT_TIMEOUT_S,
		.load_module = true, .guest_argv = argv,
		.guest_output = GUEST_PRINT_OUTPUT, .host_output = output,
		.console_log = log, .quiet = quiet,
	};
	char scratch[PATH_MAX];
	int rc, status;

	if (vm_test_guard(who))
		return 1;
	if (vm_resolve_kernel(kernel_spec, &kernel, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", who, err);
		return 1;
	}
	if (scratch_dir_create(scratch, sizeof(scratch), err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", who, err);
		return 1;
	}
	snprintf(output, sizeof(output), "%s/output.txt", scratch);
	snprintf(log, sizeof(log), "%s/console.log", scratch);
	/* Both streams come back, so the guest's own message is shown. */
	snprintf(shell, sizeof(shell), "/bin/ksbench %s --target=host > %s 2>&1",
		 args, GUEST_PRINT_OUTPUT);
	rc = vm_run(&req, &out, err, sizeof(err));
	if (!out.interrupted && (rc || out.timed_out || out.console_issues ||
				 !out.output_received || out.guest_status))
		keep_log(log, sizeof(log));
	status = vm_print_status(who, rc, err, &out, output, log);
	scratch_dir_remove(scratch, NULL, 0);
	return status;
}

int target_check_spec(const char *who, const char *spec)
{
	char base[256], params[256], err[512];

	if (strchr(spec, ',')) {
		fprintf(stderr, "%s: --kernel: one kernel here, not a list\n", who);
		return -1;
	}
	if (vm_spec_split(spec, base, sizeof(base), params, sizeof(params), err, sizeof(err))) {
		fprintf(stderr, "%s: --kernel: %s\n", who, err);
		return -1;
	}
	return 0;
}

int target_opts_take(const char *who, int c, struct target_opts *t)
{
	char err[256];

	switch (c) {
	case 't':
		if (parse_target(optarg, &t->target, err, sizeof(err))) {
			fprintf(stderr, "%s: --target: %s\n", who, err);
			return -1;
		}
		return 1;
	case 'k':
		if (target_check_spec(who, optarg))
			return -1;
		t->kernel = optarg;
		return 1;
	case 'q':
		t->quiet = true;
		return 1;
	default:
		return 0;
	}
}

int target_opts_done(const char *who, int argc, char **argv,
		     const struct target_opts *t)
{
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", who, argv[optind]);
		return -1;
	}
	return target_check_kernel(who, t->target, t->kernel) ? -1 : 0;
}
