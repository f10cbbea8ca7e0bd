# SPDX-License-Identifier: GPL-2.0
# Runs inside the debug kernel's VM (busybox sh, as root, ksbench.ko loaded,
# 2 vCPUs; guest-lib.sh beside it): ksbench's counts against the kernel's
# own, /proc/lock_stat (CONFIG_LOCK_STAT). For spinlock, mutex and rwsem
# (writers only), at 1 and 2 CPUs, with lock_stat cleared just before the
# point: the kernel's acquisitions of ksbench's lock class (lock_stat
# counts a critical section when it ends: its hold time) equal the module's
# oracle_acquisitions, every section of the run, warm-up and the stop
# included, exactly; a rwsem's read side saw none. lock_stat's
# contentions are 0 with one worker, above 0 with two hammering one lock,
# and never above the acquisitions. Prints "ok - ..." lines and a summary.
# Run by tests/debug/test-lockstat.sh.

. /guest-lib.sh

# lockstat CLASS: "contentions acquisitions" of that class's line in
# /proc/lock_stat ("name: con-bounces contentions waittime-min -max -total
# -avg acq-bounces acquisitions holdtime-min -max -total -avg"); "none"
# when the class has no line.
lockstat() {
	line=$(grep -F "$1:" /proc/lock_stat | head -n 1)
	if [ -z "$line" ]; then
		echo none
		return
	fi
	echo "${line##*:}" | awk '{ print $2, $8 }'
}

field() { sed -n "s/^$1 //p" /tmp/results; }

# point WORKLOAD CPUS CLASS: one run from debugfs, then the comparison.
point() {
	workload=$1 cpus=$2 class=$3
	echo reset >$D/control
	echo "$workload" >$D/workload && echo "$cpus" >$D/cpus &&
		echo 200 >$D/duration_ms && echo 50 >$D/warmup_ms && echo 0 >$D/read_pct
	echo 0 >/proc/lock_stat
	echo start >$D/control
	if ! wait_state done 60; then
		not_ok "$workload at $cpus: the run ended (control reads $(cat $D/control))"
		return
	fi
	stats=$(lockstat "$class")
	cp $D/results /tmp/results
	set -- $stats
	contentions=${1:-none} acquisitions=${2:-none}
	expected=$(field oracle_acquisitions)
	label="$workload at CPUs $cpus"
	check "$label: lock_stat has a line for ksbench's class '$class'" '[ "$stats" != none ]'
	check "$label: lock_stat's acquisitions ($acquisitions) = the module's oracle_acquisitions ($expected)" \
		'[ "$acquisitions" = "$expected" ]'
	check "$label: ... which cover more than the window's ops ($(field ops))" \
		'[ "$expected" -gt "$(field ops)" ]'
	check "$label: ... and the oracle held (violations $(field violations), lost $(field lost_updates))" \
		'[ "$(field violations)" = 0 ] && [ "$(field lost_updates)" = 0 ]'
	check "$label: contentions ($contentions) no more than the acquisitions" \
		'[ "$contentions" -le "$acquisitions" ]'
	case $cpus in
	0) check "$label: one worker is never contended (contentions $contentions)" \
		'[ "$contentions" = 0 ]' ;;
	*) check "$label: two workers on one lock are (contentions $contentions)" \
		'[ "$contentions" -gt 0 ]' ;;
	esac
}

if [ ! -e /proc/lock_stat ]; then
	not_ok "/proc/lock_stat exists (CONFIG_LOCK_STAT)"
else
	for cpus in 0 0-1; do
		point spinlock $cpus "&((struct ksb_spinlock *)lock)->lock"
		point mutex $cpus "(struct mutex *)lock"
		# one line: lock_stat splits a class into -W and -R only once it has reads
		point rwsem $cpus "(struct rw_semaphore *)lock"
		reads=$(lockstat "(struct rw_semaphore *)lock-R")
		check "rwsem at CPUs $cpus: writers only, so no read-side acquisitions ($reads)" \
			'[ "$reads" = none ] || [ "${reads#* }" = 0 ]'
	done
fi
echo "guest-lockstat: $passed passed, $failed failed"
[ "$failed" = 0 ]
