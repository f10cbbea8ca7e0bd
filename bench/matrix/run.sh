#!/bin/bash
# The matrix's own cost: one `ksbench run --target=vm`, timed, against what
# it measured. Prints the wall time, the boots (vm.boot_s: VM start to the
# guest's first point, one per kernel), the measured time (the points'
# windows), the ratio (wall - boots) / measured, and the worst
# |window - asked| / asked over the points, all from that one run.
#   bench/matrix/run.sh [KERNEL] [LOCKS] [CPUS] [DURATION]
#   defaults: generic spinlock,mutex,atomic_inc 1,2 1s (warm-up: the default)
#   KEEP=DIR keeps the run's result files (m.json, or m.index.json and one
#   per kernel) in DIR.
# Numbers from one run on a shared machine: a busy host stretches the wall.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
kernel=${1:-generic}
locks=${2:-spinlock,mutex,atomic_inc}
cpus=${3:-1,2}
duration=${4:-1s}

if [ -n "${KEEP:-}" ]; then
	dir=$KEEP
	mkdir -p "$dir"
else
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
fi
start=$(date +%s.%N)
"$top/cli/ksbench" run --target=vm --kernel="$kernel" --lock="$locks" --cpus="$cpus" \
	--duration="$duration" -q -o "$dir/m.json"
end=$(date +%s.%N)

# One kernel: m.json; several: an index naming one file per kernel.
if [ -f "$dir/m.index.json" ]; then
	files=$(jq -r --arg d "$dir" '.kernels[] | select(.result) | "\($d)/\(.result)"' \
		"$dir/m.index.json")
else
	files=$dir/m.json
fi
# shellcheck disable=SC2086 # one path per word, made above
jq -s -r --arg wall "$(echo "$end - $start" | bc -l)" '
	def pct: . * 1000 | round / 10;
	($wall | tonumber) as $wall |
	[.[] | .vm.boot_s // empty] as $boots |
	[.[] | .params as $p | .points[] | select(.duration_ns != null) |
	 {workload, cpus, asked: $p.duration_ns, window: .duration_ns,
	  warmup: $p.warmup_ns,
	  off: ((.duration_ns - $p.duration_ns) / $p.duration_ns)}] as $pts |
	($pts | map(.window) | add / 1e9) as $measured |
	($pts | map(.warmup) | add / 1e9) as $warmups |
	($boots | add // 0) as $boot |
	($pts | max_by(.off | fabs)) as $worst |
	if ($boots | length) < length then
		error("a result without vm.boot_s: its guest sweep never began?")
	else . end |
	"matrix cost: \(length) kernel(s) [\(map(.kernel.spec) | join(", "))], \($pts | length) points of \($pts[0].asked / 1e6) ms, warm-up \($pts[0].warmup / 1e6) ms, \(.[0].vm.accel) at \(.[0].vm.smp) vCPUs on \(.[0].vm.host_cpus) host CPUs",
	"wall          \($wall * 100 | round / 100) s",
	"boots         \($boot * 100 | round / 100) s  (vm.boot_s: VM start to the first point)",
	"measured      \($measured * 100 | round / 100) s  (the points'"'"' windows)",
	"warm-ups      \($warmups * 100 | round / 100) s  (asked)",
	"per point     \((($wall - $boot - $measured - $warmups) / ($pts | length)) * 1000 | round) ms  beyond its warm-up and window",
	"ratio         \((($wall - $boot) / $measured) * 1000 | round / 1000)  (wall - boots) / measured",
	"worst window  \($worst.off | pct)%  |window - asked| / asked: \($worst.workload) at \($worst.cpus) CPUs, \($worst.window / 1e6 | round) ms for \($worst.asked / 1e6) ms"
' $files
