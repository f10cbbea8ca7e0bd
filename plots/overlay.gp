# One workload across result files (kernels): throughput vs CPUs with one
# line per file, the median over the repeats with its 95% CI as error
# bars. The same chart as throughput.gp, keyed by kernel instead of
# workload.
#
# dat: `ksbench export --table=throughput --workload=W FILE...`, one block
# per file; names: each file's kernel (and host, where they differ).

keytitle = "kernel"
load "throughput.gp"
