#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The handoff workloads driven by hand inside the VM (4 vCPUs, for the
# broadcasts): each one's oracle, rmmod in the middle of each, and the
# handoff knobs' refusals. Runs guest-handoff.sh there.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
run_guest_script handoff 4
finish
