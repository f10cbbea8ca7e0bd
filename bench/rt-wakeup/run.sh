#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Where a handoff's time goes in a VM guest, from the kernel's own tracing
# (docs/rt-wakeup.md): boots KERNEL (default rt) at 2 vCPUs, runs the
# workqueue handoff untraced and traced (guest.sh), and prints from the
# trace: round trips, the wake-up (queue_work to the work running) and
# back (the work to the next queue_work), the stretches in which a vCPU
# that was not idle logged nothing for over 1 ms (its host thread was not
# running: the host preempted the vCPU), the kernel threads each tick wakes,
# and the reschedule IPIs sent per round. Run it on a quiet host and beside
# a host load to see the difference. Prints numbers; asserts nothing.
# SCHED_FEATURE (e.g. TTWU_QUEUE, which PREEMPT_RT turns off, or
# NO_TTWU_QUEUE) is written to the guest's /sys/kernel/debug/sched/features
# first.
#   bench/rt-wakeup/run.sh [KERNEL] [TRACE_OUT] [SCHED_FEATURE]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KERNEL=${1:-rt}
OUT=${2:-$(mktemp "${TMPDIR:-/tmp}/ksbench-rt-wakeup.XXXXXX.txt")}

FEATURE=$(mktemp "${TMPDIR:-/tmp}/ksbench-rt-feature.XXXXXX")
trap 'rm -f "$FEATURE"' EXIT
[ -z "${3:-}" ] || echo "$3" >"$FEATURE"
echo "# kernel $KERNEL, host load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
"$ROOT/cli/ksbench" vm --kernel="$KERNEL" --smp=2 --file="$ROOT/bench/rt-wakeup/guest.sh:/rt-wakeup.sh" \
	--file="$FEATURE:/sched-feature" \
	--output="/tmp/trace.txt:$OUT" -- /bin/sh /rt-wakeup.sh | grep '^#' ||
	echo "# ksbench vm failed (its message is above); the trace, if any, is still read"
echo "# trace: $OUT"
awk '
function us(x) { return sprintf("%.0f us", x * 1e6) }
function pct(a, n, p,   i, j, t, b) {	# the p-th percentile of a[1..n]
	for (i = 1; i <= n; i++) b[i] = a[i]
	for (i = 2; i <= n; i++) { t = b[i]; for (j = i - 1; j > 0 && b[j] > t; j--) b[j + 1] = b[j]; b[j + 1] = t }
	return b[int((n - 1) * p) + 1]
}
match($0, /\[[0-9]+\] [^ ]+ +[0-9]+\.[0-9]+:/) {
	split(substr($0, RSTART, RLENGTH), f, /[][ :]+/)
	cpu = f[2] + 0; t = f[4] + 0
	if (cpu in last && !idle[cpu] && t - last[cpu] > 0.001) { nsilent++; silent += t - last[cpu] }
	last[cpu] = t
	if ($0 ~ /cpu_idle: state=4294967295/) idle[cpu] = 0
	else if ($0 ~ /cpu_idle: state=/) idle[cpu] = 1
	if (first == "") first = t
	end = t
	if ($0 ~ /workqueue_queue_work: .*ksb_work_fn/) { queued = t; rounds++; if (done != "") back[++nb] = t - done }
	if ($0 ~ /workqueue_execute_start: .*ksb_work_fn/ && queued != "") { wake[++nw] = t - queued; done = t }
	if ($0 ~ /local_timer_entry/) ticks++
	if ($0 ~ /sched_waking: comm=(ktimers|rcuc|ksoftirqd)\//) tickthreads++
	if ($0 ~ /native_smp_send_reschedule/) ipis++
}
END {
	if (!rounds) { print "no ksb_work_fn in the trace"; exit 1 }
	span = end - first
	printf "traced %.1f ms: %d round trips\n", span * 1e3, rounds
	printf "wake-up (queue_work -> work runs): p50 %s, p90 %s, max %s (%d)\n", us(pct(wake, nw, .5)), us(pct(wake, nw, .9)), us(pct(wake, nw, 1)), nw
	printf "back (work -> next queue_work): p50 %s, p90 %s, max %s\n", us(pct(back, nb, .5)), us(pct(back, nb, .9)), us(pct(back, nb, 1))
	printf "silent stretches (a running vCPU logged nothing for > 1 ms): %d, %.1f ms = %.0f%% of the traced time per vCPU\n", nsilent, silent * 1e3, 100 * silent / span / 2
	printf "ticks %d; ktimers/rcuc/ksoftirqd wake-ups %d (%.2f per tick)\n", ticks, tickthreads, ticks ? tickthreads / ticks : 0
	printf "reschedule IPIs sent: %d (%.2f per round trip)\n", ipis, ipis / rounds
}' "$OUT"
