# The look shared by every ksbench chart; each chart script loads it first.
#
# Variables every chart script gets (ksbench plot writes them as a small
# script of assignments, run before the chart's; every string in it is a
# single-quoted literal, in which gnuplot substitutes nothing: see
# docs/plots.md):
#   dat       the chart's data: a `ksbench export --format=dat` table
#   out       the output path without extension: out.png and out.svg
#   title, subtitle   the chart's title lines (kernel; host, file, mode)
#   note      a remark for the title's last line ("" for none)
#   n, names  how many series (index blocks) dat has, and their key titles
#   tics      the same titles as tic labels ('%' doubled: a tic label is a format)
#   xmin, xmax, ymin, ymax   the data's range (ymin is the smallest
#             value above 0), so no script guesses and no axis is empty
#   extra     what a script needs besides (fairness: the workers)
#
# The chart is drawn to out.png (pngcairo) when the script plots, then to
# out.svg by `eval svg`, which replots it on the SVG terminal. A multiplot
# cannot be replotted: latency.gp draws itself once per terminal, set by
# `eval png_terminal` and `eval svg_terminal`. A script may set `width`
# (pixels) before loading this file.

set encoding utf8
if (!exists("width")) width = 1100
png_terminal = sprintf('set terminal pngcairo size %d,700 noenhanced font "DejaVu Sans,11" ' . \
		       'linewidth 1.4; set output out.".png"', width)
svg_terminal = sprintf('set terminal svg size %d,700 dynamic noenhanced font "DejaVu Sans,11" ' . \
		       'linewidth 1.4 background "white"; set output out.".svg"', width)
svg = svg_terminal.'; replot; unset output'
eval png_terminal

# Above this max/min ratio a y axis is logarithmic.
LOG_RANGE = 30

# Okabe-Ito colours (distinct for colour-blind readers), one per series,
# filled markers; series 9 to 16 repeat the colours with open markers.
set linetype 1 lc rgb "#0072B2" lw 2 pt 7 ps 1.3
set linetype 2 lc rgb "#D55E00" lw 2 pt 5 ps 1.3
set linetype 3 lc rgb "#009E73" lw 2 pt 9 ps 1.5
set linetype 4 lc rgb "#CC79A7" lw 2 pt 11 ps 1.5
set linetype 5 lc rgb "#E69F00" lw 2 pt 13 ps 1.5
set linetype 6 lc rgb "#56B4E9" lw 2 pt 15 ps 1.5
set linetype 7 lc rgb "#000000" lw 2 pt 7 ps 1.3
set linetype 8 lc rgb "#F0E442" lw 2 pt 5 ps 1.3
set linetype 9 lc rgb "#0072B2" lw 2 pt 6 ps 1.3
set linetype 10 lc rgb "#D55E00" lw 2 pt 4 ps 1.3
set linetype 11 lc rgb "#009E73" lw 2 pt 8 ps 1.5
set linetype 12 lc rgb "#CC79A7" lw 2 pt 10 ps 1.5
set linetype 13 lc rgb "#E69F00" lw 2 pt 12 ps 1.5
set linetype 14 lc rgb "#56B4E9" lw 2 pt 14 ps 1.5
set linetype 15 lc rgb "#000000" lw 2 pt 6 ps 1.3
set linetype 16 lc rgb "#F0E442" lw 2 pt 4 ps 1.3
set linetype cycle 16

# The note, when there is one, is the title's third line: nothing covers it there.
set title title."\n".subtitle.(strlen(note) > 0 ? "\n".note : "") font ",12"
# The axes' look, a command so a multiplot can put it back.
axes = 'set border 3 lw 1; set tics nomirror out; set grid xtics ytics lc rgb "#e0e0e0" lw 1 dt 1'
eval axes
set key below left Left reverse samplen 3 spacing 1.1 maxrows 6

# Log axes run over whole decades, so even a narrow range has two labels.
decade_below(x) = 10 ** floor(log10(x / 1.2))
decade_above(x) = 10 ** ceil(log10(x * 1.2))

# Latencies are in ns; the axes show seconds with SI prefixes (40ns, 2us).
ns(c) = column(c) > 0 ? column(c) * 1e-9 : NaN	# 0 ns cannot be drawn on a log axis
