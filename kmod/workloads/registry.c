// SPDX-License-Identifier: GPL-2.0
/* Every workload the module offers: adding one is one line here. */
#include <linux/kernel.h>
#include <linux/string.h>

#include "workloads.h"

static const struct ksb_workload *const ksb_workloads[] = {
	&ksb_none_ops,
	&ksb_spinlock_ops,
	&ksb_mutex_ops,
};

const struct ksb_workload *ksb_workload_at(unsigned int i)
{
	return i < ARRAY_SIZE(ksb_workloads) ? ksb_workloads[i] : NULL;
}

const struct ksb_workload *ksb_workload_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ksb_workloads); i++)
		if (!strcmp(ksb_workloads[i]->name, name))
			return ksb_workloads[i];
	return NULL;
}
