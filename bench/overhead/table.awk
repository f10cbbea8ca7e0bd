# SPDX-License-Identifier: GPL-2.0
# bench/overhead/run.sh's table, from the guest's lines (with ../lib/fields.awk).
function median(a, n,   i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
	key = $2 SUBSEP field("cpus") SUBSEP field("repeat")
	rate[key] = field("ops") / (field("elapsed_ns") / 1e9)
}
END {
	printf "%-22s %4s %14s %8s %17s\n", "mode", "cpus", "median ops/s", "ratio", "min..max ratio"
	for (cpus = 1; cpus <= 2; cpus++) {
		n = 0
		for (r = 0; r < repeats; r++)
			ref[++n] = rate["reference", cpus, r]
		printf "%-22s %4d %14.0f %8s\n", "reference", cpus, median(ref, n), "1.000"
		split("reference+oracle ksbench-throughput ksbench-latency", modes, " ")
		for (m = 1; m <= 3; m++) {
			n = 0; lo = 1e18; hi = 0
			for (r = 0; r < repeats; r++) {
				k = rate[modes[m], cpus, r]
				x = k / rate["reference", cpus, r]
				ratio[++n] = x; ops[n] = k
				lo = x < lo ? x : lo; hi = x > hi ? x : hi
			}
			printf "%-22s %4d %14.0f %8.3f %8.3f..%.3f\n", modes[m], cpus,
				median(ops, n), median(ratio, n), lo, hi
		}
	}
	n = 0
	for (r = 0; r < repeats; r++)
		cost[++n] = 1e9 / rate["ksbench-latency", 1, r] - 1e9 / rate["ksbench-throughput", 1, r]
	printf "latency mode adds %.0f ns per operation at 1 CPU (median over repeats)\n", median(cost, n)
}
