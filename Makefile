# ksbench: one entry point.
#   make deps    install everything this project needs (Debian 12, apt)
#   make         build the CLI and ksbench.ko for every installed headers tree
#   make test    unit tests, module build and style checks, VM integration tests
#   make test-long   the long safety runs (every workload 60 s at its largest
#                    hold, on the generic and the PREEMPT_RT kernel; ~50 min)
#   make clean

# Debian packages: toolchain, libraries, the kernels and headers the VM
# target boots and builds against, qemu and busybox for the guest, and the
# kernel source for checkpatch.
DEPS := build-essential pkg-config libjson-c-dev libcmocka-dev libgsl-dev \
	linux-headers-amd64 linux-image-amd64 \
	linux-headers-rt-amd64 linux-image-rt-amd64 \
	linux-source-6.1 qemu-system-x86 busybox-static cpio kmod jq xz-utils

# Every installed headers tree, named by the release it builds for.
HEADER_TREES := $(wildcard /usr/src/linux-headers-*/include/generated/utsrelease.h)
RELEASES := $(foreach h,$(HEADER_TREES),$(shell sed -n 's/.*UTS_RELEASE "\(.*\)".*/\1/p' $(h)))

all: cli modules

deps:
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(DEPS)

cli:
	$(MAKE) -C cli

# Each release builds in its own copy of kmod/ (Kbuild writes objects next
# to the sources); `cp -p` keeps mtimes so unchanged sources do not rebuild.
MODDIR ?= build/kmod
modules:
	@test -n "$(RELEASES)" || { echo "no kernel headers installed: run 'make deps'" >&2; exit 1; }
	@set -e; for rel in $(RELEASES); do \
		out=$(MODDIR)/$$rel; mkdir -p $$out; \
		(cd kmod && find . \( -name '*.[ch]' ! -name '*.mod.c' \) -o -name Kbuild -o -name Makefile | \
			xargs cp -p -L --parents -t ../$$out); \
		$(MAKE) -C $$out KDIR=/usr/src/linux-headers-$$rel $(if $(WERROR),KCFLAGS=-Werror) >/dev/null; \
		echo "built $$out/ksbench.ko"; \
	done

test: all
	$(MAKE) -C tests/unit check
	rm -rf build/kmod-check
	$(MAKE) modules MODDIR=build/kmod-check WERROR=1
	tests/checkpatch.sh
	tests/vm/run.sh

test-long: all
	tests/long/max-hold.sh generic 60s 2
	tests/long/max-hold.sh rt 60s 2

clean:
	$(MAKE) -C cli clean
	$(MAKE) -C tests/unit clean
	rm -rf build

.PHONY: all deps cli modules test test-long clean
