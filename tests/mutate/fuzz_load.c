// SPDX-License-Identifier: GPL-2.0
/*
 * A libFuzzer target over the loader and what reads a loaded file: bytes
 * parsed and checked as a result file (result_parse); one that loads is
 * shown (report_print), compared with itself in every format and metric,
 * and exported in every table. `make -C tests/mutate libfuzzer` builds it
 * with clang; `make test-long` runs it (tests/mutate/libfuzzer.sh).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <json-c/json.h>

#include "compare.h"
#include "compare_format.h"
#include "export.h"
#include "report.h"
#include "result.h"
#include "termsafe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void compare_all(FILE *null, struct json_object *doc)
{
	struct json_object *docs[2] = { doc, doc };
	const char *paths[2] = { "a.json", "b.json" };
	struct compare *c;
	char err[256];
	int m, f;

	for (m = 0; m < NR_COMPARE_METRICS; m++) {
		if (compare_new(docs, paths, 2, (enum compare_metric)m, &c, err, sizeof(err)))
			continue;
		compare_apply_threshold(c, 5);
		for (f = COMPARE_FORMAT_TABLE; f <= COMPARE_FORMAT_MARKDOWN; f++)
			compare_print(null, c, (enum compare_format)f);
		compare_free(c);
	}
}

static void export_all(struct json_object *doc)
{
	struct export_file file = { "a.json", doc };
	struct export_filter all = { NULL, 0 };
	struct export_data d;
	char err[256], *text;
	size_t len;
	int t;

	for (t = 0; t < NR_EXPORT_TABLES; t++) {
		if (export_build(&file, 1, (enum export_table)t, &all, &d, err, sizeof(err)))
			continue;
		if (!export_text(&d, t % 2 ? EXPORT_CSV : EXPORT_DAT, &text, &len))
			free(text);
		export_free(&d);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_object *doc;
	char err[1024];
	FILE *null;

	if (result_parse((const char *)data, size, &doc, err, sizeof(err)))
		return 0;
	null = fopen("/dev/null", "w");
	if (null) {
		export_all(doc);
		compare_all(null, doc);
		if (!termsafe_doc(doc)) {
			report_print(null, doc, REPORT_POINTS);
			report_oracle_failures(null, doc, "");
		}
		fclose(null);
	}
	json_object_put(doc);
	return 0;
}
