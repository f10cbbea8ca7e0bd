#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Faults around a run (docs/faults.md), in the VM: guest-faults.sh at 2
# vCPUs with everything (CPU 1 offlined mid-run by hand and under
# `ksbench run`, two CLIs at once, two shells on `control`, a non-root
# user), then its hotplug part again at 4 vCPUs. The result files the
# guest's `ksbench run`s wrote come back in a tar and are checked here.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# faults_guest SMP [full]: as run_guest_script, plus the guest's
# /tmp/out.tar carried back as $SCRATCH/out.tar with `full`.
faults_guest() {
	local smp=$1 mode=${2:-} status=0 summary name="faults, $1 vCPUs"
	local out=()
	[ -n "$mode" ] && out=(--output="/tmp/out.tar:$SCRATCH/out.tar")
	"$KSBENCH" vm --kernel="$KERNEL" --smp="$smp" --timeout=600 \
		--file="$ROOT/tests/vm/guest-lib.sh:/guest-lib.sh" \
		--file="$ROOT/tests/vm/guest-faults.sh:/t.sh" "${out[@]}" \
		-- /bin/sh /t.sh $mode >"$SCRATCH/console" 2>"$SCRATCH/stderr" || status=$?
	grep -E '^(not )?ok - ' "$SCRATCH/console" | sed -E "s/^(not )?ok - /&guest $smp: /" || true
	failures=$((failures + $(grep -c '^not ok - ' "$SCRATCH/console" || true)))
	summary=$(grep -E "^guest-faults: [0-9]+ passed, [0-9]+ failed\$" "$SCRATCH/console" || true)
	check "$name: the guest script ran to its summary (${summary:-none})" [ -n "$summary" ]
	check "$name: ksbench vm exits 0 (got $status)" [ "$status" = 0 ]
	check_console_clean "$name" "$SCRATCH/stderr"
	[ "$status" = 0 ] || sed 's/^/# /' "$SCRATCH/stderr" | tail -n 20
}

faults_guest 2 full
mkdir -p "$SCRATCH/out"
if tar -xf "$SCRATCH/out.tar" -C "$SCRATCH/out" 2>/dev/null; then
	JQ_SHOW='.points[] | {workload, cpus, repeat, ops, duration_ns, stopped_early, offlined_cpus, oracle}'
	file=$SCRATCH/out/hotplug.json
	jq_check "ksbench run with CPU 1 offlined mid-point: the point kept, marked, its oracle pass" \
		'.interrupted == true and (.points | length) == 1 and
		 (.points[0] | .workload == "spinlock" and .cpus == 2 and .repeat == 0 and
		  .stopped_early == true and .offlined_cpus == [1] and .oracle == "pass" and
		  .ops > 0 and .duration_ns < 30000000000 and
		  ([.workers[].ops] | add) == .ops)'
	file=$SCRATCH/out/first.json
	jq_check "the first of two ksbench runs: its point whole, not stopped, 2 s window" \
		'.interrupted == false and (.points | length) == 1 and
		 (.points[0] | .stopped_early == false and (has("offlined_cpus") | not) and
		  .oracle == "pass" and .duration_ns >= 2000000000)'
else
	not_ok "the guest's result files came back ($SCRATCH/out.tar)"
fi

faults_guest 4
finish
