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
awk -v repeats="$repeats" '
function field(name,   i) {
	for (i = 1; i <= NF; i++)
		if (index($i, name "=") == 1)
			return substr($i, length(name) + 2)
}
function median(a, n,   i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
	key = $2 SUBSEP field("cpus") SUBSEP field("repeat")
	rate[key] = field("ops") / (field("elapsed_ns") / 1e9)
}
END {
	printf "%-22s %4s %14s %8s %17s\n", "mode", "cpus", "median ops/s", "ratio", "min..max ratio"
	for (cpus = 1; cpus <= 2; cpus++) {
		n = 0
		for (r = 0; r < repeats; r++)
			ref[++n] = rate["reference", cpus, r]
		printf "%-22s %4d %14.0f %8s\n", "reference", cpus, median(ref, n), "1.000"
		split("reference+oracle ksbench-throughput ksbench-latency", modes, " ")
		for (m = 1; m <= 3; m++) {
			n = 0; lo = 1e18; hi = 0
			for (r = 0; r < repeats; r++) {
				k = rate[modes[m], cpus, r]
				x = k / rate["reference", cpus, r]
				ratio[++n] = x; ops[n] = k
				lo = x < lo ? x : lo; hi = x > hi ? x : hi
			}
			printf "%-22s %4d %14.0f %8.3f %8.3f..%.3f\n", modes[m], cpus,
				median(ops, n), median(ratio, n), lo, hi
		}
	}
	n = 0
	for (r = 0; r < repeats; r++)
		cost[++n] = 1e9 / rate["ksbench-latency", 1, r] - 1e9 / rate["ksbench-throughput", 1, r]
	printf "latency mode adds %.0f ns per operation at 1 CPU (median over repeats)\n", median(cost, n)
}' "$out"
