#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The handoff workloads: driven by hand inside the VM (4 vCPUs, for the
# broadcasts), each one's oracle, rmmod in the middle of each and the
# handoff knobs' refusals (guest-handoff.sh); then through `ksbench run`,
# a broadcast with --waiters, checked in the result file.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
run_guest_script handoff 4

# jq_true FILTER: the result file satisfies FILTER (jq -e, quietly).
jq_true() { jq -e "$1" "$file" >/dev/null; }

file=$SCRATCH/waiters.json
if "$KSBENCH" run --target=vm --kernel="$KERNEL" --lock=completion_all --waiters=2 \
	--duration=200ms --warmup=30ms -q -o "$file" 2>"$SCRATCH/stderr"; then
	# A round straddling an edge of the window counts on one side only.
	check "run --waiters=2: 3 CPUs, every round consumed by both waiters" \
		jq_true '.points[0] | .cpus == 3 and .oracle == "pass" and .ops > 0 and
			 ((.events - 2 * .ops) | fabs) <= 2'
	check "run --waiters=2: first and last waiter latencies, first <= last" \
		jq_true '.points[0].latency_ns | .first.count > 0 and
			 .last.count == .first.count and .first.p50 <= .last.p50'
else
	not_ok "run --waiters=2 failed: $(tail -n 3 "$SCRATCH/stderr")"
fi
finish
