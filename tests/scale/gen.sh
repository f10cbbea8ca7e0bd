#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# gen.sh N FILE: a valid result file of N workloads, one point each at
# 1 CPU (no summary: ksbench makes it), about 170 bytes a workload (N =
# 20,000 is 3.3 MB, the size issue 14 timed).
# Made at test time by jq rather than kept as a multi-megabyte blob.
set -euo pipefail
n=$1 out=$2
jq -nc --argjson n "$n" '
  def point($w; $c): {workload: $w, kind: "lock", cpus: $c, repeat: 0,
    duration_ns: 1000000000, ops: (1000 * $c), throughput_ops_s: (1000 * $c),
    violations: 0, lost_updates: 0, oracle: "pass",
    workers: [range($c) | {cpu: ., ops: 1000}]};
  {schema: "ksbench-result/1", created: "2026-12-03T12:00:00Z", interrupted: false,
   host: {target: "host", kernel_release: "6.1.0-test-amd64"},
   params: {workloads: [range($n) | "w\(.)"], cpus: [1], repeat: 1},
   points: [range($n) as $i | point("w\($i)"; 1)]}' >"$out"
