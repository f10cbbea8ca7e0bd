// SPDX-License-Identifier: GPL-2.0
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "parse.h"
#include "sysinfo.h"

#define CPUINFO		"/proc/cpuinfo"
#define CPUS_ONLINE	"/sys/devices/system/cpu/online"
#define MODULES_DISABLED "/proc/sys/kernel/modules_disabled"
#define CMDLINE		"/proc/cmdline"
#define CLOCKSOURCE	"/sys/devices/system/clocksource/clocksource0/current_clocksource"

/* "model name\t: QEMU Virtual CPU" -> value of the named field, or NULL. */
static const char *cpuinfo_value(const char *line, const char *field)
{
	size_t len = strlen(field);

	if (strncmp(line, field, len) || (line[len] != '\t' && line[len] != ' ' &&
					  line[len] != ':'))
		return NULL;
	line = strchr(line, ':');
	return line ? line + 1 + strspn(line + 1, " \t") : NULL;
}

static bool has_word(const char *list, const char *word)
{
	size_t len = strlen(word);
	const char *p;

	for (p = strstr(list, word); p; p = strstr(p + 1, word))
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' ||
		    p[len] == '\n' || !p[len]))
			return true;
	return false;
}

/* The first CPU's model name and flags stand for all of them. */
static void read_cpuinfo(struct host_facts *hf)
{
	char line[4096];
	const char *v;
	bool model = false, flags = false;
	FILE *f = fopen(CPUINFO, "re");

	if (!f)
		return;
	while ((!model || !flags) && fgets(line, sizeof(line), f)) {
		if (!model && (v = cpuinfo_value(line, "model name"))) {
			snprintf(hf->cpu_model, sizeof(hf->cpu_model), "%.*s",
				 (int)strcspn(v, "\n"), v);
			model = true;
		} else if (!flags && (v = cpuinfo_value(line, "flags"))) {
			hf->virtualized = has_word(v, "hypervisor");
			flags = true;
		}
	}
	fclose(f);
}

static void read_online_cpus(struct host_facts *hf)
{
	char list[4096];
	long n;

	if (!fs_read_line(CPUS_ONLINE, list, sizeof(list)) &&
	    !parse_cpulist(list, &hf->online_cpus, &hf->online_prefix))
		return;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	hf->online_cpus = hf->online_prefix = n > 0 ? (unsigned int)n : 1;
}

static void read_preempt_live(struct host_facts *hf, const char *debugfs)
{
	char path[PATH_MAX], line[256];

	snprintf(path, sizeof(path), "%s/sched/preempt", debugfs);
	if (fs_read_line(path, line, sizeof(line)) ||
	    parse_preempt_live(line, hf->preempt_live, sizeof(hf->preempt_live)))
		hf->preempt_live[0] = '\0';
}

/* The first line without trailing blanks (/proc/cmdline ends in one); "" unknown. */
static void read_trimmed(const char *path, char *buf, size_t len)
{
	size_t n;

	if (fs_read_line(path, buf, len)) {
		buf[0] = '\0';
		return;
	}
	for (n = strlen(buf); n && (buf[n - 1] == ' ' || buf[n - 1] == '\t'); n--)
		buf[n - 1] = '\0';
}

/*
 * tsc-early is the TSC before the kernel's refined calibration, which
 * registers "tsc" about a second after the boot's device initcalls and may
 * move tsc_khz by up to 1% (arch/x86/kernel/tsc.c): a guest that starts a
 * run that early would measure with the old scale and record tsc-early.
 * Wait for it, a few seconds at most.
 */
#define CLOCKSOURCE_SETTLE_MS	3000
#define CLOCKSOURCE_POLL_MS	50

static void read_settled_clocksource(char *buf, size_t len)
{
	const struct timespec poll = { .tv_nsec = CLOCKSOURCE_POLL_MS * 1000000L };
	unsigned int waited;

	read_trimmed(CLOCKSOURCE, buf, len);
	for (waited = 0; !strcmp(buf, "tsc-early") && waited < CLOCKSOURCE_SETTLE_MS;
	     waited += CLOCKSOURCE_POLL_MS) {
		nanosleep(&poll, NULL);
		read_trimmed(CLOCKSOURCE, buf, len);
	}
}

void sysinfo_read(struct host_facts *hf, const char *debugfs)
{
	struct utsname u;

	memset(hf, 0, sizeof(*hf));
	snprintf(hf->kernel_release, sizeof(hf->kernel_release), "unknown");
	snprintf(hf->cpu_model, sizeof(hf->cpu_model), "unknown");
	if (!uname(&u)) {
		snprintf(hf->kernel_release, sizeof(hf->kernel_release), "%s", u.release);
		snprintf(hf->kernel_version, sizeof(hf->kernel_version), "%s", u.version);
	}
	read_cpuinfo(hf);
	read_online_cpus(hf);
	read_preempt_live(hf, debugfs);
	/*
	 * Both change timings: boot options (mitigations=, nohz_full=, a
	 * preempt= model) and the clock (an hpet read costs ~10x a tsc one).
	 */
	read_trimmed(CMDLINE, hf->cmdline, sizeof(hf->cmdline));
	read_settled_clocksource(hf->clocksource, sizeof(hf->clocksource));
}

bool sysinfo_modules_enabled(void)
{
	char line[16];

	return fs_read_line(MODULES_DISABLED, line, sizeof(line)) ||
	       !strcmp(line, "0");
}
