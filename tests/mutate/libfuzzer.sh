#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The coverage-guided fuzzer over the loader (fuzz_load.c, libFuzzer with
# Debian's clang) for FUZZ_SECONDS (default 600), seeded with the examples
# and fixtures; make test-long runs it. A crash, sanitizer report, leak or
# timeout stops it with the input saved in tests/mutate/build/crashes/.
# Prints "libfuzzer: N runs, 0 failures" or "not ok" and exits 1.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_MAX=${FUZZ_SECONDS:-600}
make -s -C "$ROOT/tests/mutate" libfuzzer >/dev/null || { echo "not ok - libfuzzer: build"; exit 1; }
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/ksbench-libfuzzer.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
mkdir -p "$SCRATCH/corpus" "$ROOT/tests/mutate/build/crashes"
cp "$ROOT"/results/examples/*.json "$ROOT"/tests/cli/result.json "$ROOT"/tests/fixtures/*.json \
	"$SCRATCH/corpus/"
status=0
ASAN_OPTIONS=detect_leaks=1 "$ROOT/tests/mutate/build/fuzz_load" -max_total_time="$SECONDS_MAX" \
	-max_len=262144 -rss_limit_mb=2048 -timeout=10 -seed=1 \
	-artifact_prefix="$ROOT/tests/mutate/build/crashes/" "$SCRATCH/corpus" \
	>"$SCRATCH/log" 2>&1 || status=$?
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$SCRATCH/log")
if [ "$status" != 0 ] || [ -z "$runs" ]; then
	echo "not ok - libfuzzer: exit $status: $(grep -m1 -E 'ERROR|runtime error|SUMMARY' "$SCRATCH/log")"
	echo "libfuzzer: failed (inputs in tests/mutate/build/crashes/)"
	exit 1
fi
echo "ok - libfuzzer: $runs runs in $SECONDS_MAX s, $(grep -o 'cov: [0-9]*' "$SCRATCH/log" | tail -1)"
echo "libfuzzer: $runs runs, 0 failures"
