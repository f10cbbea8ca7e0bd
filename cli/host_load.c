// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "host_load.h"

/* user nice system idle iowait irq softirq steal: all but idle and iowait */
static double busy_seconds(void)
{
	unsigned long long v[8] = { 0 };
	long tick = sysconf(_SC_CLK_TCK);
	FILE *f = fopen("/proc/stat", "re");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2],
		   &v[3], &v[4], &v[5], &v[6], &v[7]);
	fclose(f);
	if (n < 7 || tick <= 0)
		return -1;
	return (double)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / (double)tick;
}

void host_load_mark(struct host_load_mark *m)
{
	struct rusage ru = { 0 };
	struct timespec ts;

	m->busy_s = busy_seconds();
	getrusage(RUSAGE_CHILDREN, &ru);
	m->children_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
			ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	m->wall_s = ts.tv_sec + ts.tv_nsec / 1e9;
}

double host_load_others(const struct host_load_mark *from, const struct host_load_mark *to)
{
	double wall = to->wall_s - from->wall_s, others;

	if (from->busy_s < 0 || to->busy_s < 0 || wall <= 0)
		return NAN;
	others = (to->busy_s - from->busy_s) - (to->children_s - from->children_s);
	/* the two clocks tick at different grains: never below none */
	return others > 0 ? others / wall : 0;
}

void host_load_describe(struct json_object *vm, double others, unsigned int host_cpus,
			unsigned int smp)
{
	double spare = host_cpus > smp ? host_cpus - smp : 0;

	if (!vm)
		return;
	json_object_object_add(vm, "host_others_cpus", isnan(others) ? NULL :
			       json_object_new_double(round(others * 100) / 100));
	if (!isnan(others) && others > spare + 0.25)
		fprintf(stderr, "ksbench: the host was busy: other work kept %.1f of its %u CPUs busy while the guest's %u vCPU%s ran, so vCPUs were preempted; handoffs and fair locks then measure the host's scheduler as much as the kernel (docs/rt-wakeup.md)\n",
			others, host_cpus, smp, smp == 1 ? "" : "s");
}
