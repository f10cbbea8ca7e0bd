#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One matrix on several kernels (--kernel=LIST): Debian's generic and
# PREEMPT_RT kernels and a boot-time flavour, one result file each plus
# the index, then `ksbench compare` over them end to end. Always these
# kernels, whatever KSBENCH_TEST_KERNEL says.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

base=$SCRATCH/k
status=0
"$KSBENCH" run --target=vm --kernel=generic,rt,generic:preempt=full \
	--kernel-cmdline="ksbench_test=1,2" --lock=spinlock,mutex --cpus=1,2 --repeat=2 \
	--duration=100ms --warmup=20ms -o "$base.json" >"$SCRATCH/stdout" 2>"$SCRATCH/stderr" ||
	status=$?
check "kernels: a run over three kernels exits 0 (got $status)" [ "$status" = 0 ]
check_console_clean kernels "$SCRATCH/stderr"
[ "$status" = 0 ] || sed 's/^/# /' "$SCRATCH/stderr"

file=$base.index.json
JQ_SHOW=.
jq_check "kernels: the index names generic, rt and generic:preempt=full, each with its file" \
	'.schema == "ksbench-index/1" and
	 [.kernels[] | [.spec, .result, .exit_status]] ==
	 [["generic", "k_generic.json", 0], ["rt", "k_rt.json", 0],
	  ["generic:preempt=full", "k_generic-preempt=full.json", 0]]'
for tag in generic rt generic-preempt=full; do
	check "kernels: $tag has its console log" [ -s "${base}_$tag.console.log" ]
done

JQ_SHOW='{kernel, host}'
file=${base}_generic.json
jq_check "generic: not PREEMPT_RT, booted voluntary, plain flavour" \
	'.kernel.spec == "generic" and .kernel.flavour == "ksbench_test=1,2" and
	 .host.kernel_flags.preempt_rt == false and .host.kernel_flags.preempt_live == "voluntary"'
jq_check "generic: 8 points (2 workloads x 2 CPU counts x 2 repeats), oracle pass" \
	'(.points | length) == 8 and all(.points[]; .oracle == "pass")'
jq_check "generic: the guest's command line holds --kernel-cmdline" \
	'.host.cmdline | contains("ksbench_test=1,2")'
file=${base}_rt.json
jq_check "rt: a PREEMPT_RT kernel whose spinlock says what it became" \
	'.host.kernel_flags.preempt_rt == true and
	 any(.points[]; .workload == "spinlock" and (.rt_note // "") != "")'
file=${base}_generic-preempt=full.json
jq_check "generic:preempt=full: booted with preempt=full, runs the full model" \
	'.kernel.params == "preempt=full" and .host.kernel_flags.preempt_live == "full" and
	 (.host.cmdline | contains("preempt=full"))'

# Refused before anything boots.
status=0
"$KSBENCH" run --target=vm --kernel=rt:preempt=full --lock=spinlock -o "$SCRATCH/x.json" \
	>/dev/null 2>"$SCRATCH/refused" || status=$?
check "kernels: rt:preempt=full is refused (exit 1: not PREEMPT_DYNAMIC) (got $status)" \
	[ "$status" = 1 ]
check "kernels: ... saying why" grep -q "not PREEMPT_DYNAMIC" "$SCRATCH/refused"
for bad in "generic,,rt" "rt,rt" "generic:a;b" "generic::x" ":x" ""; do
	status=0
	"$KSBENCH" run --target=vm --kernel="$bad" --lock=spinlock >/dev/null 2>&1 || status=$?
	check "kernels: --kernel='$bad' is bad usage (exit 2, got $status)" [ "$status" = 2 ]
done
status=0
"$KSBENCH" run --target=vm --kernel=nosuch-release --lock=spinlock >/dev/null \
	2>"$SCRATCH/nosuch" || status=$?
check "kernels: an unknown release fails (exit 1, got $status) naming the image" \
	[ "$status" = 1 ]

# compare, end to end, on what the run wrote.
status=0
"$KSBENCH" compare "${base}_generic.json" "${base}_rt.json" "${base}_generic-preempt=full.json" \
	>"$SCRATCH/compare" 2>&1 || status=$?
check "compare: three kernels' files compare (exit 0, got $status)" [ "$status" = 0 ]
# The names come from what booted (the installed kernels), never a pinned ABI.
generic_release=$(jq -r '.host.kernel_release // empty' "${base}_generic.json" 2>/dev/null || true)
rt_release=$(jq -r '.host.kernel_release // empty' "${base}_rt.json" 2>/dev/null || true)
check "compare: the generic and rt files name their kernel release" \
	[ -n "$generic_release" -a -n "$rt_release" ]
for name in "${generic_release:-generic-release}" "${rt_release:-rt-release}" preempt=full; do
	check "compare: the table names $name" grep -q -- "$name" "$SCRATCH/compare"
done
status=0
"$KSBENCH" compare --format=json "${base}_generic.json" "${base}_rt.json" \
	>"$SCRATCH/compare.json" 2>&1 || status=$?
check "compare --format=json exits 0 (got $status)" [ "$status" = 0 ]
file=$SCRATCH/compare.json
JQ_SHOW=.
jq_check "compare: json aligns the 4 points (spinlock, mutex x 1, 2 CPUs), a ratio each" \
	'.schema == "ksbench-compare/1" and (.comparisons | length) == 1 and
	 ([.comparisons[0].rows[] | select(.ratio != null) | "\(.workload)/\(.cpus)"] | sort) ==
	 ["mutex/1", "mutex/2", "spinlock/1", "spinlock/2"]'
[ "$failures" = 0 ] || sed 's/^/# /' "$SCRATCH/compare"
finish
