#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ksbench beside the kernel's own locktorture, in one VM boot: spin_lock,
# mutex_lock and rwsem_lock with WRITERS writers (one per vCPU), against
# ksbench's spinlock, mutex and rwsem (writers only) at the same CPU count,
# with no hold and with locktorture's mean hold. Prints rates and ratios;
# asserts nothing (README.md "ksbench and locktorture").
#   bench/locktorture/run.sh [WRITERS] [SECONDS] [DURATION]   (env: KERNEL)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
writers=${1:-2}
seconds=${2:-5}
duration=${3:-2s}
kernel=${KERNEL:-generic}

release=$("$top/cli/ksbench" vm --kernel="$kernel" --no-module -q -- uname -r 2>/dev/null |
	tr -d '\r' | grep -E '^[0-9]+\.[0-9]+' | tail -n 1)
[ -n "$release" ] || { echo "run.sh: cannot boot --kernel=$kernel" >&2; exit 1; }
ltdir=$("$top/bench/locktorture/build.sh" "$release")

out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$top/cli/ksbench" vm --kernel="$kernel" --smp="$writers" -q --timeout=600 \
	--file="$ltdir/torture.ko:/lt/torture.ko" \
	--file="$ltdir/locktorture.ko:/lt/locktorture.ko" \
	--file="$top/bench/locktorture/guest.sh:/lt.sh" \
	-- /bin/sh /lt.sh "$writers" "$seconds" "$duration" | tr -d '\r' |
	grep -E '^(locktorture|ksbench) ' >"$out"
[ "$(grep -c '^locktorture ' "$out")" = 3 ] || { echo "run.sh: locktorture gave no figures" >&2; cat "$out" >&2; exit 1; }

echo "ksbench and locktorture on $release: $writers writers on $writers vCPUs, one boot;"
echo "locktorture ${seconds} s per lock (insmod to rmmod), ksbench ${duration} points"
awk -v w="$writers" -f "$top/bench/lib/fields.awk" -f "$top/bench/locktorture/table.awk" "$out"
