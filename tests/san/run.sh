#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The CLI under AddressSanitizer and UndefinedBehaviorSanitizer: the unit
# tests built against cli/build-san, then every read-side command of
# cli/ksbench-san on every committed example and fixture (results/examples,
# tests/cli, tests/fixtures): show and show --points; compare of each file
# with itself and with the first example in every --format and --metric;
# export in every --table and --format; plot (with gnuplot). Each must
# exit without a sanitizer report; a result file must show, compare and
# export with exit 0, an index file be refused cleanly (exit 1 or 2) by
# what does not read indexes. Prints "ok"/"not ok" per run and
# "san: N passed, M failed".
set -uo pipefail
source "$(dirname "$0")/../vm/lib.sh"	# check, ok, not_ok, finish, $SCRATCH
KSAN=$ROOT/cli/ksbench-san
export ASAN_OPTIONS=detect_leaks=1:exitcode=86
export UBSAN_OPTIONS=halt_on_error=1:exitcode=86:print_stacktrace=1
passed=0

make -s -C "$ROOT/cli" san >/dev/null 2>&1 || { not_ok "building cli/ksbench-san"; finish; }
if make -s -C "$ROOT/tests/unit" check-san >"$SCRATCH/unit.log" 2>&1; then
	ok "unit tests under ASan + UBSan"
	passed=$((passed + 1))
else
	not_ok "unit tests under ASan + UBSan: $(grep -m1 -E 'FAILED|ERROR|runtime error' "$SCRATCH/unit.log")"
fi

FILES=("$ROOT"/results/examples/*.json "$ROOT"/tests/cli/result.json "$ROOT"/tests/fixtures/*.json)
BASE=$ROOT/results/examples/quick_generic.json

# san FILE ARGS...: ksbench-san ARGS (cwd $SCRATCH/work); no sanitizer
# report, exit 0 for a result FILE, 0 to 2 for an index.
san() {
	local file=$1 status=0 want=0
	shift
	rm -rf "$SCRATCH/work" && mkdir -p "$SCRATCH/work"
	(cd "$SCRATCH/work" && timeout -s KILL 60 "$KSAN" "$@") >"$SCRATCH/out" 2>"$SCRATCH/err" ||
		status=$?
	grep -q '"schema": *"ksbench-index/' "$file" && want=index
	if grep -qE "Sanitizer|runtime error:" "$SCRATCH/err"; then
		not_ok "$*: $(grep -m1 -E 'ERROR|runtime error' "$SCRATCH/err" | cut -c1-200)"
	elif [ "$want" = 0 ] && [ "$status" != 0 ]; then
		not_ok "$*: exit $status: $(head -c 200 "$SCRATCH/err")"
	elif [ "$status" -gt 2 ]; then
		not_ok "$*: exit $status"
	else
		ok "$* (exit $status)"
		passed=$((passed + 1))
	fi
}

for f in "${FILES[@]}"; do
	san "$f" show "$f"
	san "$f" show --points "$f"
	for fmt in table json csv markdown; do
		for metric in throughput p50 p99 p999; do
			san "$f" compare --format=$fmt --metric=$metric "$f" "$f"
		done
		san "$f" compare --format=$fmt "$BASE" "$f"
	done
	for table in throughput latency cdf fairness; do
		for fmt in dat csv; do
			san "$f" export --table=$table --format=$fmt "$f"
		done
	done
	san "$f" export --table=throughput -o out.dat "$f"
	san "$f" plot -q -o plots "$f"
done
san "$ROOT/results/examples/quick.index.json" compare "${FILES[@]}"
san "$ROOT/results/examples/quick.index.json" plot -q -o plots "${FILES[@]}"
echo "san: $passed passed, $failures failed"
finish
