#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The module's debugfs contract, driven by hand inside the VM: runs
# guest-debugfs.sh there and reports its lines as its own.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

status=0
"$KSBENCH" vm --kernel="$KERNEL" --smp=2 --timeout=300 \
	--file="$ROOT/tests/vm/guest-debugfs.sh:/t.sh" -- /bin/sh /t.sh \
	>"$SCRATCH/console" 2>"$SCRATCH/stderr" || status=$?

# The guest's lines, as they came through the console.
grep -E '^(not )?ok - ' "$SCRATCH/console" | sed -E 's/^(not )?ok - /&guest: /' || true
failures=$(grep -c '^not ok - ' "$SCRATCH/console" || true)
summary=$(grep -E '^guest-debugfs: [0-9]+ passed, [0-9]+ failed$' "$SCRATCH/console" || true)
check "debugfs: the guest script ran to its summary (${summary:-none})" [ -n "$summary" ]
check "debugfs: ksbench vm exits 0 (got $status)" [ "$status" = 0 ]
check_console_clean debugfs "$SCRATCH/stderr"
[ "$status" = 0 ] || sed 's/^/# /' "$SCRATCH/stderr"
finish
