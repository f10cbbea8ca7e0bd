#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Index files (ksbench-index/1, what a multi-kernel run writes) wherever
# result files are taken: show, compare, export, plot, on this host (no
# VM). An index stands for its files in its order, resolved in its
# folder; a file met twice through an index is used once; an entry that
# is missing, absolute, '..' or a link out of the folder is refused with
# one line naming the index and the entry (exit 1; compare's is 2, its
# status for a file that does not load). Needs cli/ksbench and jq.
set -uo pipefail
source "$(dirname "$0")/../vm/lib.sh"	# check, ok, not_ok, finish, $SCRATCH
EX=$ROOT/results/examples
GOOD=$ROOT/tests/cli/result.json

# --- the committed example: results/examples/*.json is the index and its files ---

status=0
"$KSBENCH" compare "$EX"/*.json >"$SCRATCH/cmp.out" 2>"$SCRATCH/cmp.err" || status=$?
check "compare results/examples/*.json: exit 0 (got $status), nothing on stderr" \
	eval '[ "$status" = 0 ] && [ ! -s "$SCRATCH/cmp.err" ]'
# the files the index names, in its order, each once: A and B, no C
mapfile -t listed < <(jq -r '.kernels[].result | select(. != null)' "$EX"/*.index.json)
check "... compares the index's ${#listed[@]} files once each, in its order (A ${listed[0]}, B ${listed[1]})" \
	eval 'grep -q "^A .*${listed[0]}" "$SCRATCH/cmp.out" && grep -q "^B .*${listed[1]}" "$SCRATCH/cmp.out" &&
	      ! grep -q "^C " "$SCRATCH/cmp.out"'
status=0
"$KSBENCH" compare --format=json "$EX"/*.index.json >"$SCRATCH/cmp.json" 2>/dev/null || status=$?
check "compare INDEX alone: exit 0 (got $status), ${#listed[@]} files" \
	eval '[ "$status" = 0 ] && [ "$(jq ".files | length" "$SCRATCH/cmp.json")" = "${#listed[@]}" ]'

status=0
"$KSBENCH" show "$EX"/*.index.json >"$SCRATCH/show.out" 2>"$SCRATCH/show.err" || status=$?
check "show INDEX: exit 0 (got $status), each file under its name" \
	eval '[ "$status" = 0 ] && [ "$(grep -c "^== " "$SCRATCH/show.out")" = "${#listed[@]}" ]'
status=0
"$KSBENCH" export --table=throughput --format=csv "$EX"/*.json >"$SCRATCH/exp.csv" 2>/dev/null || status=$?
n_idx=$(tail -n +2 "$SCRATCH/exp.csv" | wc -l)
n_files=$("$KSBENCH" export --table=throughput --format=csv "${listed[@]/#/$EX/}" | tail -n +2 | wc -l)
check "export results/examples/*.json: exit 0 (got $status), the rows of the index's files once ($n_idx, $n_files)" \
	eval '[ "$status" = 0 ] && [ "$n_idx" = "$n_files" ] && [ "$n_idx" -gt 0 ]'
status=0
"$KSBENCH" plot -q -o "$SCRATCH/plots" "$EX"/*.index.json >/dev/null 2>&1 || status=$?
check "plot INDEX: exit 0 (got $status), with cross-kernel overlays" \
	eval '[ "$status" = 0 ] && ls "$SCRATCH"/plots/overlay-*.png >/dev/null 2>&1'

# --- bad indexes ---------------------------------------------------------------

# index NAME JQ: an index in $SCRATCH/idx/ beside a copy of the good
# result (res.json), the example's index changed by JQ.
mkdir -p "$SCRATCH/idx/sub" "$SCRATCH/outside"
cp "$GOOD" "$SCRATCH/idx/res.json"
cp "$GOOD" "$SCRATCH/outside/res.json"
ln -s ../outside/res.json "$SCRATCH/idx/escape.json"
index() {
	jq "$2" "$EX"/*.index.json >"$SCRATCH/idx/$1.index.json"
}
# refused NAME MESSAGE: every command refuses $SCRATCH/idx/NAME.index.json
# with one line "ksbench CMD: INDEX: ...MESSAGE...", exit 1 (compare 2).
refused() {
	local name=$1 msg=$2 file=$SCRATCH/idx/$1.index.json cmd want status
	for cmd in show compare export plot; do
		want=1
		[ "$cmd" = compare ] && want=2
		status=0
		case $cmd in
		show) "$KSBENCH" show "$file" ;;
		compare) "$KSBENCH" compare "$file" "$GOOD" ;;
		export) "$KSBENCH" export --table=throughput "$file" ;;
		plot) "$KSBENCH" plot -q -o "$SCRATCH/p" "$file" ;;
		esac >"$SCRATCH/r.out" 2>"$SCRATCH/r.err" || status=$?
		if [ "$status" = "$want" ] && [ "$(wc -l <"$SCRATCH/r.err")" = 1 ] &&
		   grep -qF "ksbench $cmd: $file: " "$SCRATCH/r.err" && grep -qF -- "$msg" "$SCRATCH/r.err"; then
			ok "$name: $cmd refuses it (exit $want): $(cat "$SCRATCH/r.err")"
		else
			not_ok "$name: $cmd: exit $status (want $want), stderr: $(head -c 400 "$SCRATCH/r.err")"
		fi
	done
}
index missing '.kernels[0].result = "nosuch.json"'
refused missing "kernels[0].result 'nosuch.json' names $SCRATCH/idx/nosuch.json: No such file or directory"
index absolute ".kernels[0].result = \"$SCRATCH/idx/res.json\""
refused absolute "kernels[0].result '$SCRATCH/idx/res.json' is an absolute path (give the file itself on the command line"
index dotdot '.kernels[0].result = "../outside/res.json"'
refused dotdot "kernels[0].result '../outside/res.json' leaves the index's folder ('..'; give the file itself"
index subdotdot '.kernels[0].result = "sub/../../outside/res.json"'
refused subdotdot "leaves the index's folder ('..'"
index link '.kernels[0].result = "escape.json"'
refused link "kernels[0].result 'escape.json' leads out of the index's folder"
index notalist '.kernels = {}'
refused notalist 'not a valid ksbench index: "kernels" is not a list'
index noresult '.kernels[0] |= del(.result)'
refused noresult 'kernels[0] has no "result"'
echo '{"schema": "ksbench-foo/3"}' >"$SCRATCH/idx/foo.index.json"
refused foo "schema 'ksbench-foo/3' is not supported (this ksbench"
index bad '.kernels[0].result = "bad.json"'
echo '{"schema": "ksbench-result/1"' >"$SCRATCH/idx/bad.json"
refused bad "kernels[0]: $SCRATCH/idx/bad.json: truncated"

index ctrl '.kernels[0].result = "x\u001b]0;pwned\u0007\u001b[2J.json"'
refused ctrl "kernels[0].result 'x\\x1b]0;pwned\\x07\\x1b[2J.json' names"
check "ctrl: no control byte reached the terminal" \
	eval '! LC_ALL=C grep -q $'"'"'[\x01-\x08\x0b-\x1f\x7f]'"'"' "$SCRATCH/r.err"'

# the file an index may not name can still be given itself
status=0
"$KSBENCH" show "$SCRATCH/outside/res.json" >/dev/null 2>&1 || status=$?
check "a file outside an index's folder, given itself: show exits 0 (got $status)" [ "$status" = 0 ]

# a kernel whose run left no file: skipped, with a note
index failed '.kernels[0].result = null | .kernels[1].result = "res.json"'
status=0
"$KSBENCH" show "$SCRATCH/idx/failed.index.json" >/dev/null 2>"$SCRATCH/f.err" || status=$?
check "an entry without a result: skipped with a note, the rest shown (exit $status)" \
	eval '[ "$status" = 0 ] && grep -q "kernels\[0\] (.*) has no result file (its run failed): skipped" "$SCRATCH/f.err"'
index failedctrl '.kernels[0].result = null | .kernels[0].spec = "s\u001b[31m" | .kernels[1].result = "res.json"'
status=0
"$KSBENCH" show "$SCRATCH/idx/failedctrl.index.json" >/dev/null 2>"$SCRATCH/f.err" || status=$?
check "an entry without a result whose spec has an escape: the note shows it escaped (exit $status)" \
	eval '[ "$status" = 0 ] && grep -qF "(s\\x1b[31m) has no result file" "$SCRATCH/f.err"'
index allfailed '.kernels[].result = null'
status=0
"$KSBENCH" show "$SCRATCH/idx/allfailed.index.json" >/dev/null 2>"$SCRATCH/f.err" || status=$?
check "an index with no result at all: exit 1 (got $status), said" \
	eval '[ "$status" = 1 ] && grep -q "no result file in it" "$SCRATCH/f.err"'

# named twice on the command line: used twice (compare F F is a question)
status=0
"$KSBENCH" compare "$GOOD" "$GOOD" >"$SCRATCH/ff" 2>/dev/null || status=$?
check "compare F F: exit 0 (got $status), A and B" eval '[ "$status" = 0 ] && grep -q "^B " "$SCRATCH/ff"'

finish
