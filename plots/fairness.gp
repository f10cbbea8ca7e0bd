# How evenly the workers shared the work at one CPU count, in one result
# file: a group of bars per workload, one bar per worker (its share, the
# median over the repeats), the fair share 1/n dashed across the group and
# Jain's index above it. A handoff's signaller (worker 0) shares no events
# and has no bar.
#
# dat: `ksbench export --table=fairness --cpus=N` of one file, one block
# per workload; names: the workloads; extra: N, the workers per group;
# ymax: the largest share.

load "style.gp"

WORKER = 5; SHARE = 7; JAIN = 8; FAIR = 9		# columns of the fairness table

workers = extra
bw = 0.8 / workers			# a group's bars span 0.8 of the 1 between groups
bar(i) = (i - 1) + (column(WORKER) - (workers - 1) / 2.0) * bw

set key title "worker" left
set ylabel "share of the work (median over repeats)"
set xrange [-0.6 : n - 0.4]
# Room above the tallest bar for the Jain labels; ymax is the largest share.
top = ymax < 0.85 ? ymax * 1.3 : 1.12
set yrange [0 : top]
set xtics () scale 0
set for [i = 1:n] xtics add (tics[i] i - 1)
set grid noxtics
set boxwidth bw * 0.9 absolute
set style fill solid 0.85 border lc rgb "#333333"

plot for [i = 1:n] dat index (i - 1) using (bar(i)):SHARE:(column(WORKER) + 1) \
		with boxes lc variable notitle, \
	for [i = 1:n] dat index (i - 1) every ::0::0 using (i - 1.45):FAIR:(0.9):(0) \
		with vectors nohead dt 2 lw 1.5 lc rgb "#000000" \
		title (i == 1 ? "fair share 1/n" : ""), \
	for [i = 1:n] dat index (i - 1) every ::0::0 \
		using (i - 1):(top * 0.95):(sprintf("Jain %.3f", column(JAIN))) with labels notitle, \
	for [w = 0:(workers <= 16 ? workers - 1 : -1)] keyentry with boxes lt w + 1 \
		title sprintf("worker %d", w)
eval svg
