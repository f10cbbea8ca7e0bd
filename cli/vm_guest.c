// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm_guest.h"

/*
 * The init proper. Every write to the channel opens and closes the port,
 * and the tty layer's last close waits until the bytes are out (the serial
 * core's closing_wait), so nothing is cut by the poweroff that follows.
 * The port is put in raw mode so the report arrives byte for byte.
 */
static const char init_body[] =
	"/bin/busybox --install -s\n"
	"export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root TERM=dumb\n"
	"mount -t proc proc /proc\n"
	"mount -t sysfs sysfs /sys\n"
	"mount -t devtmpfs devtmpfs /dev\n"
	"mount -t debugfs debugfs /sys/kernel/debug\n"
	"stty -F " GUEST_CHANNEL " raw -echo\n"
	"report() { printf '%s\\n' \"$*\" >" GUEST_CHANNEL "; }\n"
	"finish() { report end; poweroff -f; }\n"
	"# The host's stop signals arrive on the control port, one word a line.\n"
	"forward() {\n"
	"\twhile read -r word; do\n"
	"\t\tcase $word in\n"
	"\t\tint) kill -INT \"$1\" ;;\n"
	"\t\tterm) kill -TERM \"$1\" ;;\n"
	"\t\thup) kill -HUP \"$1\" ;;\n"
	"\t\tesac\n"
	"\tdone <" GUEST_CONTROL "\n"
	"}\n"
	"# The command (its shell execs it: the same pid) with the forwarder;\n"
	"# the forwarder is gone before the report, whose last close of ttyS1\n"
	"# waits for the bytes to be out.\n"
	"run_with_control() {\n"
	"\tstty -F " GUEST_CONTROL " raw -echo\n"
	"\texport " GUEST_EVENTS_ENV "=" GUEST_CONTROL "\n"
	"\tsh " GUEST_COMMAND " </dev/null &\n"
	"\tcmd=$!\n"
	"\tforward \"$cmd\" &\n"
	"\tfwd=$!\n"
	"\twait \"$cmd\"\n"
	"\tstatus=$?\n"
	"\tkill -KILL \"$fwd\"\n"
	"\twait \"$fwd\"\n"
	"\treport \"status $status\"\n"
	"}\n"
	"\n"
	"report " GUEST_PROTOCOL "\n"
	"if [ \"$load_module\" = 1 ]; then\n"
	"\tout=$(insmod " GUEST_MODULE " 2>&1)\n"
	"\trc=$?\n"
	"\t[ \"$rc\" = 0 ] || printf '%s\\n' \"$out\"\n"
	"\treport \"insmod $rc $(printf '%s' \"$out\" | tr '\\n' ' ')\"\n"
	"\t[ \"$rc\" = 0 ] || finish\n"
	"fi\n"
	"cd /\n"
	"if [ \"$control\" = 1 ]; then\n"
	"\trun_with_control\n"
	"else\n"
	"\tsh " GUEST_COMMAND " </dev/null\n"
	"\treport \"status $?\"\n"
	"fi\n"
	"if [ -n \"$output\" ]; then\n"
	"\tif [ -f \"$output\" ]; then\n"
	"\t\treport \"file $(wc -c <\"$output\")\"\n"
	"\t\tbase64 \"$output\" >" GUEST_CHANNEL "\n"
	"\t\treport file-end\n"
	"\telse\n"
	"\t\treport file-missing\n"
	"\tfi\n"
	"fi\n"
	"finish\n";

char *shell_quote(const char *s)
{
	size_t len = 3;		/* the quotes and the NUL */
	const char *p;
	char *out, *q;

	for (p = s; *p; p++)
		len += *p == '\'' ? 4 : 1;
	out = malloc(len);
	if (!out)
		return NULL;
	q = out;
	*q++ = '\'';
	for (p = s; *p; p++) {
		if (*p == '\'') {
			/* close the quotes, an escaped quote, reopen */
			memcpy(q, "'\\''", 4);
			q += 4;
		} else {
			*q++ = *p;
		}
	}
	*q++ = '\'';
	*q = '\0';
	return out;
}

/*
 * Closes an open_memstream stream: its text, or NULL (and nothing leaked)
 * if anything failed. *text is only valid once the stream is closed.
 */
static char *memstream_result(FILE *f, char **text, bool failed)
{
	if (fclose(f) || failed) {
		free(*text);
		return NULL;
	}
	return *text;
}

char *guest_init_script(bool load_module, const char *output, bool control)
{
	char *text = NULL, *quoted;
	size_t size;
	FILE *f = open_memstream(&text, &size);

	if (!f)
		return NULL;
	quoted = shell_quote(output ? output : "");
	fprintf(f, "#!/bin/busybox sh\n"
		"# The ksbench VM guest's init, written by cli/vm_guest.c; it reports\n"
		"# to the host over " GUEST_CHANNEL " (protocol in cli/vm_guest.h).\n"
		"load_module=%d\n"
		"control=%d\n"
		"output=%s\n\n%s",
		load_module, control, quoted ? quoted : "", init_body);
	free(quoted);
	return memstream_result(f, &text, !quoted);
}

char *guest_command_script(const char *const *argv)
{
	char *text = NULL, *quoted;
	bool failed = false;
	size_t size;
	FILE *f = open_memstream(&text, &size);

	if (!f)
		return NULL;
	fputs("# The guest command, written by cli/vm_guest.c.\nexec", f);
	for (; *argv; argv++) {
		quoted = shell_quote(*argv);
		if (!quoted)
			failed = true;
		else
			fprintf(f, " %s", quoted);
		free(quoted);
	}
	fputc('\n', f);
	return memstream_result(f, &text, failed);
}

static int base64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Decodes one line of base64 (whole groups of four) onto r->data, which
 * has room for the announced size. -1 on a bad character or overflow.
 */
static int base64_decode_line(const char *s, size_t n, struct guest_report *r,
			      size_t cap)
{
	unsigned int group, i, pad;
	int v;

	if (n % 4)
		return -1;
	for (; n; s += 4, n -= 4) {
		group = 0;
		pad = 0;
		for (i = 0; i < 4; i++) {
			v = s[i] == '=' ? 0 : base64_value(s[i]);
			if (v < 0 || (pad && s[i] != '='))
				return -1;
			pad += s[i] == '=';
			group = group << 6 | (unsigned int)v;
		}
		if (pad > 2 || r->len + 3 - pad > cap)
			return -1;
		for (i = 0; i < 3 - pad; i++)
			r->data[r->len++] = (char)(group >> (16 - 8 * i));
	}
	return 0;
}

/* "key rest": true when line starts with key followed by a blank or its end. */
static bool keyword(const char *line, const char *key, const char **rest)
{
	size_t n = strlen(key);

	if (strncmp(line, key, n) || (line[n] && line[n] != ' '))
		return false;
	*rest = line + n + (line[n] == ' ');
	return true;
}

static int parse_line(const char *line, struct guest_report *r, bool *in_file,
		      size_t *file_size, char *err, size_t errlen)
{
	const char *rest;
	char *end;

	if (*in_file) {
		if (!strcmp(line, "file-end")) {
			*in_file = false;
			if (r->len != *file_size) {
				snprintf(err, errlen, "the output file arrived with %zu of its %zu bytes",
					 r->len, *file_size);
				return -1;
			}
			r->file = GUEST_FILE_RECEIVED;
			return 0;
		}
		if (base64_decode_line(line, strlen(line), r, *file_size)) {
			snprintf(err, errlen, "the output file arrived damaged (bad base64 after byte %zu)",
				 r->len);
			return -1;
		}
		return 0;
	}
	if (keyword(line, "ksbench-vm", &rest)) {
		if (strcmp(line, GUEST_PROTOCOL)) {
			snprintf(err, errlen, "the guest speaks '%s', not '%s'", line,
				 GUEST_PROTOCOL);
			return -1;
		}
		r->started = true;
	} else if (keyword(line, "insmod", &rest)) {
		r->insmod_done = true;
		r->insmod_status = (int)strtol(rest, &end, 10);
		snprintf(r->insmod_output, sizeof(r->insmod_output), "%s",
			 end + strspn(end, " "));
		/* drop the blank the folded newline left at the end */
		end = r->insmod_output + strlen(r->insmod_output);
		while (end > r->insmod_output && end[-1] == ' ')
			*--end = '\0';
	} else if (keyword(line, "status", &rest)) {
		r->command_done = true;
		r->status = (int)strtol(rest, NULL, 10);
	} else if (keyword(line, "file", &rest)) {
		*file_size = strtoul(rest, NULL, 10);
		free(r->data);
		r->len = 0;
		r->data = malloc(*file_size + 1);
		if (!r->data) {
			snprintf(err, errlen, "no memory for a %zu byte output file", *file_size);
			return -1;
		}
		*in_file = true;
	} else if (!strcmp(line, "file-missing")) {
		r->file = GUEST_FILE_MISSING;
	} else if (!strcmp(line, "end")) {
		r->complete = true;
	}
	/* Anything else (a stray write to the port) is not ours: skip it. */
	return 0;
}

int guest_report_parse(const char *text, size_t len, struct guest_report *r,
		       char *err, size_t errlen)
{
	const char *end = text + len, *nl;
	bool in_file = false;
	size_t file_size = 0, n;
	char *line;
	int ret = 0;

	memset(r, 0, sizeof(*r));
	while (!ret && text < end) {
		nl = memchr(text, '\n', (size_t)(end - text));
		if (!nl)	/* a last line without its newline was cut */
			break;
		n = (size_t)(nl - text);
		if (n && text[n - 1] == '\r')
			n--;
		line = strndup(text, n);
		if (!line) {
			snprintf(err, errlen, "%s", strerror(ENOMEM));
			return -1;
		}
		ret = parse_line(line, r, &in_file, &file_size, err, errlen);
		free(line);
		text = nl + 1;
	}
	if (!ret && in_file) {
		snprintf(err, errlen, "the output file was cut after %zu of its %zu bytes",
			 r->len, file_size);
		ret = -1;
	}
	if (r->data)
		r->data[r->len] = '\0';
	if (ret || r->file != GUEST_FILE_RECEIVED) {
		free(r->data);
		r->data = NULL;
		r->len = 0;
	}
	return ret;
}

void guest_report_free(struct guest_report *r)
{
	free(r->data);
	r->data = NULL;
	r->len = 0;
}
