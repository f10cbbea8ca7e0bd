// SPDX-License-Identifier: GPL-2.0
/* The console checker: kernel reports flagged, benign boot lines not. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "console.h"
#include "tmpdir.h"

struct flagged {
	const char *line;
	const char *label;
};

static void test_reports_are_flagged(void **state)
{
	static const struct flagged cases[] = {
		{ "[   48.123456] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [ksbench/1:123]",
		  "soft lockup" },
		{ "[   60.000000] NMI watchdog: Watchdog detected hard LOCKUP on cpu 1",
		  "hard lockup" },
		{ "[   30.1] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:", "RCU stall" },
		{ "[   30.1] rcu: INFO: rcu_sched self-detected stall on CPU", "RCU stall" },
		{ "[   30.1] INFO: rcu_tasks detected stalls on tasks:", "RCU stall" },
		{ "[  243.1] INFO: task rmmod:321 blocked for more than 120 seconds.", "hung task" },
		{ "[  665.0] irq 3: nobody cared (try booting with the \"irqpoll\" option)",
		  "unhandled interrupt" },
		{ "[    5.1] WARNING: possible recursive locking detected", "lockdep" },
		{ "[    5.1] WARNING: possible circular locking dependency detected", "lockdep" },
		{ "[    5.1] WARNING: inconsistent lock state", "lockdep" },
		{ "[    5.1] WARNING: suspicious RCU usage", "lockdep" },
		{ "[    5.1] WARNING: lock held when returning to user space!", "lockdep" },
		{ "[    5.1] WARNING: bad unlock balance detected!", "lockdep" },
		{ "[    5.1] DEBUG_LOCKS_WARN_ON(1)", "lockdep" },
		{ "[    5.1] BUG: KASAN: slab-out-of-bounds in ksb_run+0x12/0x40 [ksbench]",
		  "KASAN" },
		{ "[    5.1] unreferenced object 0xffff888003f3c000 (size 64):", "kmemleak" },
		{ "[    5.1] kmemleak: 2 new suspected memory leaks (see /sys/kernel/debug/kmemleak)",
		  "kmemleak" },
		{ "[    5.1] Kernel panic - not syncing: sysrq triggered crash", "panic" },
		{ "[    5.1] Oops: 0002 [#1] PREEMPT SMP NOPTI", "oops" },
		{ "[    5.1] general protection fault, probably for non-canonical address "
		  "0xdead000000000100: 0000 [#1] PREEMPT SMP NOPTI", "general protection fault" },
		{ "[    5.1] kernel BUG at mm/slub.c:379!", "BUG" },
		{ "[    5.1] BUG: sleeping function called from invalid context at "
		  "kernel/locking/mutex.c:580", "BUG" },
		{ "[    5.1] BUG: scheduling while atomic: ksbench/0/123/0x00000002", "BUG" },
		{ "[    5.1] WARNING: CPU: 1 PID: 123 at kernel/locking/mutex.c:582 "
		  "ksb_worker+0x1/0x2 [ksbench]", "WARNING" },
		{ "[    5.1] Out of memory: Killed process 99 (ksbench)", "out of memory" },
		{ "[    5.1] UBSAN: array-index-out-of-bounds in kmod/run.c:12:3", "UBSAN" },
		/* printk prefixes: caller id, syslog level, none at all */
		{ "[    5.100000][    T1] WARNING: CPU: 0 PID: 1 at init/main.c:1 x+0x0/0x1",
		  "WARNING" },
		{ "<4>[    5.1] WARNING: CPU: 0 PID: 1 at init/main.c:1 x+0x0/0x1", "WARNING" },
		{ "WARNING: CPU: 0 PID: 1 at init/main.c:1 x+0x0/0x1", "WARNING" },
		/* a kernel message starting mid-line, after unterminated user output */
		{ "ok - hold_ns rejects 2000000[   12.3] WARNING: CPU: 0 PID: 9 at x",
		  "WARNING" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *label = console_line_issue(cases[i].line);

		if (!label || strcmp(label, cases[i].label))
			fail_msg("'%s': got %s, want %s", cases[i].line,
				 label ? label : "nothing", cases[i].label);
	}
}

static void test_benign_lines_pass(void **state)
{
	/* Seen booting Debian 6.1 generic and rt under qemu, or their kind. */
	static const char *const benign[] = {
		"[    0.253303] RETBleed: WARNING: Spectre v2 mitigation leaves CPU vulnerable "
		"to RETBleed attacks, data leaks possible!",
		"[    0.2] Spectre V2 : WARNING: Unprivileged eBPF is enabled with eIBRS on, "
		"data leaks possible via Spectre v2 BHB attacks!",
		"[    0.032000] tsc: Unable to calibrate against PIT",
		"[    0.285138] APIC calibration not consistent with PM-Timer: 102ms instead of 100ms",
		"[    0.793083] mtrr: your CPUs had inconsistent fixed MTRR settings",
		"[    0.927220] acpi PNP0A03:00: fail to add MMCONFIG information, can't access "
		"extended PCI configuration space under this bridge.",
		"[    1.690181] Unstable clock detected, switching default tracing clock to \"global\"",
		"[    0.699216] PCI: Using host bridge windows from ACPI; if necessary, use "
		"\"pci=nocrs\" and report a bug",
		"[    0.990521] AMD-Vi: AMD IOMMUv2 functionality not available on this system - "
		"This is not a bug.",
		"[    3.1] clocksource: timekeeping watchdog on CPU1: Marking clocksource 'tsc' "
		"as unstable because the skew is too large:",
		"[    1.965478] ksbench: loading out-of-tree module taints kernel.",
		"[    0.0] kmemleak: Kernel memory leak detector initialized (mem pool available: 15682)",
		"[    0.0] kmemleak: Automatic memory scanning thread started",
		"[    0.0] Lock dependency validator: Copyright (c) 2006 Red Hat, Inc., Ingo Molnar",
		"[    0.0] Call Trace:",
		"[    0.0]  <TASK>",
		"[    0.0] ---[ end trace 0000000000000000 ]---",
		"[    2.074821] reboot: Power down",
		"ok - writing 7 to cpus fails and leaves it unchanged",
		"user output: WARNING: this is not the kernel",
		"",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(benign) / sizeof(benign[0]); i++) {
		const char *label = console_line_issue(benign[i]);

		if (label)
			fail_msg("'%s' flagged as %s", benign[i], label);
	}
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void test_check_file_counts_and_keeps_the_first(void **state)
{
	char dir[256], path[300], first[256];

	(void)state;
	assert_non_null(tmpdir_new(dir, sizeof(dir)));
	snprintf(path, sizeof(path), "%s/console.log", dir);
	/* The serial console writes "\r\n". */
	write_file(path,
		   "[    0.03] tsc: Unable to calibrate against PIT\r\n"
		   "[   48.1] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [k:1]\r\n"
		   "[   48.1] Call Trace:\r\n"
		   "[   49.0] WARNING: CPU: 0 PID: 1 at kernel/x.c:1 y+0x0/0x1\r\n"
		   "no newline at the end");
	assert_int_equal(console_check_file(path, first, sizeof(first)), 2);
	assert_string_equal(first, "soft lockup: watchdog: BUG: soft lockup - CPU#1 stuck "
			    "for 22s! [k:1]");

	write_file(path, "");
	assert_int_equal(console_check_file(path, first, sizeof(first)), 0);
	assert_string_equal(first, "");

	/* A small buffer truncates, never overflows. */
	write_file(path, "Kernel panic - not syncing: something long\n");
	assert_int_equal(console_check_file(path, first, 8), 1);
	assert_string_equal(first, "panic: ");

	tmpdir_remove(dir);
	assert_int_equal(console_check_file(path, first, sizeof(first)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reports_are_flagged),
		cmocka_unit_test(test_benign_lines_pass),
		cmocka_unit_test(test_check_file_counts_and_keeps_the_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
