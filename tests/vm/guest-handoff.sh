# SPDX-License-Identifier: GPL-2.0
# Runs inside the VM (busybox sh, as root, ksbench.ko loaded, 4 vCPUs): the
# handoff workloads through debugfs. Each runs briefly with its oracle
# checked, then again with rmmod in the middle of the run; the handoff
# knobs refuse bad values. Prints "ok - ..." lines and a summary. Run by
# tests/vm/test-handoff.sh.

. /guest-lib.sh

# knobs WORKLOAD CPUS [FILE=VALUE...]: set a run up, defaults elsewhere.
knobs() {
	echo "$1" > $D/workload
	echo "$2" > $D/cpus
	shift 2
	echo plain > $D/wait; echo 0 > $D/exclusive; echo bound > $D/wq
	echo 0 > $D/flood; echo busy > $D/poll; echo 50 > $D/poll_us
	for kv in "$@"; do echo "${kv#*=}" > "$D/${kv%%=*}"; done
}

value() { sed -n "s/^$1 //p" $D/results; }

# short WORKLOAD CPUS [FILE=VALUE...]: a 300 ms run whose oracle holds.
short() {
	knobs "$@"
	echo 300 > $D/duration_ms
	echo 30 > $D/warmup_ms
	what="$*"
	if ! echo start > $D/control || ! wait_state done 30; then
		not_ok "$what: the run started and finished"
		return
	fi
	check "$what: handoff oracle holds ($(value oracle_acquisitions) owed, $(value oracle_counter) consumed, $(value violations) violations)" \
		'result_is "oracle handoff" && result_is "violations 0" &&
		 result_is "lost_updates 0" && ! result_is "ops 0" &&
		 [ "$(value oracle_acquisitions)" = "$(value oracle_counter)" ]'
}

# unload_mid_run WORKLOAD CPUS [FILE=VALUE...]
unload_mid_run() {
	knobs "$@"
	echo $LONG_RUN_MS > $D/duration_ms
	echo start > $D/control
	usleep 300000
	t0=$(now_cs)
	rmmod ksbench
	status=$?
	t1=$(now_cs)
	check "$*: rmmod during the run returns within 5 s ($(( (t1 - t0) * 10 )) ms)" \
		'[ "$status" = 0 ] && [ $((t1 - t0)) -lt $PROMPT_CS ] && [ ! -e $D ]'
	insmod $MODULE || not_ok "insmod after rmmod"
}

short completion 0-1
short completion 0-1 wait=interruptible
short completion 0-1 wait=timeout
short completion_all 0-3
short waitqueue 0-3
short waitqueue 0-3 exclusive=1
short waitqueue 0-1 wait=timeout
short workqueue 0
short workqueue 0-1
short workqueue 0-1 wq=unbound
short workqueue 0-1 wq=system
short workqueue 0-1 wq=highpri
short workqueue 0-1 flood=1
short tasklet 0
short tasklet 0-1
# BH workqueues (6.9 on): runs where the module lists it as available, and
# where it does not (older kernels), says why and refuses to start.
if grep -q '^bh_work .*\[unavailable: ' $D/workloads; then
	check "bh_work: listed as unavailable, with the reason" \
		'grep -q "^bh_work .*\[unavailable: .*6\.9" $D/workloads'
	knobs bh_work 0-1
	refused control start EOPNOTSUPP "start (bh_work on a kernel without BH workqueues)"
	BH_WORK=
else
	short bh_work 0
	short bh_work 0-1
	BH_WORK=1
fi
short poll 0-1
short poll 0-3 poll=usleep poll_us=100
short poll 0-1 poll=schedule poll_us=1000

knobs completion_all 0-3
check "completion_all: first and last waiter timed" \
	'echo start > $D/control && wait_state done 30 &&
	 grep -q "^hist first cpu=0 count=[1-9]" $D/results &&
	 grep -q "^hist last cpu=0 count=[1-9]" $D/results'

for wl in completion completion_all waitqueue poll; do
	knobs $wl 0
	refused control start ERANGE "start ($wl on one CPU)"
done
knobs spinlock 0-1 flood=1
refused control start EOPNOTSUPP "start (flood on spinlock)"
knobs workqueue 0-1
refused wait forever EINVAL
refused wq somewhere EINVAL
refused poll sometimes EINVAL
refused exclusive 2 ERANGE
refused flood 2 ERANGE
refused poll_us 0 ERANGE
refused poll_us 1000001 ERANGE

unload_mid_run completion 0-1
unload_mid_run completion_all 0-3
unload_mid_run waitqueue 0-3 exclusive=1
unload_mid_run workqueue 0-1
unload_mid_run workqueue 0-1 flood=1
unload_mid_run tasklet 0-1
[ -z "$BH_WORK" ] || unload_mid_run bh_work 0-1
unload_mid_run poll 0-1 poll=msleep poll_us=1000

echo "guest-handoff: $passed passed, $failed failed"
[ "$failed" = 0 ]
