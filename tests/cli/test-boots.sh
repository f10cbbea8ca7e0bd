#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Files of several boots (ksbench run --boots=N) through show and compare,
# on this host (no VM): the between-boots table, the boot as compare's
# unit of replication, the same data stripped of its boots compared over
# repeats, a side of one boot against several, and boot fields that the
# loader must refuse. The fixtures are real results, from
#   ksbench run --target=vm --kernel=generic,rt --boots=4 --lock=spinlock,atomic_inc \
#     --cpus=1,2 --repeat=3 --duration=100ms --warmup=20ms --compact \
#     -o tests/fixtures/boots.json
# (console logs not kept). Needs cli/ksbench and jq.
set -uo pipefail
source "$(dirname "$0")/../vm/lib.sh"	# check, ok, not_ok, finish, $SCRATCH
FX=$ROOT/tests/fixtures
A=$FX/boots_generic.json
B=$FX/boots_rt.json
nb_a=$(jq '[.points[].boot] | unique | length' "$A")
nb_b=$(jq '[.points[].boot] | unique | length' "$B")
check "fixtures: $nb_a and $nb_b boots (2 or more each)" \
	eval '[ "$nb_a" -ge 2 ] && [ "$nb_b" -ge 2 ]'

# run NAME CMD ARGS...: ksbench CMD ARGS; $status, $SCRATCH/NAME.{out,err}.
run() {
	local name=$1
	shift
	status=0
	"$KSBENCH" "$@" >"$SCRATCH/$name.out" 2>"$SCRATCH/$name.err" || status=$?
}

# --- show ---------------------------------------------------------------------

run show show "$A"
check "show: exit 0 (got $status), nothing on stderr" \
	eval '[ "$status" = 0 ] && [ ! -s "$SCRATCH/show.err" ]'
check "show: the between-boots table, a column per boot (1 to $nb_a) and the spread" \
	eval 'grep -q "^between boots" "$SCRATCH/show.out" &&
	      grep -qE "^workload +cpus( +boot [0-9]+){$nb_a} +spread\$" "$SCRATCH/show.out"'
# each row's cells are the boot medians of the file's summary
want=$(jq -r '.summary[] | select(.workload == "atomic_inc" and .cpus == 1) |
	       [.boot_medians[].median] | map(tostring) | join(" ")' "$A")
check "show: the summary holds atomic_inc at 1 CPU's $nb_a boot medians ($want)" \
	eval '[ "$(wc -w <<<"$want")" = "$nb_a" ]'
check "show: says how many boots were kept" grep -qE "^boots: [0-9]+ of $nb_a kept\$" "$SCRATCH/show.out"
# the boot medians are each boot's median over its repeats, recomputed here
recomputed=$(jq -r '[.points[] | select(.workload == "atomic_inc" and .cpus == 1)] |
	group_by(.boot) | map([.[].throughput_ops_s] | sort |
	if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end) |
	map(tostring) | join(" ")' "$A")
check "summary: boot medians = each boot's median recomputed by jq ($recomputed)" \
	eval '[ "$(jq -n "[$(tr " " , <<<"$want")] | map(. * 1000 | round)")" = \
	        "$(jq -n "[$(tr " " , <<<"$recomputed")] | map(. * 1000 | round)")" ]'

# --- compare, boot against boot -----------------------------------------------

run cmp compare "$A" "$B"
check "compare: exit 0 (got $status)" [ "$status" = 0 ]
check "compare: the unit of replication is the boot (A $nb_a boots, B $nb_b)" \
	grep -qF "unit of replication: the boot (A $nb_a boots, B $nb_b)" "$SCRATCH/cmp.out"
check "compare: each file's header line gives its boots" \
	eval 'grep -qE "^A .*\\($nb_a boots\\)" "$SCRATCH/cmp.out" && grep -qE "^B .*\\($nb_b boots\\)" "$SCRATCH/cmp.out"'
check "compare: the footer explains the boot medians, and not the one-boot caveat" \
	eval 'grep -qF "\"too few boots\": with these boots" "$SCRATCH/cmp.out" &&
	      ! grep -q "p sees one boot per side" "$SCRATCH/cmp.out"'
run cmpj compare --format=json "$A" "$B"
file=$SCRATCH/cmpj.out
JQ_SHOW='.comparisons[].rows[] | {workload, cpus, unit, verdict}'
jq_check "compare json: every compared row's unit is boot, its test over boot medians" \
	'[.comparisons[0].rows[] | select(.status == "compared")] | length > 0 and
	 all(.[]; .unit == "boot" and .mann_whitney.of == "boot medians")'
jq_check "compare json: each side's boots and boot_medians" \
	"[.comparisons[0].rows[] | select(.status == \"compared\")] |
	 all(.[]; .baseline.boots == $nb_a and .other.boots == $nb_b and
	     (.baseline.boot_medians | length) == $nb_a)"
jq_check "compare json: files[].boots" "[.files[].boots] == [$nb_a, $nb_b]"
# the verdicts a boot test can give with these boots
if [ "$nb_a" -lt 4 ] || [ "$nb_b" -lt 4 ]; then
	jq_check "compare json: fewer than 4 boots a side: every compared row is too few boots" \
		'all(.comparisons[0].rows[] | select(.status == "compared"); .verdict == "too few boots")'
else
	jq_check "compare json: p over boot medians is at least 2 / C(2B, B)" \
		'all(.comparisons[0].rows[] | select(.status == "compared"); .mann_whitney.p >= .mann_whitney.min_p - 1e-12)'
fi
run cmpc compare --format=csv "$A" "$B"
check "compare csv: the unit and boots columns" \
	eval 'head -1 "$SCRATCH/cmpc.out" | grep -q ",note,unit,baseline_boots,other_boots,baseline_boot_median,other_boot_median\$" &&
	      grep -q "^spinlock,1,.*,boot,$nb_a,$nb_b," "$SCRATCH/cmpc.out"'

# --- the same points without their boots: the pooled test, and its caveat ----

strip='del(.boots, .params.boots, .summary) | .points |= map(del(.boot)) |
       if .skipped then .skipped |= map(del(.boot)) else . end'
jq "$strip" "$A" >"$SCRATCH/a1.json"
jq "$strip" "$B" >"$SCRATCH/b1.json"
run pooled compare --format=json "$SCRATCH/a1.json" "$SCRATCH/b1.json"
file=$SCRATCH/pooled.out
jq_check "stripped of boots: every compared row is tested over repeats" \
	'all(.comparisons[0].rows[] | select(.status == "compared"); .unit == "repeat" and .mann_whitney.of == "repeats")'
run pooledt compare "$SCRATCH/a1.json" "$SCRATCH/b1.json"
check "stripped of boots: the footer says p sees one boot per side" \
	grep -qF "p sees one boot per side (repeats within a boot)" "$SCRATCH/pooledt.out"
run mixed compare "$A" "$SCRATCH/b1.json"
check "several boots against one: tested over repeats, and the footer says where a side has one boot" \
	eval '[ "$status" = 0 ] && grep -qF "unit of replication: the repeat (A $nb_a boots, B 1)" "$SCRATCH/mixed.out" &&
	      grep -qF "Where a side has one boot, p sees that boot" "$SCRATCH/mixed.out"'
run idx compare "$FX/boots.index.json"
check "compare INDEX of a --boots run: exit 0 (got $status), boot against boot" \
	eval '[ "$status" = 0 ] && grep -qF "unit of replication: the boot" "$SCRATCH/idx.out"'

# --- bad boot fields are refused ------------------------------------------------

# bad NAME JQ MESSAGE: show of $A changed by JQ exits 1 with one line
# "ksbench show: FILE: not a valid ksbench result: ...MESSAGE..."
bad() {
	local f=$SCRATCH/$1.json
	jq "$2" "$A" >"$f"
	run "$1" show "$f"
	if [ "$status" = 1 ] && [ "$(wc -l <"$SCRATCH/$1.err")" = 1 ] &&
	   grep -qF "ksbench show: $f: not a valid ksbench result: " "$SCRATCH/$1.err" &&
	   grep -qF -- "$3" "$SCRATCH/$1.err"; then
		ok "$1: refused: $(cat "$SCRATCH/$1.err")"
	else
		not_ok "$1: exit $status, stderr: $(head -c 300 "$SCRATCH/$1.err")"
	fi
}
bad boot-zero '.points[0].boot = 0' "at points[0].boot"
bad boot-text '.points[1].boot = "1"' "a string where an integer belongs at points[1].boot"
bad boot-beyond ".points[2].boot = $((nb_a + 1))" "is beyond params.boots ($nb_a) at points[2].boot"
bad boot-missing '.points[3] |= del(.boot)' "a point without \"boot\" in a file whose points have boots at points[3]"
bad boot-unlisted 'del(.params.boots) | .boots |= map(select(.boot != 1))' "boot 1 is not in \"boots\" at points["
bad boot-twice '.boots[1].boot = .boots[0].boot' "is recorded twice at boots[1].boot"
bad boots-type '.boots = {}' "an object where an array belongs at boots"
bad boot-record '.boots[0].exit_status = 1000' "out of range (-1 to 255) at boots[0].exit_status"
bad summary-boots '.summary[0].boot_medians[0].median = -1' "at summary[0].boot_medians[0].median"

finish
