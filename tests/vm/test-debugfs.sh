#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The module's debugfs contract, driven by hand inside the VM: runs
# guest-debugfs.sh there and reports its lines as its own.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
run_guest_script debugfs 2
finish
