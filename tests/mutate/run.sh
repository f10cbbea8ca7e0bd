#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The result-file mutation fuzzer: FUZZ_MUTANTS (default 2000) mutants of
# real result and index files (results/examples, tests/cli, tests/fixtures),
# made by ksb-mutate from FUZZ_SEED (default 1), each given to every
# read-side command of the sanitizer build (cli/ksbench-san): show, compare,
# export and plot, their formats, metrics and tables rotating over the
# mutants. A run passes when it exits 0, 1 or 2 within 10 s, with no
# sanitizer report, no signal, no terminal control byte from the file on a
# terminal format's output, and no file written but the output it was
# asked for (the mutants' strings carry `touch CANARY` and $(touch CANARY)
# payloads; the canary must never appear). FUZZ_JOBS workers (default 2)
# share the mutants. Prints "not ok" per failing run with the line that
# reproduces it, "ok" per batch, and "mutate: N passed, M failed" (mutants).
# docs/fuzz.md describes it.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MUTANTS=${FUZZ_MUTANTS:-2000}
TIMEOUT=${FUZZ_TIMEOUT:-10}
SEED=${FUZZ_SEED:-1}
JOBS=${FUZZ_JOBS:-2}
FIRST=${FUZZ_FIRST:-0}
BATCH=50
KSAN=$ROOT/cli/ksbench-san
MUTATE=$ROOT/tests/mutate/build/ksb-mutate

make -s -C "$ROOT/cli" san >/dev/null || { echo "not ok - mutate: building cli/ksbench-san"; exit 1; }
make -s -C "$ROOT/tests/mutate" >/dev/null || { echo "not ok - mutate: building ksb-mutate"; exit 1; }

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/ksbench-mutate.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
SOURCES=("$ROOT"/results/examples/*.json "$ROOT"/tests/cli/result.json "$ROOT"/tests/fixtures/*.json)
CANARY=$SCRATCH/CANARY
export UBSAN_OPTIONS=halt_on_error=1:exitcode=86:print_stacktrace=1
# gnuplot for one mutant in 10; a stand-in that draws nothing for the rest
mkdir -p "$SCRATCH/stub"
printf '#!/bin/sh\nexit 0\n' >"$SCRATCH/stub/gnuplot"
chmod +x "$SCRATCH/stub/gnuplot"

# A control byte (C0 but tab and newline, DEL, ESC, C1 CSI) in FILE.
has_control() { LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f\x9b]' "$1"; }

# try W I NAME TERM ARGS...: one command of worker W on mutant I; TERM
# says its output is terminal text. Echoes "not ok" on failure, returns 1.
try() {
	local w=$1 i=$2 name=$3 term=$4 status=0 why="" stray
	shift 4
	local work=$SCRATCH/w$w/work gp=$SCRATCH/stub:$PATH
	rm -rf "$work" && mkdir -p "$work/out" "$work/tmp"
	local leaks=0
	[ $((i % 10)) = 0 ] && gp=$PATH
	# LeakSanitizer's exit scan costs half a run: one mutant in five
	[ $((i % 5)) = 0 ] && leaks=1
	: >"$SCRATCH/w$w/stamp"
	(cd "$work" && PATH=$gp TMPDIR=$work/tmp \
		ASAN_OPTIONS=detect_leaks=$leaks:exitcode=86:allocator_may_return_null=1:malloc_context_size=4 timeout -s KILL "$TIMEOUT" "$KSAN" "$@" \
		>"$SCRATCH/w$w/stdout" 2>"$SCRATCH/w$w/stderr") || status=$?
	# the worker's folder: its mutants and sources, the command's cwd and
	# TMPDIR; only the output asked for may be new
	stray=$(find "$SCRATCH/w$w" -newer "$SCRATCH/w$w/stamp" ! -type d \
		! -path "$work/out/*" ! -path "$SCRATCH/w$w/std*" -print -quit)
	if [ "$status" -gt 2 ]; then
		why="exit $status"
	elif [ -s "$SCRATCH/w$w/stderr" ] &&
	     grep -qE "Sanitizer|runtime error:" "$SCRATCH/w$w/stderr"; then
		why="sanitizer report"
	elif [ -e "$CANARY" ]; then
		why="the canary was touched"
		rm -f "$CANARY"
	elif [ -n "$stray" ]; then
		why="wrote $stray"
	elif { [ -s "$SCRATCH/w$w/stderr" ] && has_control "$SCRATCH/w$w/stderr"; } ||
	     { [ "$term" = term ] && [ -s "$SCRATCH/w$w/stdout" ] &&
	       has_control "$SCRATCH/w$w/stdout"; }; then
		why="a control byte reached the terminal"
	fi
	last_status=$status
	[ -z "$why" ] && return 0
	echo "not ok - mutant $i $name: $why (FUZZ_SEED=$SEED FUZZ_FIRST=$i FUZZ_MUTANTS=1;" \
		"ksbench-san $*) $(grep -m1 -E "ERROR|runtime error|SUMMARY" "$SCRATCH/w$w/stderr" | cut -c1-200)"
	return 1
}

FORMATS=(table json csv markdown)
METRICS=(throughput p50 p99 p999)
TABLES=(throughput latency cdf fairness)

# mutant W I M S: every read-side command on mutant M (of source S).
mutant() {
	local w=$1 i=$2 m=$3 s=$4 out=$SCRATCH/w$w/work/out fail=0 fmt term
	local pts=() cmp=("$m" "$s") exp=() plot=("$m")
	[ $((i % 2)) = 1 ] && pts=(--points)
	try "$w" "$i" show term show "${pts[@]}" "$m" || fail=1
	echo "$last_status" >>"$SCRATCH/w$w/show-status"
	fmt=${FORMATS[i % 4]}
	term=data
	[ "$fmt" = table ] || [ "$fmt" = markdown ] && term=term
	case $(((i / 16) % 3)) in
	1) cmp=("$s" "$m") ;;
	2) cmp=("$m" "$m") ;;
	esac
	[ $((i % 3)) = 0 ] && cmp+=(-o "$out/compare.$fmt")
	try "$w" "$i" compare "$term" compare --format="$fmt" --metric="${METRICS[(i / 4) % 4]}" \
		"${cmp[@]}" || fail=1
	fmt=$([ $(((i / 4) % 2)) = 0 ] && echo dat || echo csv)
	[ $(((i / 8) % 2)) = 1 ] && exp+=(-o "$out/export.$fmt")
	[ $((i % 5)) = 0 ] && exp+=(--workload=spinlock --cpus=2)
	try "$w" "$i" export data export --table="${TABLES[i % 4]}" --format="$fmt" "${exp[@]}" \
		"$m" || fail=1
	# two files for the cross-kernel charts, but not with the real gnuplot
	[ $((i % 3)) = 0 ] && [ $((i % 10)) != 0 ] && plot+=("$s")
	try "$w" "$i" plot term plot -q -o "$out/plot" "${plot[@]}" || fail=1
	return $fail
}

# worker W: mutants FIRST+W, FIRST+W+JOBS*BATCH..., BATCH at a time, in its
# own folder beside copies of the sources (an index's results resolve there).
worker() {
	local w=$1 dir=$SCRATCH/w$1 start passed=0 failed=0 n name src what line
	mkdir -p "$dir/m"
	cp "${SOURCES[@]}" "$dir/m/"
	for ((start = FIRST + w * BATCH; start < FIRST + MUTANTS; start += JOBS * BATCH)); do
		n=$((FIRST + MUTANTS - start < BATCH ? FIRST + MUTANTS - start : BATCH))
		"$MUTATE" --seed="$SEED" --first="$start" --count="$n" --out="$dir/m" \
			--canary="$CANARY" "${SOURCES[@]}" >"$dir/list" || { failed=$((failed + n)); continue; }
		local bfail=0
		while read -r name src what; do
			line=${name#m}
			if mutant "$w" "$((10#${line%.json}))" "$dir/m/$name" "$dir/m/$src"; then
				passed=$((passed + 1))
			else
				failed=$((failed + 1)) bfail=$((bfail + 1))
				echo "#   mutant ${name%.json} of $src: $what" | cut -c1-300
			fi
			rm -f "$dir/m/$name"
		done <"$dir/list"
		[ $bfail = 0 ] && echo "ok - mutants $start..$((start + n - 1)): every command held"
	done
	echo "$passed $failed" >"$dir/counts"
}

for ((w = 0; w < JOBS; w++)); do
	worker "$w" &
done
wait
passed=0 failed=0
for ((w = 0; w < JOBS; w++)); do
	read -r p f <"$SCRATCH/w$w/counts" || { p=0 f=0; }
	passed=$((passed + p)) failed=$((failed + f))
done
accepted=$(cat "$SCRATCH"/w*/show-status 2>/dev/null | grep -c '^0$')
echo "# show accepted $accepted of the mutants whole (exit 0); the others it refused"
echo "mutate: $passed passed, $failed failed"
[ "$failed" = 0 ]
