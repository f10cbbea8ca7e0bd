/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract between the host and the VM guest's init, in one place: the
 * /init and /ksbench-cmd scripts put into the initramfs, and the parser of
 * the report the init sends back over the second serial port (/dev/ttyS1,
 * a file on the host). Pure: text in, text out.
 *
 * The report is line-based text written by busybox sh, one "key value"
 * line at a time:
 *
 *   ksbench-vm 1            the init started; protocol version 1
 *   insmod <rc> <output>    when the module is loaded: insmod's status and
 *                           its output folded into one line
 *   status <n>              the guest command's exit status
 *   file <bytes>            the output file follows, base64 (busybox base64)
 *   <base64 lines>
 *   file-end
 *   file-missing            instead of a file: the command left none
 *   end                     the last line: everything above arrived
 *
 * Base64 lines never look like a keyword (no '-', no blank), so a file
 * with any content, binary included, cannot end its block early; the byte
 * count then tells a whole file from a cut one. "\r\n" line ends are
 * accepted in case the port's tty settings add them.
 */
#ifndef KSB_VM_GUEST_H
#define KSB_VM_GUEST_H

#include <stdbool.h>
#include <stddef.h>

#define GUEST_CHANNEL		"/dev/ttyS1"
/*
 * The control port, when the host asks for one: the host's stop signals
 * come in as "int", "term" or "hup" lines, passed on to the command; the
 * command's progress events (progress.h) go out to the host, written to
 * the port named in $KSBENCH_EVENTS. Nothing of it is in the console.
 */
#define GUEST_CONTROL		"/dev/ttyS2"
#define GUEST_EVENTS_ENV	"KSBENCH_EVENTS"
#define GUEST_MODULE		"/lib/ksbench/ksbench.ko"
#define GUEST_COMMAND		"/ksbench-cmd"
#define GUEST_PROTOCOL		"ksbench-vm 1"

/*
 * malloc'ed script texts; NULL when out of memory. output may be NULL;
 * control: the command runs with the control port (GUEST_CONTROL).
 */
char *guest_init_script(bool load_module, const char *output, bool control);
char *guest_command_script(const char *const *argv);

/* s in single quotes, safe for sh whatever it holds; malloc'ed. */
char *shell_quote(const char *s);

enum guest_file {
	GUEST_FILE_NONE,	/* not asked for, or the report stopped before */
	GUEST_FILE_MISSING,	/* the command did not create it */
	GUEST_FILE_RECEIVED,	/* data/len hold it, whole */
};

struct guest_report {
	bool started;			/* the init ran */
	bool insmod_done;
	int insmod_status;
	char insmod_output[256];
	bool command_done;
	int status;			/* the command's exit status */
	enum guest_file file;
	char *data;			/* malloc'ed, with a NUL after len bytes */
	size_t len;
	bool complete;			/* "end" arrived */
};

/*
 * Parses what arrived so far. -1 with a message when the report is
 * damaged (another protocol version, a file block that is cut or does not
 * decode to its announced size) or memory runs out.
 */
int guest_report_parse(const char *text, size_t len, struct guest_report *r,
		       char *err, size_t errlen);
void guest_report_free(struct guest_report *r);

#endif
