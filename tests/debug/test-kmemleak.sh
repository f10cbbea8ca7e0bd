#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kmemleak on the debug kernel: guest-kmemleak.sh loads, runs, stops and
# unloads ksbench.ko in cycles over every workload, scans twice, and fails
# on any leak that comes from the module (it prints what kmemleak said).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

begin=$SECONDS
run_debug_guest kmemleak 2
grep '^kmemleak said: ' "$SCRATCH/console" | sed 's/^/# /' || true
echo "# $((SECONDS - begin)) s"
finish
