// SPDX-License-Identifier: GPL-2.0
/*
 * Which installed kernel a name means (vm.h): the newest /boot/vmlinuz-*
 * of a series, and the distribution's default one, under a root directory
 * ("/" in use, a fake tree in the unit tests).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm.h"

#define IMAGE_PREFIX	"vmlinuz-"
#define RT_MARK		"-rt-"
#define META_PACKAGE	"linux-image-amd64"
#define META_PACKAGE_RT	"linux-image-rt-amd64"
#define IMAGE_PACKAGE	"linux-image-"

bool vm_release_in_series(const char *release, const char *series)
{
	size_t n = strlen(series);

	/* 6.1.0-57-amd64 and 6.12.118+deb12-amd64: the series, then '.' */
	return n && !strncmp(release, series, n) &&
	       (release[n] == '.' || release[n] == '-' || release[n] == '+');
}

bool vm_series_spec(const char *name, char *series, size_t len, bool *rt)
{
	size_t digits, n;
	const char *p = name;

	digits = strspn(p, "0123456789");
	if (!digits || p[digits] != '.')
		return false;
	p += digits + 1;
	digits = strspn(p, "0123456789");
	if (!digits)
		return false;
	p += digits;
	*rt = !strcmp(p, "-rt");
	if (*p && !*rt)
		return false;
	n = (size_t)(p - name);
	if (n >= len)
		return false;
	snprintf(series, len, "%.*s", (int)n, name);
	return true;
}

int vm_installed_newest(const char *root, const char *series, bool rt,
			char *release, size_t len)
{
	char boot[PATH_MAX];
	const char *name;
	struct dirent *de;
	DIR *dir;

	release[0] = '\0';
	snprintf(boot, sizeof(boot), "%s/boot", root);
	dir = opendir(boot);
	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		if (strncmp(de->d_name, IMAGE_PREFIX, strlen(IMAGE_PREFIX)))
			continue;
		name = de->d_name + strlen(IMAGE_PREFIX);
		if (!*name || (strstr(name, RT_MARK) != NULL) != rt || strlen(name) >= len ||
		    (series && !vm_release_in_series(name, series)))
			continue;
		if (!release[0] || strverscmp(name, release) > 0)
			snprintf(release, len, "%s", name);
	}
	closedir(dir);
	return release[0] ? 0 : -1;
}

/* The release of PACKAGE's first dependency "linux-image-<release>", if installed. */
static int meta_dependency(FILE *status, const char *package, char *release, size_t len)
{
	char *line = NULL, *dep = NULL;
	bool ours = false, installed = false;
	size_t cap = 0;
	ssize_t n;
	int found = -1;

	while ((n = getline(&line, &cap, status)) >= 0) {
		line[strcspn(line, "\n")] = '\0';
		if (!line[0]) {
			ours = installed = false;
			free(dep);
			dep = NULL;
			continue;
		}
		if (!strncmp(line, "Package: ", 9))
			ours = !strcmp(line + 9, package);
		else if (ours && !strncmp(line, "Status: ", 8))
			installed = strstr(line, " installed") != NULL;
		else if (ours && !strncmp(line, "Depends: " IMAGE_PACKAGE, 9 + strlen(IMAGE_PACKAGE))) {
			free(dep);
			dep = strdup(line + 9 + strlen(IMAGE_PACKAGE));
		}
		if (ours && installed && dep) {
			dep[strcspn(dep, " ,|")] = '\0';
			if (*dep && strlen(dep) < len) {
				snprintf(release, len, "%s", dep);
				found = 0;
			}
			break;
		}
	}
	free(line);
	free(dep);
	return found;
}

int vm_installed_default(const char *root, bool rt, char *release, size_t len)
{
	char path[PATH_MAX], image[PATH_MAX];
	FILE *status;
	int found = -1;

	snprintf(path, sizeof(path), "%s/var/lib/dpkg/status", root);
	status = fopen(path, "r");
	if (status) {
		found = meta_dependency(status, rt ? META_PACKAGE_RT : META_PACKAGE, release, len);
		fclose(status);
	}
	if (!found) {
		snprintf(image, sizeof(image), "%s/boot/" IMAGE_PREFIX "%s", root, release);
		if (!access(image, R_OK))
			return 0;
	}
	return vm_installed_newest(root, NULL, rt, release, len);
}
