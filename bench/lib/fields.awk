# SPDX-License-Identifier: GPL-2.0
# Shared by the benchmarks' tables (awk -f lib/fields.awk -f TABLE.awk):
# field(NAME): the value of NAME=VALUE among the current line's fields.
function field(name,   i) {
	for (i = 1; i <= NF; i++)
		if (index($i, name "=") == 1)
			return substr($i, length(name) + 2)
}
