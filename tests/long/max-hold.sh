#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The long safety run: every workload for DURATION (default 60 s) at the
# largest hold it accepts, in the VM, failing on any console report (soft
# or hard lockup, RCU stall, hung task, WARN, BUG, lockdep). Workloads are
# grouped by their hold limit; one VM boot per group.
#   tests/long/max-hold.sh [KERNEL] [DURATION] [CPUS]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
kernel=${1:-generic}
duration=${2:-60s}
cpus=${3:-2}
out=$(mktemp -d "${TMPDIR:-/tmp}/ksbench-long.XXXXXX")
trap 'rm -rf "$out"' EXIT

# Hold limits: docs/debugfs.md. Handoffs, atomics, bitops and per-CPU
# counters have no critical section to hold.
groups=(
	"1ms spinlock,spinlock_irq,spinlock_irqsave,spinlock_bh,raw_spinlock,bitlock,rwlock,seqlock,rcu,local_irq,preempt"
	"10ms none,mutex,semaphore,rt_mutex,rwsem,percpu_rwsem"
	"0ns atomic_inc,atomic_cmpxchg,atomic64_inc,bitops,this_cpu_inc,percpu_counter,completion,completion_all,waitqueue,workqueue,tasklet,poll"
)
failed=0
passed=0
for group in "${groups[@]}"; do
	hold=${group%% *}
	locks=${group#* }
	if "$top/cli/ksbench" run --target=vm --kernel="$kernel" --lock="$locks" \
		--cpus="$cpus" --duration="$duration" --warmup=100ms --hold="$hold" \
		-q -o "$out/hold-$hold.json"; then
		echo "ok - $kernel: $locks at hold $hold for $duration on $cpus CPUs"
		passed=$((passed + 1))
	else
		echo "not ok - $kernel: $locks at hold $hold (console log: $out/hold-$hold.console.log)"
		cat "$out/hold-$hold.console.log" 2>/dev/null | tail -n 30 || true
		failed=$((failed + 1))
	fi
done
echo "long: $passed passed, $failed failed"
[ "$failed" = 0 ]
