# SPDX-License-Identifier: GPL-2.0
# Shared by the debug-kernel test cases (bash, sourced): tests/vm/lib.sh's
# helpers, with the project's debug kernel as the guest kernel.

source "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"
# `make debug-kernel`'s build, from the cache (docs/debug-kernel.md);
# KSBENCH_DEBUG_KERNEL=debug-6.12 for `make debug-kernel VERSION=6.12`'s.
KERNEL=${KSBENCH_DEBUG_KERNEL:-debug}
KEEP=$ROOT/build/debug-test	# console logs of failed runs, for reading after

# run_debug_guest NAME SMP: tests/debug/guest-NAME.sh in the debug kernel
# through tests/vm/lib.sh's run_guest_script. A failure keeps the console
# in $KEEP.
run_debug_guest() {
	local name=$1 smp=$2 before=$failures
	GUEST_DIR=$ROOT/tests/debug run_guest_script "$name" "$smp"
	if [ "$failures" != "$before" ]; then
		mkdir -p "$KEEP"
		cp "$SCRATCH/console" "$KEEP/$name.console.log"
		echo "# console log kept: $KEEP/$name.console.log"
	fi
}
