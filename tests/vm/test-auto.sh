#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The same target everywhere: `ksbench list` and `ksbench info` with no
# options take --target=auto as `ksbench run` does. On a host that cannot
# run the module (this project's machines) each says why in one line on
# stderr and answers from the VM; --target=host still fails, naming why.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

NOTICE='^ksbench: the host cannot run the module \(.+\); using the VM target$'

if "$KSBENCH" list --target=host >/dev/null 2>&1; then
	ok "auto: # SKIP the host runs the module: --target=auto stays on the host"
	finish
fi

status=0
"$KSBENCH" list -q >"$SCRATCH/list.out" 2>"$SCRATCH/list.err" || status=$?
check "list: with no target, exits 0 via the VM (got $status)" [ "$status" = 0 ]
check "list: ... prints the workloads" \
	grep -qE '^spinlock +lock +' "$SCRATCH/list.out"
# (a module out of date is rebuilt first, and that says so too)
check "list: ... and, with -q, the one-line notice on stderr and no VM chatter ($(head -c 200 "$SCRATCH/list.err"))" \
	sh -c "head -1 '$SCRATCH/list.err' | grep -qE '$NOTICE' &&
	       [ \"\$(grep -cvE '^(ksbench: building ksbench.ko for |built build/kmod/)' '$SCRATCH/list.err')\" = 1 ]"

status=0
"$KSBENCH" info >"$SCRATCH/info.out" 2>"$SCRATCH/info.err" || status=$?
check "info: with no target, exits 0 via the VM (got $status)" [ "$status" = 0 ]
check "info: ... prints the guest module's facts" \
	grep -q '^module (/sys/kernel/debug/ksbench/info):' "$SCRATCH/info.out"
check "info: ... with the same notice, once" \
	[ "$(grep -cE "$NOTICE" "$SCRATCH/info.err")" = 1 ]
check_console_clean info "$SCRATCH/info.err"

status=0
"$KSBENCH" list --target=host >/dev/null 2>"$SCRATCH/host.err" || status=$?
check "list --target=host: still fails here (status $status), in one line" \
	[ "$status" = 1 -a "$(wc -l <"$SCRATCH/host.err")" = 1 ]
finish
