// SPDX-License-Identifier: GPL-2.0
/* CSV fields (csv.h). */
#include <stdbool.h>
#include <string.h>

#include "csv.h"

void csv_text(FILE *f, const char *s)
{
	bool formula, quote;

	if (!s || !*s)
		return;
	formula = strchr("=+-@\t\r", *s) != NULL;
	quote = formula || strpbrk(s, ",\"\r\n");
	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (formula)
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}
