// SPDX-License-Identifier: GPL-2.0
/* The VM target: the initramfs, one boot, and the verdict on it. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "console.h"
#include "cpio.h"
#include "fsutil.h"
#include "host_load.h"
#include "interrupt.h"
#include "paths.h"
#include "progress.h"
#include "scratch.h"
#include "vm.h"
#include "vm_guest.h"
#include "vm_qemu.h"

#define HOST_BUSYBOX	"/bin/busybox"
#define GUEST_CLI	"/bin/ksbench"
#define REPORT_MAX	(256UL << 20)	/* the channel file, base64 included */

/*
 * The guest kernel's command line:
 * - loglevel=5: the console carries warnings and worse, which holds every
 *   report the console checker looks for, without ~350 lines of boot
 *   chatter; a command that wants the whole log runs dmesg. (kmemleak
 *   announces new leaks at info level: a leak test reads
 *   /sys/kernel/debug/kmemleak, whose "unreferenced object" lines the
 *   checker flags on the console.)
 * - printk.time=1: time stamps even on kernels built without them; the
 *   checker uses them to find messages that start mid-line.
 * - panic=-1 with qemu's -no-reboot: a panic ends qemu at once instead of
 *   waiting for the deadline.
 * - no oops=panic, and softlockup_panic=0 hung_task_panic=0
 *   panic_on_warn=0 against debug configs that set them: a report fails
 *   the run through the console checker, while the guest goes on so the
 *   command can finish, its output come back, and later reports (lockdep
 *   naming the lock a dead thread held, a hung rmmod) land in the log.
 *   The deadline bounds whatever hangs.
 * - KASLR stays: it changes nothing measured, and reports are symbolized.
 * - noirqdebug: on PREEMPT_RT the 8250's interrupt is threaded, and a long
 *   transfer over ttyS1 under TCG raises edge interrupts faster than the
 *   thread drains them; the spurious-IRQ detector then called them
 *   unhandled ("irq 3: nobody cared") and disabled the port mid-transfer,
 *   which hung the run until its deadline (seen after a 12-minute run).
 */
static const char guest_cmdline[] =
	"console=ttyS0 loglevel=5 printk.time=1 panic=-1 softlockup_panic=0 "
	"hung_task_panic=0 panic_on_warn=0 noirqdebug";

int vm_test_guard(const char *who)
{
	const char *v = getenv(VM_TEST_GUARD_ENV);

	if (!v || !*v)
		return 0;
	fprintf(stderr, "%s: " VM_TEST_GUARD_ENV " is set: the VM target does not start\n", who);
	return 1;
}

unsigned int vm_boot_timeout_s(const struct vm_kernel *k, unsigned int smp,
			       unsigned int timeout_s)
{
	unsigned int host_cpus = (unsigned int)sysconf(_SC_NPROCESSORS_ONLN);
	unsigned int s = VM_BOOT_TIMEOUT_S * (k->debug ? 4 : 1);

	if (host_cpus && smp > host_cpus)
		s *= (smp + host_cpus - 1) / host_cpus;
	return timeout_s && timeout_s < s ? timeout_s : s;
}

unsigned int vm_default_memory_mb(unsigned int smp)
{
	return smp > 8 ? 64 * smp : 512;
}

int vm_split_file_pair(const char *pair, char *host, size_t hostlen,
		       char *guest, size_t guestlen, char *err, size_t errlen)
{
	const char *colon = strrchr(pair, ':');

	if (!colon || colon == pair || colon[1] != '/') {
		snprintf(err, errlen, "'%s' is not HOST:GUEST with an absolute GUEST path", pair);
		return -1;
	}
	if ((size_t)(colon - pair) >= hostlen || strlen(colon + 1) >= guestlen) {
		snprintf(err, errlen, "'%s': path too long", pair);
		return -1;
	}
	snprintf(host, hostlen, "%.*s", (int)(colon - pair), pair);
	snprintf(guest, guestlen, "%s", colon + 1);
	return 0;
}

/*
 * busybox and the CLI run in a guest without a single library; a dynamic
 * one would end in "Kernel panic - not syncing: No working init found".
 * A static executable has no PT_INTERP program header.
 */
static int check_static(const char *path, const char *fix, char *err, size_t errlen)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	bool dynamic = false;
	unsigned int i;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(err, errlen, "no %s (%s): %s", path, strerror(errno), fix);
		return -1;
	}
	if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_ident[EI_CLASS] != ELFCLASS64) {
		close(fd);
		snprintf(err, errlen, "%s is not a 64-bit ELF executable: %s", path, fix);
		return -1;
	}
	for (i = 0; i < eh.e_phnum && !dynamic; i++) {
		off_t at = (off_t)(eh.e_phoff + (Elf64_Off)i * eh.e_phentsize);

		if (pread(fd, &ph, sizeof(ph), at) != (ssize_t)sizeof(ph))
			break;
		dynamic = ph.p_type == PT_INTERP;
	}
	close(fd);
	if (dynamic) {
		snprintf(err, errlen, "%s is dynamically linked, and the guest has no libraries: %s",
			 path, fix);
		return -1;
	}
	return 0;
}

static int add_host_file(struct cpio_writer *w, const char *guest, mode_t perm,
			 const char *host, char *err, size_t errlen)
{
	if (!cpio_add_file(w, guest, perm, host))
		return 0;
	snprintf(err, errlen, "cannot put %s into the initramfs as %s: %s", host, guest,
		 strerror(errno));
	return -1;
}

static int build_initramfs(const struct vm_request *req, const char *path,
			   char *err, size_t errlen)
{
	static const char *const dirs[] = {
		"/bin", "/sbin", "/usr/bin", "/usr/sbin", "/proc", "/sys", "/dev",
		"/root", "/tmp",
	};
	char cli[PATH_MAX], host[PATH_MAX], guest[PATH_MAX];
	char *init = guest_init_script(req->load_module, req->guest_output, req->control);
	char *command = guest_command_script(req->guest_argv);
	const char *const *pair;
	struct cpio_writer w;
	size_t i;
	int ret = -1;

	snprintf(cli, sizeof(cli), "%s/cli/ksbench-static", ksb_root());
	if (!init || !command) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		goto out;
	}
	if (check_static(HOST_BUSYBOX, "install busybox-static", err, errlen) ||
	    check_static(cli, "build it with `make -C cli`", err, errlen))
		goto out;
	if (cpio_create(&w, path)) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
		goto out;
	}
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		cpio_add_dir(&w, dirs[i], strcmp(dirs[i], "/tmp") ? 0755 : 01777);
	if (add_host_file(&w, "/bin/busybox", 0755, HOST_BUSYBOX, err, errlen) ||
	    add_host_file(&w, GUEST_CLI, 0755, cli, err, errlen) ||
	    (req->load_module &&
	     add_host_file(&w, GUEST_MODULE, 0644, req->kernel->module, err, errlen)))
		goto finish;
	for (pair = req->extra_files; pair && *pair; pair++)
		if (vm_split_file_pair(*pair, host, sizeof(host), guest, sizeof(guest),
				       err, errlen) ||
		    add_host_file(&w, guest, 0, host, err, errlen))
			goto finish;
	cpio_add_data(&w, "/init", 0755, init, strlen(init));
	cpio_add_data(&w, GUEST_COMMAND, 0644, command, strlen(command));
	ret = 0;
finish:
	if (cpio_finish(&w) && !ret) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		ret = -1;
	}
out:
	free(init);
	free(command);
	return ret;
}

/* The console's last non-empty line: the best hint when nothing was flagged. */
static void console_last_line(const char *path, char *buf, size_t len)
{
	char *text, *end, *start, ignored[256];
	size_t n;

	buf[0] = '\0';
	if (fs_read_file(path, REPORT_MAX, &text, &n, ignored, sizeof(ignored)))
		return;
	end = text + n;
	while (end > text && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
		end--;
	*end = '\0';
	start = memrchr(text, '\n', (size_t)(end - text));
	snprintf(buf, len, "%s", start ? start + 1 : text);
	free(text);
}

/*
 * What the console adds to a failure: the first flagged line, or, when the
 * guest did not power off by itself, the last thing it printed.
 */
static void add_hint(char *err, size_t errlen, const struct vm_outcome *out,
		     bool powered_off, const char *console)
{
	char last[256];
	size_t used = strlen(err);

	if (out->console_issues) {
		snprintf(err + used, errlen - used, "; console: %s", out->first_issue);
		return;
	}
	if (powered_off)
		return;
	console_last_line(console, last, sizeof(last));
	if (last[0])
		snprintf(err + used, errlen - used, "; console ends with: %s", last);
}

/* What a qemu run that ended by itself amounts to: 0, or -1 with the reason. */
static int judge(const struct vm_request *req, const struct qemu_result *res,
		 const struct guest_report *report, const char *qemu_log,
		 struct vm_outcome *out, char *err, size_t errlen)
{
	char line[256];

	if (!report->started && (!WIFEXITED(res->wait_status) ||
				 WEXITSTATUS(res->wait_status))) {
		console_last_line(qemu_log, line, sizeof(line));
		snprintf(err, errlen, "qemu failed (%s %d): %s",
			 WIFEXITED(res->wait_status) ? "exit status" : "signal",
			 WIFEXITED(res->wait_status) ? WEXITSTATUS(res->wait_status)
						     : WTERMSIG(res->wait_status),
			 line[0] ? line : "no message");
		return -1;
	}
	if (!report->started) {
		snprintf(err, errlen, "the guest kernel never started ksbench's init");
		out->boot_failed = true;
		return -1;
	}
	if (report->insmod_done && report->insmod_status) {
		snprintf(err, errlen, "insmod %s failed in the guest (status %d): %s",
			 req->kernel->module, report->insmod_status,
			 report->insmod_output[0] ? report->insmod_output : "no message");
		return -1;
	}
	if (!report->command_done || !report->complete) {
		snprintf(err, errlen, "the guest stopped before %s",
			 report->command_done ? "its report ended" : "the command ended");
		return -1;
	}
	out->guest_status = report->status;
	return 0;
}

static int validate(const struct vm_request *req, char *err, size_t errlen)
{
	if (!req->kernel || !req->smp || !req->guest_argv || !req->guest_argv[0])
		snprintf(err, errlen, "a VM run needs a kernel, vCPUs and a command");
	else if (!req->guest_output != !req->host_output)
		snprintf(err, errlen, "a guest output file needs a host path, and back");
	else if (req->guest_output && req->guest_output[0] != '/')
		snprintf(err, errlen, "guest output '%s' is not an absolute path",
			 req->guest_output);
	else if (req->cmdline_extra && vm_check_cmdline_extra(req->cmdline_extra, err, errlen))
		return -1;
	else
		return 0;
	return -1;
}

/* One run's scratch directory (scratch.h) and the files in it. */
struct scratch {
	char dir[PATH_MAX];
	char initrd[PATH_MAX];
	char channel[PATH_MAX];
	char control_in[PATH_MAX];
	char control_out[PATH_MAX];
	char qemu_log[PATH_MAX];
	char console[PATH_MAX];		/* the caller's log, or one in dir */
	bool own_console;
};

static int scratch_file(char *path, const char *dir, const char *name)
{
	return snprintf(path, PATH_MAX, "%s/%s", dir, name) < PATH_MAX ? 0 : -1;
}

static int scratch_create(struct scratch *s, const char *console_log,
			  char *err, size_t errlen)
{
	s->own_console = !console_log;
	if (scratch_dir_create(s->dir, sizeof(s->dir), err, errlen))
		return -1;
	if (scratch_file(s->initrd, s->dir, "initramfs.cpio") ||
	    scratch_file(s->channel, s->dir, "channel") ||
	    scratch_file(s->control_in, s->dir, "control.in") ||
	    scratch_file(s->control_out, s->dir, "control.out") ||
	    scratch_file(s->qemu_log, s->dir, "qemu.log") ||
	    (s->own_console ? scratch_file(s->console, s->dir, "console.log")
			    : snprintf(s->console, PATH_MAX, "%s", console_log) >= PATH_MAX)) {
		snprintf(err, errlen, "%s: path too long", s->dir);
		rmdir(s->dir);
		return -1;
	}
	return 0;
}

/* The control port's events, passed on; true once the command takes a stop. */
static bool control_event(void *arg, enum qemu_event event, const char *line)
{
	const struct vm_request *req = arg;
	struct progress_point p;
	enum vm_event ev = event == QEMU_STOP_FORWARDED ? VM_STOP_FORWARDED :
			   event == QEMU_STOP_UNANSWERED ? VM_STOP_UNANSWERED : VM_GUEST_LINE;

	if (req->on_event)
		req->on_event(req->event_arg, ev, line);
	return line && progress_event_parse(line, &p) == PROGRESS_RUN;
}

/* Boots the initramfs in s, waits, and judges what came back. */
static int boot(const struct vm_request *req, const char *accel,
		const struct scratch *s, struct vm_outcome *out,
		char *err, size_t errlen)
{
	char cmdline[sizeof(guest_cmdline) + 64 + sizeof(req->kernel->params) +
		     VM_CMDLINE_EXTRA_MAX + 3];
	const struct qemu_spec spec = {
		.image = req->kernel->image,
		.initrd = s->initrd,
		.cmdline = cmdline,
		.accel = accel,
		.cpu = out->cpu.cpu,
		.smp = req->smp,
		.memory_mb = out->memory_mb,
		.console_path = s->console,
		.channel_path = s->channel,
		.stderr_path = s->qemu_log,
		.timeout_s = req->timeout_s ? req->timeout_s : VM_DEFAULT_TIMEOUT_S,
		.boot_timeout_s = req->boot_timeout_s,
		.console_stream = req->console_stream,
		.control_in = req->control ? s->control_in : NULL,
		.control_out = s->control_out,
		.control = &(struct qemu_control) {
			.on_event = control_event, .arg = (void *)req,
			.stop_grace_s = req->stop_grace_s ? req->stop_grace_s : VM_STOP_GRACE_S },
	};
	struct guest_report report = { 0 };
	struct host_load_mark before, after;
	struct qemu_result res;
	char *text = NULL;
	size_t len;
	int issues, ret = -1;

	/* the flavour's and the user's parameters last: the kernel takes the last one */
	snprintf(cmdline, sizeof(cmdline), "%s%s%s%s%s%s%s", guest_cmdline,
		 out->cpu.clock_params[0] ? " " : "", out->cpu.clock_params,
		 req->kernel->params[0] ? " " : "", req->kernel->params,
		 req->cmdline_extra ? " " : "", req->cmdline_extra ? req->cmdline_extra : "");
	if (!req->quiet)
		fprintf(stderr, "ksbench: booting %s in qemu (%s, %u vCPU%s, %u MB)\n",
			req->kernel->release, accel, req->smp, req->smp == 1 ? "" : "s",
			out->memory_mb);
	host_load_mark(&before);
	ret = qemu_run(&spec, &res, err, errlen);
	host_load_mark(&after);
	out->host_others_cpus = host_load_others(&before, &after);
	out->host_cpus = (unsigned int)sysconf(_SC_NPROCESSORS_ONLN);
	if (req->on_event)
		req->on_event(req->event_arg, VM_QEMU_ENDED, NULL);
	if (ret)
		return -1;
	ret = -1;
	out->seconds = res.seconds;
	out->forwarded_signal = res.forwarded_signal;
	out->timed_out = res.end == QEMU_TIMED_OUT;
	out->interrupted = res.end == QEMU_INTERRUPTED;
	if (out->interrupted) {
		snprintf(err, errlen, "interrupted: qemu stopped");
		return -1;
	}
	if (!req->quiet && !out->timed_out)
		fprintf(stderr, "ksbench: qemu ended after %.1f s\n", res.seconds);

	issues = console_check_file(s->console, out->first_issue, sizeof(out->first_issue));
	out->console_issues = issues > 0 ? (unsigned int)issues : 0;
	if (res.end == QEMU_BOOT_STALLED) {
		snprintf(err, errlen, "the guest kernel did not start ksbench's init within %u s",
			 spec.boot_timeout_s);
		add_hint(err, errlen, out, false, s->console);
		out->boot_failed = true;
		return -1;
	}
	if (out->timed_out) {
		snprintf(err, errlen, "the guest did not finish within %u s", spec.timeout_s);
		add_hint(err, errlen, out, false, s->console);
		return -1;	/* the whole budget is spent: not a boot to try again */
	}
	if (fs_read_file(s->channel, REPORT_MAX, &text, &len, err, errlen) ||
	    guest_report_parse(text, len, &report, err, errlen) ||
	    judge(req, &res, &report, s->qemu_log, out, err, errlen)) {
		add_hint(err, errlen, out, report.complete, s->console);
		goto out;
	}
	if (report.file == GUEST_FILE_RECEIVED) {
		if (fs_write_atomic(req->host_output, report.data, report.len, err, errlen))
			goto out;
		out->output_received = true;
	}
	ret = 0;
out:
	free(text);
	guest_report_free(&report);
	return ret;
}

int vm_run(const struct vm_request *req, struct vm_outcome *out,
	   char *err, size_t errlen)
{
	const char *accel = req->accel;
	struct scratch s;
	int ret;

	memset(out, 0, sizeof(*out));
	out->guest_status = -1;
	if (validate(req, err, errlen))
		return -1;
	if (!accel) {
		ret = vm_choose_accel(req->kernel, req->quiet, &accel, err, errlen);
		out->interrupted = ret == -EINTR;
		if (ret)
			return -1;
	}
	/* from here to its removal, a stop signal cannot leave the scratch behind */
	interrupt_catch();
	if (scratch_create(&s, req->console_log, err, errlen)) {
		interrupt_release();
		return -1;
	}
	snprintf(out->accel, sizeof(out->accel), "%s", accel);
	snprintf(out->qemu_version, sizeof(out->qemu_version), "%s", qemu_version());
	out->memory_mb = req->memory_mb ? req->memory_mb : vm_default_memory_mb(req->smp);
	vm_cpu_choose(accel, req->hypervisor_bit,
		      req->smp > (unsigned int)sysconf(_SC_NPROCESSORS_ONLN), &out->cpu);
	if (!req->quiet && req->hypervisor_bit == VM_HV_AUTO && out->cpu.hypervisor_bit &&
	    strcmp(accel, "kvm"))
		fprintf(stderr, "ksbench: %u vCPUs on fewer host CPUs: the guest sees the hypervisor bit and takes virt_spin_lock() (--hypervisor-bit=off for the native queued spinlock)\n",
			req->smp);
	ret = build_initramfs(req, s.initrd, err, errlen);
	if (!ret && interrupt_count()) {
		out->interrupted = true;
		snprintf(err, errlen, "interrupted before the VM booted");
		ret = -1;
	}
	if (!ret)
		ret = boot(req, accel, &s, out, err, errlen);
	if (ret)
		scratch_dir_remove(s.dir, NULL, 0);	/* the first error is the one to tell */
	else
		ret = scratch_dir_remove(s.dir, err, errlen);
	interrupt_release();
	return ret;
}
