#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ksbench run under faults (docs/faults-cli.md): signals to the CLI in the
# middle of a sweep and starts the module refuses, inside the VM
# (guest-signals.sh), with the files it kept checked here; then the VM
# target's own ends: a guest past --timeout and a Ctrl-C to the host's
# `ksbench run --target=vm`, each leaving no result file, no temporary
# file and no qemu behind.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# --- in the guest -------------------------------------------------------------

status=0
"$KSBENCH" vm --kernel="$KERNEL" --smp=2 --timeout=300 \
	--file="$ROOT/tests/vm/guest-lib.sh:/guest-lib.sh" \
	--file="$ROOT/tests/vm/guest-signals.sh:/t.sh" \
	--output="/tmp/sig.tar:$SCRATCH/sig.tar" -- /bin/sh /t.sh \
	>"$SCRATCH/console" 2>"$SCRATCH/stderr" || status=$?
grep -E '^(not )?ok - |^# ' "$SCRATCH/console" | sed -E 's/^(not )?ok - /&guest: /' || true
guest_failed=$(grep -c '^not ok - ' "$SCRATCH/console" || true)
failures=$((failures + guest_failed))
summary=$(grep -E '^guest-signals: [0-9]+ passed, [0-9]+ failed$' "$SCRATCH/console" || true)
check "signals: the guest script ran to its summary (${summary:-none})" [ -n "$summary" ]
check "signals: ksbench vm exits 0 (got $status)" [ "$status" = 0 ]
check_console_clean signals "$SCRATCH/stderr"
[ "$status" = 0 ] || sed 's/^/# /' "$SCRATCH/stderr"

mkdir -p "$SCRATCH/sig"
tar -C "$SCRATCH/sig" -xf "$SCRATCH/sig.tar" 2>/dev/null || true
JQ_SHOW='{interrupted, points: [.points[] | {workload, cpus, repeat, stopped_early}]}'
for name in int term hup; do
	file=$SCRATCH/sig/$name.json
	if [ ! -f "$file" ]; then
		not_ok "SIG${name^^}: the kept file came back from the guest"
		continue
	fi
	jq_check "SIG${name^^}: interrupted, exactly the completed point (spinlock, 1 CPU, repeat 0), whole" \
		'.interrupted == true and (.points | length) == 1 and
		 (.points[0] | .workload == "spinlock" and .cpus == 1 and .repeat == 0 and
		  .stopped_early == false and .oracle == "pass" and .ops > 0) and
		 (.summary | length) == 1'
	check "SIG${name^^}: ksbench show on the host reads it" \
		"$KSBENCH" show "$file" >/dev/null
done
for name in int-next term-next hup-next kill-next; do
	file=$SCRATCH/sig/$name.json
	if [ -f "$file" ]; then
		jq_check "$name: the run after a signal is complete (one point, not interrupted)" \
			'.interrupted == false and (.points | length) == 1 and
			 .points[0].stopped_early == false and .points[0].oracle == "pass"'
	else
		not_ok "$name: its result came back from the guest"
	fi
done
file=$SCRATCH/sig/refused-later.json
if [ -f "$file" ]; then
	jq_check "refused after a point: the file holds that point, marked interrupted" \
		'.interrupted == true and (.points | length) == 1 and
		 (.points[0] | .workload == "spinlock" and .oracle == "pass" and .ops > 0) and
		 .params.acquire == "trylock"'
else
	not_ok "refused after a point: its file came back from the guest"
fi
check "SIGKILL: the killed sweep left no file" [ ! -e "$SCRATCH/sig/kill.json" ]
check "SIGKILL: the refused run left no file" [ ! -e "$SCRATCH/sig/busy.json" ]

# --- the VM target's ends -----------------------------------------------------

# vm_run NAME ARGS...: ksbench run --target=vm with its result in
# $SCRATCH/NAME/r.json and its VM scratch directory under $SCRATCH/NAME.tmp;
# with VM_RUN_BG=1 in the background, its pid (ksbench's own) in $pid.
vm_run() {
	local name=$1
	shift
	mkdir -p "$SCRATCH/$name" "$SCRATCH/$name.tmp"
	set -- run --target=vm --kernel="$KERNEL" --lock=spinlock --cpus=1 -q \
		-o "$SCRATCH/$name/r.json" "$@"
	if [ "${VM_RUN_BG:-0}" = 1 ]; then
		TMPDIR=$SCRATCH/$name.tmp "$KSBENCH" "$@" \
			>"$SCRATCH/$name.stdout" 2>"$SCRATCH/$name.stderr" &
		pid=$!
	else
		TMPDIR=$SCRATCH/$name.tmp "$KSBENCH" "$@" \
			>"$SCRATCH/$name.stdout" 2>"$SCRATCH/$name.stderr"
	fi
}
# leftovers NAME: what NAME's run left besides its console log: a result,
# a temporary file, the VM's scratch directory.
leftovers() {
	{ ls -A "$SCRATCH/$1" | grep -v '^r\.console\.log$'; ls -A "$SCRATCH/$1.tmp"; } |
		tr '\n' ' ' || true
}
# qemu_of NAME: the qemu processes writing NAME's console log.
qemu_of() { pgrep -f "qemu-system.*$SCRATCH/$1/" || true; }
# cleaned_up NAME: nothing left, no qemu running.
cleaned_up() {
	local left qemu
	left=$(leftovers "$1")
	qemu=$(qemu_of "$1")
	check "$1: no result, temporary file or scratch directory left (${left:-none})" [ -z "$left" ]
	check "$1: no qemu left running (${qemu:-none})" [ -z "$qemu" ]
}

status=0
start=$SECONDS
vm_run timeout --duration=120s --timeout=20 || status=$?
elapsed=$((SECONDS - start))
check "timeout: a 120 s point under --timeout=20 fails with status 1 (got $status)" \
	[ "$status" = 1 ]
check "timeout: ... at the deadline (${elapsed} s)" [ "$elapsed" -lt 40 ]
check "timeout: the message names the budget and the option" \
	grep -q "^ksbench run: the guest did not finish within 20 s.*(--timeout raises the budget)" \
	"$SCRATCH/timeout.stderr"
check "timeout: the console log is kept" [ -s "$SCRATCH/timeout/r.console.log" ]
cleaned_up timeout
[ "$status" = 1 ] || sed 's/^/# /' "$SCRATCH/timeout.stderr"

status=0
VM_RUN_BG=1 vm_run sigint --duration=120s
# well into the run: qemu is up and the guest is measuring
for _ in $(seq 100); do
	[ -n "$(qemu_of sigint)" ] && break
	sleep 0.2
done
sleep 10
kill -INT "$pid"
wait "$pid" || status=$?
check "sigint: Ctrl-C to run --target=vm exits 130 (got $status)" [ "$status" = 130 ]
check "sigint: ... and says nothing was kept" \
	grep -q "^ksbench run: interrupted: the VM was stopped, nothing was kept" \
	"$SCRATCH/sigint.stderr"
cleaned_up sigint
finish
