// SPDX-License-Identifier: GPL-2.0
/* Which kernel the VM target boots, and the ksbench.ko built for it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"
#include "vm.h"

#define BOOT_DIR	"/boot"
#define IMAGE_PREFIX	"vmlinuz-"
#define RT_MARK		"-rt-"

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

/* The newest /boot/vmlinuz-<release>, with or without -rt-, by version order. */
static int newest_release(bool rt, char *release, size_t len,
			  char *err, size_t errlen)
{
	DIR *dir = opendir(BOOT_DIR);
	struct dirent *de;
	const char *name;

	release[0] = '\0';
	if (!dir) {
		snprintf(err, errlen, "cannot list %s: %s", BOOT_DIR, strerror(errno));
		return -1;
	}
	while ((de = readdir(dir))) {
		if (strncmp(de->d_name, IMAGE_PREFIX, strlen(IMAGE_PREFIX)))
			continue;
		name = de->d_name + strlen(IMAGE_PREFIX);
		if (!*name || (strstr(name, RT_MARK) != NULL) != rt ||
		    strlen(name) >= len)
			continue;
		if (!release[0] || strverscmp(name, release) > 0)
			snprintf(release, len, "%s", name);
	}
	closedir(dir);
	if (release[0])
		return 0;
	snprintf(err, errlen, "no %s kernel in %s (%s*): install %s", rt ? "PREEMPT_RT" : "generic",
		 BOOT_DIR, IMAGE_PREFIX, rt ? "linux-image-rt-amd64" : "linux-image-amd64");
	return -1;
}

int vm_find_kernel(const char *spec, struct vm_kernel *k,
		   char *err, size_t errlen)
{
	memset(k, 0, sizeof(*k));
	if (spec && strchr(spec, '/')) {
		if (bzimage_release(spec, k->release, sizeof(k->release), err, errlen))
			return -1;
		snprintf(k->image, sizeof(k->image), "%s", spec);
	} else {
		if (!spec || !strcmp(spec, "generic") || !strcmp(spec, "rt")) {
			if (newest_release(spec && !strcmp(spec, "rt"), k->release,
					   sizeof(k->release), err, errlen))
				return -1;
		} else if (snprintf(k->release, sizeof(k->release), "%s", spec) >=
			   (int)sizeof(k->release)) {
			snprintf(err, errlen, "kernel release '%.40s...' is too long", spec);
			return -1;
		}
		snprintf(k->image, sizeof(k->image), "%s/%s%s", BOOT_DIR, IMAGE_PREFIX,
			 k->release);
		if (access(k->image, R_OK)) {
			snprintf(err, errlen, "no kernel image %s (%s); --kernel takes "
				 "generic, rt, a release or a path with a '/'",
				 k->image, strerror(errno));
			return -1;
		}
	}
	ksb_module_path(k->release, k->module, sizeof(k->module));
	return 0;
}

int vm_resolve_kernel(const char *spec, struct vm_kernel *k,
		      char *err, size_t errlen)
{
	if (vm_find_kernel(spec, k, err, errlen))
		return -1;
	if (access(k->module, R_OK)) {
		snprintf(err, errlen, "no ksbench.ko for %s: run `make` (builds for every "
			 "installed headers tree) or `make -C kmod KDIR=/usr/src/linux-headers-%s`",
			 k->release, k->release);
		return -1;
	}
	return 0;
}
