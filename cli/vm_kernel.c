// SPDX-License-Identifier: GPL-2.0
/* Which kernel the VM target boots, and the ksbench.ko built for it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "paths.h"
#include "vm.h"

#define BOOT_DIR	"/boot"
#define IMAGE_PREFIX	"vmlinuz-"
#define BUILD_IMAGE	"arch/x86/boot/bzImage"
/* Under ksb_cache_dir(): what kernels/build-kernel.sh keeps (docs/upstream-kernel.md). */
#define DEBUG_KERNEL	"debug-kernel"		/* make debug-kernel: 6.1 */
#define BUILT_KERNEL	"kernel-"		/* make kernel VERSION=X.Y */
#define UPSTREAM_LIST	"kernels/upstream/sources"	/* under ksb_root() */

/*
 * The x86 boot protocol (Documentation/x86/boot.rst): the setup header
 * carries "HdrS" at 0x202, its version at 0x206, and from version 2.00 a
 * pointer at 0x20e to the kernel's version string ("6.1.0-56-amd64
 * (debian-kernel@...) #1 SMP ..."), relative to 0x200. file(1) reads the
 * release from the same place.
 */
static int bzimage_release(const char *image, char *release, size_t len,
			   char *err, size_t errlen)
{
	unsigned char hdr[0x210];
	char version[256];
	uint16_t protocol, offset;
	ssize_t n;
	int fd = open(image, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(err, errlen, "cannot read kernel image %s: %s", image,
			 strerror(errno));
		return -1;
	}
	n = pread(fd, hdr, sizeof(hdr), 0);
	if (n != (ssize_t)sizeof(hdr) || memcmp(hdr + 0x202, "HdrS", 4))
		goto not_bzimage;
	protocol = (uint16_t)(hdr[0x206] | hdr[0x207] << 8);
	offset = (uint16_t)(hdr[0x20e] | hdr[0x20f] << 8);
	if (protocol < 0x200 || !offset)
		goto not_bzimage;
	n = pread(fd, version, sizeof(version) - 1, 0x200 + offset);
	if (n <= 0)
		goto not_bzimage;
	close(fd);
	version[n] = '\0';
	version[strcspn(version, " ")] = '\0';
	if (!version[0] || strlen(version) >= len) {
		snprintf(err, errlen, "kernel image %s has no usable version string", image);
		return -1;
	}
	snprintf(release, len, "%s", version);
	return 0;

not_bzimage:
	close(fd);
	snprintf(err, errlen,
		 "%s is not a bzImage (no x86 setup header with a version string): "
		 "qemu -kernel boots arch/x86/boot/bzImage, not vmlinux", image);
	return -1;
}

static bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static int split_spec(const char *spec, struct vm_kernel *k, char *base,
		      size_t baselen, char *err, size_t errlen)
{
	if (snprintf(k->spec, sizeof(k->spec), "%s", spec) >= (int)sizeof(k->spec)) {
		snprintf(err, errlen, "kernel '%.40s...' is too long", spec);
		return -1;
	}
	return vm_spec_split(spec, base, baselen, k->params, sizeof(k->params), err, errlen);
}

/* dir/name into buf if that file exists; else buf is "". */
static bool existing(char *buf, size_t len, const char *dir, const char *name)
{
	if (snprintf(buf, len, "%s/%s", dir, name) < (int)len && is_file(buf))
		return true;
	buf[0] = '\0';
	return false;
}

/* The first tree ksbench.ko can build against for k->release, and a .config. */
static void find_build_tree(struct vm_kernel *k)
{
	char file[PATH_MAX], dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "/usr/src/linux-headers-%s", k->release);
	if (!existing(file, sizeof(file), dir, "Makefile"))
		snprintf(dir, sizeof(dir), "/lib/modules/%s/build", k->release);
	if (existing(file, sizeof(file), dir, "Makefile"))
		snprintf(k->kdir, sizeof(k->kdir), "%s", dir);
	snprintf(file, sizeof(file), "config-%s", k->release);
	if (!existing(k->config, sizeof(k->config), BOOT_DIR, file) && k->kdir[0])
		existing(k->config, sizeof(k->config), k->kdir, ".config");
}

/* A kernel tree: its bzImage (a path, or relative to dir), dir as KDIR, its .config. */
static int from_tree(const char *dir, const char *image, struct vm_kernel *k,
		     char *err, size_t errlen)
{
	if ((*image == '/' ? snprintf(k->image, sizeof(k->image), "%s", image) :
	     snprintf(k->image, sizeof(k->image), "%s/%s", dir, image)) >= (int)sizeof(k->image) ||
	    snprintf(k->kdir, sizeof(k->kdir), "%s", dir) >= (int)sizeof(k->kdir)) {
		snprintf(err, errlen, "%s: path too long", dir);
		return -1;
	}
	if (bzimage_release(k->image, k->release, sizeof(k->release), err, errlen))
		return -1;
	existing(k->config, sizeof(k->config), dir, ".config");
	return 0;
}

/*
 * A build kernels/build-kernel.sh keeps in the cache, <cache>/<name>/current,
 * or -1 saying which command makes it.
 */
static int cached_kernel(const char *name, const char *make, struct vm_kernel *k,
			 char *err, size_t errlen)
{
	char cache[PATH_MAX - 128], dir[PATH_MAX - 64], image[PATH_MAX], tree[PATH_MAX];

	if (ksb_cache_dir(cache, sizeof(cache))) {
		snprintf(err, errlen, "no cache directory for %s: set HOME or XDG_CACHE_HOME", name);
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s/%s/current", cache, name);
	if (!existing(image, sizeof(image), dir, "bzImage")) {
		snprintf(err, errlen, "no kernel in %s: run `%s`", dir, make);
		return -1;
	}
	snprintf(tree, sizeof(tree), "%s/build", dir);
	return from_tree(tree, image, k, err, errlen);
}

/* debug (6.1) or debug-X.Y: `make debug-kernel [VERSION=X.Y]` (docs/debug-kernel.md). */
static int debug_kernel(const char *series, struct vm_kernel *k, char *err, size_t errlen)
{
	char name[64], make[96];

	snprintf(name, sizeof(name), DEBUG_KERNEL "%s%s", series ? "-" : "", series ? series : "");
	snprintf(make, sizeof(make), "make debug-kernel%s%s", series ? " VERSION=" : "",
		 series ? series : "");
	k->debug = true;
	return cached_kernel(name, make, k, err, errlen);
}

/* X.Y built by `make kernel VERSION=X.Y` from Debian's linux-source-X.Y. */
static int built_kernel(const char *series, struct vm_kernel *k, char *err, size_t errlen)
{
	char name[64], make[96];

	snprintf(name, sizeof(name), BUILT_KERNEL "%s", series);
	snprintf(make, sizeof(make), "make kernel VERSION=%s", series);
	return cached_kernel(name, make, k, err, errlen);
}

/* upstream: the last version kernels/upstream/sources names. */
static int upstream_kernel(struct vm_kernel *k, char *err, size_t errlen)
{
	char path[PATH_MAX], line[128], version[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/" UPSTREAM_LIST, ksb_root());
	f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "cannot read %s, the upstream kernels: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f))
		if (line[0] != '#')
			sscanf(line, "%31s", version);	/* the last one counts */
	fclose(f);
	if (!version[0]) {
		snprintf(err, errlen, "%s names no upstream kernel", path);
		return -1;
	}
	return built_kernel(version, k, err, errlen);
}

static int from_path(const char *path, struct vm_kernel *k, char *err, size_t errlen)
{
	if (is_dir(path))
		return from_tree(path, BUILD_IMAGE, k, err, errlen);
	if (bzimage_release(path, k->release, sizeof(k->release), err, errlen))
		return -1;
	snprintf(k->image, sizeof(k->image), "%s", path);
	find_build_tree(k);
	return 0;
}

/* generic, rt, X.Y, X.Y-rt: an installed kernel's release, or -1 saying what to install. */
static int installed_release(const char *name, struct vm_kernel *k, char *err, size_t errlen)
{
	char series[32];
	bool rt;

	if (!strcmp(name, "generic") || !strcmp(name, "rt")) {
		rt = !strcmp(name, "rt");
		if (!vm_installed_default("/", rt, k->release, sizeof(k->release)))
			return 0;
		snprintf(err, errlen, "no %s kernel in %s (%s*): install %s",
			 rt ? "PREEMPT_RT" : "generic", BOOT_DIR, IMAGE_PREFIX,
			 rt ? "linux-image-rt-amd64" : "linux-image-amd64");
		return -1;
	}
	if (!vm_series_spec(name, series, sizeof(series), &rt) ||
	    !vm_installed_newest("/", series, rt, k->release, sizeof(k->release)))
		return 0;
	snprintf(err, errlen, "no %s%s kernel in %s (%s%s.*%s): install linux-image-%s%s-amd64",
		 series, rt ? " PREEMPT_RT" : "", BOOT_DIR, IMAGE_PREFIX, series,
		 rt ? "-rt-*" : "", series, rt ? "-rt" : "");
	return -1;
}

static int from_boot(const char *name, struct vm_kernel *k, char *err, size_t errlen)
{
	char series[32];
	bool rt, is_series = vm_series_spec(name, series, sizeof(series), &rt);

	if (installed_release(name, k, err, errlen)) {
		char installed[512];

		/* X.Y the project builds, when no Debian kernel of it is installed. */
		if (!is_series || rt)
			return -1;
		snprintf(installed, sizeof(installed), "%s", err);
		if (!built_kernel(series, k, err, errlen))
			return 1;
		snprintf(err, errlen, "%s; nor one built by `make kernel VERSION=%s` "
			 "(kernels/upstream/sources lists what it builds)", installed, series);
		return -1;
	}
	if (!k->release[0] && snprintf(k->release, sizeof(k->release), "%s", name) >=
	    (int)sizeof(k->release)) {
		snprintf(err, errlen, "kernel release '%.40s...' is too long", name);
		return -1;
	}
	snprintf(k->image, sizeof(k->image), "%s/%s%s", BOOT_DIR, IMAGE_PREFIX, k->release);
	if (access(k->image, R_OK)) {
		snprintf(err, errlen, "no kernel image %s (%s); --kernel takes generic, rt, "
			 "6.1, 6.12-rt (a series), upstream, debug, a release, or a path to a "
			 "bzImage or a build directory", k->image, strerror(errno));
		return -1;
	}
	find_build_tree(k);
	return 0;
}

/* preempt= works on PREEMPT_DYNAMIC kernels only; elsewhere it is ignored. */
static int check_params(const struct vm_kernel *k, char *err, size_t errlen)
{
	char line[256];
	bool dynamic = false;
	FILE *f;

	if (!strstr(k->params, "preempt=") || !k->config[0])
		return 0;
	f = fopen(k->config, "r");
	if (!f)
		return 0;	/* checked again against the booted kernel */
	while (fgets(line, sizeof(line), f))
		dynamic |= !strcmp(line, "CONFIG_PREEMPT_DYNAMIC=y\n");
	fclose(f);
	if (dynamic)
		return 0;
	snprintf(err, errlen, "kernel '%s': %s is not PREEMPT_DYNAMIC (%s), so it would "
		 "ignore preempt=", k->spec, k->release, k->config);
	return -1;
}

int vm_find_kernel(const char *spec, struct vm_kernel *k,
		   char *err, size_t errlen)
{
	char base[PATH_MAX], series[32];
	bool rt;

	memset(k, 0, sizeof(*k));
	if (split_spec(spec ? spec : "generic", k, base, sizeof(base), err, errlen))
		return -1;
	if (strchr(base, '/') ? from_path(base, k, err, errlen) :
	    !strcmp(base, "debug") ? debug_kernel(NULL, k, err, errlen) :
	    !strncmp(base, "debug-", 6) && vm_series_spec(base + 6, series, sizeof(series), &rt) &&
	    !rt ? debug_kernel(series, k, err, errlen) :
	    !strcmp(base, "upstream") ? upstream_kernel(k, err, errlen) :
	    from_boot(base, k, err, errlen) < 0)
		return -1;
	ksb_module_path(k->release, k->module, sizeof(k->module));
	return check_params(k, err, errlen);
}

static time_t newest_source;

static int note_mtime(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)path;
	(void)ftw;
	if (type == FTW_F && st->st_mtime > newest_source)
		newest_source = st->st_mtime;
	return 0;
}

/* The module is missing, or older than a source under kmod/ or its tree. */
static bool module_stale(const struct vm_kernel *k, const char *kmod)
{
	char symvers[PATH_MAX + 32];
	struct stat ko, tree;

	if (stat(k->module, &ko))
		return true;
	newest_source = 0;
	nftw(kmod, note_mtime, 16, 0);	/* follows kmod/'s links into include/ */
	snprintf(symvers, sizeof(symvers), "%s/Module.symvers", k->kdir);
	return newest_source > ko.st_mtime ||
	       (!stat(symvers, &tree) && tree.st_mtime > ko.st_mtime);
}

/* `make -s -C <root> module KDIR=<kdir>`, its output on stderr. */
static int build_module(const struct vm_kernel *k, char *err, size_t errlen)
{
	char kdir_arg[PATH_MAX + 8];
	int status;
	pid_t pid;

	snprintf(kdir_arg, sizeof(kdir_arg), "KDIR=%s", k->kdir);
	fprintf(stderr, "ksbench: building ksbench.ko for %s against %s\n", k->release, k->kdir);
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "cannot start make: %s", strerror(errno));
		return -1;
	}
	if (!pid) {
		dup2(STDERR_FILENO, STDOUT_FILENO);
		execlp("make", "make", "-s", "-C", ksb_root(), "module", kdir_arg, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		snprintf(err, errlen, "building ksbench.ko for %s against %s failed "
			 "(make module KDIR=%s)", k->release, k->kdir, k->kdir);
		return -1;
	}
	return 0;
}

int vm_resolve_kernel(const char *spec, struct vm_kernel *k,
		      char *err, size_t errlen)
{
	char kmod[PATH_MAX];

	if (vm_find_kernel(spec, k, err, errlen))
		return -1;
	snprintf(kmod, sizeof(kmod), "%s/kmod", ksb_root());
	if (k->kdir[0] && is_dir(kmod) && module_stale(k, kmod) &&
	    build_module(k, err, errlen))
		return -1;
	if (access(k->module, R_OK)) {
		snprintf(err, errlen, "no ksbench.ko for %s (%s) and no kernel tree to build it "
			 "against: install its headers, or give the kernel's build directory",
			 k->release, k->module);
		return -1;
	}
	return 0;
}
