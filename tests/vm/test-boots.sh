#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ksbench run --target=vm --boots=N: one kernel booted twice, its points
# in one file with the boot of each, a record and a console log per boot,
# then show and compare on that file; and Ctrl-C in the second of three
# boots: the first boot's points kept, no third boot. --boots on the host
# target is refused before anything boots.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

status=0
"$KSBENCH" run --target=host --boots=2 --lock=atomic_inc >/dev/null 2>"$SCRATCH/host.err" || status=$?
check "boots: --boots on the host target is bad usage (exit 2, got $status)" [ "$status" = 2 ]
check "boots: ... saying it applies to the VM target" grep -q "^ksbench run: --boots: applies to the VM target only" "$SCRATCH/host.err"

# --- two boots ----------------------------------------------------------------

out=$SCRATCH/b.json
status=0
"$KSBENCH" run --target=vm --kernel="$KERNEL" --boots=2 --lock=atomic_inc --cpus=1 \
	--duration=100ms --warmup=20ms --repeat=2 -o "$out" \
	>"$SCRATCH/stdout" 2>"$SCRATCH/stderr" || status=$?
check "boots: a run of 2 boots exits 0 (got $status)" [ "$status" = 0 ]
check_console_clean boots "$SCRATCH/stderr"
[ "$status" = 0 ] || sed 's/^/# /' "$SCRATCH/stderr"
check "boots: progress says boot 1 of 2 and boot 2 of 2" \
	eval 'grep -q "^ksbench: boot 1 of 2: $KERNEL\$" "$SCRATCH/stderr" &&
	      grep -q "^ksbench: boot 2 of 2: $KERNEL\$" "$SCRATCH/stderr"'
file=$out
JQ_SHOW='{boots, points: [.points[] | {boot, repeat, oracle}]}'
jq_check "boots: one file, 4 points: boots 1 1 2 2, repeats 0 1 2 3, oracle pass" \
	'[.points[] | [.boot, .repeat]] == [[1, 0], [1, 1], [2, 2], [2, 3]] and
	 all(.points[]; .oracle == "pass" and .workload == "atomic_inc")'
jq_check "boots: params.boots 2, params.repeat 2 (per boot), not interrupted" \
	'.params.boots == 2 and .params.repeat == 2 and .interrupted == false'
jq_check "boots: a record per boot, kept, exit 0, with its own console log and time" \
	"[.boots[] | [.boot, .kept, .points, .exit_status, .problem, .interrupted]] ==
	   [[1, true, 2, 0, null, false], [2, true, 2, 0, null, false]] and
	 [.boots[].console_log] == [\"$SCRATCH/b.boot1.console.log\", \"$SCRATCH/b.boot2.console.log\"] and
	 all(.boots[]; .seconds > 0 and (.started | test(\"^[0-9-]+T[0-9:]+Z\$\")))"
jq_check "boots: the summary's boot medians, one per boot" \
	'(.summary | length) == 1 and .summary[0].boots == 2 and
	 [.summary[0].boot_medians[] | [.boot, .n]] == [[1, 2], [2, 2]]'
check "boots: two console logs, each a whole boot (the module loaded in each)" \
	eval 'grep -q "loading out-of-tree module" "$SCRATCH/b.boot1.console.log" &&
	      grep -q "loading out-of-tree module" "$SCRATCH/b.boot2.console.log" &&
	      ! cmp -s "$SCRATCH/b.boot1.console.log" "$SCRATCH/b.boot2.console.log"'
check "boots: no single console log beside them" [ ! -e "$SCRATCH/b.console.log" ]

status=0
"$KSBENCH" show "$out" >"$SCRATCH/show" 2>&1 || status=$?
check "boots: show reads it (exit 0, got $status) and prints each boot's median" \
	eval '[ "$status" = 0 ] && grep -qE "^workload +cpus +boot 1 +boot 2 +spread\$" "$SCRATCH/show" &&
	      grep -qE "^atomic_inc +1 +[0-9.]+[kM]? +[0-9.]+[kM]? +[0-9.]+x\$" "$SCRATCH/show"'
status=0
"$KSBENCH" compare "$out" "$out" >"$SCRATCH/cmp" 2>&1 || status=$?
check "boots: compare of the file with itself works (exit 0, got $status): boot against boot, too few boots" \
	eval '[ "$status" = 0 ] && grep -qF "unit of replication: the boot (A 2 boots, B 2)" "$SCRATCH/cmp" &&
	      grep -qF "too few boots (2 vs 2, p >= 0.33)" "$SCRATCH/cmp"'

# --- Ctrl-C in boot 2 of 3 ------------------------------------------------------

mkdir -p "$SCRATCH/int"
status=0
"$KSBENCH" run --target=vm --kernel="$KERNEL" --boots=3 --lock=atomic_inc --cpus=1 \
	--duration=6s --warmup=20ms -o "$SCRATCH/int/r.json" \
	>"$SCRATCH/int.stdout" 2>"$SCRATCH/int.stderr" &
pid=$!
tries=900
until grep -qs "loading out-of-tree module" "$SCRATCH/int/r.boot2.console.log" || [ "$tries" = 0 ]; do
	sleep 0.2
	tries=$((tries - 1))
done
check "interrupt: boot 2 started (its module loaded)" [ "$tries" != 0 ]
sleep 4			# the guest's run has caught its signals and is in its 6 s point
kill -INT "$pid"
wait "$pid" || status=$?
check "interrupt: Ctrl-C in boot 2 of 3 exits 130 (got $status)" [ "$status" = 130 ]
check "interrupt: ... says no further boot started, and none did" \
	eval 'grep -q "^ksbench run: interrupted in boot 2 of 3 of $KERNEL: no further boot started" "$SCRATCH/int.stderr" &&
	      [ ! -e "$SCRATCH/int/r.boot3.console.log" ]'
file=$SCRATCH/int/r.json
JQ_SHOW='{interrupted, boots, points: [.points[] | {boot, repeat}]}'
jq_check "interrupt: the file keeps boot 1's point, is interrupted, records boot 2 as stopped" \
	'.interrupted == true and [.points[].boot] == [1] and
	 [.boots[] | [.boot, .interrupted]] == [[1, false], [2, true]] and .boots[0].kept == true'
[ "$status" = 130 ] || sed 's/^/# /' "$SCRATCH/int.stderr"

finish
