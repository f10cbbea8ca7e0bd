# SPDX-License-Identifier: GPL-2.0
# Shared by the VM test cases (bash, sourced): the paths, a scratch
# directory removed on exit, and TAP-style result lines that run.sh counts.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KSBENCH=$ROOT/cli/ksbench
KERNEL=${KSBENCH_TEST_KERNEL:-generic}	# any --kernel spec: rt, a release, a bzImage
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/ksbench-vmtest.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
failures=0

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failures=$((failures + 1)); }

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# The console checker's verdict, as ksbench reported it on stderr.
check_console_clean() {
	local what=$1 stderr=$2
	if grep -q "console shows" "$stderr"; then
		not_ok "$what: guest console clean ($(grep -m1 "console shows" "$stderr"))"
	else
		ok "$what: guest console clean"
	fi
}

finish() {
	exit $((failures > 0))
}

# run_guest_script NAME SMP: runs tests/vm/guest-NAME.sh in the VM with
# SMP vCPUs (and guest-lib.sh beside it), reports its "ok" lines as this
# case's own, and checks it reached its summary with a clean console.
run_guest_script() {
	local name=$1 smp=$2 status=0 summary
	"$KSBENCH" vm --kernel="$KERNEL" --smp="$smp" --timeout=300 \
		--file="$ROOT/tests/vm/guest-lib.sh:/guest-lib.sh" \
		--file="$ROOT/tests/vm/guest-$name.sh:/t.sh" -- /bin/sh /t.sh \
		>"$SCRATCH/console" 2>"$SCRATCH/stderr" || status=$?
	grep -E '^(not )?ok - ' "$SCRATCH/console" | sed -E 's/^(not )?ok - /&guest: /' || true
	failures=$(grep -c '^not ok - ' "$SCRATCH/console" || true)
	summary=$(grep -E "^guest-$name: [0-9]+ passed, [0-9]+ failed\$" "$SCRATCH/console" || true)
	check "$name: the guest script ran to its summary (${summary:-none})" [ -n "$summary" ]
	check "$name: ksbench vm exits 0 (got $status)" [ "$status" = 0 ]
	check_console_clean "$name" "$SCRATCH/stderr"
	[ "$status" = 0 ] || sed 's/^/# /' "$SCRATCH/stderr"
}
