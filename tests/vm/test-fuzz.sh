#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fuzzes every debugfs file of the module in the VM (docs/fuzz.md): builds
# the static fuzzer (tests/fuzz) and runs its model's tests on the host,
# then the fuzzer in the guest through guest-fuzz.sh with the console
# checked, and reports its lines as its own.
#   tests/vm/test-fuzz.sh [INPUTS]     INPUTS: default $FUZZ_INPUTS or 1000;
#                                      the seed: $FUZZ_SEED or 1
set -euo pipefail
source "$(dirname "$0")/lib.sh"

inputs=${1:-${FUZZ_INPUTS:-1000}}
seed=${FUZZ_SEED:-1}
if ! [[ $inputs =~ ^[1-9][0-9]{0,7}$ ]]; then
	echo "test-fuzz.sh: INPUTS: '$inputs' is not a number from 1 to 99999999" >&2
	exit 2
fi
if ! [[ $seed =~ ^[0-9]{1,19}$ ]]; then
	echo "test-fuzz.sh: FUZZ_SEED: '$seed' is not a number" >&2
	exit 2
fi
# The VM's budget: boot, and about 10 ms an input under TCG, doubled.
timeout=$((120 + inputs / 50))

if ! make -s -C "$ROOT/tests/fuzz" >"$SCRATCH/build.log" 2>&1; then
	sed 's/^/# /' "$SCRATCH/build.log"
	not_ok "fuzz: build tests/fuzz/build/ksb_fuzz"
	finish
fi
if make -s -C "$ROOT/tests/fuzz" check >"$SCRATCH/check.log" 2>&1; then
	ok "fuzz: the model's and generators' own tests pass (make -C tests/fuzz check)"
else
	grep -E 'ERROR|FAILED|error' "$SCRATCH/check.log" | sed 's/^/# /'
	not_ok "fuzz: the model's and generators' own tests (make -C tests/fuzz check)"
fi

run_guest_script fuzz 2 --file="$ROOT/tests/fuzz/build/ksb_fuzz:/ksb_fuzz" \
	--timeout="$timeout" -- "$inputs" "$seed"
# The seed and the totals, to reproduce a failure: ksb_fuzz --seed=N.
grep -E '^# (ksb_fuzz:|total:|(idle|offline|running): [0-9]+ inputs)' "$SCRATCH/console" || true
finish
