// SPDX-License-Identifier: GPL-2.0
/* --kernel=LIST and --kernel-cmdline as text: split, checked, named (vm.h). */
#include <stdio.h>
#include <string.h>

#include "vm.h"

#define PARAM_CHARS	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" \
			"0123456789_-=.+/@%"

#define RELEASE_CHARS	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+~-"

int vm_spec_split(const char *spec, char *base, size_t baselen,
		  char *params, size_t paramslen, char *err, size_t errlen)
{
	const char *colon = strchr(spec, ':'), *p, *end;
	size_t used = 0;

	if (!colon)
		colon = spec + strlen(spec);
	if (colon == spec || (size_t)(colon - spec) >= baselen) {
		snprintf(err, errlen, "kernel '%s': no kernel before the boot parameters", spec);
		return -1;
	}
	snprintf(base, baselen, "%.*s", (int)(colon - spec), spec);
	/* a name (generic, rt, debug, a release) is a release's characters; a path any */
	if (!strchr(base, '/') && strspn(base, RELEASE_CHARS) < strlen(base)) {
		snprintf(err, errlen, "kernel '%s': not generic, rt, debug, a release name "
			 "(letters, digits and ._+~-) or a path", base);
		return -1;
	}
	params[0] = '\0';
	for (p = colon; *p; p = end) {
		p++;
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		if (end == p || strspn(p, PARAM_CHARS) < (size_t)(end - p)) {
			snprintf(err, errlen, "kernel '%s': '%.*s' is not a boot parameter "
				 "(letters, digits and _-=.+/@%% only; --kernel-cmdline takes any)",
				 spec, (int)(end - p), p);
			return -1;
		}
		if (used + (size_t)(end - p) + 2 > paramslen) {
			snprintf(err, errlen, "kernel '%s': boot parameters too long", spec);
			return -1;
		}
		used += (size_t)snprintf(params + used, paramslen - used, "%s%.*s",
					 used ? " " : "", (int)(end - p), p);
	}
	return 0;
}

int vm_split_kernel_list(const char *list, char *buf, size_t buflen,
			 const char **specs, unsigned int *nr,
			 char *err, size_t errlen)
{
	char *s, *save = NULL, base[PATH_MAX], params[256];
	unsigned int i;

	*nr = 0;
	if (snprintf(buf, buflen, "%s", list) >= (int)buflen) {
		snprintf(err, errlen, "the kernel list is too long");
		return -1;
	}
	if (!*buf || *buf == ',' || buf[strlen(buf) - 1] == ',' || strstr(buf, ",,")) {
		snprintf(err, errlen, "'%s': an empty kernel in the list", list);
		return -1;
	}
	for (s = strtok_r(buf, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
		if (*nr == VM_KERNEL_SPECS_MAX) {
			snprintf(err, errlen, "more than %d kernels", VM_KERNEL_SPECS_MAX);
			return -1;
		}
		if (vm_spec_split(s, base, sizeof(base), params, sizeof(params), err, errlen))
			return -1;
		for (i = 0; i < *nr; i++)
			if (!strcmp(specs[i], s)) {
				snprintf(err, errlen, "kernel '%s' is listed twice", s);
				return -1;
			}
		specs[(*nr)++] = s;
	}
	return 0;
}

void vm_kernel_tag(const struct vm_kernel *k, char *buf, size_t len)
{
	static const char keep[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789._=+-";
	char *p;

	if (strchr(k->spec, '/'))
		snprintf(buf, len, "%s%s%s", k->release, k->params[0] ? "-" : "", k->params);
	else
		snprintf(buf, len, "%s", k->spec);
	for (p = buf; *p; p++)
		if (!strchr(keep, *p))
			*p = '-';
}

int vm_check_cmdline_extra(const char *s, char *err, size_t errlen)
{
	const char *p;

	if (strlen(s) > VM_CMDLINE_EXTRA_MAX) {
		snprintf(err, errlen, "longer than %d characters", VM_CMDLINE_EXTRA_MAX);
		return -1;
	}
	for (p = s; *p; p++)
		if (*p < ' ' || *p > '~') {
			snprintf(err, errlen, "character %d at offset %zu is not printable ASCII",
				 (unsigned char)*p, (size_t)(p - s));
			return -1;
		}
	return 0;
}
