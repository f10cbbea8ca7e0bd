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

/*
 * ${XDG_CACHE_HOME:-$HOME/.cache}/ksbench into buf (not created): the KVM
 * verdict and the debug kernel live there, outside any checkout. -1 when
 * neither variable is set or the path does not fit.
 */
int ksb_cache_dir(char *buf, size_t len);

#endif
