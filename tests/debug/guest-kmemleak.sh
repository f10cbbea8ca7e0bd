# SPDX-License-Identifier: GPL-2.0
# Runs inside the debug kernel's VM (busybox sh, as root, ksbench.ko loaded,
# 2 vCPUs; guest-lib.sh from tests/vm beside it): load, run, stop mid-run and
# unload cycles over every workload, then kmemleak scans; no leak may come
# from ksbench. Also checks that KASAN, kmemleak and lockdep are live, and
# lockdep still is at the end. Prints "ok - ..." lines and a summary; exits
# 0 only if everything passed. Run by tests/debug/run.sh.

. /guest-lib.sh

KL=/sys/kernel/debug/kmemleak
LOADS=/tmp/ksbench-loads	# "base size" of each load of the module
MIN_AGE_S=6			# kmemleak reports objects older than 5 s only

lockdep_live() { grep -q '^ *debug_locks: *1$' /proc/lockdep_stats; }

# Where this load of the module lives (/proc/modules: size, ..., base): a
# leak found after rmmod has raw addresses, kmemleak can no longer name them.
note_load() {
	awk '$1 == "ksbench" { print $6, $2 }' /proc/modules >>$LOADS
}

reload() {
	rmmod ksbench || not_ok "$1: rmmod"
	insmod $MODULE || not_ok "$1: insmod"
	note_load
}

knobs() {
	echo "$1" >$D/workload
	echo 0-1 >$D/cpus
	shift
	for kv in "$@"; do echo "${kv#*=}" >"$D/${kv%%=*}"; done
}

check "KASAN is live (dmesg)" 'dmesg | grep -q "KernelAddressSanitizer initialized"'
check "kmemleak is live ($KL readable)" 'cat $KL >/dev/null'
check "lockdep is live (debug_locks 1)" lockdep_live
note_load
check "the module's load address is readable in /proc/modules ($(cat $LOADS))" \
	'grep -q "^0xf[0-9a-f]* [0-9][0-9]*$" $LOADS'

# What boot left behind is not ours: scan, and mark it reported.
echo scan >$KL
echo clear >$KL

# 1. Every workload, stopped mid-run, latency mode (histograms allocated)
#    and 4 locks where the kind has locks.
for w in $(grep -v '\[unavailable: ' $D/workloads | cut -d' ' -f1); do
	knobs "$w" duration_ms=$LONG_RUN_MS warmup_ms=50 measure=latency nr_locks=4
	if echo start >$D/control && usleep 300000 && echo stop >$D/control; then
		check "cycle 1: $w: started, stopped mid-run, results whole" \
			'result_is "stopped_early 1" && result_is end'
	else
		not_ok "cycle 1: $w: start and stop mid-run"
	fi
	echo reset >$D/control
done
reload "cycle 1"

# 2. Runs that end by themselves, with the knobs that allocate: call_rcu
#    frees, our unbound workqueue, flooding, several locks.
for setup in "rcu rcu_sync=call_rcu read_pct=0" "workqueue wq=unbound flood=1" \
	     "workqueue wq=highpri" "tasklet" "completion_all" "percpu_rwsem" \
	     "percpu_counter" "mutex nr_locks=16 cs_lines=4"; do
	# shellcheck disable=SC2086	# the setup's words are the arguments
	knobs $setup duration_ms=200 warmup_ms=20
	check "cycle 2: $setup: a run to its deadline" \
		'echo start >$D/control && wait_state done 60 && result_is "stopped_early 0"'
	echo reset >$D/control
	echo bound >$D/wq; echo 0 >$D/flood; echo sync >$D/rcu_sync
done
reload "cycle 2"

# 3. rmmod in the middle of runs that have memory in flight: call_rcu
#    callbacks pending, unbound work queued, histograms filled.
for setup in "rcu rcu_sync=call_rcu read_pct=0" "workqueue wq=unbound flood=1" \
	     "spinlock measure=latency nr_locks=64"; do
	# shellcheck disable=SC2086
	knobs $setup duration_ms=$LONG_RUN_MS warmup_ms=20
	echo start >$D/control
	usleep 500000
	check "cycle 3: $setup: rmmod during the run" 'rmmod ksbench && [ ! -e $D ]'
	insmod $MODULE || not_ok "cycle 3: insmod"
	note_load
done
rmmod ksbench || not_ok "final rmmod"

check "lockdep is still live after the cycles (no report switched it off)" lockdep_live

# kmemleak wants objects older than 5 s, and two scans: a block that a
# stale pointer on some stack kept alive in the first is found in the second.
sleep $MIN_AGE_S
echo scan >$KL
echo scan >$KL
cat $KL >/tmp/kmemleak

# ours ADDRESS: true when ADDRESS (hex, no 0x) falls in a load of the
# module; says where, for `objdump -d ksbench.ko`. Kernel addresses are
# negative in the shell's signed 64-bit arithmetic, and compare correctly
# among themselves.
ours() {
	a=$((0x$1))
	while read -r base size; do
		if [ "$a" -ge $((base)) ] && [ "$a" -lt $((base + size)) ]; then
			printf '  (0x%s is ksbench.ko +0x%x, loaded at %s)\n' "$1" $((a - base)) "$base"
			return 0
		fi
	done <$LOADS
	return 1
}

# One report per object: "unreferenced object ..." up to the next. An
# object is ksbench's when a frame lies in the module, it was allocated
# by one of its threads ("ksbench/N") or while a module initialised (the
# only module this guest loads).
awk '/^unreferenced object/ { n++ } { print > ("/tmp/leak." n) }' /tmp/kmemleak
total=0
mine=0
for f in /tmp/leak.*; do
	[ -e "$f" ] || continue
	grep -q '^unreferenced object' "$f" || continue
	total=$((total + 1))
	leak=0
	grep -q -e ksbench -e do_init_module "$f" && leak=1
	# A frame reads "[<hashed pointer>] symbol+off/len", or "0xADDRESS"
	# once no symbol covers it (the module unloaded).
	where=$(for a in $(sed -n 's/^ *\[<.*>\] 0x\([0-9a-f]*\) *$/\1/p' "$f"); do
		ours "$a"
	done)
	[ -n "$where" ] && leak=1
	if [ "$leak" = 1 ]; then
		mine=$((mine + 1))
		cat "$f"	# verbatim: the console checker fails the run too
		[ -z "$where" ] || echo "$where"
	else
		# Not ours (boot-time false positives): shown, but reworded so
		# the console checker does not count it.
		sed -e 's/unreferenced object/kmemleak: not from ksbench: object/' -e 's/^/# /' "$f"
	fi
done
echo "kmemleak said: $total object(s) since the boot baseline, $mine from ksbench" \
	"(module loads: $(tr '\n' ' ' <$LOADS))"
check "kmemleak: no leak from ksbench ($mine of $total)" '[ "$mine" = 0 ]'

echo "guest-kmemleak: $passed passed, $failed failed"
[ "$failed" = 0 ]
