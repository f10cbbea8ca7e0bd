// SPDX-License-Identifier: GPL-2.0
/* ksbench info: module, kernel and machine facts. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <json-c/json.h>

#include "cmd.h"
#include "opt_error.h"
#include "kmod_ctl.h"
#include "module_text.h"
#include "parse.h"
#include "result.h"
#include "sysinfo.h"
#include "target.h"
#include "version.h"

#define WHO "ksbench info"

static const struct option info_options[] = {
	{ "json",   no_argument,       NULL, 'j' },
	{ "target", required_argument, NULL, 't' },
	{ "kernel", required_argument, NULL, 'k' },
	{ "quiet",  no_argument,       NULL, 'q' },
	{ "help",   no_argument,       NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void info_usage(FILE *f)
{
	fprintf(f,
		"usage: ksbench info [--json] [--target=host|vm|auto] [--kernel=SPEC] [-q]\n"
		"\n"
		"  --json         one JSON object: tool, module (its info file), host\n"
		"  --target=T     host (the loaded module), vm, or auto: the host when it\n"
		"                 can run the module, else the VM, saying why [auto]\n"
		"  --kernel=SPEC  the VM's kernel: generic, rt, a release or an image\n"
		"  -q, --quiet    no VM progress lines\n"
		"\n"
		"With --target=host and no module, prints the host's facts and exits 1.\n");
}

#define ROW "  %-20s %s\n"

static void print_text(const struct host_facts *hf, const struct module_text *info,
		       bool have_module)
{
	if (have_module) {
		printf("module (%s/%s/info):\n", kmod_debugfs(), KSB_DEBUGFS_DIR);
		json_object_object_foreach(info->fields, key, val)
			printf(ROW, key, json_object_get_string(val));
	}
	printf("host:\n");
	printf(ROW, "kernel_release", hf->kernel_release);
	printf(ROW, "kernel_version", hf->kernel_version);
	printf(ROW, "cpu_model", hf->cpu_model);
	printf("  %-20s %u\n", "online_cpus", hf->online_cpus);
	printf(ROW, "virtualized", hf->virtualized ? "yes" : "no");
	printf(ROW, "preempt_live", hf->preempt_live[0] ? hf->preempt_live : "unknown");
	printf(ROW, "ksbench", KSB_VERSION);
}

static void print_json(const struct host_facts *hf, const struct module_text *info,
		       bool have_module)
{
	struct json_object *doc = json_object_new_object();
	struct json_object *tool = json_object_new_object();

	json_object_object_add(tool, "version", json_object_new_string(KSB_VERSION));
	json_object_object_add(doc, "tool", tool);
	json_object_object_add(doc, "module",
			       have_module ? json_object_get(info->fields) : NULL);
	json_object_object_add(doc, "host", result_host_new("host", hf, info));
	printf("%s\n", json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
						      JSON_C_TO_STRING_SPACED |
						      JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(doc);
}

static int info_host(bool json)
{
	struct module_text info = { .fields = NULL };
	struct host_facts hf;
	char err[1024];
	bool have_module;

	sysinfo_read(&hf, kmod_debugfs());
	have_module = !kmod_host_ready(err, sizeof(err)) &&
		      !kmod_read_info(&info, err, sizeof(err));
	if (!have_module)
		info.fields = json_object_new_object();	/* facts unknown */
	if (json)
		print_json(&hf, &info, have_module);
	else
		print_text(&hf, &info, have_module);
	module_text_free(&info);
	if (have_module)
		return 0;
	fprintf(stderr, WHO ": %s\n", err);
	return 1;
}

int cmd_info(int argc, char **argv)
{
	static char prog[] = WHO;	/* getopt's messages name argv[0] */
	struct target_opts t = { .target = TARGET_AUTO };
	bool json = false;
	int c, taken;

	argv[0] = prog;
	static unsigned char seen[OPT_SEEN_MAX];	/* each option once */
	while ((c = getopt_long(argc, argv, "qh", info_options, NULL)) != -1) {
		if (c != '?' && opt_once(WHO, c, argv, seen))
			return EXIT_USAGE;
		taken = target_opts_take(WHO, c, &t);
		if (taken < 0)
			return EXIT_USAGE;
		if (taken)
			continue;
		if (c == 'j') {
			json = true;
		} else if (c == 'h') {
			info_usage(stdout);
			return 0;
		} else {
			return opt_error(WHO, argv, info_options);
		}
	}
	if (target_opts_done(WHO, argc, argv, &t))
		return EXIT_USAGE;
	if (target_pick(t.target, t.kernel, t.quiet) == TARGET_VM)
		return target_vm_print(WHO, t.kernel, json ? "info --json" : "info", t.quiet);
	return info_host(json);
}
