/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VM target: boot a kernel in qemu with an initramfs assembled here
 * (busybox-static, the static CLI, ksbench.ko built for that kernel), run one
 * command in the guest after the module is loaded, and carry one file back
 * over a second serial port. No network, no guest modules besides ours.
 */
#ifndef KSB_VM_H
#define KSB_VM_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "vm_cpu.h"

struct vm_kernel {
	char spec[256];			/* as asked: "generic:preempt=full" */
	char release[128];		/* e.g. 6.1.0-56-amd64 */
	char image[PATH_MAX];		/* e.g. /boot/vmlinuz-6.1.0-56-amd64 */
	char kdir[PATH_MAX];		/* a tree ksbench.ko builds against; "" none found */
	char config[PATH_MAX];		/* its .config; "" none found */
	char params[256];		/* boot parameters the spec adds: "preempt=full" */
	char module[PATH_MAX];		/* build/kmod/<release>/ksbench.ko */
	bool debug;			/* the project's debug kernel (make debug-kernel) */
};

#define VM_KERNEL_SPECS_MAX	16	/* kernels in one --kernel=LIST */
#define VM_CMDLINE_EXTRA_MAX	512	/* --kernel-cmdline */

/*
 * spec: KERNEL[:PARAM[:PARAM...]]. KERNEL is NULL or "generic" (newest
 * /boot/vmlinuz-* whose release has no "-rt-"), "rt" (newest with "-rt-"),
 * "debug" (the kernel `make debug-kernel` built, in the cache: paths.h), a
 * release name (/boot/vmlinuz-<spec>), or a path (anything with a '/'): a
 * bzImage, whose release is read from its setup header, or a kernel build
 * directory holding arch/x86/boot/bzImage. Each PARAM is a boot parameter
 * added to the guest's command line (a flavour: "generic:preempt=full");
 * preempt= is refused up front on a kernel whose config shows it is not
 * PREEMPT_DYNAMIC. The module is looked for as ksb_module_path(release),
 * and a tree to build it against as /usr/src/linux-headers-<release>,
 * /lib/modules/<release>/build, or the build directory itself.
 */
int vm_find_kernel(const char *spec, struct vm_kernel *k,
		   char *err, size_t errlen);

/*
 * Installed kernels, under root ("/"; a fake tree in the unit tests): the
 * images <root>/boot/vmlinuz-<release>, PREEMPT_RT ones having "-rt-" in
 * the release. Debian names 6.1's releases 6.1.0-57-amd64 and 6.12's
 * 6.12.118+deb12-amd64; both are in series "6.1" and "6.12".
 *
 * vm_release_in_series: release belongs to series ("6.1" is not "6.12").
 * vm_series_spec: "6.12" or "6.12-rt" as a series and a flavour; false
 * for anything else.
 * vm_installed_newest: the newest release (strverscmp) of series (NULL:
 * any) with or without "-rt-"; 0, or -1 when there is none.
 * vm_installed_default: what `generic` (rt: `rt`) means, the
 * distribution's default kernel: the release the installed metapackage
 * linux-image-amd64 (linux-image-rt-amd64) depends on, per
 * <root>/var/lib/dpkg/status, when its image is there; else the newest
 * of any series. 0, or -1 when there is none.
 */
bool vm_release_in_series(const char *release, const char *series);
bool vm_series_spec(const char *name, char *series, size_t len, bool *rt);
int vm_installed_newest(const char *root, const char *series, bool rt,
			char *release, size_t len);
int vm_installed_default(const char *root, bool rt, char *release, size_t len);

/*
 * vm_find_kernel, then ksbench.ko for it: built (quietly, by `make module
 * KDIR=<kdir>` in the checkout) when missing or older than kmod/'s
 * sources, so a new kernel needs no step of its own; fails, saying how to
 * build it, when there is neither a module nor a tree to build it.
 */
int vm_resolve_kernel(const char *spec, struct vm_kernel *k,
		      char *err, size_t errlen);

/*
 * KERNEL[:PARAM...] -> KERNEL into base, the PARAMs space-separated into
 * params. 0, or -1 with a message (no KERNEL, an empty PARAM, a character
 * outside [A-Za-z0-9_-=.+/@%] in one, too long).
 */
int vm_spec_split(const char *spec, char *base, size_t baselen,
		  char *params, size_t paramslen, char *err, size_t errlen);

/*
 * Splits LIST at ',' into at most VM_KERNEL_SPECS_MAX specs (pointers
 * into buf, a copy), each checked by vm_spec_split. 0, or -1 with a
 * message (empty entry, a bad spec, too many, the same kernel twice).
 */
int vm_split_kernel_list(const char *list, char *buf, size_t buflen,
			 const char **specs, unsigned int *nr,
			 char *err, size_t errlen);

/*
 * A spec as a file-name part: "generic:preempt=full" -> "generic-preempt=full",
 * a path -> its release. Characters outside [A-Za-z0-9._=+-] become '-'.
 */
void vm_kernel_tag(const struct vm_kernel *k, char *buf, size_t len);

/* --kernel-cmdline: printable ASCII, at most VM_CMDLINE_EXTRA_MAX. 0 or -1. */
int vm_check_cmdline_extra(const char *s, char *err, size_t errlen);

enum vm_event {
	VM_GUEST_LINE,			/* a line from the command's control port */
	VM_STOP_FORWARDED,		/* a stop signal went to the command */
	VM_STOP_UNANSWERED,		/* ... and the guest did not end in time */
	VM_QEMU_ENDED,			/* qemu is gone: clear what a line drew */
};

#define VM_STOP_GRACE_S		60

struct vm_request {
	const struct vm_kernel *kernel;
	const char *cmdline_extra;	/* appended to the guest's command line, or NULL */
	unsigned int smp;
	unsigned int memory_mb;		/* 0: vm_default_memory_mb(smp) */
	unsigned int timeout_s;		/* whole boot-run-poweroff budget; 0: 600 */
	unsigned int boot_timeout_s;	/* from qemu's start to the init's first line; 0: none */
	bool load_module;		/* insmod ksbench.ko before the command */
	const char *const *guest_argv;	/* NULL-terminated; argv[0] is a guest path */
	const char *const *extra_files;	/* NULL-terminated "host:guest" pairs, or NULL */
	const char *guest_output;	/* guest file carried back, or NULL */
	const char *host_output;	/* where it lands on the host */
	const char *console_log;	/* host path for the guest console, or NULL */
	FILE *console_stream;		/* copy of the console as it arrives, or NULL */
	const char *accel;		/* "kvm", "tcg", or NULL: vm_choose_accel() */
	enum vm_hv_bit hypervisor_bit;	/* --hypervisor-bit (vm_cpu.h) */
	bool quiet;			/* no progress lines on stderr */
	/*
	 * The control port (vm_guest.h): once the command says it takes a
	 * stop (progress.h's "run" event), the first SIGINT, SIGTERM or
	 * SIGHUP goes to it and the guest has stop_grace_s (0: 60) to power
	 * off with its output; each line it sends goes to on_event.
	 */
	bool control;
	unsigned int stop_grace_s;
	void (*on_event)(void *arg, enum vm_event event, const char *line);
	void *event_arg;
};

struct vm_outcome {
	int guest_status;		/* exit status of guest_argv, -1 unknown */
	bool timed_out;
	/*
	 * The guest kernel never started ksbench's init: it died (an oops,
	 * a panic) or stalled past boot_timeout_s before it, so neither the
	 * module nor the command ran. Not set when the whole timeout_s ran
	 * out first. Under TCG this happens to a boot now and then that the
	 * next boot of the same kernel passes; run_vm.c and cmd_vm.c boot
	 * again (--boot-retries).
	 */
	bool boot_failed;
	bool interrupted;		/* SIGINT, SIGTERM or SIGHUP stopped qemu */
	int forwarded_signal;		/* the stop the command got instead, or 0 */
	bool output_received;		/* host_output now holds the guest file */
	char accel[8];			/* "kvm" or "tcg" */
	char qemu_version[128];
	unsigned int memory_mb;		/* as booted */
	double seconds;			/* qemu's run, boot to poweroff */
	unsigned int console_issues;	/* lines the console checker flagged */
	char first_issue[256];
	struct vm_cpu_choice cpu;	/* -cpu and the clock's boot parameters */
	double host_others_cpus;	/* host CPUs other work kept busy meanwhile; NAN unknown */
	unsigned int host_cpus;		/* the host's online CPUs */
};

#define VM_DEFAULT_TIMEOUT_S	600

/*
 * How long a kernel has to start ksbench's init before its boot counts as
 * failed (vm_request.boot_timeout_s): VM_BOOT_TIMEOUT_S, times 4 for a
 * debug kernel (KASAN, lockdep: ~50 s to the init under TCG), times the
 * vCPUs per host CPU when they outnumber them. Measured here: a generic
 * kernel starts its init 3-10 s after qemu. At most timeout_s.
 */
#define VM_BOOT_TIMEOUT_S	60
unsigned int vm_boot_timeout_s(const struct vm_kernel *k, unsigned int smp,
			       unsigned int timeout_s);

/* A boot that failed before the init is booted again this often at most. */
#define VM_BOOT_RETRIES_MAX	3

/*
 * $KSBENCH_TEST_NO_VM set: the VM target refuses to start (before finding
 * kernels or building anything), so a test can drive valid arguments to
 * the point where a run would begin without booting. 1 after a line
 * naming who refused; 0 normally.
 */
#define VM_TEST_GUARD_ENV	"KSBENCH_TEST_NO_VM"
int vm_test_guard(const char *who);

/* 512 MB, or 64 MB per vCPU above 8 (per-CPU areas, stacks, slabs). */
unsigned int vm_default_memory_mb(unsigned int smp);

/*
 * "HOST:GUEST", split at the last ':' (a guest path has none), GUEST
 * absolute. 0, or -1 with a message naming the pair.
 */
int vm_split_file_pair(const char *pair, char *host, size_t hostlen,
		       char *guest, size_t guestlen, char *err, size_t errlen);

/*
 * The accelerator: $KSBENCH_ACCEL (kvm or tcg) if set; else "kvm" when
 * /dev/kvm opens and a probe boot of k under KVM reaches its init within
 * 10 s, a verdict cached per host kernel release in
 * ${XDG_CACHE_HOME:-~/.cache}/ksbench/kvm-<release>; else "tcg".
 * 0, -EINTR if a signal stopped the probe, or -1 with a message.
 */
int vm_choose_accel(const struct vm_kernel *k, bool quiet, const char **accel,
		    char *err, size_t errlen);

/*
 * Boots req->kernel with an initramfs holding busybox, the static CLI as
 * /bin/ksbench, the module as /lib/ksbench/ksbench.ko and the extra
 * files, loads the module if asked, runs guest_argv with its output on
 * the console, carries guest_output back to host_output and powers off.
 * Returns 0 when the guest ran the command and powered off cleanly; the
 * command's status, the console's verdict and whether the output arrived
 * are in *out for the caller to judge. -1 with a message otherwise
 * (bad request, boot failure, insmod failure, timeout, interruption).
 */
int vm_run(const struct vm_request *req, struct vm_outcome *out,
	   char *err, size_t errlen);

#endif
