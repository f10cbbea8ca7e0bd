#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The long cross-CPU clock check: the module's clock_check (a kthread per
# vCPU reading the clock under one lock, counting readings below the one
# before) for DURATION seconds (default 60) on CPUS vCPUs (default 2), in
# the VM target's default guest (TCG: the TSC, read directly). Fails on
# any backward step, a CPU that took no part, or no reading handed from
# one CPU to another (tests/vm/guest-spinpath.sh does the checking).
#   tests/long/clock-check.sh [KERNEL] [DURATION_S] [CPUS]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
kernel=${1:-generic}
duration=${2:-60}
cpus=${3:-2}
out=$(mktemp -d "${TMPDIR:-/tmp}/ksbench-long.XXXXXX")
trap 'rm -rf "$out"' EXIT

status=0
"$top/cli/ksbench" vm --kernel="$kernel" --smp="$cpus" --timeout=$((duration + 300)) -q \
	--file="$top/tests/vm/guest-lib.sh:/guest-lib.sh" \
	--file="$top/tests/vm/guest-spinpath.sh:/t.sh" -- \
	/bin/sh /t.sh native $((duration * 1000)) >"$out/console" 2>&1 || status=$?
grep -E '^(not )?ok - |^# clock' "$out/console" || true
summary=$(grep -E '^guest-spinpath: [0-9]+ passed, 0 failed$' "$out/console" || true)
if [ "$status" = 0 ] && [ -n "$summary" ]; then
	echo "clock-check: $kernel, ${duration} s on $cpus vCPUs: $summary"
else
	echo "clock-check: FAILED (ksbench vm status $status); console:"
	tail -n 20 "$out/console"
	exit 1
fi
