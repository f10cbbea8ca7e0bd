#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ksbench's acquisitions against the kernel's own /proc/lock_stat on the
# debug kernel (LOCK_STAT is on there): spinlock, mutex and rwsem at 1 and
# 2 vCPUs must agree exactly (guest-lockstat.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

begin=$SECONDS
run_debug_guest lockstat 2
echo "# $((SECONDS - begin)) s"
finish
