/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scratch directories in $TMPDIR (or /tmp), named after the process that
 * owns them: ksbench.<pid>.XXXXXX. A run removes its own on every path it
 * can catch; SIGKILL leaves one behind, and the next ksbench to create one
 * reclaims it: a directory of this user whose pid is no longer alive and
 * whose lock file (.lock, flock'ed by its owner while it lives) no live
 * process holds. A live run's directory is never touched.
 */
#ifndef KSB_SCRATCH_H
#define KSB_SCRATCH_H

#include <stddef.h>

#define SCRATCH_PREFIX	"ksbench."

/* Reclaims stale ones, then creates one. 0, or -1 with a message. */
int scratch_dir_create(char *dir, size_t len, char *err, size_t errlen);

/* Removes the files in dir (no subdirectories expected) and dir. 0 or -1. */
int scratch_dir_remove(const char *dir, char *err, size_t errlen);

/* Removes the scratch directories of dead processes; returns how many. */
unsigned int scratch_dir_reclaim(void);

/* The pid in a scratch directory's name, or 0 when name is not one. Pure. */
long scratch_dir_pid(const char *name);

#endif
