#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The plot test: `make plots` on the example results (results/examples/*.json,
# or the result files given as arguments) into a scratch directory; every
# chart type must come out as a non-empty PNG and SVG with its .dat, and
# gnuplot must have said nothing. Then what `ksbench plot` refuses: no
# file, a script gnuplot warns about, no gnuplot. Prints "ok - ..." /
# "not ok - ..." lines; exits 0 only when all are ok.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"	# ROOT, KSBENCH, SCRATCH, ok, check
show() { sed 's/^/# /' "$1"; }

if [ $# -gt 0 ]; then
	files=("$@")
else
	shopt -s nullglob
	files=()
	for f in "$ROOT"/results/examples/*.json; do
		[[ $f == *.index.json ]] || files+=("$f")	# an index names results; it is none
	done
	shopt -u nullglob
fi
if [ ${#files[@]} -eq 0 ]; then
	not_ok "example results: there are none in results/examples/ (commit some, or pass result files: $0 FILE...)"
	exit 1
fi

make -s -C "$ROOT" cli >/dev/null || { not_ok "cli builds"; exit 1; }
out=$SCRATCH/out
status=0
make -s -C "$ROOT" plots RESULTS="${files[*]}" PLOTDIR="$out" \
	>"$SCRATCH/stdout" 2>"$SCRATCH/stderr" || status=$?
check "make plots on ${#files[@]} result file(s) exits 0 (got $status)" [ "$status" = 0 ]
# Everything on stderr must be a note about a skipped chart: gnuplot's
# messages, which ksbench plot passes on, would be anything else.
if grep -v -e ': .* skipped$' "$SCRATCH/stderr" >"$SCRATCH/unexpected"; then
	not_ok "gnuplot reported nothing (stderr has more than skip notes)"
	show "$SCRATCH/unexpected"
else
	ok "gnuplot reported nothing"
fi

# One chart type: at least one chart, each a PNG and an SVG, non-empty,
# and the .dat it was drawn from.
chart_type() {
	local type=$1 pattern=$2 png base n=0 bad=0
	for png in "$out"/$pattern.png; do
		[ -e "$png" ] || continue
		n=$((n + 1))
		base=${png%.png}
		if [ ! -s "$png" ] || [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ]; then
			not_ok "$type: $(basename "$png") is a non-empty PNG"
			bad=1
		fi
		if [ ! -s "$base.svg" ] || ! grep -q '<svg' "$base.svg" || ! grep -q '</svg>' "$base.svg"; then
			not_ok "$type: $(basename "$base").svg is a whole SVG"
			bad=1
		fi
		if ! grep -q '^# ksbench export --table=' "$base.dat" 2>/dev/null ||
		   ! grep -q '^"' "$base.dat"; then
			not_ok "$type: $(basename "$base").dat holds the exported rows"
			bad=1
		fi
	done
	if [ "$n" = 0 ]; then
		not_ok "$type: charts made (none matches $pattern; see the notes:)"
		show "$SCRATCH/stderr"
	elif [ "$bad" = 0 ]; then
		ok "$type: $n chart(s), each a non-empty PNG and SVG with its .dat"
	fi
}
chart_type "throughput vs CPUs" '*-throughput'
chart_type "latency percentiles" '*-latency'
chart_type "latency CDF" '*-cdf-*'
chart_type "fairness" '*-fairness-*cpus'
chart_type "cross-kernel overlay" 'overlay-*'

# Bad usage: exit 2 with a line naming what is missing.
status=0
"$KSBENCH" plot -o "$SCRATCH/none" 2>"$SCRATCH/usage" || status=$?
check "plot without a FILE exits 2 (got $status)" [ "$status" = 2 ]
check "... and says so" grep -q "ksbench plot: FILE: no result file given" "$SCRATCH/usage"

# A script gnuplot warns about fails the command, naming the script.
mkdir -p "$SCRATCH/gp"
cp "$ROOT"/plots/*.gp "$SCRATCH/gp/"
# (a block that is not there: gnuplot warns, and draws the rest)
sed -i 's/^plot for/plot dat index 99 using 4:5 notitle, dat index 0 using 4:5 notitle\n&/' \
	"$SCRATCH/gp/throughput.gp"
status=0
"$KSBENCH" plot -q -o "$SCRATCH/warn" --scripts="$SCRATCH/gp" "${files[0]}" \
	>/dev/null 2>"$SCRATCH/warn.stderr" || status=$?
check "a gnuplot warning fails plot (exit 1, got $status)" [ "$status" = 1 ]
if grep -q "throughput.gp failed for" "$SCRATCH/warn.stderr" &&
   grep -q "warning: Skipping data file with no valid points" "$SCRATCH/warn.stderr"; then
	ok "... naming the script and quoting gnuplot"
else
	not_ok "... naming the script and quoting gnuplot"
	show "$SCRATCH/warn.stderr"
fi

# No gnuplot: say what to install.
status=0
PATH=/nonexistent "$KSBENCH" plot -o "$SCRATCH/nogp" "${files[0]}" 2>"$SCRATCH/nogp.stderr" || status=$?
check "without gnuplot plot exits 1 (got $status)" [ "$status" = 1 ]
check "... and says: install gnuplot-nox (make deps)" \
	grep -q "install gnuplot-nox (make deps)" "$SCRATCH/nogp.stderr"

# Hostile strings in result files and directory names: data, never code.
source "$(dirname "${BASH_SOURCE[0]}")/hostile.sh"

echo "plots: $failures failed"
exit $((failures > 0))
