# ksbench: one entry point.
#   make deps    install everything this project needs (Debian 12, apt), then build
#   make         build the CLI and ksbench.ko for every installed headers tree
#   make test    unit tests, module build and style checks, VM integration tests,
#                the debug-kernel pass
#   make debug-kernel [VERSION=6.12]   build (or find cached) the
#                lockdep/KASAN/kmemleak kernel (6.1 unless VERSION says)
#   make kernel [VERSION=7.3]   build (or find cached) an upstream kernel
#                from Debian's linux-source-VERSION (kernels/upstream)
#   make module KDIR=DIR   ksbench.ko for one kernel tree
#   make plots   charts (PNG, SVG) of results/examples/*.json, or RESULTS=...,
#                in plots/out or PLOTDIR=...
#   make test-long   the long safety runs (every workload 60 s at its largest
#                    hold, on the generic and the PREEMPT_RT kernel; then
#                    spinlock_irq and local_irq 10 min each at 4 vCPUs, the
#                    debugfs fuzzer at 10,000 inputs, 20,000 result-file
#                    mutants, 10 min of libFuzzer over the loader, the debug
#                    pass on debug-6.12; ~2.5 h)
#   make bench SUITE=bench/suites/quick.suite [TARGET=vm] [KERNEL=generic,rt] [BOOTS=N] [OUT=dir]
#                run a benchmark suite (bench/suites/README.md)
#   make clean

# Debian packages: toolchain, libraries, the kernels and headers the VM
# target boots and builds against, qemu and busybox for the guest, and the
# kernel source for checkpatch.
DEPS := build-essential pkg-config libjson-c-dev libcmocka-dev libgsl-dev \
	linux-headers-amd64 linux-image-amd64 \
	linux-headers-rt-amd64 linux-image-rt-amd64 \
	linux-headers-6.12-amd64 linux-image-6.12-amd64 \
	linux-headers-6.12-rt-amd64 linux-image-6.12-rt-amd64 \
	linux-source-6.1 linux-source-6.12 qemu-system-x86 busybox-static cpio kmod jq xz-utils \
	flex bison bc libelf-dev libssl-dev gnuplot-nox clang libclang-rt-dev

# Every installed headers tree, named by the release it builds for.
HEADER_TREES := $(wildcard /usr/src/linux-headers-*/include/generated/utsrelease.h)
RELEASES := $(foreach h,$(HEADER_TREES),$(shell sed -n 's/.*UTS_RELEASE "\(.*\)".*/\1/p' $(h)))

all: cli modules

# Then builds, so that `./cli/ksbench run ...` works right after `make deps`.
deps:
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(DEPS)
	$(MAKE) all

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

# Every tree is tried, so one that fails does not hide the others' results;
# then the failed ones are named (their compiler output is above) and the
# target fails.
modules:
	@test -n "$(RELEASES)" || { echo "no kernel headers installed: run 'make deps'" >&2; exit 1; }
	@failed=; for rel in $(RELEASES); do \
		$(MAKE) --no-print-directory module KDIR=/usr/src/linux-headers-$$rel || \
			failed="$$failed $$rel"; \
	done; \
	test -z "$$failed" || { echo "make modules: ksbench.ko failed to build for:$$failed" \
		"(the compiler's messages are above)" >&2; exit 1; }

test: all
	$(MAKE) -C tests/unit check
	tests/cli/test-show.sh
	tests/cli/test-output.sh
	tests/cli/test-index.sh
	tests/cli/test-boots.sh
	tests/san/run.sh
	tests/scale/test.sh
	FUZZ_MUTANTS=500 tests/mutate/run.sh
	tests/args/run.sh
	tests/plots/test.sh
	rm -rf build/kmod-check
	$(MAKE) modules MODDIR=build/kmod-check WERROR=1
	tests/checkpatch.sh
	$(MAKE) kernel
	tests/vm/run.sh
	$(MAKE) debug-kernel
	tests/debug/run.sh

# Debian's linux-source-6.1 with lockdep, KASAN, kmemleak and the lockup
# detectors, cached per config (kernels/debug/build.sh, docs/debug-kernel.md),
# and ksbench.ko for it.
# VERSION=6.12 builds it from linux-source-6.12 instead (--kernel=debug-6.12).
# VERSION is make's variable here, not the kernel's: a command-line
# variable is exported, and the kernel's own Makefile would take it as
# its VERSION (6.12.12.118 releases); so is MAKEFLAGS, which carries it.
KERNEL_ENV = env -u VERSION -u MAKEFLAGS -u MFLAGS -u MAKEOVERRIDES

debug-kernel:
	$(KERNEL_ENV) kernels/debug/build.sh $(VERSION)

# An upstream kernel from Debian's linux-source-VERSION .deb (a later
# release's, fetched with a private apt state), tinyconfig plus what the VM
# target and a distribution kernel's locking need, cached per config
# (kernels/upstream/build.sh, docs/upstream-kernel.md), and ksbench.ko for
# it with W=1 -Werror. VERSION defaults to the newest kernels/upstream/sources
# lists (--kernel=upstream).
kernel:
	$(KERNEL_ENV) WERROR=1 kernels/upstream/build.sh $(VERSION)

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
	FUZZ_MUTANTS=20000 tests/mutate/run.sh
	$(MAKE) debug-kernel VERSION=6.12
	KSBENCH_DEBUG_KERNEL=debug-6.12 tests/debug/run.sh
	tests/mutate/libfuzzer.sh

clean:
	$(MAKE) -C cli clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C tests/mutate clean
	rm -rf build

.PHONY: all deps cli module modules debug-kernel kernel test test-long plots clean bench
