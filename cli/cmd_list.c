// SPDX-License-Identifier: GPL-2.0
/* ksbench list: the workloads the module offers. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cmd.h"
#include "opt_error.h"
#include "kmod_ctl.h"
#include "module_text.h"
#include "parse.h"
#include "target.h"

#define WHO "ksbench list"

static const struct option list_options[] = {
	{ "target", required_argument, NULL, 't' },
	{ "kernel", required_argument, NULL, 'k' },
	{ "quiet",  no_argument,       NULL, 'q' },
	{ "help",   no_argument,       NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void list_usage(FILE *f)
{
	fprintf(f,
		"usage: ksbench list [--target=host|vm|auto] [--kernel=SPEC] [-q]\n"
		"\n"
		"  --target=T     where to ask: host (the loaded module), vm (boot a\n"
		"                 kernel in qemu), auto (the host when it can run the\n"
		"                 module, else the VM, saying why in one line) [auto]\n"
		"  --kernel=SPEC  the VM's kernel: generic, rt, a release or an image\n"
		"  -q, --quiet    no VM progress lines\n");
}

static void print_workloads(struct json_object *list)
{
	size_t i, n = json_object_array_length(list), width = strlen("workload");
	struct json_object *w;

	for (i = 0; i < n; i++) {
		w = json_object_array_get_idx(list, i);
		if (strlen(mt_str(w, "name")) > width)
			width = strlen(mt_str(w, "name"));
	}
	printf("%-*s  %-8s  %s\n", (int)width, "workload", "kind", "description");
	for (i = 0; i < n; i++) {
		w = json_object_array_get_idx(list, i);
		printf("%-*s  %-8s  %s\n", (int)width, mt_str(w, "name"),
		       mt_str(w, "kind"), mt_str(w, "description"));
		/* under the description: what the primitive is on this kernel */
		if (mt_str(w, "rt_note"))
			printf("%-*s  %-8s  PREEMPT_RT: %s\n", (int)width, "", "",
			       mt_str(w, "rt_note"));
		if (mt_str(w, "unavailable"))
			printf("%-*s  %-8s  unavailable on this kernel: %s\n", (int)width, "", "",
			       mt_str(w, "unavailable"));
	}
}

static int list_host(void)
{
	struct json_object *list;
	char err[1024];

	if (kmod_host_ready(err, sizeof(err)) ||
	    kmod_read_workloads(&list, err, sizeof(err))) {
		fprintf(stderr, WHO ": %s\n", err);
		return 1;
	}
	print_workloads(list);
	json_object_put(list);
	return 0;
}

int cmd_list(int argc, char **argv)
{
	static char prog[] = WHO;	/* getopt's messages name argv[0] */
	struct target_opts t = { .target = TARGET_AUTO };
	int c, taken;

	argv[0] = prog;
	static unsigned char seen[OPT_SEEN_MAX];	/* each option once */
	while ((c = getopt_long(argc, argv, "qh", list_options, NULL)) != -1) {
		if (c != '?' && opt_once(WHO, c, argv, seen))
			return EXIT_USAGE;
		taken = target_opts_take(WHO, c, &t);
		if (taken < 0)
			return EXIT_USAGE;
		if (taken)
			continue;
		if (c == 'h') {
			list_usage(stdout);
			return 0;
		}
		return opt_error(WHO, argv, list_options);
	}
	if (target_opts_done(WHO, argc, argv, &t))
		return EXIT_USAGE;
	if (target_pick(t.target, t.kernel, t.quiet) == TARGET_VM)
		return target_vm_print(WHO, t.kernel, "list", t.quiet);
	return list_host();
}
