#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ksbench show on files it cannot use, on this host (no VM, no module):
# absent, a directory, empty, cut short, garbage, another document, another
# schema, no schema, and each invariant the loader checks broken in turn.
# Each must fail with exit 1 and one line on stderr naming the file and
# the problem; a bad command line exits 2. The files are made from
# result.json beside this script, a real result:
#   ksbench run --target=vm --lock=spinlock,rwsem --cpus=2 --repeat=3 \
#     --measure=latency --sample=10 --duration=100ms --warmup=20ms --compact
# Needs cli/ksbench (`make cli`) and jq. docs/faults-cli.md has the list.
set -euo pipefail
source "$(dirname "$0")/../vm/lib.sh"	# check, ok, not_ok, finish, $SCRATCH
GOOD=$ROOT/tests/cli/result.json

# show NAME ARGS...: ksbench show ARGS; $status, $SCRATCH/NAME.{out,err}.
show() {
	local name=$1
	shift
	status=0
	"$KSBENCH" show "$@" >"$SCRATCH/$name.out" 2>"$SCRATCH/$name.err" || status=$?
}

# refused NAME FILE STATUS MESSAGE: show FILE fails with STATUS, nothing
# on stdout, and stderr is the one line "ksbench show: FILE: MESSAGE"
# (MESSAGE a grep -E pattern, anchored at its end).
refused() {
	local name=$1 file=$2 want=$3 msg=$4 err
	show "$name" "$file"
	err=$(cat "$SCRATCH/$name.err")
	if [ "$status" = "$want" ] && [ ! -s "$SCRATCH/$name.out" ] &&
	   [ "$(wc -l <"$SCRATCH/$name.err")" = 1 ] &&
	   grep -qE "^ksbench show: $(re "$file"): $msg\$" "$SCRATCH/$name.err"; then
		ok "$name: exit $want, '$err'"
	else
		not_ok "$name: exit $status (want $want), stderr '$err' (want 'ksbench show: $file: $msg')"
	fi
}

# re TEXT: TEXT as a literal grep -E pattern.
re() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'; }

# broken NAME JQ MESSAGE: the good file changed by JQ is refused with MESSAGE.
broken() {
	local file
	file=$SCRATCH/$(printf '%s' "$1" | tr -c 'a-z0-9' '-').json
	jq -c "$2" "$GOOD" >"$file"
	refused "$1" "$file" 1 "$3"
}

# The good file first: every case below is that file, spoilt one way.
show good "$GOOD"
check "good: a real result shows (exit 0, got $status), nothing on stderr" \
	eval '[ "$status" = 0 ] && [ ! -s "$SCRATCH/good.err" ]'
check "good: ... with its summary" grep -q "^throughput" "$SCRATCH/good.out"

# --- the file is not there, or not a file --------------------------------------

refused missing "$SCRATCH/nosuch.json" 1 "No such file or directory"
refused directory "$SCRATCH" 1 "Is a directory"
: >"$SCRATCH/empty.json"
refused empty "$SCRATCH/empty.json" 1 "empty file \(no JSON at all\)"

# --- not whole, not JSON, not ours ---------------------------------------------

size=$(stat -c %s "$GOOD")
head -c $((size / 2)) "$GOOD" >"$SCRATCH/half.json"
refused truncated "$SCRATCH/half.json" 1 "truncated: the JSON ends early"
head -c 1 "$GOOD" >"$SCRATCH/brace.json"
refused "one byte" "$SCRATCH/brace.json" 1 "truncated: the JSON ends early"
printf 'PK\003\004\000\001\002garbage' >"$SCRATCH/garbage.json"
refused garbage "$SCRATCH/garbage.json" 1 "not valid JSON at byte [0-9]+: .+"
printf 'results: 12.6 Mops/s\n' >"$SCRATCH/text.json"
refused text "$SCRATCH/text.json" 1 "not valid JSON at byte [0-9]+: .+"
{ cat "$GOOD"; cat "$GOOD"; } >"$SCRATCH/twice.json"
refused "written twice" "$SCRATCH/twice.json" 1 \
	"unexpected data after the JSON document at byte [0-9]+"
echo '[1, 2]' >"$SCRATCH/array.json"
refused "a JSON array" "$SCRATCH/array.json" 1 "not a ksbench result \(not a JSON object\)"
broken "schema 2" '.schema = "ksbench-result/2"' \
	"schema 'ksbench-result/2' is not supported \(this ksbench [^ ]+ reads ksbench-result/1, and ksbench-index/1 naming such files\)"
broken "another tool's schema" '.schema = "other-tool/1"' \
	"schema 'other-tool/1' is not supported \(this ksbench [^ ]+ reads ksbench-result/1, and ksbench-index/1 naming such files\)"
broken "no schema" 'del(.schema)' \
	'not a ksbench result \(no "schema": "ksbench-result/1"\)'
broken "other JSON" '{name: "ksbench", version: 1}' \
	'not a ksbench result \(no "schema": "ksbench-result/1"\)'

# --- a broken invariant (docs/results-json.md, those marked *) -----------------

broken "no interrupted" 'del(.interrupted)' \
	"incomplete: host, points or interrupted is missing"
broken "no points" 'del(.points)' "incomplete: host, points or interrupted is missing"
broken "point without ops" 'del(.points[2].ops)' \
	"point 2 lacks a field or has one of the wrong type"
broken "ops as text" '.points[0].ops |= tostring' \
	"point 0 lacks a field or has one of the wrong type"
broken "workers' ops" '.points[0].workers[1].ops += 1' \
	"point 0: the workers' ops do not sum to its ops"
broken "reads + writes" '.points[1].reads += 1' \
	"point 1: its reads and writes do not sum to its ops"
broken "percentiles" '.points[0].latency_ns.acquire.p90 = .points[0].latency_ns.acquire.max + 1' \
	"point 0: latency acquire: p99 is below the one before it"
broken "histogram count" '.points[3].latency_ns.write.count += 1' \
	"point 3: latency write: count [0-9]+ but the histogram holds [0-9]+"
broken "jain" '.points[1].fairness.jain = 1.5' \
	"point 1: fairness.jain 1.5 is outside \[1/2, 1\]"
broken "series" '.points[4].series.ops[0][1] += 1' \
	"point 4: worker 1's ticks do not sum to its ops"
broken "ci95" '.summary[1].ci95.low = .summary[1].ci95.high + 1' \
	"summary 1: ci95.low is above its high"

# --- wrong types and ranges (cli/result_schema.c), issue 14 --------------------

echo null >"$SCRATCH/null.json"
refused "JSON null" "$SCRATCH/null.json" 1 \
	"not a ksbench result \(the document is null, not a JSON object\)"
broken "summary entry a string" '.summary[1] = "x"' \
	"not a valid ksbench result: a string where an object belongs at summary\[1\]"
broken "skipped cpus 1e300" '.skipped = [{workload: "x", cpus: 1e300, repeat: 0}]' \
	"not a valid ksbench result: a number where an integer belongs at skipped\[0\]\.cpus"
broken "summary cpus -1" '.summary[0].cpus = -1' \
	"not a valid ksbench result: -1 is out of range \(1 to 65536\) at summary\[0\]\.cpus"
broken "offlined_cpus [null]" '.points[0].offlined_cpus = [null]' \
	"not a valid ksbench result: null where an integer belongs at points\[0\]\.offlined_cpus\[0\]"

# --- file strings reach the terminal escaped ---------------------------------

jq -c '.host.kernel_release = "k\u001b]0;pwned\u0007" | .summary[0].workload = "w\u001b[2J\nx"' \
	"$GOOD" >"$SCRATCH/escapes.json"
show escapes "$SCRATCH/escapes.json"
check "escapes: exit 0 (got $status), no control byte on stdout or stderr" \
	eval '[ "$status" = 0 ] && ! LC_ALL=C grep -q $'"'"'[\x01-\x08\x0b-\x1f\x7f]'"'"' \
	      "$SCRATCH/escapes.out" "$SCRATCH/escapes.err"'
check "escapes: ... shown as \\x1b and \\n" \
	grep -qF 'kernel k\x1b]0;pwned\x07' "$SCRATCH/escapes.out"
check "escapes: ... the workload too" grep -qF 'w\x1b[2J\nx' "$SCRATCH/escapes.out"

# --- the command line ----------------------------------------------------------

show noarg
check "no FILE: exit 2 (got $status), one line naming FILE" \
	eval '[ "$status" = 2 ] && grep -qx "ksbench show: FILE: required (a result file of ksbench run)" \
	      "$SCRATCH/noarg.err"'
show twofiles "$GOOD" "$GOOD"
check "two files: exit 2 (got $status), one line naming the second" \
	eval '[ "$status" = 2 ] && [ "$(wc -l <"$SCRATCH/twofiles.err")" = 1 ] &&
	      grep -qF "ksbench show: $GOOD: unexpected argument" "$SCRATCH/twofiles.err"'
show badopt --bogus "$GOOD"
check "an unknown option: exit 2 (got $status), named in one line" \
	eval '[ "$status" = 2 ] && [ "$(wc -l <"$SCRATCH/badopt.err")" = 1 ] &&
	      grep -qx "ksbench show: unknown option .--bogus. (ksbench show --help lists them)" "$SCRATCH/badopt.err"'
finish
