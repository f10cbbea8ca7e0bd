# SPDX-License-Identifier: GPL-2.0
# Runs inside the VM (busybox sh, as root, ksbench.ko loaded, 2 vCPUs):
# `ksbench run` under faults (docs/faults-cli.md). SIGINT, SIGTERM and
# SIGHUP in the middle of a sweep must stop the module, keep the completed
# points in a whole file marked interrupted and exit 130; SIGKILL leaves no
# file, the module ends the point by itself at its deadline, a run started
# meanwhile refuses clearly and the one after it works. A signal before
# any point completed, and a start the module refuses, leave no file; a
# refusal after a completed point keeps it, whole. The result files go to
# /tmp/sig.tar for the host's jq checks. Prints "ok - ..." lines and a
# summary. Run by tests/vm/test-signals.sh.

. /guest-lib.sh

OUT=/tmp/sig
mkdir -p $OUT
# Two 6.1 s points per repeat; the signal lands in the second (2 CPUs),
# which leaves seconds for the checks that need it still running. Long,
# because this shell shares both CPUs with spinning workers: measured
# under a loaded host, ten 100 ms sleeps took 4.9 s beside spinlock at 2
# CPUs (1.3 s beside atomic_inc). The window ends on time (kmod/run.c's
# edge timer), so a 2.6 s point was over before a starved shell signalled.
SWEEP="--lock=spinlock --cpus=1,2 --repeat=2 --duration=6s --warmup=100ms"

# sweep NAME: the sweep in the background, its pid in $pid.
sweep() {
	ksbench run $SWEEP -q -o $OUT/$1.json >$OUT/$1.out 2>$OUT/$1.err &
	pid=$!
}

# in_second_point: the module runs the 2-CPU point (its knobs are written
# before start, so cpus reads 0-1 only from the second point on), 0.5 s
# into its 6.1 s: the first point is complete, the second surely is not.
in_second_point() {
	tries=200
	while [ "$tries" -gt 0 ]; do
		read -r cpus <$D/cpus
		read -r state <$D/control
		if [ "$cpus" = 0-1 ] && [ "$state" = running ]; then
			usleep 500000
			return 0
		fi
		usleep 50000
		tries=$((tries - 1))
	done
	return 1
}

# no_temp NAME: nothing of NAME's result is left but the file itself.
no_temp() { [ -z "$(ls -A $OUT | grep "^\.$1\.json")" ]; }

# next_run NAME: a short run right after; its status in $next.
next_run() {
	next=0
	ksbench run --lock=spinlock --cpus=2 --duration=200ms --warmup=50ms -q \
		-o $OUT/$1.json >$OUT/$1.out 2>$OUT/$1.err || next=$?
}

for sig in INT TERM HUP; do
	name=$(echo $sig | tr A-Z a-z)
	sweep $name
	if ! in_second_point; then
		not_ok "SIG$sig: the sweep never reached its second point"
		kill -KILL $pid
		wait $pid
		wait_state done 10
		continue
	fi
	kill -$sig $pid
	t0=$(now_cs)
	wait $pid
	status=$?
	t1=$(now_cs)
	read -r state <$D/control
	check "SIG$sig: ksbench run exits 130 (got $status), $(( (t1 - t0) * 10 )) ms after the signal" \
		'[ "$status" = 130 ] && [ $((t1 - t0)) -lt $PROMPT_CS ]'
	check "SIG$sig: the module was stopped mid-point: control reads done (got $state), stopped_early 1" \
		'[ "$state" = done ] && result_is "stopped_early 1"'
	check "SIG$sig: stderr says it kept the 1 completed point in $OUT/$name.json" \
		'grep -qx "ksbench run: interrupted: kept the 1 completed point(s) in $OUT/$name.json" $OUT/$name.err'
	check "SIG$sig: the file is whole (ksbench show reads it, says interrupted)" \
		'ksbench show $OUT/$name.json >$OUT/$name.show 2>&1 && grep -q "^interrupted" $OUT/$name.show'
	check "SIG$sig: no temporary file is left" 'no_temp $name'
	next_run $name-next
	check "SIG$sig: the next run works (status $next)" '[ "$next" = 0 ]'
done

# SIGKILL cannot be caught: the module runs the point on to its deadline.
sweep kill
if in_second_point; then
	kill -KILL $pid
	wait $pid
	status=$?
	read -r state <$D/control
	check "SIGKILL: the CLI dies (status $status), the module runs on (control reads $state)" \
		'[ "$status" = 137 ] && [ "$state" = running ]'
	check "SIGKILL: no result file and no temporary file" \
		'[ ! -e $OUT/kill.json ] && no_temp kill'
	next_run busy
	check "SIGKILL: a run started meanwhile fails (status $next) and says why in one line" \
		'[ "$next" = 1 ] && [ "$(wc -l <$OUT/busy.err)" = 1 ] &&
		 grep -q "^ksbench run: the module is running a run this ksbench did not start (spinlock on CPUs 0-1" $OUT/busy.err'
	sed 's/^/# /' $OUT/busy.err
	check "SIGKILL: ... and leaves no file" '[ ! -e $OUT/busy.json ] && no_temp busy'
	check "SIGKILL: the module ends the point by itself at its deadline" \
		'wait_state done 10 && result_is "stopped_early 0"'
	next_run kill-next
	check "SIGKILL: the run after the deadline works (status $next)" '[ "$next" = 0 ]'
else
	not_ok "SIGKILL: the sweep never reached its second point"
fi

# A signal before the first point completed: nothing to keep, no file.
sweep first
tries=100
while [ "$tries" -gt 0 ]; do
	read -r cpus <$D/cpus
	read -r state <$D/control
	[ "$cpus" = 0 ] && [ "$state" = running ] && break
	usleep 50000
	tries=$((tries - 1))
done
kill -INT $pid
wait $pid
status=$?
read -r state <$D/control
check "SIGINT in the first point: exits 130 (got $status), the module stopped (control reads $state)" \
	'[ "$status" = 130 ] && [ "$state" = done ]'
check "SIGINT in the first point: no file, and stderr says so" \
	'[ ! -e $OUT/first.json ] && no_temp first &&
	 grep -qx "ksbench run: interrupted before the first point completed: no result file" $OUT/first.err'

# Failures: a knob the module refuses at start (rwlock has no trylock).
refuse() {
	status=0
	ksbench run --lock=$2 --acquire=trylock --duration=200ms --warmup=50ms -q \
		-o $OUT/$1.json >$OUT/$1.out 2>$OUT/$1.err || status=$?
}
refuse refused rwlock
check "refused at the first point: exits 1 (got $status), no file" \
	'[ "$status" = 1 ] && [ ! -e $OUT/refused.json ] && no_temp refused &&
	 grep -q "rwlock has no trylock form" $OUT/refused.err'
refuse refused-later spinlock,rwlock
check "refused after a completed point: exits 1 (got $status), keeps that point in a whole file" \
	'[ "$status" = 1 ] && ksbench show $OUT/refused-later.json >/dev/null && no_temp refused-later &&
	 grep -qx "ksbench run: failed: kept the 1 completed point(s) in $OUT/refused-later.json" $OUT/refused-later.err'

tar -C $OUT -cf /tmp/sig.tar .
echo "guest-signals: $passed passed, $failed failed"
[ "$failed" = 0 ]
