// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "interrupt.h"
#include "vm_qemu.h"

#define POLL_NS		(50 * 1000 * 1000)
#define TERM_GRACE_S	3	/* from SIGTERM to SIGKILL */
#define CONTROL_LINE_MAX	512

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void nap(void)
{
	struct timespec ts = { 0, POLL_NS };

	nanosleep(&ts, NULL);
}

/* The child's half of spawn(): execs argv, or reports errno on report_fd. */
__attribute__((noreturn))
static void exec_child(char *const argv[], int out_fd, bool own_group,
		       pid_t parent, int report_fd)
{
	int null_fd, child_errno;

	if (own_group)
		setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)	/* the parent died before prctl */
		_exit(127);
	null_fd = open("/dev/null", O_RDONLY);
	if (null_fd >= 0 && dup2(null_fd, 0) == 0 && dup2(out_fd, 1) == 1 &&
	    dup2(out_fd, 2) == 2)
		execvp(argv[0], argv);
	child_errno = errno;
	_exit(write(report_fd, &child_errno, sizeof(child_errno)) < 0 ? 126 : 127);
}

/*
 * fork and exec argv with stdin from /dev/null and stdout and stderr on
 * out_fd. An exec failure comes back through a close-on-exec pipe, so the
 * caller tells "qemu is not installed" from "qemu failed".
 */
static pid_t spawn(char *const argv[], int out_fd, bool own_group,
		   char *err, size_t errlen)
{
	pid_t parent = getpid(), pid;
	int pipefd[2], child_errno = 0;
	ssize_t n;

	if (pipe2(pipefd, O_CLOEXEC)) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (!pid)
		exec_child(argv, out_fd, own_group, parent, pipefd[1]);
	close(pipefd[1]);
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(pipefd[0]);
		return -1;
	}
	do
		n = read(pipefd[0], &child_errno, sizeof(child_errno));
	while (n < 0 && errno == EINTR);
	close(pipefd[0]);
	if (n > 0) {
		waitpid(pid, NULL, 0);
		snprintf(err, errlen, "cannot run %s: %s", argv[0], strerror(child_errno));
		return -1;
	}
	return pid;
}

/* Copies what the console gained since the last call, without the '\r's. */
static void follow_console(int fd, FILE *stream)
{
	char buf[4096], *p, *end;
	ssize_t n;

	if (fd < 0 || !stream)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		end = buf + n;
		for (p = buf; p < end; p++)
			if (*p != '\r')
				putc(*p, stream);
	}
	fflush(stream);
}

/* True once pid has exited (or is no child of ours any more). */
static bool exited(pid_t pid, int *wait_status)
{
	pid_t got = waitpid(pid, wait_status, WNOHANG);

	return got == pid || (got < 0 && errno != EINTR);
}

static void stop_qemu(pid_t pid, int *wait_status)
{
	double until = now_s() + TERM_GRACE_S;

	kill(pid, SIGTERM);
	do {
		if (exited(pid, wait_status))
			return;
		nap();
	} while (now_s() < until);
	kill(pid, SIGKILL);
	while (waitpid(pid, wait_status, 0) < 0 && errno == EINTR)
		;
}

/*
 * -chardev for a serial port written to a file. qemu's option syntax takes
 * a literal ',' in a value as ",,"; append=on because the file was created
 * empty beforehand, and truncating it again would race with its reader.
 */
static char *chardev_opt(const char *backend, const char *id, const char *path)
{
	size_t commas = 0, i, j;
	char *escaped, *opt = NULL;

	for (i = 0; path[i]; i++)
		commas += path[i] == ',';
	escaped = malloc(i + commas + 1);
	if (!escaped)
		return NULL;
	for (i = j = 0; path[i]; i++) {
		escaped[j++] = path[i];
		if (path[i] == ',')
			escaped[j++] = ',';
	}
	escaped[j] = '\0';
	if (asprintf(&opt, "%s,id=%s,path=%s", backend, id, escaped) < 0)
		opt = NULL;
	free(escaped);
	return opt;
}

static char *file_chardev(const char *id, const char *path)
{
	return chardev_opt("file,append=on", id, path);
}

/*
 * The control port: qemu's pipe backend opens PATH.in to read and
 * PATH.out to write when both exist; the caller's paths end so.
 */
static char *pipe_chardev(const char *id, const char *in_path)
{
	size_t n = strlen(in_path);
	char *base, *opt;

	if (n < 3 || strcmp(in_path + n - 3, ".in"))
		return NULL;
	base = strndup(in_path, n - 3);
	opt = base ? chardev_opt("pipe", id, base) : NULL;
	free(base);
	return opt;
}

/* A fresh empty file, so a reader never sees a previous run's bytes. */
static int create_empty(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

/* exec's qemu for spec with its output on out_fd; -1 with a message if it cannot. */
static pid_t start_qemu(const struct qemu_spec *spec, int out_fd, char *err, size_t errlen)
{
	bool kvm = !strcmp(spec->accel, "kvm");
	char *console_opt = file_chardev("console", spec->console_path);
	char *channel_opt = file_chardev("channel", spec->channel_path);
	char *control_opt = spec->control_in ? pipe_chardev("control", spec->control_in) : NULL;
	char smp[16], memory[16];
	/* -nodefaults: no VGA, NIC, disks or default serial port to set up. */
	char *argv[] = {
		QEMU_BINARY, "-nodefaults", "-no-user-config",
		"-display", "none", "-no-reboot", "-name", "ksbench",
		"-accel", kvm ? "kvm" : "tcg,thread=multi",
		"-cpu", (char *)spec->cpu,
		"-smp", smp, "-m", memory,
		"-kernel", (char *)spec->image,
		"-initrd", (char *)spec->initrd,
		"-append", (char *)spec->cmdline,
		"-chardev", console_opt, "-device", "isa-serial,chardev=console",
		"-chardev", channel_opt, "-device", "isa-serial,chardev=channel",
		/* ttyS2, or the end of the list */
		control_opt ? "-chardev" : NULL, control_opt,
		"-device", "isa-serial,chardev=control",
		NULL
	};
	pid_t pid = -1;

	snprintf(smp, sizeof(smp), "%u", spec->smp);
	snprintf(memory, sizeof(memory), "%uM", spec->memory_mb);
	if (console_opt && channel_opt && (control_opt || !spec->control_in))
		pid = spawn(argv, out_fd, true, err, errlen);
	else
		snprintf(err, errlen, "%s", strerror(ENOMEM));
	free(console_opt);
	free(channel_opt);
	free(control_opt);
	return pid;
}

/* The control port while qemu runs: its two files and what came through. */
struct control_state {
	int in_fd;			/* the FIFO qemu reads: -1 without a port */
	int out_fd;			/* the file qemu writes */
	char line[CONTROL_LINE_MAX];
	size_t len;
	bool overlong;			/* the line being read is dropped */
	bool listening;			/* the guest takes a stop */
	int forwarded;			/* the signal passed on */
	double grace_end;
	bool init_seen;			/* the channel has its first byte */
};

static void control_line(const struct qemu_spec *spec, struct control_state *c)
{
	c->line[c->len] = '\0';
	if (!c->overlong && spec->control->on_event(spec->control->arg, QEMU_CONTROL_LINE,
						    c->line))
		c->listening = true;
	c->len = 0;
	c->overlong = false;
}

/* The guest's lines on the control port since the last call. */
static void follow_control(const struct qemu_spec *spec, struct control_state *c)
{
	char buf[4096];
	ssize_t n, i;

	if (c->out_fd < 0)
		return;
	while ((n = read(c->out_fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n')
				control_line(spec, c);
			else if (c->len + 1 < sizeof(c->line))
				c->line[c->len++] = buf[i];
			else
				c->overlong = true;
		}
}

static const char *stop_word(int sig)
{
	return sig == SIGTERM ? "term\n" : sig == SIGHUP ? "hup\n" : "int\n";
}

/*
 * A stop signal came: the first goes to a listening guest, which then
 * has the grace time; true when qemu is to be stopped now.
 */
static bool on_stop_signal(const struct qemu_spec *spec, struct control_state *c)
{
	int sig = interrupt_first_signal();
	const char *word = stop_word(sig);

	if (c->forwarded || !c->listening || interrupt_count() > 1 ||
	    write(c->in_fd, word, strlen(word)) != (ssize_t)strlen(word))
		return true;
	c->forwarded = sig;
	c->grace_end = now_s() + spec->control->stop_grace_s;
	spec->control->on_event(spec->control->arg, QEMU_STOP_FORWARDED, NULL);
	return false;
}

/* The guest's init wrote its first line to the channel (a file on the host). */
static bool init_started(const struct qemu_spec *spec, struct control_state *c)
{
	struct stat st;

	if (!c->init_seen && !stat(spec->channel_path, &st) && st.st_size > 0)
		c->init_seen = true;
	return c->init_seen;
}

/* What ends the wait before qemu does: QEMU_EXITED when nothing does. */
static enum qemu_end check_ends(const struct qemu_spec *spec, struct control_state *c,
				unsigned int *seen, double start, double deadline)
{
	if (interrupt_count() > *seen) {
		*seen = interrupt_count();
		if (on_stop_signal(spec, c))
			return QEMU_INTERRUPTED;
	}
	if (c->forwarded && now_s() >= c->grace_end) {
		spec->control->on_event(spec->control->arg, QEMU_STOP_UNANSWERED, NULL);
		return QEMU_INTERRUPTED;
	}
	if (!c->forwarded && now_s() >= deadline)
		return QEMU_TIMED_OUT;
	if (spec->boot_timeout_s && !c->forwarded && now_s() >= start + spec->boot_timeout_s &&
	    !init_started(spec, c))
		return QEMU_BOOT_STALLED;
	return QEMU_EXITED;
}

/* Until qemu exits, the deadline passes or a stop signal comes. */
static void wait_for_qemu(const struct qemu_spec *spec, pid_t pid, double start,
			  struct control_state *c, struct qemu_result *res)
{
	int console_fd = spec->console_stream ?
			 open(spec->console_path, O_RDONLY | O_CLOEXEC) : -1;
	double deadline = start + spec->timeout_s;
	unsigned int seen = 0;
	enum qemu_end end;

	for (;;) {
		if (exited(pid, &res->wait_status)) {
			res->end = QEMU_EXITED;
			break;
		}
		follow_console(console_fd, spec->console_stream);
		follow_control(spec, c);
		end = check_ends(spec, c, &seen, start, deadline);
		if (end != QEMU_EXITED) {
			res->end = end;
			stop_qemu(pid, &res->wait_status);
			break;
		}
		nap();
	}
	res->seconds = now_s() - start;
	res->forwarded_signal = c->forwarded;
	follow_console(console_fd, spec->console_stream);
	follow_control(spec, c);
	if (console_fd >= 0)
		close(console_fd);
}

/* ttyS2's FIFO and file, opened so that neither open nor write blocks. */
static int open_control(const struct qemu_spec *spec, struct control_state *c,
			char *err, size_t errlen)
{
	*c = (struct control_state) { .in_fd = -1, .out_fd = -1 };
	if (!spec->control_in)
		return 0;
	unlink(spec->control_in);
	if (mkfifo(spec->control_in, 0600)) {
		snprintf(err, errlen, "cannot create %s: %s", spec->control_in, strerror(errno));
		return -1;
	}
	if (create_empty(spec->control_out, err, errlen))
		return -1;
	c->in_fd = open(spec->control_in, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	c->out_fd = open(spec->control_out, O_RDONLY | O_CLOEXEC);
	if (c->in_fd >= 0 && c->out_fd >= 0)
		return 0;
	snprintf(err, errlen, "cannot open the control port's files in %s: %s",
		 spec->control_in, strerror(errno));
	return -1;
}

static void close_control(struct control_state *c)
{
	if (c->in_fd >= 0)
		close(c->in_fd);
	if (c->out_fd >= 0)
		close(c->out_fd);
}

int qemu_run(const struct qemu_spec *spec, struct qemu_result *res,
	     char *err, size_t errlen)
{
	struct control_state control;
	double start;
	pid_t pid = -1;
	int out_fd;

	memset(res, 0, sizeof(*res));
	err[0] = '\0';
	if (create_empty(spec->console_path, err, errlen) ||
	    create_empty(spec->channel_path, err, errlen))
		return -1;
	out_fd = open(spec->stderr_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out_fd < 0) {
		snprintf(err, errlen, "cannot create %s: %s", spec->stderr_path,
			 strerror(errno));
		return -1;
	}
	interrupt_catch();
	if (!open_control(spec, &control, err, errlen)) {
		start = now_s();
		pid = start_qemu(spec, out_fd, err, errlen);
		if (pid > 0)
			wait_for_qemu(spec, pid, start, &control, res);
	}
	close_control(&control);
	interrupt_release();
	close(out_fd);
	return pid > 0 ? 0 : -1;
}

const char *qemu_version(void)
{
	static char version[128];
	char *argv[] = { QEMU_BINARY, "--version", NULL };
	char err[256];
	int pipefd[2];
	ssize_t n;
	pid_t pid;

	if (version[0])
		return version;
	snprintf(version, sizeof(version), "unknown");
	if (pipe2(pipefd, O_CLOEXEC))
		return version;
	pid = spawn(argv, pipefd[1], false, err, sizeof(err));
	close(pipefd[1]);
	if (pid > 0) {
		n = read(pipefd[0], version, sizeof(version) - 1);
		version[n > 0 ? n : 0] = '\0';
		version[strcspn(version, "\n")] = '\0';
		if (!version[0])
			snprintf(version, sizeof(version), "unknown");
		waitpid(pid, NULL, 0);
	}
	close(pipefd[0]);
	return version;
}
