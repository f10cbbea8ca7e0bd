#!/bin/bash
# The harness's own overhead: ksbench's spinlock workload next to an
# uninstrumented reference loop (ref/ksbench_ref.c), same lock, hold and
# think, in one VM boot. Prints ops/s ratios ksbench/reference with their
# spread over repeats, and the cost latency mode adds per operation.
#   bench/overhead/run.sh [REPEATS] [DURATION_MS]     (env: HOLD_NS, THINK_NS, KERNEL)
# Numbers from one run on a noisy machine: read the ratios, not the speeds.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
repeats=${1:-5}
duration_ms=${2:-500}
warmup_ms=100
hold_ns=${HOLD_NS:-0}
think_ns=${THINK_NS:-0}
kernel=${KERNEL:-generic}

release=$("$top/cli/ksbench" vm --kernel="$kernel" --no-module -q -- uname -r 2>/dev/null |
	tr -d '\r' | grep -E '^[0-9]+\.[0-9]+' | tail -n 1)
refdir="$top/build/bench-ref/$release"
mkdir -p "$refdir"
cp -p "$top/bench/overhead/ref/ksbench_ref.c" "$top/bench/overhead/ref/Kbuild" "$refdir/"
make -s -C "/usr/src/linux-headers-$release" M="$refdir" modules >/dev/null

out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$top/cli/ksbench" vm --kernel="$kernel" --smp=2 -q \
	--timeout=$((60 + repeats * 6 * (duration_ms + warmup_ms) / 1000 * 2)) \
	--file="$refdir/ksbench_ref.ko:/ksbench_ref.ko" \
	--file="$top/bench/overhead/guest.sh:/overhead.sh" \
	-- /bin/sh /overhead.sh "$repeats" "$duration_ms" "$warmup_ms" \
	"$hold_ns" "$think_ns" | tr -d '\r' | grep '^overhead ' > "$out"

echo "ksbench overhead on $release (VM, $repeats repeats of ${duration_ms} ms, hold ${hold_ns} ns, think ${think_ns} ns)"
awk -v repeats="$repeats" -f "$top/bench/lib/fields.awk" -f "$top/bench/overhead/table.awk" "$out"
