# Throughput vs CPUs of one result file: one line per workload, the median
# over the repeats, with its 95% confidence interval as error bars (none
# below 3 repeats, where the table has NaN: the bar collapses to the point).
#
# dat: `ksbench export --table=throughput` of one file, one block per
# workload; names: the workloads. See style.gp for the other variables.
# overlay.gp loads this script with its own names and key title.

load "style.gp"

CPUS = 4; MEDIAN = 5; LOW = 6; HIGH = 7		# columns of the throughput table
bound(c) = valid(c) ? column(c) : column(MEDIAN)	# valid(): not NaN

if (!exists("keytitle")) keytitle = "workload"
set key title keytitle left
set xlabel "CPUs (one worker on each)"
set ylabel "operations per second (median, 95% CI)"
set xrange [xmin - 0.5 : xmax + 0.5]
if (xmax - xmin <= 16) set xtics 1
if (ymax > LOG_RANGE * ymin) {
	set logscale y
	set yrange [decade_below(ymin) : decade_above(ymax)]
	set format y "%.0s%c"
} else {
	set yrange [0 : ymax * 1.1]
	set format y "%.1s%c"
}
# Series side by side at each CPU count, a little apart, so bars do not hide each other.
dodge(i) = (i - (n + 1) / 2.0) * 0.012 * (xmax - xmin + 1)

plot for [i = 1:n] dat index (i - 1) \
	using (column(CPUS) + dodge(i)):MEDIAN:(bound(LOW)):(bound(HIGH)) \
	with yerrorlines lt i title names[i]
eval svg
