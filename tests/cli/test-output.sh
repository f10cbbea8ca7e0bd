#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# -o PATH on this host (no VM, no module): what each command that writes
# a file does with what is at PATH (docs/faults-cli.md, "-o PATH"), and
# `ksbench run` refusing an output it could not write before it builds,
# boots or measures anything. Needs cli/ksbench (`make cli`).
set -uo pipefail
source "$(dirname "$0")/../vm/lib.sh"	# check, ok, not_ok, finish, $SCRATCH
GOOD=$ROOT/tests/cli/result.json

# --- ksbench run: refused before anything runs, exit 2, one line -------------

# run_refused NAME OUTPUT MESSAGE [OPTION...]: `run --target=vm -o OUTPUT`
# exits 2 at once with one line "ksbench run: --output: ..." holding
# MESSAGE, and
# leaves nothing behind (a VM run would take a minute at least: the
# timeout says it did not start one).
run_refused() {
	local name=$1 output=$2 msg=$3 status=0
	shift 3
	timeout 20 "$KSBENCH" run --target=vm --lock=spinlock --cpus=1 --duration=50ms \
		"$@" -o "$output" >"$SCRATCH/run.out" 2>"$SCRATCH/run.err" || status=$?
	if [ "$status" = 2 ] && [ "$(wc -l <"$SCRATCH/run.err")" = 1 ] &&
	   grep -q '^ksbench run: --output: ' "$SCRATCH/run.err" &&
	   grep -qF -- "$msg" "$SCRATCH/run.err"; then
		ok "run -o $name: refused before the run, exit 2: $(cat "$SCRATCH/run.err")"
	else
		not_ok "run -o $name: exit $status (want 2), stderr: $(head -c 300 "$SCRATCH/run.err")"
	fi
}
mkdir -p "$SCRATCH/dir" "$SCRATCH/ro"
run_refused "''" "" "empty file name"
run_refused DIR "$SCRATCH/dir" "$SCRATCH/dir: is a directory"
run_refused DIR/ "$SCRATCH/dir/" "ends in '/'"
run_refused "a missing directory" "$SCRATCH/nodir/x.json" "directory $SCRATCH/nodir: No such file or directory"
run_refused "under a file" "$GOOD/x.json" "Not a directory"
ln -s "$SCRATCH/nowhere/x.json" "$SCRATCH/dangling"
run_refused "a dangling link" "$SCRATCH/dangling" "a symbolic link to nothing"
run_refused "two kernels, a missing directory" "$SCRATCH/nodir/x" \
	"$SCRATCH/nodir/x.index.json: directory $SCRATCH/nodir" --kernel=generic,rt
check "run -o: nothing was written anywhere" \
	eval '[ -z "$(ls -A "$SCRATCH/dir")" ] && [ ! -e "$SCRATCH/nodir" ]'

# --- what is at PATH: export, compare and plot's tables -------------------------

# writers NAME PATH: each writing command, with -o PATH.
export_to() { "$KSBENCH" export --table=throughput -o "$1" "$GOOD" 2>"$SCRATCH/w.err"; }
compare_to() { "$KSBENCH" compare --format=csv -o "$1" "$GOOD" "$GOOD" 2>"$SCRATCH/w.err"; }

for cmd in export compare; do
	# a regular file: replaced whole
	echo old >"$SCRATCH/$cmd.out"
	status=0; ${cmd}_to "$SCRATCH/$cmd.out" || status=$?
	check "$cmd -o FILE: exit 0 (got $status), replaced" \
		eval '[ "$status" = 0 ] && ! grep -q "^old$" "$SCRATCH/$cmd.out"'

	# a symbolic link: the file it points to is written, the link stays
	echo old >"$SCRATCH/$cmd.target"
	ln -sf "$cmd.target" "$SCRATCH/$cmd.link"
	status=0; ${cmd}_to "$SCRATCH/$cmd.link" || status=$?
	check "$cmd -o LINK: exit 0 (got $status), the link stays a link to the written file" \
		eval '[ "$status" = 0 ] && [ -L "$SCRATCH/$cmd.link" ] &&
		      [ "$(readlink "$SCRATCH/$cmd.link")" = "$cmd.target" ] &&
		      cmp -s "$SCRATCH/$cmd.target" "$SCRATCH/$cmd.out"'

	# a FIFO: written through, once, whole, and still a FIFO
	mkfifo "$SCRATCH/$cmd.fifo"
	cat "$SCRATCH/$cmd.fifo" >"$SCRATCH/$cmd.fromfifo" &
	reader=$!
	status=0; ${cmd}_to "$SCRATCH/$cmd.fifo" || status=$?
	wait "$reader"
	check "$cmd -o FIFO: exit 0 (got $status), the reader got it whole, still a FIFO" \
		eval '[ "$status" = 0 ] && [ -p "$SCRATCH/$cmd.fifo" ] &&
		      cmp -s "$SCRATCH/$cmd.fromfifo" "$SCRATCH/$cmd.out"'

	# a null character device made here (never the real /dev/null)
	if mknod "$SCRATCH/$cmd.null" c 1 3 2>/dev/null; then
		status=0; ${cmd}_to "$SCRATCH/$cmd.null" || status=$?
		check "$cmd -o a null device: exit 0 (got $status), still that device" \
			eval '[ "$status" = 0 ] && [ -c "$SCRATCH/$cmd.null" ] &&
			      [ "$(stat -c %t:%T "$SCRATCH/$cmd.null")" = 1:3 ]'
	else
		ok "$cmd -o a null device: # SKIP mknod needs root"
	fi

	# a directory: refused, one line naming it
	status=0; ${cmd}_to "$SCRATCH/dir" || status=$?
	check "$cmd -o DIR: refused (exit $status) with 'is a directory'" \
		eval '[ "$status" != 0 ] && grep -q "is a directory" "$SCRATCH/w.err"'
done

finish
