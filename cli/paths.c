// SPDX-License-Identifier: GPL-2.0
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"

const char *ksb_root(void)
{
	static char root[PATH_MAX];
	char exe[PATH_MAX];
	const char *env = getenv("KSBENCH_ROOT");
	ssize_t n;

	if (root[0])
		return root;
	if (env && *env) {
		snprintf(root, sizeof(root), "%s", env);
		return root;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		snprintf(root, sizeof(root), ".");
		return root;
	}
	exe[n] = '\0';
	/* <root>/cli/ksbench: strip the file, then the cli directory. */
	snprintf(root, sizeof(root), "%s", dirname(dirname(exe)));
	return root;
}

char *ksb_module_path(const char *release, char *buf, size_t len)
{
	snprintf(buf, len, "%s/build/kmod/%s/ksbench.ko", ksb_root(), release);
	return buf;
}

int ksb_cache_dir(char *buf, size_t len)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && *xdg)
		n = snprintf(buf, len, "%s/ksbench", xdg);
	else if (home && *home)
		n = snprintf(buf, len, "%s/.cache/ksbench", home);
	else
		return -1;
	return n < (int)len ? 0 : -1;
}
