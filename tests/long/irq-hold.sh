#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The long irq-off run: spinlock_irq and local_irq, whose sections run with
# hard interrupts off (spinlock_irq's waiters spin with them off too), each
# for DURATION (default 600 s) at the largest hold the module accepts for
# them, on CPUS vCPUs (default 4), through `ksbench run --target=vm`. It
# fails on any console report (soft or hard lockup, RCU stall, hung task,
# WARN, BUG, lockdep: the run's console checker), an oracle failure, a
# point cut short or a worker that never ran. The hold is the module's
# KSB_HOLD_NS_MAX_ATOMIC, checked first against the module itself: one
# nanosecond more must be refused for both.
#   tests/long/irq-hold.sh [KERNEL] [DURATION] [CPUS]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
ksbench=$top/cli/ksbench
kernel=${1:-generic}
duration=${2:-600s}
cpus=${3:-4}
locks=(spinlock_irq local_irq)
out=$(mktemp -d "${TMPDIR:-/tmp}/ksbench-long.XXXXXX")
trap 'rm -rf "$out"' EXIT
failed=0
passed=0

ok() { echo "ok - $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }

hold=$(sed -n 's/^#define KSB_HOLD_NS_MAX_ATOMIC[[:space:]]*\([0-9]*\).*/\1/p' \
	"$top/include/ksbench_abi.h")
if [ -z "$hold" ]; then
	not_ok "KSB_HOLD_NS_MAX_ATOMIC not found in include/ksbench_abi.h"
	echo "long: $passed passed, $failed failed"
	exit 1
fi

# The module's own limit: one boot, each workload started one ns above it.
probe=""
for lock in "${locks[@]}"; do
	probe+="ksbench run --lock=$lock --cpus=$cpus --hold=$((hold + 1))ns --duration=10ms -q -o /tmp/$lock.json; echo \"probe $lock status \$?\"; "
done
"$ksbench" vm -q --kernel="$kernel" --smp="$cpus" --timeout=120 -- /bin/sh -c "$probe" \
	>"$out/probe.log" 2>&1 || true
for lock in "${locks[@]}"; do
	if grep -q "^probe $lock status 1" "$out/probe.log" &&
	   grep -q "above $lock's hold limit" "$out/probe.log"; then
		ok "$kernel: the module refuses $lock at $((hold + 1)) ns: ${hold} ns is its largest hold"
	else
		not_ok "$kernel: $lock at $((hold + 1)) ns was not refused as above its hold limit"
		sed 's/^/# /' "$out/probe.log" | tail -n 20
	fi
done

result=$out/irq-hold.json
status=0
"$ksbench" run --target=vm --kernel="$kernel" --lock="$(IFS=,; echo "${locks[*]}")" \
	--cpus="$cpus" --duration="$duration" --warmup=100ms --hold="${hold}ns" \
	-q -o "$result" 2>"$out/run.stderr" || status=$?
what="$kernel: ${locks[*]} at hold ${hold} ns for $duration each on $cpus vCPUs"
if [ "$status" = 0 ] && jq -e --argjson cpus "$cpus" --argjson hold "$hold" \
	'(.points | length) == 2 and .params.hold_ns == $hold and
	 all(.points[]; .cpus == $cpus and .oracle == "pass" and .stopped_early == false and
	     (.workers | length) == $cpus and all(.workers[]; .ops > 0))' \
	"$result" >/dev/null; then
	ok "$what: clean console, oracle pass, every worker ran"
else
	not_ok "$what: exit $status"
	sed 's/^/# /' "$out/run.stderr"
	[ -f "$result" ] && jq -c '.points[] | {workload, cpus, ops, oracle, stopped_early}' \
		"$result" | sed 's/^/# /'
	tail -n 30 "${result%.json}.console.log" 2>/dev/null | sed 's/^/# /' || true
fi
echo "long: $passed passed, $failed failed"
[ "$failed" = 0 ]
