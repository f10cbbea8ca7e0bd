# ksbench: one entry point.
#   make deps    install everything this project needs (Debian 12, apt)
#   make         build the CLI and ksbench.ko for every installed headers tree
#   make test    unit tests, module build and style checks, VM integration tests,
#                the debug-kernel pass
#   make debug-kernel   build (or find cached) the lockdep/KASAN/kmemleak kernel
#   make module KDIR=DIR   ksbench.ko for one kernel tree
#   make plots   charts (PNG, SVG) of results/examples/*.json, or RESULTS=...,
#                in plots/out or PLOTDIR=...
#   make test-long   the long safety runs (every workload 60 s at its largest
#                    hold, on the generic and the PREEMPT_RT kernel; then
#                    spinlock_irq and local_irq 10 min each at 4 vCPUs; ~90 min)
#   make bench SUITE=bench/suites/quick.suite [TARGET=vm] [KERNEL=generic,rt] [OUT=dir]
#                run a benchmark suite (bench/suites/README.md)
#   make clean

# Debian packages: toolchain, libraries, the kernels and headers the VM
# target boots and builds against, qemu and busybox for the guest, and the
# kernel source for checkpatch.
DEPS := build-essential pkg-config libjson-c-dev libcmocka-dev libgsl-dev \
	linux-headers-amd64 linux-image-amd64 \
	linux-headers-rt-amd64 linux-image-rt-amd64 \
	linux-source-6.1 qemu-system-x86 busybox-static cpio kmod jq xz-utils \
	flex bison bc libelf-dev libssl-dev gnuplot-nox

# Every installed headers tree, named by the release it builds for.
HEADER_TREES := $(wildcard /usr/src/linux-headers-*/include/generated/utsrelease.h)
RELEASES := $(foreach h,$(HEADER_TREES),$(shell sed -n 's/.*UTS_RELEASE "\(.*\)".*/\1/p' $(h)))

all: cli modules

deps:
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(DEPS)

cli:
	$(MAKE) -C cli

# Each kernel tree builds in its own copy of kmod/ (Kbuild writes objects
# next to the sources); `cp -p` keeps mtimes so unchanged sources do not
# rebuild. `make module KDIR=DIR` builds for one tree (any headers tree or
# kernel build directory) into $(MODDIR)/<release>/; the release is
# UTS_RELEASE, what the module's vermagic carries (Debian's headers have
# a kernel.release without the ABI and flavour: 6.1.192 for 6.1.0-56-amd64).
MODDIR ?= build/kmod
module:
	@test -n "$(KDIR)" || { echo "make module: KDIR=DIR is required (a kernel headers or build tree)" >&2; exit 2; }
	@set -e; kdir=$(abspath $(KDIR)); \
		rel=$$(sed -n 's/.*UTS_RELEASE "\(.*\)".*/\1/p' $$kdir/include/generated/utsrelease.h 2>/dev/null || \
			cat $$kdir/include/config/kernel.release 2>/dev/null || true); \
		test -n "$$rel" || { echo "make module: $$kdir is not a prepared kernel tree" \
			"(no include/generated/utsrelease.h nor include/config/kernel.release)" >&2; exit 1; }; \
		out=$(abspath $(MODDIR))/$$rel; mkdir -p $$out; \
		(cd kmod && find . \( -name '*.[ch]' ! -name '*.mod.c' \) -o -name Kbuild -o -name Makefile | \
			xargs cp -p -L --parents -t $$out); \
		$(MAKE) -C $$out KDIR=$$kdir $(if $(WERROR),KCFLAGS=-Werror) >/dev/null; \
		echo "built $(MODDIR)/$$rel/ksbench.ko"

modules:
	@test -n "$(RELEASES)" || { echo "no kernel headers installed: run 'make deps'" >&2; exit 1; }
	@set -e; for rel in $(RELEASES); do \
		$(MAKE) --no-print-directory module KDIR=/usr/src/linux-headers-$$rel; \
	done

test: all
	$(MAKE) -C tests/unit check
	tests/cli/test-show.sh
	tests/cli/test-output.sh
	tests/cli/test-index.sh
	tests/plots/test.sh
	rm -rf build/kmod-check
	$(MAKE) modules MODDIR=build/kmod-check WERROR=1
	tests/checkpatch.sh
	tests/vm/run.sh
	$(MAKE) debug-kernel
	tests/debug/run.sh

# Debian's linux-source-6.1 with lockdep, KASAN, kmemleak and the lockup
# detectors, cached per config (kernels/debug/build.sh, docs/debug-kernel.md),
# and ksbench.ko for it.
debug-kernel:
	kernels/debug/build.sh

# Charts of result files (docs/plots.md): PNG and SVG, with their data.
RESULTS ?= $(filter-out %.index.json,$(wildcard results/examples/*.json))
PLOTDIR ?= plots/out
plots: cli
	@test -n "$(RESULTS)" || { echo "make plots: no result files: results/examples/*.json is empty; give RESULTS='a.json b.json'" >&2; exit 2; }
	cli/ksbench plot -o $(PLOTDIR) $(RESULTS)

# SUITE, TARGET, KERNEL and OUT reach bench/Makefile as command-line variables.
bench:
	$(MAKE) -C bench bench

test-long: all
	tests/long/max-hold.sh generic 60s 2
	tests/long/max-hold.sh rt 60s 2
	tests/long/irq-hold.sh generic 600s 4
	tests/long/clock-check.sh generic 60 2
	for k in generic rt; do KSBENCH_TEST_KERNEL=$$k FUZZ_INPUTS=10000 tests/vm/test-fuzz.sh || exit 1; done

clean:
	$(MAKE) -C cli clean
	$(MAKE) -C tests/unit clean
	rm -rf build

.PHONY: all deps cli module modules debug-kernel test test-long plots clean bench
