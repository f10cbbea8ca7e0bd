#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Argument and suite fuzzing of every subcommand (argfuzz.c): deterministic
# sets from a seed, none of which boots a VM (KSBENCH_TEST_NO_VM). Needs
# cli/ksbench (`make`). ARGS_SEED and ARGS_SETS override the defaults (1,
# 3000). The last line reads "args: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")"
make -s build/argfuzz
exec ./build/argfuzz ../../cli/ksbench ../.. "${ARGS_SEED:-1}" "${ARGS_SETS:-3000}"
