#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The VM integration tests: boots the kernel in qemu (see `ksbench vm`),
# runs every tests/vm/test-*.sh, and counts their "ok" / "not ok" lines.
# Needs cli/ksbench, cli/ksbench-static and build/kmod/<release>/ksbench.ko
# (`make`), qemu-system-x86, busybox-static and jq. KSBENCH_TEST_KERNEL
# picks the guest kernel (a --kernel spec; default generic). The last line
# reads "vm: N passed, M failed (T s)"; the exit status is 0 only if M is 0.
exec "$(dirname "$0")/../run-cases.sh" vm "$(dirname "$0")"
