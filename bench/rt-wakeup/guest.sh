# SPDX-License-Identifier: GPL-2.0
# In the guest (busybox sh), for bench/rt-wakeup/run.sh: one untraced and
# one traced handoff point (LOCK, default workqueue) at 2 CPUs, with the
# scheduler's wake-up, switch and IPI events, the idle states, the tick and
# the reschedule IPI's senders (function tracer), into /tmp/trace.txt.
T=/sys/kernel/debug/tracing
# run.sh's SCHED_FEATURE, e.g. TTWU_QUEUE (off on PREEMPT_RT) or NO_TTWU_QUEUE
if [ -s /sched-feature ]; then
	cat /sched-feature >/sys/kernel/debug/sched/features &&
		echo "# sched feature $(cat /sched-feature) set"
fi
echo 0 >$T/tracing_on
echo 16384 >$T/buffer_size_kb
echo >$T/trace
for f in native_smp_send_reschedule resched_curr resched_curr_lazy ttwu_queue_wakelist \
	 native_send_call_func_single_ipi set_nr_if_polling; do
	echo $f >>$T/set_ftrace_filter 2>/dev/null || echo "# no function $f"
done
echo function >$T/current_tracer
for e in sched/sched_waking sched/sched_wakeup sched/sched_switch \
	 workqueue/workqueue_queue_work workqueue/workqueue_execute_start \
	 irq_vectors/reschedule_entry irq_vectors/call_function_single_entry irq_vectors/local_timer_entry \
	 power/cpu_idle; do
	echo 1 >$T/events/$e/enable
done
ksbench run --target=host --lock=${LOCK:-workqueue} --cpus=2 --duration=300ms --warmup=50ms -q -o /tmp/r0.json
echo 1 >$T/tracing_on
ksbench run --target=host --lock=${LOCK:-workqueue} --cpus=2 --duration=200ms --warmup=50ms -q -o /tmp/r.json
echo 0 >$T/tracing_on
cat $T/trace >/tmp/trace.txt
echo "# untraced: $(grep -o '"throughput_ops_s": *[0-9.e+]*' /tmp/r0.json | head -n 1)"
echo "# traced: $(grep -o '"throughput_ops_s": *[0-9.e+]*' /tmp/r.json | head -n 1)"
dmesg | grep -i 'throttling' | sed 's/^/# /'
