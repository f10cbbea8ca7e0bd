# SPDX-License-Identifier: GPL-2.0
# Runs inside the VM (busybox sh, as root, ksbench.ko loaded, 2 or 4
# vCPUs): faults around a run. CPU 1 taken offline in the middle of runs
# (the run ends at once, whole, with the CPU named; the next run works),
# start refused on an offline CPU, start/stop/reset racing hotplug. With
# `full`: the same through `ksbench run`, two `ksbench run` at once, two
# shells driving `control` at once, and a non-root user refused. Result
# files go to /tmp/out.tar for tests/vm/test-faults.sh to check with jq.
# Prints "ok - ..." lines and a summary.

. /guest-lib.sh

MODE=${1:-hotplug}
CPU1=/sys/devices/system/cpu/cpu1/online
OUT=/tmp/out
NCPUS=$(grep -c ^processor /proc/cpuinfo)
ALL="0-$((NCPUS - 1))"
mkdir -p $OUT

value() { sed -n "s/^$1 //p" $D/results; }
uptime_s() { read -r up rest </proc/uptime; echo "${up%.*}"; }

# knobs WORKLOAD CPUS [FILE=VALUE...]: a long run's knobs, defaults elsewhere.
knobs() {
	echo "$1" >$D/workload
	echo "$2" >$D/cpus
	echo $LONG_RUN_MS >$D/duration_ms
	echo 50 >$D/warmup_ms
	echo lock >$D/acquire
	echo sync >$D/rcu_sync
	echo throughput >$D/measure
	shift 2
	for kv in "$@"; do echo "${kv#*=}" >"$D/${kv%%=*}"; done
}

# whole: the results text has every worker, every tick and its end line.
whole() {
	[ "$(grep -c '^worker ' $D/results)" = "$(value nr_workers)" ] &&
		[ "$(grep -c '^tick ' $D/results)" = "$(value series | sed 's/.*ticks=//')" ] &&
		result_is end
}

# oracle_holds: no violation, no lost update, every owed handoff consumed.
oracle_holds() {
	result_is "violations 0" && result_is "lost_updates 0" &&
		{ ! result_is "oracle handoff" ||
		  [ "$(value oracle_acquisitions)" = "$(value oracle_counter)" ]; }
}

cpu1_online() {
	echo 1 >$CPU1 2>/dev/null
	[ "$(cat $CPU1)" = 1 ]
}

# offline_mid_run WORKLOAD [FILE=VALUE...]: CPU 1 goes down 1 s into a
# long run on every CPU; the run must end while the CPU goes.
offline_mid_run() {
	wl=$1
	shift
	knobs "$wl" "$ALL" "$@"
	what="$wl on $ALL${1:+ $*}"
	if ! echo start >$D/control; then
		not_ok "$what: start"
		return
	fi
	sleep 1
	t0=$(now_cs)
	echo 0 >$CPU1
	status=$?
	t1=$(now_cs)
	state=$(cat $D/control)
	check "$what: CPU 1 goes offline mid-run, the run done within 5 s ($(( (t1 - t0) * 10 )) ms, $state)" \
		'[ "$status" = 0 ] && [ $((t1 - t0)) -lt $PROMPT_CS ] && [ "$state" = done ]'
	check "$what: results whole, stopped_early 1, offlined_cpus 1, $(value ops) ops in $(value elapsed_ns) ns" \
		'whole && result_is "stopped_early 1" && result_is "offlined_cpus 1" &&
		 ! result_is "ops 0" && [ "$(value elapsed_ns)" -lt "$(value duration_ns)" ]'
	check "$what: oracle holds ($(value violations) violations, $(value lost_updates) lost)" oracle_holds
	check "$what: CPU 1 back online" cpu1_online
	echo 300 >$D/duration_ms
	check "$what: the next run on $ALL finishes whole, all CPUs kept" \
		'echo start >$D/control && wait_state done 30 && whole &&
		 result_is "stopped_early 0" && ! grep -q "^offlined_cpus" $D/results &&
		 oracle_holds && ! result_is "ops 0"'
}

# race SECONDS: two shells writing start/stop/reset to control, and with
# RACE_HOTPLUG=1 a third taking CPU 1 down and up, all at once.
writer() {
	end=$(($(uptime_s) + $1))
	while [ "$(uptime_s)" -lt $end ]; do
		for verb in start stop reset start; do echo $verb >$D/control; done
		echo "$2" >$D/workload
	done 2>/dev/null
}

toggler() {
	end=$(($(uptime_s) + $1))
	while [ "$(uptime_s)" -lt $end ]; do
		echo 0 >$CPU1
		usleep 20000
		echo 1 >$CPU1
	done 2>/dev/null
}

race() {
	what=$1
	knobs spinlock 0-1
	echo 200 >$D/duration_ms
	echo 0 >$D/warmup_ms
	writer 3 spinlock &
	w1=$!
	writer 3 completion &
	w2=$!
	t=
	if [ "$RACE_HOTPLUG" = 1 ]; then
		toggler 3 &
		t=$!
	fi
	wait $w1 $w2 $t
	[ "$RACE_HOTPLUG" = 1 ] && check "$what: CPU 1 online again" cpu1_online
	echo stop >$D/control
	state=$(cat $D/control)
	check "$what: the module ends idle or done ($state), results whole" \
		'case $state in idle | done) true ;; *) false ;; esac &&
		 [ "$(head -n 1 $D/results)" = "ksbench-results 1" ] && result_is end'
	knobs mutex 0-1
	echo 300 >$D/duration_ms
	check "$what: a following run finishes whole with its oracle" \
		'echo start >$D/control && wait_state done 30 && whole &&
		 result_is "stopped_early 0" && oracle_holds && ! result_is "ops 0"'
}

# --- a CPU going down mid-run ------------------------------------------------

if ! echo 0 >$CPU1 2>/dev/null; then
	not_ok "CPU 1 can be taken offline"
else
	echo 1 >$CPU1
	offline_mid_run spinlock
	offline_mid_run mutex
	offline_mid_run completion
	if [ "$MODE" = full ]; then
		offline_mid_run workqueue
		offline_mid_run tasklet
		offline_mid_run rcu rcu_sync=call_rcu
		offline_mid_run spinlock measure=latency
	fi

	# start with a CPU that went offline after the cpus knob was written
	knobs spinlock 0-1
	echo 0 >$CPU1
	refused control start ERANGE "start (cpus 0-1, CPU 1 offline since)"
	check "the refused start kept the last run's results" 'result_is "state done" && whole'
	cpu1_online
	echo 300 >$D/duration_ms
	check "CPU 1 back: the same start is accepted and finishes" \
		'echo start >$D/control && wait_state done 30 && whole'

	RACE_HOTPLUG=1 race "start/stop/reset from two shells while CPU 1 goes down and up"
fi

if [ "$MODE" != full ]; then
	echo "guest-faults: $passed passed, $failed failed"
	[ "$failed" = 0 ]
	exit
fi

# --- through the CLI: the cut point is kept and marked -----------------------

echo reset >$D/control
ksbench run --target=host --lock=spinlock --cpus=2 --repeat=2 --duration=30s \
	--warmup=50ms -q -o $OUT/hotplug.json 2>/tmp/hotplug.err &
pid=$!
wait_state running 30 && sleep 1
echo 0 >$CPU1
wait $pid
status=$?
# the second repeat needs CPU 1: refused while it is offline
check "ksbench run: exits 1 once the next point finds CPU 1 offline (got $status)" \
	'[ "$status" = 1 ] && grep -Eq "a CPU in it is offline|CPU 1 is offline" /tmp/hotplug.err'
check "ksbench run: keeps the cut point ($(grep -o "kept the [0-9]* completed point(s)" /tmp/hotplug.err))" \
	'grep -q "kept the 1 completed point(s)" /tmp/hotplug.err'
check "ksbench show: one line names CPU 1 and the cut point" \
	'ksbench show $OUT/hotplug.json | grep -q "^CPU 1 went offline: spinlock at 2 CPUs, repeat 0 measured"'
cpu1_online
grep -v "^ksbench run: oracle" /tmp/hotplug.err | sed 's/^/# /'

# --- one CLI at a time ---------------------------------------------------------

ksbench run --target=host --lock=spinlock --cpus=2 --duration=2s --warmup=50ms -q \
	-o $OUT/first.json 2>/tmp/first.err &
first=$!
wait_state running 30
ksbench run --target=host --lock=mutex --cpus=1 --duration=100ms -q \
	-o $OUT/second.json 2>/tmp/second.err
second_status=$?
wait $first
first_status=$?
check "a second ksbench run fails at once, exit 1 (got $second_status), naming the first (pid $first)" \
	'[ "$second_status" = 1 ] &&
	 grep -q "another ksbench run is using the module (pid $first)" /tmp/second.err &&
	 [ ! -e $OUT/second.json ]'
sed 's/^/# /' /tmp/second.err
check "the first ksbench run is unaffected: exit 0 (got $first_status)" \
	'[ "$first_status" = 0 ] && ksbench show $OUT/first.json >/dev/null'
check "after the first exits, another ksbench run may start" \
	'ksbench run --target=host --lock=mutex --cpus=1 --duration=100ms -q -o /tmp/third.json'

RACE_HOTPLUG=0 race "start/stop/reset from two shells at once"

# --- root only ------------------------------------------------------------------

# as_nobody COMMAND: runs COMMAND in sh as uid/gid 65534. Busybox looks
# names up in /etc/passwd, which the initramfs lacks: this guest's only.
mkdir -p /etc
grep -q "^nobody:" /etc/passwd 2>/dev/null ||
	echo "nobody:x:65534:65534:nobody:/:/bin/sh" >>/etc/passwd
grep -q "^nogroup:" /etc/group 2>/dev/null || echo "nogroup:x:65534:" >>/etc/group
as_nobody() {
	start-stop-daemon -S -c nobody:nogroup -n ksb-nobody -a /bin/sh -- -c "$1"
}

check "as_nobody runs as uid 65534" '[ "$(as_nobody "id -u")" = 65534 ]'
before=$(cat $D/duration_ms)
# denied NAME: reading and writing every file fails with EACCES
denied() {
	n=0
	for f in $D/*; do
		as_nobody "cat $f" >/dev/null 2>/tmp/denied.err && n=$((n + 1))
		grep -q "Permission denied" /tmp/denied.err || n=$((n + 1))
		as_nobody "echo 1 >$f" 2>/tmp/denied.err && n=$((n + 1))
		grep -q "Permission denied" /tmp/denied.err || n=$((n + 1))
	done
	check "$1: every file refuses uid 65534 reading and writing with EACCES ($n exceptions)" \
		'[ "$n" = 0 ] && [ "$(cat $D/duration_ms)" = "$before" ]'
}
denied "debugfs mounted 0700"
mode=$(stat -c %a /sys/kernel/debug)
chmod 755 /sys/kernel/debug
denied "debugfs root opened to 0755, the files' own modes"
root_only="permission denied: ksbench's debugfs files are root-only; run as root (the module is for test machines)"
as_nobody "ksbench list" >/dev/null 2>/tmp/list.err
status=$?
check "ksbench list as uid 65534: exit 1 (got $status), says it is root-only" \
	'[ "$status" = 1 ] && grep -qF "ksbench list: $root_only" /tmp/list.err'
as_nobody "ksbench run --target=host --lock=spinlock --cpus=1 --duration=10ms -q -o /tmp/nobody.json" \
	2>/tmp/run.err
status=$?
check "ksbench run as uid 65534: exit 1 (got $status), says it is root-only" \
	'[ "$status" = 1 ] && grep -qF "ksbench run: $root_only" /tmp/run.err'
chmod "$mode" /sys/kernel/debug
sed 's/^/# /' /tmp/list.err /tmp/run.err

tar -cf /tmp/out.tar -C $OUT .
echo "guest-faults: $passed passed, $failed failed"
[ "$failed" = 0 ]
