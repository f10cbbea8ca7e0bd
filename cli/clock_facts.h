/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's facts about locks and clocks on this boot, from its info
 * text, for the result's host section: the spinlock slow path in effect
 * (kernel_flags.spin_slowpath) and the cross-CPU clock check
 * (host.clock_check). docs/results-json.md has the fields.
 */
#ifndef KSB_CLOCK_FACTS_H
#define KSB_CLOCK_FACTS_H

struct json_object;
struct module_text;

/* Adds spin_slowpath and hypervisor_bit to kernel_flags (null: not reported). */
void clock_facts_add_flags(struct json_object *flags, const struct module_text *info);

/* {clock, duration_ns, cpus, reads, handovers, backward_steps, max_backward_ns}, or NULL. */
struct json_object *clock_facts_check_new(const struct module_text *info);

#endif
