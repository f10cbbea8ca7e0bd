#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The VM integration tests: boots the kernel in qemu (see `ksbench vm`),
# runs every tests/vm/test-*.sh, and counts their "ok" / "not ok" lines.
# Needs cli/ksbench, cli/ksbench-static and build/kmod/<release>/ksbench.ko
# (`make`), qemu-system-x86, busybox-static and jq. KSBENCH_TEST_KERNEL
# picks the guest kernel (a --kernel spec; default generic). The last line
# reads "vm: N passed, M failed"; the exit status is 0 only if M is 0.
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp "${TMPDIR:-/tmp}/ksbench-vmtest-log.XXXXXX")
trap 'rm -f "$log"' EXIT
passed=0
failed=0
for test in test-*.sh; do
	echo "# $test"
	set +e
	bash "$test" | tee "$log"
	status=${PIPESTATUS[0]}
	set -e
	passed=$((passed + $(grep -c '^ok - ' "$log" || true)))
	failed=$((failed + $(grep -c '^not ok - ' "$log" || true)))
	# A case that died without saying why still counts as a failure.
	if [ "$status" != 0 ] && ! grep -q '^not ok - ' "$log"; then
		echo "not ok - $test exited with status $status"
		failed=$((failed + 1))
	fi
done
echo "vm: $passed passed, $failed failed"
[ "$failed" = 0 ]
