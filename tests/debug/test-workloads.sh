#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every workload on the debug kernel: `ksbench run --target=vm --kernel=debug
# --lock=all` in three guests of 1, 2 and 4 vCPUs, each point on all of them.
# The console checker must find nothing (no lockdep, KASAN, debug-objects,
# WARN, BUG, lockup, stall or hung-task report), the oracle must hold, and
# the result must come from the debug kernel with lockdep on. A failing
# run's console log is kept in build/debug-test/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# Short points: the pass is about what the kernel's checkers see, and a
# debug kernel under TCG runs everything several times slower.
DURATION=(--duration=250ms --warmup=50ms)
NR_WORKLOADS=$(grep -c '^[[:space:]]*&ksb_[a-z0-9_]*_ops,' "$ROOT/kmod/workloads/registry.c")

JQ_SHOW='.points[] | {workload, cpus, ops, violations, lost_updates, oracle}'

for cpus in 1 2 4; do
	name=all-$cpus
	file=$SCRATCH/$name.json
	status=0
	begin=$SECONDS
	# The budget: boot (7 to 30 s here) plus 3 s a point, generous
	# for a loaded host; a hang still ends well inside it.
	"$KSBENCH" run --target=vm --kernel="$KERNEL" -q "${DURATION[@]}" --lock=all \
		--cpus="$cpus" --timeout=$((120 + 3 * NR_WORKLOADS)) -o "$file" \
		>"$SCRATCH/$name.stdout" 2>"$SCRATCH/$name.stderr" || status=$?
	if [ "$status" != 0 ] || grep -q "console shows" "$SCRATCH/$name.stderr"; then
		mkdir -p "$KEEP"
		cp "$SCRATCH/$name.console.log" "$KEEP/" 2>/dev/null &&
			echo "# console log kept: $KEEP/$name.console.log"
	fi
	if ran "$name" "debug: --lock=all --cpus=$cpus"; then
		jq_check "debug: $cpus vCPU(s): the debug kernel ran it, lockdep on" \
			"(.host.kernel_release | endswith(\"-ksbench-debug\")) and
			 .host.kernel_flags.lockdep == true and .host.target == \"vm\""
		jq_check "debug: $cpus vCPU(s): the guest had $cpus vCPU(s), console_issues 0" \
			"(.host.online_cpus == $cpus) and (.vm.console_issues // 0) == 0"
		jq_check "debug: $cpus vCPU(s): all $NR_WORKLOADS workloads ran (or, at 1, need 2 CPUs)" \
			"(.params.workloads | length) == $NR_WORKLOADS and
			 ([(.points[], .skipped[]?) | .workload] | sort) == (.params.workloads | sort) and
			 all(.skipped[]?; (.reason == \"needs 2 CPUs\" and $cpus == 1) or
				 (.reason | startswith(\"unavailable: \")))"
		jq_check "debug: $cpus vCPU(s): every point did work, one worker per CPU" \
			"all(.points[]; .ops > 0 and .cpus == $cpus and (.workers | length) == $cpus)"
		jq_check "debug: $cpus vCPU(s): the oracle passes (none: expected-fail from 2 CPUs)" \
			'all(.points[]; if .workload == "none"
					then .oracle == (if .cpus >= 2 then "expected-fail" else "pass" end)
					else .oracle == "pass" and .violations == 0 and .lost_updates == 0 end)'
	fi
	echo "# $cpus vCPU(s): $((SECONDS - begin)) s"
done
finish
