#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Issue #5, end to end in the VM: a latency-mode sweep with repeats, whose
# result must keep every invariant docs/results-json.md promises (ordered
# percentiles, histograms that hold their counts, one timed operation per
# histogram sample, fairness in range, series that add up, intervals that
# hold their median, the clock's cost subtracted), then a sampled, raw,
# shuffled run, and `ksbench show` on both.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# run_case NAME ARGS...: the three workloads' run into $SCRATCH/NAME.*.
run_case() {
	local name=$1
	shift
	vm_run_case "$name" "$KERNEL" --lock=spinlock,rwsem,atomic_inc "$@"
}



# A failing check shows these fields of each point.
JQ_SHOW='.points[] | {workload, cpus, repeat, ops, reads, writes, sample,
		     clock, fairness: .fairness.jain,
		     counts: (.latency_ns // {} | map_values(.count)),
		     timed: [.workers[].timed_ops], workers: [.workers[].ops]}'

# What every histogram of every point keeps.
HISTS='.points[] | .latency_ns | to_entries[] | .value'

host_cpus=$(nproc)

# 3 workloads x 2 CPU counts x 3 repeats, every operation timed.
run_case lat --cpus=1,2 --measure=latency --repeat=3 --duration=150ms --warmup=30ms
if ran lat "latency run"; then
	jq_check "lat: 18 points, each of the 3 workloads at 1 and 2 CPUs in repeats 0-2" \
		'[.points[] | "\(.workload)/\(.cpus)/\(.repeat)"] | length == 18 and
		 (unique | length) == 18 and
		 all(.[]; test("^(spinlock|rwsem|atomic_inc)/[12]/[012]$"))'
	jq_check "lat: params and points say latency, one in 1 timed" \
		'.params.measure == "latency" and .params.sample == 1 and .params.correct_clock and
		 all(.points[]; .measure == "latency" and .sample == 1)'
	jq_check "lat: every point has its kind's histograms" \
		'all(.points[]; (.latency_ns | keys) ==
		     ({lock: ["acquire", "hold"], rw: ["read", "write"], lockfree: ["op"]}[.kind]))'
	jq_check "lat: percentiles never decrease: min <= p50 <= p90 <= p99 <= p99.9 <= p99.99 <= max" \
		"all($HISTS; .count == 0 or
		     ([.min, .p50, .p90, .p99, .p999, .p9999, .max] as \$v | \$v == (\$v | sort)))"
	jq_check "lat: p50 <= 10 x mean, min >= 0" \
		"all($HISTS; .count == 0 or (.p50 <= .mean * 10 and .min >= 0))"
	jq_check "lat: each histogram's buckets sum to its count" \
		"all($HISTS; ([.hist.buckets[][1]] | add // 0) == .count and .hist.count == .count)"
	jq_check "lat: lock: acquire.count + hold.count == ops (the module alternates), per worker too" \
		'all(.points[] | select(.kind == "lock");
		     .latency_ns.acquire.count + .latency_ns.hold.count == .ops and
		     all(.workers[]; .timed_ops.acquire + .timed_ops.hold == .ops))'
	jq_check "lat: rw: read.count == reads, write.count == writes" \
		'all(.points[] | select(.kind == "rw");
		     .latency_ns.read.count == .reads and .latency_ns.write.count == .writes)'
	jq_check "lat: lockfree: op.count == ops" \
		'all(.points[] | select(.kind == "lockfree"); .latency_ns.op.count == .ops)'
	jq_check "lat: jain in [1/n, 1] over the n workers' ops" \
		'all(.points[]; .fairness.of == "ops" and .fairness.n == .cpus and
		     .fairness.jain >= 1 / .cpus and .fairness.jain <= 1)'
	jq_check "lat: each worker's ticks sum to its ops; the last tick ends the window" \
		'all(.points[]; .duration_ns as $d | .series.t_ns[-1] == $d and
		     ([range(.workers | length) as $w | [.series.ops[][$w]] | add] ==
		      [.workers[].ops]))'
	jq_check "lat: the clock's min cost is subtracted" \
		'all(.points[]; .clock.corrected and .clock.subtracted_ns == .clock.cost_min_ns and
		     .clock.cost_min_ns <= .clock.cost_median_ns)'
	jq_check "lat: summary: 6 entries of 3 repeats, each 95% CI holding its median" \
		'(.summary | length) == 6 and
		 all(.summary[]; .n == 3 and .ci95.method == "bootstrap-median" and
		     .ci95.low <= .median and .median <= .ci95.high and
		     .mean_ci95.low <= .mean and .mean <= .mean_ci95.high and
		     (.noisy == (.cv > 0.05)))'
	jq_check "lat: summary: histograms merged over the repeats" \
		'. as $d | all(.summary[]; . as $s |
		     ([$d.points[] | select(.workload == $s.workload and .cpus == $s.cpus) |
		       .latency_ns[$s.latency_ns | keys[0]].count] | add) ==
		     ($s.latency_ns | to_entries[0].value.count))'
	jq_check "lat: vm: host_cpus is the host's $host_cpus, overcommitted iff smp > host_cpus" \
		".vm.host_cpus == $host_cpus and .vm.overcommitted == (.vm.smp > $host_cpus)"
	warned=$(grep -c 'vCPUs on .* host CPUs' "$SCRATCH/lat.stderr" || true)
	check "lat: the overcommit warning only when 2 > $host_cpus (got $warned)" \
		[ "$warned" = $((host_cpus < 2 ? 1 : 0)) ]

	show=0
	"$KSBENCH" show "$file" >"$SCRATCH/show.stdout" 2>&1 || show=$?
	check "show: exits 0 (got $show)" [ "$show" = 0 ]
	check "show: a hyperfine-style line: median ± CV, runs, 95% CI" \
		grep -Eq '^spinlock +2 CPUs +[0-9.]+ [kMG]?ops/s ± +[0-9.]+%  \(median of 3, 95% CI [0-9.]+ – [0-9.]+\)' \
		"$SCRATCH/show.stdout"
	check "show: a percentile table and the clock line" \
		grep -Eq '^workload +cpus +timed +count +p50 +p90 +p99 +p99\.9 +p99\.99 +max$' \
		"$SCRATCH/show.stdout"
	check "show: the clock's cost was subtracted" \
		grep -Eq '^clock: (ktime_get_ns|rdtsc_ordered) costs [0-9]+ ns a read .* [0-9]+ ns subtracted from every latency above$' \
		"$SCRATCH/show.stdout"
fi

# One operation in 10, raw latencies, a shuffled order.
run_case sampled --cpus=2 --measure=latency --sample=10 --no-correct --shuffle --seed=7 \
	--repeat=2 --duration=150ms --warmup=30ms
if ran sampled "sampled run"; then
	# ksb_sample_due() counts down every operation of a worker, warm-up
	# included, and times the one that reaches 0: of L consecutive
	# operations in the window, floor(L/10) or ceil(L/10) are timed.
	jq_check "sampled: each worker timed floor(ops/10) to ceil(ops/10) operations" \
		'all(.points[]; .sample == 10 and
		     all(.workers[]; (.timed_ops | add) as $t |
			 $t >= ((.ops / 10) | floor) and $t <= ((.ops / 10) | ceil)))'
	jq_check "sampled: no failures, so the bound holds for the point too" \
		'all(.points[]; .failures == 0 and
		     ([.latency_ns[].count] | add) <= .ops and
		     ([.latency_ns[].count] | add) >= ([.workers[].ops / 10 | floor] | add))'
	jq_check "sampled: --no-correct: nothing subtracted, the params say so" \
		'(.params.correct_clock | not) and
		 all(.points[]; .clock.subtracted_ns == 0 and (.clock.corrected | not) and
		     all(.latency_ns[]; .count == 0 or .min >= .hist.min))'
	jq_check "sampled: --shuffle: params.order is the order the points ran in" \
		'.params.shuffle and ([.params.order[][] | "\(.[0])/\(.[1])"] ==
				      [.points[] | "\(.workload)/\(.cpus)"]) and
		 ([.points[].repeat] == [0, 0, 0, 1, 1, 1])'
	"$KSBENCH" show "$file" >"$SCRATCH/show2.stdout" 2>&1 || true
	check "show: says the clock's cost was not subtracted" \
		grep -q 'not subtracted (--no-correct)' "$SCRATCH/show2.stdout"
fi
finish
