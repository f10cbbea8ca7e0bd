#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A kernel that fails before ksbench's init (docs/vm.md): a stall is cut by
# the boot watchdog, not the whole budget, and booted again once with the
# failed boot's console log kept; a kernel that dies is named, and with
# --boot-retries=0 not booted again; a run whose first boot died and whose
# retry ran records the failed boot. The guest's init is replaced on the
# kernel command line (everything after "--" goes to it), so the kernel
# itself boots normally and never reaches ksbench's.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# a stall: init is busybox sleeping, so the report port stays empty
start=$SECONDS
vm_run_case stall "$KERNEL" --lock=atomic_inc --duration=50ms --warmup=10ms \
	--kernel-cmdline="rdinit=/bin/busybox -- sleep 600" --boot-timeout=10 --boot-retries=1
elapsed=$((SECONDS - start))
err=$SCRATCH/stall.stderr
check "bootfail: a stalled boot fails the run (status 1, got $status)" [ "$status" = 1 ]
check "bootfail: ... after two boots cut at 10 s each, not the budget (${elapsed} s)" \
	[ "$elapsed" -lt 60 ]
check "bootfail: ... the watchdog's reason, for both boots" \
	[ "$(grep -c "did not start ksbench's init within 10 s" "$err")" = 2 ]
check "bootfail: ... the retry is announced" grep -q "booting again (retry 1 of 1)" "$err"
check "bootfail: ... the failed boot's console log is kept" \
	[ -s "$SCRATCH/stall.failed1.console.log" ]
check "bootfail: ... and the last boot's too" [ -s "$SCRATCH/stall.console.log" ]
check "bootfail: ... no result file" [ ! -e "$SCRATCH/stall.json" ]
check "bootfail: ... the options to turn are named" grep -q -- "--boot-timeout waits longer" "$err"

# a death: init exits at once, and the kernel panics ("Attempted to kill init")
vm_run_case death "$KERNEL" --lock=atomic_inc --duration=50ms --warmup=10ms \
	--kernel-cmdline="rdinit=/bin/busybox -- false" --boot-retries=0
err=$SCRATCH/death.stderr
check "bootfail: a kernel that dies before the init fails the run (status 1, got $status)" \
	[ "$status" = 1 ]
check "bootfail: ... named as such, with the kernel's words" \
	grep -q "never started ksbench's init; console: .*Kernel panic" "$err"
check "bootfail: ... --boot-retries=0 boots once" [ "$(grep -c "booting again" "$err")" = 0 ]
check "bootfail: ... no failed-boot log without a retry" \
	[ ! -e "$SCRATCH/death.failed1.console.log" ]
# a flaky boot: the first dies (the test hook gives it a dying init), the retry runs
KSBENCH_TEST_BREAK_BOOTS=1 vm_run_case flaky "$KERNEL" --lock=atomic_inc --duration=50ms \
	--warmup=10ms
if ran flaky "bootfail: a run whose first boot died"; then
	jq_check "bootfail: ... records the failed boot in vm.failed_boots" \
		'.vm.failed_boots | length == 1 and (.[0].error | test("never started ksbench.s init"))'
	log=$(jq -r '.vm.failed_boots[0].console_log' "$file")
	check "bootfail: ... whose console log is kept and shows the death" \
		grep -q "Attempted to kill init" "$log"
	jq_check "bootfail: ... and the points of the boot that ran" \
		'[.points[] | select(.workload == "atomic_inc")] | length == 1'
	check "bootfail: ksbench show tells of the failed boot" \
		bash -c "'$KSBENCH' show '$file' | grep -q 'booted again after 1 failed boot'"
fi
vm_run_case once "$KERNEL" --lock=atomic_inc --duration=50ms --warmup=10ms
ran once "bootfail: a run that booted at once" &&
	jq_check "bootfail: ... has no failed boots" '.vm.failed_boots == []'
finish
