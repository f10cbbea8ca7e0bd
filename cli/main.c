// SPDX-License-Identifier: GPL-2.0
/* ksbench: entry point and command table. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "opt_error.h"
#include "version.h"

static const struct cmd commands[] = {
	{ "list", cmd_list, "list the workloads the module offers" },
	{ "run",  cmd_run,  "run workloads over CPU counts and write JSON" },
	{ "show", cmd_show, "print the summary of a result file" },
	{ "compare", cmd_compare, "compare result files against a baseline, point by point" },
	{ "info", cmd_info, "print module, kernel and machine facts" },
	{ "vm",   cmd_vm,   "boot a kernel in qemu and run a command there" },
	{ "export", cmd_export, "write result files as data tables (dat, csv)" },
	{ "plot", cmd_plot, "chart result files with gnuplot (PNG and SVG)" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: ksbench <command> [options]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-7s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'ksbench <command> --help' describes a command's options.\n");
}

int main(int argc, char **argv)
{
	char name[80], who[96];
	size_t i;

	if (argc < 2) {
		fprintf(stderr, "ksbench: no command given (ksbench --help lists them)\n");
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("ksbench %s\n", KSB_VERSION);
		return 0;
	}
	/* every command says itself, in one line, what getopt refused */
	opterr = 0;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		snprintf(who, sizeof(who), "ksbench %s", commands[i].name);
		/* a guest command (ksbench vm -- ...) is not ours: vm checks its options */
		if (strcmp(commands[i].name, "vm") && opt_check_args(who, argc - 1, argv + 1))
			return EXIT_USAGE;
		return commands[i].fn(argc - 1, argv + 1);
	}
	opt_quote(argv[1], name, sizeof(name));
	fprintf(stderr, "ksbench: unknown command '%s' (ksbench --help lists them)\n", name);
	return EXIT_USAGE;
}
