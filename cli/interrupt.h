/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SIGINT, SIGTERM and SIGHUP while the VM target works: counted instead
 * of killing the CLI, so every step can clean up its scratch space and
 * the first signal can be passed on to the guest's run (the second stops
 * the VM at once). Catching nests: only the outermost catch installs the
 * handlers and only its release restores them.
 */
#ifndef KSB_INTERRUPT_H
#define KSB_INTERRUPT_H

void interrupt_catch(void);
void interrupt_release(void);

/* Stop signals since the outermost catch. */
unsigned int interrupt_count(void);

/* The first of them (SIGINT, ...), or 0. */
int interrupt_first_signal(void);

#endif
