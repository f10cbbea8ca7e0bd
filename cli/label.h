/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How a result file is named where several meet: compare's columns, plot
 * keys and titles. One place, so a table and a chart call a kernel alike.
 */
#ifndef KSB_LABEL_H
#define KSB_LABEL_H

#include <stddef.h>

struct json_object;

/*
 * The kernel that produced doc: host.kernel_release, then the boot-time
 * flavour (kernel.flavour, e.g. "preempt=full") when there is one, then
 * "debug" when host.debug is true: "6.1.0-56-amd64 preempt=full".
 * "unknown kernel" when the document names none.
 */
void label_kernel(struct json_object *doc, char *buf, size_t len);

/*
 * Where it ran: the CPU model, and for the VM target the accelerator and
 * the vCPUs: "AMD EPYC, VM tcg 4 vCPUs" (vm.host_cpu_model is the
 * machine's; host.cpu_model is what the guest saw).
 */
void label_host(struct json_object *doc, char *buf, size_t len);

/*
 * s as text that cannot act on what shows it (a terminal, a chart, a
 * table): every control character (C0, DEL, C1) and every byte that is not
 * part of valid UTF-8 becomes '?'; cut to fit len with "..." at the end.
 * NULL is "".
 */
void label_printable(const char *s, char *buf, size_t len);

#endif
