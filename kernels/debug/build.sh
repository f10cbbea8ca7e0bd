#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# build.sh [VERSION]: builds ksbench's debug kernel (`make debug-kernel
# [VERSION=6.12]`; docs/debug-kernel.md): Debian's linux-source-VERSION
# (default 6.1, installed by `make deps`), tinyconfig plus ../vm.config
# plus ksbench-debug.config, by ../build-kernel.sh into
#   ${XDG_CACHE_HOME:-$HOME/.cache}/ksbench/debug-kernel/        (6.1)
#   ${XDG_CACHE_HOME:-$HOME/.cache}/ksbench/debug-kernel-VERSION/ (others)
# cached per config, scripts and source package version; then ksbench.ko
# for it (`make module`), and the elapsed time.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kernels=$(cd "$here/.." && pwd)
version=${1:-6.1}
package=linux-source-$version
tarball=/usr/src/$package.tar.xz
name=debug-kernel
[ "$version" = 6.1 ] || name=debug-kernel-$version

[ -r "$tarball" ] || { echo "$name: no $tarball: run 'make deps' (installs $package)" >&2; exit 1; }
# The package version when dpkg knows the tarball; its hash otherwise.
pkgversion=$(dpkg-query -W -f='${Version}' "$package" 2>/dev/null) ||
	pkgversion=sha256:$(sha256sum <"$tarball" | cut -d' ' -f1)
CALLER=$here/build.sh exec "$kernels/build-kernel.sh" "$name" "$tarball" \
	"$package $pkgversion" -ksbench-debug "$kernels/vm.config" "$here/ksbench-debug.config"
