# SPDX-License-Identifier: GPL-2.0
# Shared by the guest-side test scripts (busybox sh, sourced): the module's
# paths, TAP-style result lines, and helpers that drive debugfs.

D=/sys/kernel/debug/ksbench
MODULE=/lib/ksbench/ksbench.ko
LONG_RUN_MS=30000	# long enough that only stop or rmmod can end it
PROMPT_CS=500		# "returns promptly": 5 s, in /proc/uptime centiseconds
passed=0
failed=0

ok() { echo "ok - $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }
# check DESCRIPTION CONDITION: CONDITION is shell text, evaluated.
check() {
	if eval "$2"; then ok "$1"; else not_ok "$1"; fi
}

now_cs() { awk '{ printf "%d", $1 * 100 }' /proc/uptime; }

# Busybox here links glibc, so its write errors read as glibc's strerror.
strerror() {
	case $1 in
	EINVAL) echo "Invalid argument" ;;
	ERANGE) echo "Numerical result out of range" ;;
	EBUSY) echo "Device or resource busy" ;;
	EOPNOTSUPP) echo "Operation not supported" ;;
	esac
}

# refused FILE VALUE ERRNO [LABEL]: writing VALUE and a newline fails with
# ERRNO and the file reads the same afterwards. VALUE may hold echo -e
# escapes (\0000 for a NUL byte); busybox echo, unlike its printf, names
# the write error.
refused() {
	file=$1 value=$2 errno=$3 label=${4:-"'$2'"}
	before=$(cat "$D/$file")
	err=$(echo -e "$value" 2>&1 >"$D/$file")
	status=$?
	after=$(cat "$D/$file")
	case $err in
	*"$(strerror "$errno")"*) right_errno=1 ;;
	*) right_errno=0 ;;
	esac
	if [ "$status" -ne 0 ] && [ "$right_errno" = 1 ] && [ "$before" = "$after" ]; then
		ok "$file <- $label fails with $errno and leaves '$after'"
	else
		not_ok "$file <- $label: status $status, '$err', '$before' -> '$after' (want $errno, unchanged)"
	fi
}

# wait_state STATE SECONDS
wait_state() {
	tries=$(($2 * 10))
	while [ "$tries" -gt 0 ]; do
		[ "$(cat $D/control)" = "$1" ] && return 0
		usleep 100000
		tries=$((tries - 1))
	done
	return 1
}

result_is() { grep -qx "$1" $D/results; }
