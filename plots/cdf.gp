# The latency CDF of one workload in one result file: for each CPU count
# and histogram, the fraction of timed operations that took at most x,
# from the histogram merged over workers and repeats (exact at each
# bucket's top, hence steps), on a log x axis. Dotted lines mark the
# median, p90 and p99.
#
# dat: `ksbench export --table=cdf --workload=W` of one file, one block
# per (CPU count, histogram); names: "N CPUs, histogram".

load "style.gp"

VALUE = 6; FRACTION = 7				# columns of the cdf table

set key title "CPUs, histogram" left
set xlabel "latency"
set ylabel "fraction of timed operations at most this long"
set logscale x
set xrange [decade_below(xmin * 1e-9) : decade_above(xmax * 1e-9)]
set format x "%.0s%cs"
set yrange [0 : 1.02]
set ytics 0.1
set grid mxtics
do for [q in "0.5 0.9 0.99"] {
	set arrow from graph 0, first q + 0 to graph 1, first q + 0 nohead dt 3 lc rgb "#888888"
}

plot for [i = 1:n] dat index (i - 1) using (ns(VALUE)):FRACTION with steps lt i title names[i]
eval svg
