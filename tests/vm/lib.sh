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
