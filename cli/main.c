// SPDX-License-Identifier: GPL-2.0
/* ksbench: entry point and command table. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
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
	size_t i;

	if (argc < 2) {
		usage(stderr);
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
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "ksbench: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
