# SPDX-License-Identifier: GPL-2.0
# Runs inside the VM (busybox sh, as root, ksbench.ko loaded, 2 vCPUs):
# drives /sys/kernel/debug/ksbench by hand and checks it against
# docs/debugfs.md. Prints "ok - ..." / "not ok - ..." lines and a summary;
# exits 0 only if everything passed. Run by tests/vm/test-debugfs.sh.

. /guest-lib.sh

# --- files and defaults ------------------------------------------------------

for f in $D/*; do
	name=${f##*/}
	case $name in
	workloads | results | info) want=400 ;;
	*) want=600 ;;
	esac
	check "$name is mode $want, owned by root" \
		'[ "$(stat -c "%a %u %g" "$f")" = "$want 0 0" ]'
done

knobs="workload cpus duration_ms warmup_ms hold_ns think_ns acquire nr_locks cs_lines
       read_pct sem_count rcu_sync seed"
defaults="spinlock 0 1000 100 0 0 lock 1 0 90 1 sync 1"
check "defaults per docs/debugfs.md: $defaults" \
	'[ "$(cd $D && cat $knobs | tr "\n" " ")" = "$defaults " ]'
check "control reads idle and results read 'state idle' before the first run" \
	'[ "$(cat $D/control)" = idle ] && result_is "state idle"'

# --- bad writes while idle -------------------------------------------------

refused workload nosuch EINVAL
refused workload "" EINVAL
refused workload "$(head -c 5000 /dev/zero | tr '\0' a)" EINVAL "a 5000-byte value"
refused workload 'spin\0000lock' EINVAL "'spin<NUL>lock'"
refused cpus x EINVAL
refused cpus 0- EINVAL
refused cpus 1-0 EINVAL
refused cpus "" EINVAL
refused cpus 7 ERANGE
refused cpus 0-7 ERANGE
if echo 0 2>/dev/null >/sys/devices/system/cpu/cpu1/online; then
	refused cpus 1 ERANGE "'1' (CPU 1 offline)"
	echo 1 >/sys/devices/system/cpu/cpu1/online
	check "CPU 1 comes back online" '[ "$(cat /sys/devices/system/cpu/cpu1/online)" = 1 ]'
else
	ok "# SKIP offline CPU: CPU 1 cannot be taken offline"
fi
refused duration_ms 0 ERANGE
refused duration_ms 3600001 ERANGE
refused duration_ms 12abc EINVAL
refused warmup_ms 60001 ERANGE
refused think_ns 10000001 ERANGE
refused hold_ns 10000001 ERANGE
refused nr_locks 0 ERANGE
refused nr_locks 1025 ERANGE
refused cs_lines 65 ERANGE
refused read_pct 101 ERANGE
refused sem_count 0 ERANGE
refused seed -1 EINVAL
refused measure fast EINVAL
refused sample 0 ERANGE
refused sample 1000001 ERANGE
refused interval_ms 0 ERANGE
refused interval_ms 60001 ERANGE
refused acquire sometimes EINVAL
refused rcu_sync later EINVAL
refused control bogus EINVAL

# Rules tying two knobs together are checked at start.
echo 1000001 >$D/hold_ns
refused control start ERANGE "start (spinlock with hold_ns 1000001, its max 1000000)"
echo 0 >$D/hold_ns
echo rwlock >$D/workload && echo trylock >$D/acquire
refused control start EOPNOTSUPP "start (trylock on rwlock)"
echo spinlock >$D/workload && echo lock >$D/acquire

# --- a run in progress -------------------------------------------------------

echo 0-1 >$D/cpus
echo "$LONG_RUN_MS" >$D/duration_ms
check "start is accepted" 'echo start >$D/control'
check "control reads running" '[ "$(cat $D/control)" = running ]'
refused control start EBUSY "start (already running)"
refused control reset EBUSY "reset (running)"
refused duration_ms 500 EBUSY "500 (running)"
refused cpus 0 EBUSY "0 (running)"
refused workload mutex EBUSY "mutex (running)"
refused hold_ns 10 EBUSY "10 (running)"

sleep 1		# past the warm-up, so the window has ops
t0=$(now_cs)
echo stop >$D/control
stop_status=$?
t1=$(now_cs)
check "stop mid-run succeeds and returns within 5 s ($(( (t1 - t0) * 10 )) ms)" \
	'[ "$stop_status" = 0 ] && [ $((t1 - t0)) -lt $PROMPT_CS ]'
check "after stop, control reads done" '[ "$(cat $D/control)" = done ]'
check "after stop, results say state done, stopped_early 1" \
	'result_is "state done" && result_is "stopped_early 1" && result_is end'
check "stop when nothing runs is accepted" 'echo stop >$D/control'
check "reset returns to idle" 'echo reset >$D/control && [ "$(cat $D/control)" = idle ]'

# --- rmmod during a run, then load again -------------------------------------

echo start >$D/control
sleep 1
t0=$(now_cs)
rmmod ksbench
rmmod_status=$?
t1=$(now_cs)
check "rmmod during a $LONG_RUN_MS ms run succeeds within 5 s ($(( (t1 - t0) * 10 )) ms)" \
	'[ "$rmmod_status" = 0 ] && [ $((t1 - t0)) -lt $PROMPT_CS ]'
check "the debugfs directory is gone after rmmod" '[ ! -e $D ]'

check "insmod again succeeds" 'insmod $MODULE'
check "the fresh module is idle with its defaults" \
	'[ "$(cat $D/control)" = idle ] && [ "$(cat $D/duration_ms)" = 1000 ]'
echo 0-1 >$D/cpus && echo 200 >$D/duration_ms && echo 50 >$D/warmup_ms
echo start >$D/control
check "a short run on the reloaded module finishes by itself" 'wait_state done 30'
check "its results are whole, not stopped early, with ops" \
	'result_is "state done" && result_is "stopped_early 0" && result_is end &&
	 ! result_is "ops 0"'

echo "guest-debugfs: $passed passed, $failed failed"
[ "$failed" = 0 ]
