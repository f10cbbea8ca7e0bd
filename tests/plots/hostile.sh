# SPDX-License-Identifier: GPL-2.0
# Sourced by tests/plots/test.sh: result files whose strings are hostile.
# Every string that reaches `ksbench plot`, `export` or `compare` (the
# workloads, a histogram's name, the kernel release and flavour, the CPU
# models, the accelerator, the measure mode, the file's own name, the output and scripts
# directories) carries a shell command in backquotes or $(...), a break out
# of gnuplot's single and double quotes into system(), a newline followed
# by a fake data row, tabs, commas, CR, '|', '@' and '%' formats. Nothing
# may run (no canary file appears), every chart must still be drawn, and
# each dat and csv table must parse to the rows and columns of the same
# table of the clean file.

CANARY=$SCRATCH/canary
hostile_dir=$SCRATCH/hostile
mkdir -p "$hostile_dir"
base_file=${files[0]}
for f in "${files[@]}"; do	# a latency-mode file: every table has rows
	[ "$(jq -r .params.measure "$f")" = latency ] && base_file=$f && break
done

# The payloads, one per workload of the file (as many as it has).
jq --arg c "$CANARY" '
	def payloads: ["x`touch \($c)-bq`", "$(touch \($c)-dollar)",
		"a\u0027; system(\u0027touch \($c)-sq\u0027); b=\u0027",
		"a\"; system(\"touch \($c)-dq\"); b=\"", "x\n1 999999 0 0 0",
		"t\tab,c\"q\"\r\nd|e @m %s%n \\\\", "w@mac; print 1 # `touch \($c)-hash`"];
	(.params.workloads | to_entries | map({(.value): payloads[.key % 7]}) | add) as $m
	| walk(if type == "string" and $m[.] != null then $m[.] else . end)
	| .host.kernel_release = "6.1`touch \($c)-rel`\n\"k,\t|@m %s"
	| .kernel.flavour = "f$(touch \($c)-flavour)\u0027"
	| .host.cpu_model = "cpu\u0027`touch \($c)-cpu`"
	| .vm.host_cpu_model = "h\n1 2 3\r\n`touch \($c)-host`;=cmd|x"
	| .vm.accel = "tcg\u001b[31m@x\u0027\""
	| .params.measure = "latency`touch \($c)-measure`\u0027"
	| .points |= map(if .latency_ns | has("acquire") then .latency_ns |= with_entries(
		if .key == "acquire" then .key = "acq`touch \($c)-hist`\n9 9" else . end) else . end)
' "$base_file" >"$SCRATCH/hostile.json"
# The file's name is a payload too ('/' cannot be in it: the command
# would run in gnuplot's directory, so every canary is looked for below).
evil_name="e\`touch canary-name\`'\";\$(touch canary-name2)x.json"
cp "$SCRATCH/hostile.json" "$hostile_dir/$evil_name"
cp "$SCRATCH/hostile.json" "$hostile_dir/copy.json"	# for the overlays

canaries() {
	find "$SCRATCH" "$ROOT/plots" "$hostile_dir" "$PWD" -maxdepth 3 -name 'canary*' 2>/dev/null
}

status=0
(cd "$hostile_dir" && "$KSBENCH" plot -q -o "$SCRATCH/hostile-out" "$evil_name" copy.json) \
	>"$SCRATCH/hostile.stdout" 2>"$SCRATCH/hostile.stderr" || status=$?
check "hostile strings: plot exits 0 (got $status)" [ "$status" = 0 ]
[ "$status" = 0 ] || show "$SCRATCH/hostile.stderr"
if [ -n "$(canaries)" ]; then
	not_ok "hostile strings: no command ran (found: $(canaries | tr '\n' ' '))"
else
	ok "hostile strings: no command ran (no canary file)"
fi
n_png=$(find "$SCRATCH/hostile-out" -name '*.png' | wc -l)
n_clean=$(find "$out" -name "$(basename "${base_file%.json}")-*.png" | wc -l)
check "hostile strings: every chart of the clean file drawn twice ($n_png PNGs, $n_clean per file)" \
	[ "$n_png" -ge $((2 * n_clean)) ]

# Output and scripts directories that gnuplot would take for commands
# (a leading '|' or '<' pipes through the shell) or that break its quotes.
mkdir -p "$SCRATCH/gp \`touch $CANARY-scripts\` '\"x"
cp "$ROOT"/plots/*.gp "$SCRATCH/gp \`touch $CANARY-scripts\` '\"x/"
status=0
(cd "$SCRATCH" && "$KSBENCH" plot -q -o "|touch $CANARY-pipe;'\"\`touch $CANARY-odir\`" \
	--scripts="$SCRATCH/gp \`touch $CANARY-scripts\` '\"x" "$base_file") \
	>/dev/null 2>"$SCRATCH/dirs.stderr" || status=$?
check "hostile directories: plot exits 0 (got $status)" [ "$status" = 0 ]
if [ -n "$(canaries)" ]; then
	not_ok "hostile directories: no command ran (found: $(canaries | tr '\n' ' '))"
else
	ok "hostile directories: no command ran"
fi
status=0
"$KSBENCH" plot -o "$SCRATCH/new
line" "$base_file" >/dev/null 2>"$SCRATCH/nl.stderr" || status=$?
check "an output directory with a newline is refused (exit 2, got $status)" [ "$status" = 2 ]

# dat_shape FILE: per data row (not a comment, not blank), its number of
# fields as gnuplot splits them (a quoted string is one field).
dat_shape() {
	grep -v -e '^#' -e '^$' "$1" | sed 's/"[^"]*"/S/g' | awk '{ print NF }' | sort | uniq -c
}
# csv_shape FILE: the number of records and each record's fields, per
# RFC 4180 (quoted fields may hold commas, quotes doubled, CR and LF); a
# record ends at a line end outside quotes (CRLF, or LF as compare writes).
csv_shape() {
	awk 'BEGIN { RS = "\001" } {
		q = 0; f = 1; n = length($0)
		for (i = 1; i <= n; i++) {
			c = substr($0, i, 1)
			if (q) { if (c == "\"") { if (substr($0, i + 1, 1) == "\"") i++; else q = 0 } }
			else if (c == "\"") q = 1
			else if (c == ",") f++
			else if (c == "\n") { print f; f = 1 }
		}
	}' "$1" | sort | uniq -c
}
for table in throughput latency cdf fairness; do
	for fmt in dat csv; do
		"$KSBENCH" export --table=$table --format=$fmt "$base_file" >"$SCRATCH/clean.$fmt" 2>/dev/null
		status=0
		"$KSBENCH" export --table=$table --format=$fmt -o "$SCRATCH/evil.$fmt" \
			"$SCRATCH/hostile.json" 2>/dev/null || status=$?
		if [ "$status" = 0 ] && [ "$(${fmt}_shape "$SCRATCH/evil.$fmt")" = "$(${fmt}_shape "$SCRATCH/clean.$fmt")" ] &&
		   [ -n "$(${fmt}_shape "$SCRATCH/clean.$fmt")" ]; then
			ok "hostile strings: export $table $fmt has the clean table's rows and columns"
		else
			not_ok "hostile strings: export $table $fmt has the clean table's rows and columns (exit $status)"
			diff <(${fmt}_shape "$SCRATCH/clean.$fmt") <(${fmt}_shape "$SCRATCH/evil.$fmt") | sed 's/^/# /'
		fi
	done
	# and gnuplot, the dat's reader, finds the same number of records
	for which in clean evil; do
		"$KSBENCH" export --table=$table --format=dat "$( [ $which = clean ] && echo "$base_file" || echo "$SCRATCH/hostile.json")" \
			>"$SCRATCH/$which.dat" 2>/dev/null
		gnuplot -e "stats '$SCRATCH/$which.dat' using 4 nooutput; print STATS_records" \
			>"$SCRATCH/$which.records" 2>&1
	done
	check "hostile strings: gnuplot reads as many $table records as in the clean table ($(cat "$SCRATCH/evil.records"))" \
		cmp -s "$SCRATCH/clean.records" "$SCRATCH/evil.records"
done

# compare's csv and markdown, the other tables a string could break.
"$KSBENCH" compare --format=csv "$base_file" "$base_file" >"$SCRATCH/cmp-clean.csv" 2>/dev/null
"$KSBENCH" compare --format=csv "$SCRATCH/hostile.json" "$SCRATCH/hostile.json" \
	>"$SCRATCH/cmp-evil.csv" 2>/dev/null
check "hostile strings: compare --format=csv has the clean comparison's rows and columns" \
	eval '[ -s "$SCRATCH/cmp-clean.csv" ] &&
	      [ "$(csv_shape "$SCRATCH/cmp-evil.csv")" = "$(csv_shape "$SCRATCH/cmp-clean.csv")" ]'
# md_shape FILE: its lines and the cells of each ('\|' is a '|' in a cell).
md_shape() { sed 's/\\|//g' "$1" | awk -F'|' '{ print NF }' | sort | uniq -c; }
"$KSBENCH" compare --format=markdown "$base_file" "$base_file" >"$SCRATCH/cmp-clean.md" 2>/dev/null
"$KSBENCH" compare --format=markdown "$SCRATCH/hostile.json" "$SCRATCH/hostile.json" \
	>"$SCRATCH/cmp-evil.md" 2>/dev/null
check "hostile strings: compare --format=markdown has the clean table's rows and cells" \
	eval '[ -s "$SCRATCH/cmp-clean.md" ] &&
	      [ "$(md_shape "$SCRATCH/cmp-evil.md")" = "$(md_shape "$SCRATCH/cmp-clean.md")" ]'
diff <(md_shape "$SCRATCH/cmp-clean.md") <(md_shape "$SCRATCH/cmp-evil.md") | sed 's/^/# /'
diff "$SCRATCH/cmp-clean.md" "$SCRATCH/cmp-evil.md" | head -20 | sed 's/^/# /' 
