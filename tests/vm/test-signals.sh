#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ksbench run under faults (docs/faults-cli.md): signals to the CLI in the
# middle of a sweep and starts the module refuses, inside the VM
# (guest-signals.sh), with the files it kept checked here; then the VM
# target's own ends: a guest past --timeout; Ctrl-C to the host's
# `ksbench run --target=vm` in the first point, mid-run on a terminal
# (the guest's progress lines; the completed points kept), twice, and
# SIGTERM over two kernels; each leaving no temporary file, scratch
# directory or qemu behind; then SIGKILL, whose scratch the next run
# reclaims.
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

# wait_for WHAT SECONDS COMMAND...: polls COMMAND every 0.2 s; not ok on timeout.
wait_for() {
	local what=$1 seconds=$2 tries=$(($2 * 5))
	shift 2
	while [ "$tries" -gt 0 ]; do
		"$@" && return 0
		sleep 0.2
		tries=$((tries - 1))
	done
	not_ok "$what: still waiting after $seconds s"
	return 1
}
qemu_running() { [ -n "$(qemu_of "$1")" ]; }
qemu_gone() { [ -z "$(qemu_of "$1")" ]; }
# listening NAME: the guest loaded the module (its taint line on the
# console) a few seconds ago: its run has caught its signals by now.
loaded() { cat "$SCRATCH/$1"/*.console.log 2>/dev/null | grep -q "loading out-of-tree module"; }
listening() {
	wait_for "$1: the guest loads the module" 120 loaded "$1" && sleep 4
}
# scratch_of NAME: the VM scratch directories NAME's run has in its TMPDIR.
scratch_of() { ls -A "$SCRATCH/$1.tmp" | grep -E '^ksbench\.[0-9]+\.' || true; }
# no_progress NAME: a stderr that is a file holds no progress line.
no_progress() {
	check "$1: no progress line in a stderr that is a file" \
		sh -c "! grep -q '\[[0-9]*/[0-9]*\] ' '$SCRATCH/$1.stderr'"
}

# Ctrl-C in the guest's first point: its run stops, nothing to keep.
status=0
VM_RUN_BG=1 vm_run sigfirst --duration=120s
listening sigfirst
kill -INT "$pid"
wait "$pid" || status=$?
check "sigfirst: Ctrl-C in the first point exits 130 (got $status)" [ "$status" = 130 ]
check "sigfirst: ... says no point completed, and keeps no file" \
	grep -q "^ksbench run: interrupted before the first point completed: no result file" \
	"$SCRATCH/sigfirst.stderr"
cleaned_up sigfirst
[ "$status" = 130 ] || sed 's/^/# /' "$SCRATCH/sigfirst.stderr"

# Ctrl-C mid-run, with stderr on a terminal (script(1) makes a pty): the
# live point lines come from the guest; the signal goes to the guest's
# run, which keeps its completed points; the host writes them, exits 130.
mkdir -p "$SCRATCH/sigint" "$SCRATCH/sigint.tmp"
cmd="TMPDIR='$SCRATCH/sigint.tmp' '$KSBENCH' run --target=vm --kernel='$KERNEL' --lock=spinlock --cpus=1 --repeat=4 --duration=3s --warmup=50ms -o '$SCRATCH/sigint/r.json' >/dev/null; echo \$? >'$SCRATCH/sigint.status'"
script -qfec "$cmd" "$SCRATCH/sigint.tty" </dev/null >/dev/null 2>&1 &
script_pid=$!
# point 3 of 4 started: points 1 and 2 are complete
if wait_for "sigint: a point line [3/4] on the terminal" 120 \
	grep -q '\[3/4\] spinlock, 1 CPU, repeat 2, [0-9:]* elapsed, ETA ' "$SCRATCH/sigint.tty" 2>/dev/null; then
	ok "sigint: on a terminal, the guest's points show as live lines"
	pkill -INT -f "^$KSBENCH run --target=vm .*$SCRATCH/sigint/r.json" || true
fi
wait "$script_pid" || true
status=$(cat "$SCRATCH/sigint.status" 2>/dev/null || echo none)
tr '\r' '\n' <"$SCRATCH/sigint.tty" | sed 's/\x1b\[K//g' >"$SCRATCH/sigint.stderr"
check "sigint: Ctrl-C to run --target=vm exits 130 (got $status)" [ "$status" = 130 ]
check "sigint: ... says it passed the stop to the guest's run" \
	grep -q "^ksbench run: interrupted: stopping the guest's run to keep its completed points" \
	"$SCRATCH/sigint.stderr"
check "sigint: ... and names the kept file" \
	grep -q "^ksbench run: interrupted: kept the [23] completed point(s) in $SCRATCH/sigint/r.json" \
	"$SCRATCH/sigint.stderr"
file=$SCRATCH/sigint/r.json
JQ_SHOW='{interrupted, points: [.points[] | {repeat, stopped_early, oracle}]}'
if [ -f "$file" ]; then
	jq_check "sigint: the file is interrupted, with the completed points only, whole" \
		'.interrupted == true and (.points | length) >= 2 and (.points | length) <= 3 and
		 all(.points[]; .stopped_early == false and .oracle == "pass" and .ops > 0) and
		 .vm.accel != null'
	check "sigint: ksbench show reads it" "$KSBENCH" show "$file" >/dev/null
else
	not_ok "sigint: the kept result file was written"
fi
check_console_clean sigint "$SCRATCH/sigint.stderr"
check "sigint: no progress line or control traffic in the console log" \
	sh -c "! grep -qE '\[[0-9]+/[0-9]+\]|^point |^run [0-9]' '$SCRATCH/sigint/r.console.log'"
{ rm -f "$SCRATCH/sigint/r.json"; cleaned_up sigint; }
[ "$status" = 130 ] || sed 's/^/# /' "$SCRATCH/sigint.stderr"

# -q on a terminal: no progress lines.
mkdir -p "$SCRATCH/quiet"
cmd="'$KSBENCH' run --target=vm --kernel='$KERNEL' --lock=spinlock --cpus=1 --repeat=2 --duration=200ms --warmup=50ms -q -o '$SCRATCH/quiet/r.json'"
status=0
script -qfec "$cmd" "$SCRATCH/quiet.tty" </dev/null >/dev/null 2>&1 || status=$?
check "quiet: -q on a terminal runs (status $status) and shows no progress line" \
	sh -c "[ '$status' = 0 ] && ! grep -q '\[[0-9]*/[0-9]*\] ' '$SCRATCH/quiet.tty'"

# A second stop signal does not wait for the guest: qemu is stopped at once.
status=0
VM_RUN_BG=1 vm_run sigtwice --duration=120s
listening sigtwice
# two signals of one kind may merge into one while pending: INT, then TERM
kill -INT "$pid"
kill -TERM "$pid" || true
start=$SECONDS
wait "$pid" || status=$?
check "sigtwice: a second stop signal exits 130 (got $status) within 10 s ($((SECONDS - start)) s)" \
	[ "$status" = 130 -a $((SECONDS - start)) -lt 10 ]
check "sigtwice: ... and says the VM was stopped, nothing kept" \
	grep -q "^ksbench run: interrupted: the VM was stopped, nothing was kept" \
	"$SCRATCH/sigtwice.stderr"
no_progress sigtwice
cleaned_up sigtwice

# Several kernels: the interrupted one's file is kept, the next not booted.
mkdir -p "$SCRATCH/sigmulti" "$SCRATCH/sigmulti.tmp"
status=0
TMPDIR=$SCRATCH/sigmulti.tmp "$KSBENCH" run --target=vm --kernel="$KERNEL,$KERNEL:ksbench_test=1" \
	--lock=spinlock --cpus=1 --repeat=10 --duration=2s --warmup=50ms \
	-o "$SCRATCH/sigmulti/r.json" >"$SCRATCH/sigmulti.stdout" 2>"$SCRATCH/sigmulti.stderr" &
pid=$!
listening sigmulti
sleep 3		# a 2 s point completed
kill -TERM "$pid"
wait "$pid" || status=$?
check "sigmulti: SIGTERM mid-run over two kernels exits 130 (got $status)" [ "$status" = 130 ]
check "sigmulti: the second kernel never booted" \
	[ "$(grep -c 'booting' "$SCRATCH/sigmulti.stderr")" -le 1 ]
no_progress sigmulti
file=$SCRATCH/sigmulti/r.index.json
JQ_SHOW=.
tag=$(jq -r '.kernels[0].result' "$file" 2>/dev/null || true)
jq_check "sigmulti: the index records the first kernel's kept file (130), the second not run" \
	'(.kernels | length) == 2 and .kernels[0].exit_status == 130 and
	 (.kernels[0].result | type) == "string" and
	 .kernels[1].exit_status == -1 and .kernels[1].result == null'
if [ -n "$tag" ] && [ -f "$SCRATCH/sigmulti/$tag" ]; then
	file=$SCRATCH/sigmulti/$tag
	jq_check "sigmulti: the first kernel's file is interrupted, with its completed points" \
		'.interrupted == true and (.points | length) >= 1 and
		 all(.points[]; .stopped_early == false)'
else
	not_ok "sigmulti: the first kernel's result file exists (${tag:-none})"
fi
check "sigmulti: no scratch left in TMPDIR ($(scratch_of sigmulti))" [ -z "$(scratch_of sigmulti)" ]
check "sigmulti: no qemu left" [ -z "$(qemu_of sigmulti)" ]

# SIGKILL cannot be caught: its scratch stays (qemu dies with it), and the
# next VM run reclaims it, and that of any other dead process, but never a
# live process's.
status=0
VM_RUN_BG=1 vm_run sigkill --duration=120s
wait_for "sigkill: qemu starts" 60 qemu_running sigkill
sleep 3
kill -KILL "$pid"
wait "$pid" || status=$?
check "sigkill: the CLI dies of it (status $status)" [ "$status" = 137 ]
left=$(scratch_of sigkill)
check "sigkill: its scratch directory is left (${left:-none})" \
	sh -c "echo '$left' | grep -qx 'ksbench\.$pid\.[A-Za-z0-9]*'"
wait_for "sigkill: qemu dies with the CLI" 10 qemu_gone sigkill
sh -c 'exit 0' &
dead=$!
wait "$dead"
mkdir "$SCRATCH/sigkill.tmp/ksbench.$dead.AbCdEf" "$SCRATCH/sigkill.tmp/ksbench.$$.AbCdEf"
touch "$SCRATCH/sigkill.tmp/ksbench.$dead.AbCdEf/channel"
next=0
vm_run sigkill --duration=100ms --warmup=20ms || next=$?
check "sigkill: the next run works (status $next)" [ "$next" = 0 -a -f "$SCRATCH/sigkill/r.json" ]
left=$(scratch_of sigkill)
check "sigkill: ... and reclaimed the dead runs' scratch, not the live one's (left: ${left:-none})" \
	[ "$left" = "ksbench.$$.AbCdEf" ]
finish
