# SPDX-License-Identifier: GPL-2.0
# Runs inside the debug kernel's VM (busybox sh, as root, ksbench.ko loaded,
# 4 vCPUs; guest-lib.sh from tests/vm beside it): `ksbench run` with the
# knobs the VM tests use (tests/vm/test-workloads.sh, test-handoff.sh,
# test-latency.sh), so their code paths run under lockdep, KASAN and the
# debug objects too. Each run must exit 0: no failure, every oracle held.
# Prints "ok - ..." lines and a summary. Run by tests/debug/test-knobs.sh.

. /guest-lib.sh

# run ARGS...: one short sweep here, on the guest's own kernel.
run() {
	out=$(ksbench run --target=host -q --duration=100ms --warmup=20ms \
		-o /tmp/r.json "$@" 2>&1)
	status=$?
	check "ksbench run $*: exits 0 (got $status)" '[ "$status" = 0 ]'
	[ "$status" = 0 ] || printf '%s\n' "$out" | sed 's/^/# /'
}

# lock kind
run --lock=semaphore --sem-count=2 --hold=2us --cpus=4
run --lock=semaphore --sem-count=8 --cpus=4
run --acquire=trylock --lock=spinlock,raw_spinlock,mutex,semaphore,rt_mutex,bitlock --cpus=1,4
run --acquire=interruptible --lock=mutex,semaphore,rt_mutex --cpus=1,4
run --hold=100us --think=10us --cpus=4 \
	--lock=spinlock_irq,spinlock_irqsave,spinlock_bh,raw_spinlock,bitlock,local_irq,preempt
run --locks=4 --cs-lines=2 --cpus=4 --lock=spinlock,spinlock_bh,rwlock,rwsem,seqlock,percpu_rwsem
# rw kind
run --rcu-sync=call_rcu --read-pct=50 --lock=rcu --cpus=1,4
run --read-pct=0 --lock=rwlock,rwsem,percpu_rwsem,seqlock,rcu --cpus=4
# latency mode: the histograms of every kind
run --measure=latency --sample=10 --lock=all --cpus=2
# handoffs
run --wait=interruptible --lock=completion,completion_all,waitqueue --cpus=4
run --wait=timeout --lock=completion,waitqueue --cpus=4
run --exclusive=1 --lock=waitqueue --cpus=4
for wq in unbound system highpri; do
	run --wq=$wq --lock=workqueue --cpus=1,4
done
run --flood=1 --wq=unbound --lock=workqueue --cpus=4
for poll in usleep msleep schedule; do
	run --poll=$poll --poll-interval=100us --lock=poll --cpus=4
done

echo "guest-knobs: $passed passed, $failed failed"
[ "$failed" = 0 ]
