# SPDX-License-Identifier: GPL-2.0
# Runs inside the VM (busybox sh, as root, ksbench.ko loaded, 2 vCPUs): the
# debugfs fuzzer /ksb_fuzz with the input count and seed test-fuzz.sh passes
# (docs/fuzz.md), then a short pass that takes four knobs for new ones, as a
# knob the fuzzer's tables lack. Its "ok" / "not ok" lines are this
# script's own; the summary counts them. Run by tests/vm/test-fuzz.sh.

. /guest-lib.sh

inputs=${1:-1000}
seed=${2:-1}

# fuzz NAME ARGS...: runs /ksb_fuzz ARGS, its output on the console and in
# /tmp/NAME.out; ok when it exits 0.
fuzz() {
	name=$1
	shift
	{
		/ksb_fuzz "$@"
		echo $? >/tmp/$name.status
	} 2>&1 | tee /tmp/$name.out
	status=$(cat /tmp/$name.status)
	passed=$((passed + $(grep -c '^ok - ' /tmp/$name.out)))
	failed=$((failed + $(grep -c '^not ok - ' /tmp/$name.out)))
	check "ksb_fuzz $* exits 0 (got $status)" '[ "$status" = 0 ]'
}

fuzz main --inputs="$inputs" --seed="$seed"

# A new knob is covered without a line in the fuzzer: read from the
# module, a number knob's range is probed and a word knob is known by its
# value; the probe must find the contract's ranges.
fuzz unknown --inputs=200 --seed="$seed" --phases=idle --unknown=read_pct,seed,exclusive,wq
for want in "read_pct: not in the contract's tables: a number knob taking 0..100 " \
	"seed: not in the contract's tables: a number knob taking 0..18446744073709551615 " \
	"exclusive: not in the contract's tables: a number knob taking 0..1 " \
	"wq: not in the contract's tables: a word knob known to take 'bound' only"; do
	check "as a new knob, ${want%%:*} is found to be what the contract says (${want#*tables: })" \
		'grep -qF "# $want" /tmp/unknown.out'
done

echo "guest-fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
