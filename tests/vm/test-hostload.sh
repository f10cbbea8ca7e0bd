#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Issue #13, the PREEMPT_RT wake-up anomaly (docs/rt-wakeup.md): a VM
# result records how much of the host other work took while the guest ran
# (vm.host_others_cpus), and a run beside a host load says so on stderr.
# Two busy loops per host CPU beside a 1-vCPU guest: the scheduler's fair
# share leaves them about 1.6 of 2 CPUs (one loop per CPU got only 1.37,
# too near the warning's threshold of spare + 0.25): the figure must show
# it and the warning must come.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

busy() { timeout 120 sh -c 'while :; do :; done' & }
n=$(nproc)
pids=()
for ((i = 0; i < 2 * n; i++)); do
	busy
	pids+=($!)
done
vm_run_case loaded "$KERNEL" --lock=atomic_inc --cpus=1 --duration=300ms --repeat=2
kill "${pids[@]}" 2>/dev/null || true
wait "${pids[@]}" 2>/dev/null || true
if ran loaded "beside $((2 * n)) host busy loops"; then
	others=$(jq -r '.vm.host_others_cpus' "$file")
	jq_check "vm.host_others_cpus is the busy loops' share ($others of $n CPUs, want >= 0.5)" \
		'.vm.host_others_cpus >= 0.5 and .vm.host_others_cpus <= .vm.host_cpus'
	check "stderr says the host was busy" grep -q "ksbench: the host was busy: other work kept" \
		"$SCRATCH/loaded.stderr"
	status=0
	"$KSBENCH" show "$file" >/dev/null 2>&1 || status=$?
	check "show reads the file (exit $status)" [ "$status" = 0 ]
fi
finish
