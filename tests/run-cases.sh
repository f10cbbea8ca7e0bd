#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run-cases.sh NAME DIR: runs every DIR/test-*.sh, shows their output, and
# counts their "ok" / "not ok" lines; a case that dies without saying why
# counts as a failure; each case's time follows it. The last line reads "NAME: N passed, M failed (T s)";
# the exit status is 0 only if M is 0. Used by tests/vm and tests/debug.
set -euo pipefail
name=$1
cd "$2"

log=$(mktemp "${TMPDIR:-/tmp}/ksbench-$name-log.XXXXXX")
trap 'rm -f "$log"' EXIT
start=$SECONDS
passed=0
failed=0
for test in test-*.sh; do
	echo "# $test"
	begin=$SECONDS
	set +e
	bash "$test" | tee "$log"
	status=${PIPESTATUS[0]}
	set -e
	passed=$((passed + $(grep -c '^ok - ' "$log" || true)))
	failed=$((failed + $(grep -c '^not ok - ' "$log" || true)))
	if [ "$status" != 0 ] && ! grep -q '^not ok - ' "$log"; then
		echo "not ok - $test exited with status $status"
		failed=$((failed + 1))
	fi
	echo "# $test: $((SECONDS - begin)) s"
done
echo "$name: $passed passed, $failed failed ($((SECONDS - start)) s)"
[ "$failed" = 0 ]
