#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A large valid file (gen.sh: 20,000 workloads, 3.3 MB) through show,
# compare and export, under the sanitizer build, each within a generous
# 60 s: the read side indexes points by key, so this is seconds; the scans
# per key it had took show 36 s and 2.9 GB and compare 75 s (issue 14).
# The limit only catches quadratic cost; it asserts no speed.
set -uo pipefail
source "$(dirname "$0")/../vm/lib.sh"	# check, ok, not_ok, finish, $SCRATCH
KSAN=$ROOT/cli/ksbench-san
make -s -C "$ROOT/cli" san >/dev/null || { not_ok "building cli/ksbench-san"; finish; }
export ASAN_OPTIONS=detect_leaks=1:exitcode=86 UBSAN_OPTIONS=halt_on_error=1:exitcode=86
N=20000
F=$SCRATCH/big.json
"$ROOT/tests/scale/gen.sh" $N "$F"

# run NAME WANT_LINES ARGS...: ksbench-san ARGS exits 0 within 60 s and
# prints at least WANT_LINES lines.
run() {
	local name=$1 want=$2 status=0 lines
	shift 2
	timeout -s KILL 60 "$KSAN" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" || status=$?
	lines=$(wc -l <"$SCRATCH/out")
	check "$name: exit 0 within 60 s (got $status), $lines lines (want >= $want)" \
		eval '[ "$status" = 0 ] && [ "$lines" -ge "$want" ] && [ ! -s "$SCRATCH/err" ]'
}

run "show of $N workloads" $N show "$F"
run "show --points" $((2 * N)) show --points "$F"
run "compare F F" $N compare "$F" "$F"
run "compare --format=json" $N compare --format=json "$F" "$F"
run "compare --format=csv --metric=p99" $N compare --format=csv --metric=p99 "$F" "$F"
run "export --table=throughput" $N export --table=throughput "$F"
run "export --table=fairness --format=csv" $N export --table=fairness --format=csv "$F"
echo "scale: $((7 - failures)) passed, $failures failed"
finish
