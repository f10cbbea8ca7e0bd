#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The debug-kernel pass (`make test` runs it after `make debug-kernel`):
# every tests/debug/test-*.sh against the project's debug kernel (lockdep,
# KASAN, kmemleak, debug objects, lockup and stall detectors;
# docs/debug-kernel.md), counting their "ok" / "not ok" lines. Needs what
# tests/vm/run.sh needs, and the kernel in the cache. The last line reads
# "debug: N passed, M failed (T s)"; the exit status is 0 only if M is 0.
set -euo pipefail
cd "$(dirname "$0")"

# KSBENCH_DEBUG_KERNEL=debug-6.12: the one `make debug-kernel VERSION=6.12` built.
kernel=${KSBENCH_DEBUG_KERNEL:-debug}
version=${kernel#debug}
version=${version#-}
current=${XDG_CACHE_HOME:-$HOME/.cache}/ksbench/debug-kernel${version:+-$version}/current
if [ ! -f "$current/bzImage" ]; then
	echo "not ok - no debug kernel in $current: run 'make debug-kernel${version:+ VERSION=$version}'"
	echo "debug: 0 passed, 1 failed"
	exit 1
fi
echo "# debug kernel: $(cat "$current/ok" 2>/dev/null || echo unfinished) ($(readlink -f "$current"))"

exec ../run-cases.sh debug .
