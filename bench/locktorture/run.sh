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
awk -v w="$writers" '
# locktorture 6.1 holds its lock, per acquisition, on average (its *_delay()):
# spin_lock udelay(2) in 1 of 4w and mdelay(100) in 1 of 200000w: 1/w us;
# mutex_lock mdelay(20), mdelay(500) in 1 of 200000w; rwsem_lock mdelay(10),
# mdelay(1000) in 1 of 200000w.
function field(name,   i) {
	for (i = 1; i <= NF; i++)
		if (index($i, name "=") == 1)
			return substr($i, length(name) + 2)
}
function ns(h) {
	if (h ~ /ms$/) return h * 1e6
	if (h ~ /us$/) return h * 1e3
	if (h ~ /ns$/) return h + 0
	if (h ~ /s$/) return h * 1e9
	return h * 1e9
}
BEGIN {
	name["spin_lock"] = "spinlock"; name["mutex_lock"] = "mutex"; name["rwsem_lock"] = "rwsem"
	lt_hold["spin_lock"] = 1000 / w
	lt_hold["mutex_lock"] = 20e6 + 500e6 / (200000 * w)
	lt_hold["rwsem_lock"] = 10e6 + 1000e6 / (200000 * w)
}
$1 == "locktorture" {
	t = $2
	lt_rate[name[t]] = field("total") / (field("cs") / 100)
	lt_min[name[t]] = field("min"); lt_max[name[t]] = field("max")
	lt_fail[name[t]] = field("fail"); hold_of[name[t]] = lt_hold[t]; order[++n] = name[t]
}
$1 == "ksbench" {
	split($2, c, ",")
	h = ns(field("hold"))
	if (h == 0)
		ks0[c[3]] = c[5]
	else {
		ksh[c[3]] = c[5]; ksh_hold[c[3]] = h
	}
}
END {
	printf "%-9s %13s %12s %13s %8s %13s %11s %9s %9s\n", "lock", "locktorture/s",
		"mean hold", "ksbench/s", "ratio", "ksbench/s at", "hold", "busy lt", "busy ks"
	for (i = 1; i <= n; i++) {
		l = order[i]
		printf "%-9s %13.0f %10.3g us %13.0f %8.3g %13.0f %8.3g us %9.3f %9.3f\n", l,
			lt_rate[l], hold_of[l] / 1e3, ks0[l], ks0[l] / lt_rate[l], ksh[l],
			ksh_hold[l] / 1e3, lt_rate[l] * hold_of[l] / 1e9, ksh[l] * ksh_hold[l] / 1e9
	}
	printf "locktorture per writer, max/min acquisitions:"
	for (i = 1; i <= n; i++)
		printf " %s %s/%s (fail %s)", order[i], lt_max[order[i]], lt_min[order[i]], lt_fail[order[i]]
	printf "\n"
	print "ratio: ksbench with no hold over locktorture; busy: ops/s times the mean hold,"
	print "the fraction of time the lock is held (1.0: the lock is never free)"
}' "$out"
