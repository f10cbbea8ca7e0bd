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

# run_guest_script NAME SMP [OPTION...] [-- ARG...]: runs guest-NAME.sh
# (from $GUEST_DIR, default tests/vm/) in the VM with SMP vCPUs and
# guest-lib.sh beside it, with more `ksbench vm` OPTIONs (--file=...,
# --timeout=...) and ARGs for the script; reports its "ok" lines as this
# case's own, and checks it reached its summary with a clean console.
run_guest_script() {
	local name=$1 smp=$2 status=0 summary dir=${GUEST_DIR:-$ROOT/tests/vm}
	local opts=() args=()
	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	[ $# -gt 0 ] && shift
	args=("$@")
	# a case's own --timeout replaces the default (an option is given once)
	case " ${opts[*]} " in *" --timeout="*) ;; *) opts=(--timeout=300 "${opts[@]}") ;; esac
	"$KSBENCH" vm --kernel="$KERNEL" --smp="$smp" "${opts[@]}" \
		--file="$ROOT/tests/vm/guest-lib.sh:/guest-lib.sh" \
		--file="$dir/guest-$name.sh:/t.sh" -- /bin/sh /t.sh "${args[@]}" \
		>"$SCRATCH/console" 2>"$SCRATCH/stderr" || status=$?
	grep -E '^(not )?ok - ' "$SCRATCH/console" | sed -E 's/^(not )?ok - /&guest: /' || true
	failures=$((failures + $(grep -c '^not ok - ' "$SCRATCH/console" || true)))
	summary=$(grep -E "^guest-$name: [0-9]+ passed, [0-9]+ failed\$" "$SCRATCH/console" || true)
	check "$name: the guest script ran to its summary (${summary:-none})" [ -n "$summary" ]
	check "$name: ksbench vm exits 0 (got $status)" [ "$status" = 0 ]
	check_console_clean "$name" "$SCRATCH/stderr"
	[ "$status" = 0 ] || sed 's/^/# /' "$SCRATCH/stderr"
}

# vm_run_case NAME KERNEL ARGS...: `ksbench run --target=vm -q ARGS` on
# KERNEL into $SCRATCH/NAME.json (.stdout, .stderr beside it); sets $file
# and $status for ran and jq_check.
vm_run_case() {
	local name=$1 kernel=$2
	shift 2
	file=$SCRATCH/$name.json
	status=0
	"$KSBENCH" run --target=vm --kernel="$kernel" -q "$@" -o "$file" \
		>"$SCRATCH/$name.stdout" 2>"$SCRATCH/$name.stderr" || status=$?
}

# show_consoles STDERR: the end of each console log a ksbench stderr names
# ("console log: F"), as diagnostics: a boot that failed before ksbench's
# init (an oops, a stall) is told by its kernel's last words, and the
# scratch directory that holds the log is gone after the test.
show_consoles() {
	local log
	grep -oE "console log: [^ ;]+" "$1" | sed 's/^console log: //' | sort -u |
		while read -r log; do
			[ -f "$log" ] || continue
			echo "# --- the last 40 lines of $log"
			tail -n 40 "$log" | sed 's/^/#   /'
		done
}

# After a vm_run_case (or a test's own run: $status and $file set): ok for its
# exit status and console; returns 1 when there is no result to check. A boot
# retried (--boot-retries) is shown, kernel's words included, even when the
# retry passed.

ran() {
	local name=$1 desc=$2
	check "$desc: exits 0 (got $status)" [ "$status" = 0 ]
	check_console_clean "$desc" "$SCRATCH/$name.stderr"
	if [ "$status" != 0 ] || ! jq -e . "$file" >/dev/null 2>&1; then
		[ -s "$SCRATCH/$name.stderr" ] && sed 's/^/# /' "$SCRATCH/$name.stderr"
		show_consoles "$SCRATCH/$name.stderr"
		[ -f "$file" ] || { not_ok "$desc: a result file"; return 1; }
	elif grep -q "booting again" "$SCRATCH/$name.stderr"; then
		grep -B1 "booting again" "$SCRATCH/$name.stderr" | sed 's/^/# retried: /'
		show_consoles "$SCRATCH/$name.stderr"
	fi
	return 0
}

# jq_check DESCRIPTION FILTER: ok when FILTER yields true on $file; else
# the points are shown through the test's $JQ_SHOW.
jq_check() {
	if jq -e "$2" "$file" >/dev/null; then
		ok "$1"
	else
		not_ok "$1"
		# (a default inside ${:-} would end at its first '}')
		local show='.points[] | {workload, cpus, ops, oracle}'
		jq -c "${JQ_SHOW:-$show}" "$file" | sed 's/^/# /' || true
	fi
}
