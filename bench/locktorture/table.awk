# SPDX-License-Identifier: GPL-2.0
# bench/locktorture/run.sh's table, from the guest's lines (with ../lib/fields.awk).
# locktorture 6.1 holds its lock, per acquisition, on average (its *_delay()):
# spin_lock udelay(2) in 1 of 4w and mdelay(100) in 1 of 200000w: 1/w us;
# mutex_lock mdelay(20), mdelay(500) in 1 of 200000w; rwsem_lock mdelay(10),
# mdelay(1000) in 1 of 200000w.
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
}
