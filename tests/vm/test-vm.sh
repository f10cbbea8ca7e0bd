#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The VM target itself (ksbench vm): the command's status and arguments get
# through, a file goes in and comes back byte for byte, and a kernel panic,
# a hang and a module that will not load each end in a clear failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# vm OUTPUT_PREFIX ARGS...: runs ksbench vm, keeps stdout and stderr, sets $status.
vm() {
	local out=$1
	shift
	status=0
	"$KSBENCH" vm -q --kernel="$KERNEL" "$@" >"$SCRATCH/$out.stdout" 2>"$SCRATCH/$out.stderr" || status=$?
}

head -c 65536 /dev/urandom >"$SCRATCH/in.bin"
vm basic --smp=1 --file="$SCRATCH/in.bin:/data/in.bin" --output="/tmp/out.bin:$SCRATCH/back.bin" \
	-- /bin/sh -c 'cp /data/in.bin /tmp/out.bin && printf "<%s>" "$@" && echo && exit 7' \
	sh "a b" "it's" '$HOME' ''
check "vm: the guest command's exit status comes back (7, got $status)" [ "$status" = 7 ]
check "vm: arguments arrive as given" grep -qxF "<a b><it's><\$HOME><>" "$SCRATCH/basic.stdout"
check "vm: a 64 KiB binary file goes in and comes back unchanged" \
	cmp -s "$SCRATCH/in.bin" "$SCRATCH/back.bin"
check_console_clean vm "$SCRATCH/basic.stderr"

vm panic --no-module --timeout=60 -- /bin/sh -c 'echo c >/proc/sysrq-trigger'
check "vm: a guest kernel panic fails the run (status 1, got $status)" [ "$status" = 1 ]
check "vm: ... and is named in the error" grep -q "Kernel panic" "$SCRATCH/panic.stderr"

start=$SECONDS
vm hang --no-module --timeout=10 -- sleep 600
elapsed=$((SECONDS - start))
check "vm: a guest past --timeout=10 fails the run (status 1, got $status)" [ "$status" = 1 ]
check "vm: ... is stopped at the deadline (${elapsed} s)" [ "$elapsed" -lt 20 ]
check "vm: ... and the error says so" grep -q "did not finish within 10 s" "$SCRATCH/hang.stderr"

# ksbench vm's own --kernel (vm() adds $KERNEL, so call it here): busybox as
# the init with no applet prints its usage and exits: "Attempted to kill init"
status=0
"$KSBENCH" vm -q --kernel="$KERNEL:rdinit=/bin/busybox" --no-module --boot-retries=1 \
	--console="$SCRATCH/died.log" -- true >"$SCRATCH/died.stdout" 2>"$SCRATCH/died.stderr" ||
	status=$?
check "vm: a kernel that dies before the init fails (status 1, got $status)" [ "$status" = 1 ]
check "vm: ... booted again once" \
	[ "$(grep -c "never started ksbench's init.*booting again (retry 1 of 1)" "$SCRATCH/died.stderr")" = 1 ]
check "vm: ... the failed boot's console kept" grep -q "Attempted to kill init" "$SCRATCH/died.log.failed1"

echo "not a module" >"$SCRATCH/bogus.ko"
vm insmod --file="$SCRATCH/bogus.ko:/lib/ksbench/ksbench.ko" -- true
check "vm: a module that does not load fails the run (status 1, got $status)" [ "$status" = 1 ]
check "vm: ... and insmod's complaint is shown" \
	grep -q "insmod .* failed in the guest (status [1-9][0-9]*): .*ksbench.ko" "$SCRATCH/insmod.stderr"
finish
