# Latency percentiles vs CPUs of one result file: three panels, p50, p99
# and p99.9, of each histogram (acquire, hold, read, write, op, wakeup ...)
# merged over workers and repeats, one line per workload and histogram, on
# one log axis shared by the panels so they compare. Percentiles of 0 ns
# (no longer than the clock read subtracted) cannot be drawn on it; `note`
# counts them.
#
# dat: `ksbench export --table=latency` of one file, one block per
# (workload, histogram); names: "workload histogram".

width = 1300
load "style.gp"

CPUS = 4; P50 = 7; P99 = 9; P999 = 10		# columns of the latency table
array col[3] = [P50, P99, P999]
array pct[3] = ["p50 (median)", "p99", "p99.9"]

# Three panels side by side, and under them a fourth without axes that
# holds the key (its curves, at y = 2, fall outside its range).
left = 0.075; gap = 0.03; w = (0.98 - left - 2 * gap) / 3

do for [fmt in "png svg"] {
	eval (fmt eq "png" ? png_terminal : svg_terminal)
	set multiplot title title."\n".subtitle.(strlen(note) > 0 ? "\n".note : "") font ",12"
	unset title
	unset key
	# (again on the second pass: the key panel below changes them)
	eval axes
	set xrange [xmin - 0.5 : xmax + 0.5]
	if (xmax - xmin <= 16) { set xtics 1 } else { set xtics autofreq }
	set logscale y
	set yrange [decade_below(ymin * 1e-9) : decade_above(ymax * 1e-9)]
	set tmargin at screen 0.85
	set bmargin at screen 0.32
	do for [k = 1:3] {
		set lmargin at screen left + (k - 1) * (w + gap)
		set rmargin at screen left + (k - 1) * (w + gap) + w
		set title pct[k] font ",12"
		set xlabel "CPUs"
		set ylabel (k == 1 ? "latency (merged over workers and repeats)" : "")
		if (k > 1) { set format y "" } else { set format y "%.0s%cs" }
		plot for [i = 1:n] dat index (i - 1) using CPUS:(ns(col[k])) \
			with linespoints lt i notitle
	}
	set lmargin at screen left
	set rmargin at screen 0.98
	set tmargin at screen 0.22
	set bmargin at screen 0.01
	unset title; unset xlabel; unset ylabel; unset border; unset tics; unset grid
	unset logscale y
	set xrange [0 : 1]
	set yrange [0 : 1]
	set key inside left top horizontal maxcols 5 Left reverse title "workload, histogram"
	plot for [i = 1:n] 2 with linespoints lt i title names[i]
	unset multiplot
}
unset output
