#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In the guest (run.sh boots it): locktorture and ksbench on the same locks,
# the same CPU count, in this one boot. Prints one line per measurement:
#   locktorture TYPE seconds=S writers=W total=N max=A min=B fail=F
#   ksbench CSV-ROW (ksbench export --table=throughput) hold=H
# guest.sh WRITERS SECONDS DURATION
writers=$1
seconds=$2
duration=$3

uptime_cs() { awk '{ printf "%d\n", $1 * 100 }' /proc/uptime; }

insmod /lt/torture.ko || exit 1
for type in spin_lock mutex_lock rwsem_lock; do
	t0=$(uptime_cs)
	insmod /lt/locktorture.ko torture_type=$type nwriters_stress="$writers" \
		nreaders_stress=0 stutter=0 shuffle_interval=0 stat_interval=0 verbose=0 || exit 1
	sleep "$seconds"
	rmmod locktorture || exit 1
	t1=$(uptime_cs)
	dmesg | grep "Writes:  Total:" | tail -n 1 |
		sed -E "s|.*Total: ([0-9]+)  Max/Min: ([0-9]+)/([0-9]+).*Fail: ([0-9]+).*|locktorture $type cs=$((t1 - t0)) writers=$writers total=\1 max=\2 min=\3 fail=\4|"
done

# ksbench: no hold, then locktorture's mean hold where ksbench allows it
run() {
	hold=$1
	shift
	ksbench run --target=host -q --cpus="$writers" --duration="$duration" --warmup=100ms \
		--hold="$hold" "$@" -o /tmp/k.json || exit 1
	ksbench export --format=csv --table=throughput /tmp/k.json | tail -n +2 |
		sed "s|^|ksbench |; s|\$| hold=$hold|"
}
run 0s --lock=spinlock,mutex
run 0s --lock=rwsem --read-pct=0
run 500ns --lock=spinlock
run 10ms --lock=mutex
run 10ms --lock=rwsem --read-pct=0
echo "locktorture-guest: done"
