/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command table: one function and one file per subcommand, as git and
 * perf do. Each returns the process exit status: 0 success, 1 the command
 * ran but failed (a run error, an oracle failure), 2 bad usage.
 */
#ifndef KSB_CMD_H
#define KSB_CMD_H

#define EXIT_USAGE 2
#define EXIT_INTERRUPTED 130	/* 128 + SIGINT, as shells report it */

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

int cmd_list(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_vm(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_plot(int argc, char **argv);

#endif
