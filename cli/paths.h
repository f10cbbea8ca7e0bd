/* SPDX-License-Identifier: GPL-2.0 */
/* Where ksbench finds its own files (built modules, the static CLI). */
#ifndef KSB_PATHS_H
#define KSB_PATHS_H

#include <stddef.h>

/*
 * The project root: $KSBENCH_ROOT, else the parent of the directory that
 * holds the running executable (cli/ksbench -> the checkout).
 */
const char *ksb_root(void);

/* <root>/build/kmod/<release>/ksbench.ko into buf; returns buf. */
char *ksb_module_path(const char *release, char *buf, size_t len);

#endif
