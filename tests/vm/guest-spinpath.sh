# SPDX-License-Identifier: GPL-2.0
# In the guest (busybox sh): the spinlock slow path the module reports is
# EXPECTED, and the kernel's own tracing agrees: with the native queued
# lock a contended spin_lock() reaches the MCS queue, where
# lock:contention_begin fires (LCB_F_SPIN, flags bit 0); virt_spin_lock()'s
# test-and-set loop returns before it, so under virt-tas the spinlock
# workload leaves (almost) none. Then the cross-CPU clock check for
# CHECK_MS ms: no backward step, readings handed from CPU to CPU.
#   guest-spinpath.sh EXPECTED CHECK_MS
. /guest-lib.sh
expected=$1
check_ms=${2:-3000}
T=/sys/kernel/debug/tracing
EV=$T/events/lock/contention_begin

path=$(sed -n 's/^spin_slowpath //p' $D/info)
check "info says spin_slowpath $expected (got '$path')" '[ "$path" = "$expected" ]'

# hitcount of spin contention while the spinlock workload runs 1 s on 2 CPUs
echo 'hist:keys=common_cpu if flags & 1' >$EV/trigger
ksbench run --target=host --lock=spinlock --cpus=2 --duration=1s -q -o /tmp/r.json
hits=$(sed -n 's/^ *Hits: *//p' $EV/hist)
ops=$(sed -n 's/.*"ops": *\([0-9]*\).*/\1/p' /tmp/r.json | head -n 1)
echo "# $expected: $hits spin contention events in ${ops:-?} operations"
case $expected in
native)
	check "native: the MCS queue ran (contention_begin hits $hits > 0)" '[ "${hits:-0}" -gt 0 ]' ;;
virt-tas)
	# far below one a thousand operations: the queue is not the slow path
	check "virt-tas: the MCS queue did not run ($hits hits in $ops operations)" \
		'[ -n "$ops" ] && [ $((${hits:-0} * 1000)) -lt "$ops" ]' ;;
esac

echo "clock_check $check_ms" >$D/control
check "clock_check: a ${check_ms} ms check ran" '[ $? = 0 ]'
grep '^clock' $D/info | sed 's/^/# /'
val() { sed -n "s/^$1 //p" $D/info; }
check "clock_check: the length asked ($(val clock_check_ns) ns)" \
	"[ \"$(val clock_check_ns)\" = $((check_ms * 1000000)) ]"
check "clock_check: every online CPU took part ($(val clock_check_cpus))" \
	"[ \"$(val clock_check_cpus)\" = $(grep -c ^processor /proc/cpuinfo) ]"
check "clock_check: readings passed from CPU to CPU ($(val clock_check_handovers))" \
	"[ \"$(val clock_check_handovers)\" -gt 0 ]"
check "clock_check: the clock never went backwards ($(val clock_backward_steps) steps, max $(val clock_backward_max_ns) ns)" \
	"[ \"$(val clock_backward_steps)\" = 0 ]"
refused control "clock_check 0" ERANGE
refused control "clock_check soon" EINVAL
refused control "clock_check 600001" ERANGE
echo "guest-spinpath: $passed passed, $failed failed"
