// SPDX-License-Identifier: GPL-2.0
/*
 * ksbench run --target=vm --boots=N: every kernel booted N times, in
 * rounds (A1 B1 A2 B2 ...), so that a slow drift of the host falls on
 * every kernel alike. Each boot runs the whole sweep with its repeats;
 * each kernel's boots are merged into its one result file (boot_merge.h),
 * written once at the end. A boot that fails is recorded and the others
 * are kept; a stop signal between boots starts no further boot.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "boot_merge.h"
#include "cmd.h"
#include "interrupt.h"
#include "run.h"
#include "run_vm.h"
#include "vm.h"

#define WHO		RUN_WHO

/* One kernel's boots so far. */
struct kernel_boots {
	struct boot_merge merge;
	int worst;		/* the worst exit status of a boot */
	unsigned int failed;	/* boots whose points are not kept */
};

/* Why a boot gave nothing or is doubtful, for its record; "" when fine. */
static void boot_problem(const struct vm_boot *b, int verdict, char *buf, size_t len)
{
	buf[0] = '\0';
	if (b->out.interrupted)
		snprintf(buf, len, "interrupted: the VM was stopped");
	else if (verdict == EXIT_INTERRUPTED && b->doc)
		snprintf(buf, len, "interrupted: the guest's run kept its completed points");
	else if (verdict == EXIT_INTERRUPTED)
		snprintf(buf, len, "interrupted before its first point completed");
	else if (b->out.timed_out)
		snprintf(buf, len, "timed out: %.400s", b->err);
	else if (b->status && !b->out.output_received)
		snprintf(buf, len, "no result came back (guest status %d)%s%.400s",
			 b->out.guest_status, b->rc ? ": " : "", b->rc ? b->err : "");
	else if (b->status)
		snprintf(buf, len, "the guest's result was unusable or its flavour did not take");
	else if (b->out.console_issues)
		snprintf(buf, len, "the console shows %u problem line(s), first: %s",
			 b->out.console_issues, b->out.first_issue);
	else if (verdict && b->out.guest_status > 0)
		snprintf(buf, len, "the guest's run exited with status %d", b->out.guest_status);
}

/* "[rt, boot 2/3]" or "[boot 2/3]": the live progress line's prefix. */
static void boot_prefix(const struct vm_kernel *k, unsigned int nr, unsigned int boot,
			unsigned int boots, char *buf, size_t len)
{
	char tag[256];

	vm_kernel_tag(k, tag, sizeof(tag));
	if (nr > 1)
		snprintf(buf, len, "[%s, boot %u/%u]", tag, boot, boots);
	else
		snprintf(buf, len, "[boot %u/%u]", boot, boots);
}

/* Boot `boot` of kernel k; true when a stop signal ended it. */
static bool one_boot(const struct run_opts *o, const struct host_facts *hf,
		     const struct vm_kernel *k, const char *path, unsigned int nr,
		     unsigned int boot, struct kernel_boots *kb)
{
	char log[PATH_MAX], prefix[300], problem[512], err[256];
	struct vm_boot b;
	struct boot_record rec;
	bool stopped;
	int verdict;

	run_vm_boot_log_path(path, boot, log, sizeof(log));
	boot_prefix(k, nr, boot, o->boots, prefix, sizeof(prefix));
	run_vm_boot(o, hf, k, log, prefix, &b);
	stopped = run_vm_boot_stopped(&b);
	verdict = b.status ? b.status : stopped ? EXIT_INTERRUPTED :
		  run_vm_boot_verdict(&b, 0, path);
	boot_problem(&b, verdict, problem, sizeof(problem));
	rec = (struct boot_record) {
		.boot = boot, .started = b.started,
		.seconds = b.out.seconds > 0 ? b.out.seconds : -1, .console_log = log,
		.exit_status = verdict, .interrupted = stopped,
		.problem = problem[0] ? problem : NULL, .failed_boots = b.nr_failed,
	};
	if (!b.doc)
		kb->failed++;
	switch (boot_merge_add(&kb->merge, b.doc, &rec, err, sizeof(err))) {
	case 1:
		fprintf(stderr, WHO ": %s, boot %u: not kept: %s\n", k->spec, boot, err);
		kb->failed++;
		verdict = verdict ? verdict : 1;
		break;
	case -1:
		fprintf(stderr, WHO ": out of memory\n");
		verdict = 1;
		break;
	}
	if (!b.doc && !stopped)
		fprintf(stderr, WHO ": %s, boot %u of %u gave no points (%s); the other boots are kept\n",
			k->spec, boot, o->boots, problem[0] ? problem : "failed");
	if (verdict != EXIT_INTERRUPTED && verdict > kb->worst)
		kb->worst = verdict;
	return stopped;
}

/* The kernel's one file, from its kept boots; its exit status. */
static int finish_kernel(const struct run_opts *o, const struct vm_kernel *k,
			 struct kernel_boots *kb, const char *path, bool stopped)
{
	struct json_object *doc = boot_merge_finish(&kb->merge);
	int ret;

	if (!doc) {
		if (stopped)
			return EXIT_INTERRUPTED;
		fprintf(stderr, WHO ": %s: no boot gave a result: no result file\n", k->spec);
		return kb->worst ? kb->worst : 1;
	}
	if (kb->failed)
		fprintf(stderr, WHO ": %s: %u of %u boot(s) kept; \"boots\" in %s records each\n",
			k->spec, o->boots - kb->failed, o->boots, path);
	ret = run_finish(o, doc, path, stopped ? SWEEP_INTERRUPTED : SWEEP_COMPLETE);
	json_object_put(doc);
	return ret > kb->worst ? ret : kb->worst;
}

/* The round loop: true when a stop signal ended it. */
static bool run_rounds(const struct run_opts *o, const struct host_facts *hf,
		       const struct vm_kernel *kernels, char (*paths)[PATH_MAX],
		       struct kernel_boots *kb, unsigned int nr)
{
	unsigned int boot, i;

	for (boot = 1; boot <= o->boots; boot++) {
		for (i = 0; i < nr; i++) {
			if (interrupt_count()) {
				fprintf(stderr, WHO ": interrupted: boot %u of %u of %s and those after it not started\n",
					boot, o->boots, kernels[i].spec);
				return true;
			}
			if (!o->quiet && nr > 1)
				fprintf(stderr, "ksbench: kernel %u of %u, boot %u of %u: %s\n",
					i + 1, nr, boot, o->boots, kernels[i].spec);
			else if (!o->quiet)
				fprintf(stderr, "ksbench: boot %u of %u: %s\n", boot, o->boots,
					kernels[i].spec);
			if (one_boot(o, hf, &kernels[i], paths[i], nr, boot, &kb[i])) {
				fprintf(stderr, WHO ": interrupted in boot %u of %u of %s: no further boot started\n",
					boot, o->boots, kernels[i].spec);
				return true;
			}
			/* the guest refused the arguments: so would every boot */
			if (kb[i].worst == EXIT_USAGE)
				return false;
		}
	}
	return false;
}

int run_vm_boots(const struct run_opts *o, const struct host_facts *hf,
		 const struct vm_kernel *kernels, char (*paths)[PATH_MAX], int *status,
		 unsigned int nr)
{
	struct kernel_boots *kb = calloc(nr, sizeof(*kb));
	unsigned int i, ready = 0;
	int worst = 0;
	bool stopped;

	for (i = 0; kb && i < nr && !boot_merge_init(&kb[i].merge, o->boots); i++)
		ready++;
	if (!kb || ready < nr) {
		fprintf(stderr, WHO ": out of memory\n");
		for (i = 0; i < ready; i++)
			boot_merge_free(&kb[i].merge);
		free(kb);
		return 1;
	}
	stopped = run_rounds(o, hf, kernels, paths, kb, nr);
	for (i = 0; i < nr; i++) {
		status[i] = finish_kernel(o, &kernels[i], &kb[i], paths[i], stopped);
		if (status[i] > worst)
			worst = status[i];
	}
	free(kb);
	return worst;
}
