#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The knobs the VM tests exercise (trylock and interruptible acquires,
# holds, several locks, call_rcu, latency histograms, every handoff wait,
# workqueue and poll mode), on the debug kernel at 4 vCPUs: each sweep
# must pass and the console stay clean (guest-knobs.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

begin=$SECONDS
run_debug_guest knobs 4
echo "# $((SECONDS - begin)) s"
finish
