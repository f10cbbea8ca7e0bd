#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Issue #13, the spinlock and the clock: the VM target hides the CPUID
# hypervisor bit under TCG (the native queued spinlock runs) and boots with
# tsc=reliable (the TSC as clocksource, read directly by the module);
# --hypervisor-bit=on gives a guest's virt_spin_lock() test-and-set. Every
# result records the slow path, the CPU model, the clock and a cross-CPU
# clock check; the guest's tracing confirms the slow path (guest-spinpath.sh),
# and a 3 s clock check finds no backward step.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# run_case NAME ARGS...: a short spinlock latency run into $SCRATCH/NAME.json.
run_case() {
	local name=$1
	shift
	vm_run_case "$name" "$KERNEL" --lock=spinlock --cpus=2 --duration=200ms --warmup=30ms \
		--measure=latency "$@"
}
JQ_SHOW='{vm, flags: .host.kernel_flags, clocksource: .host.clocksource,
	  clock_check: .host.clock_check, clock: .points[0].clock}'

# expect NAME HV_BIT PATH_UNDER_TCG: the facts of $file.
expect() {
	local name=$1 bit=$2 path=$3
	jq_check "$name: vm.hypervisor_bit is $bit, and the guest saw the same; the reason recorded" \
		".vm.hypervisor_bit == $bit and .host.kernel_flags.hypervisor_bit == $bit and
		 (.vm.cpu_reason | type) == \"string\""
	if [ "$(jq -r .vm.accel "$file")" = tcg ]; then
		jq_check "$name: TCG: -cpu qemu64$([ "$bit" = true ] || echo ,-hypervisor), spin_slowpath $path" \
			".vm.cpu == (if $bit then \"qemu64\" else \"qemu64,-hypervisor\" end) and
			 .host.kernel_flags.spin_slowpath == \"$path\""
		jq_check "$name: TCG: tsc=reliable on the command line, clocksource tsc, the reason recorded" \
			'.vm.clock_params == "tsc=reliable" and (.host.cmdline | test("(^| )tsc=reliable( |$)")) and
			 .host.clocksource == "tsc" and (.vm.clock_reason | test("TCG"))'
		jq_check "$name: TCG: latency mode read the TSC directly" \
			'all(.points[]; .clock.name == "rdtsc_ordered" and .clock.cost_median_ns >= 0)'
	else
		jq_check "$name: KVM: spin_slowpath is one of native, paravirt, virt-tas" \
			'.host.kernel_flags.spin_slowpath | IN("native", "paravirt", "virt-tas")'
	fi
	jq_check "$name: the load-time clock check: 2 CPUs, no backward step" \
		'.host.clock_check | .cpus == 2 and .reads > 0 and .backward_steps == 0 and
		 .duration_ns == 100000000 and .clock == "rdtsc_ordered" or .clock == "ktime_get_ns"'
}

run_case default
if ran default "default"; then
	expect default false native
fi
run_case hv --hypervisor-bit=on
if ran hv "--hypervisor-bit=on"; then
	expect hv true virt-tas
	if [ "$(jq -r .vm.accel "$file")" = tcg ]; then
		check "compare: default vs --hypervisor-bit=on are not aligned, and it says why" \
			bash -c "'$KSBENCH' compare '$SCRATCH/default.json' '$file' >'$SCRATCH/cmp.txt' &&
				 grep -q 'spin_slowpath: A native, B virt-tas (changes what is measured' '$SCRATCH/cmp.txt' &&
				 grep -q 'not aligned: knobs differ' '$SCRATCH/cmp.txt'"
	fi
fi

# bad values, and the option off the VM target: exit 2, one line naming it
for args in "--hypervisor-bit=maybe" "--target=host --hypervisor-bit=on"; do
	status=0
	# shellcheck disable=SC2086
	"$KSBENCH" run --lock=spinlock $args -o "$SCRATCH/no.json" >/dev/null 2>"$SCRATCH/bad" || status=$?
	check "run $args: exit 2 (got $status), one line naming --hypervisor-bit" \
		bash -c "[ $status = 2 ] && [ \$(wc -l <'$SCRATCH/bad') = 1 ] && grep -q -- --hypervisor-bit '$SCRATCH/bad'"
done

# in the guest: tracing agrees with the reported slow path; a 3 s clock check
# (under KVM the guest may have paravirt spinlocks: the slow paths are TCG's)
if [ "$(jq -r .vm.accel "$SCRATCH/default.json" 2>/dev/null)" = tcg ]; then
	run_guest_script spinpath 2 -- native 3000
	run_guest_script spinpath 2 --hypervisor-bit=on -- virt-tas 1000
fi
finish
