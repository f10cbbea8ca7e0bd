#!/bin/sh
# Runs inside the VM (busybox sh): the reference loop and ksbench's
# spinlock workload in throughput and latency mode, interleaved, for each
# repeat and CPU count, all in one boot. Prints one "overhead" line each.
set -eu
repeats=$1 duration_ms=$2 warmup_ms=$3 hold_ns=$4 think_ns=$5
ksb=/sys/kernel/debug/ksbench
ref=/sys/kernel/debug/ksbench_ref/run
insmod /ksbench_ref.ko

report() { # name cpus repeat ops elapsed_ns
	echo "overhead $1 cpus=$2 repeat=$3 ops=$4 elapsed_ns=$5"
}

run_reference() { # cpus repeat oracle(0|1) name
	echo "$1 $hold_ns $think_ns $warmup_ms $3" > $ref	# warm-up, discarded
	echo "$1 $hold_ns $think_ns $duration_ms $3" > $ref
	name=$4
	set -- "$1" "$2" $(cat $ref)
	report "$name" "$1" "$2" "$4" "$6"
}

run_ksbench() { # cpus repeat measure
	echo spinlock > $ksb/workload
	echo "0-$(($1 - 1))" > $ksb/cpus
	echo "$duration_ms" > $ksb/duration_ms
	echo "$warmup_ms" > $ksb/warmup_ms
	echo "$hold_ns" > $ksb/hold_ns
	echo "$think_ns" > $ksb/think_ns
	echo "$3" > $ksb/measure
	echo 1 > $ksb/sample
	echo start > $ksb/control
	while [ "$(cat $ksb/control)" = running ]; do sleep 0.02; done
	report "ksbench-$3" "$1" "$2" "$(sed -n 's/^ops //p' $ksb/results)" \
		"$(sed -n 's/^elapsed_ns //p' $ksb/results)"
}

repeat=0
while [ $repeat -lt "$repeats" ]; do
	for cpus in 1 2; do
		run_reference $cpus $repeat 0 reference
		run_reference $cpus $repeat 1 reference+oracle
		run_ksbench $cpus $repeat throughput
		run_ksbench $cpus $repeat latency
	done
	repeat=$((repeat + 1))
done
