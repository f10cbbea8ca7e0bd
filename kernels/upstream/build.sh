#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# build.sh [VERSION]: builds an upstream kernel for the VM target (`make
# kernel VERSION=7.3`; docs/upstream-kernel.md). Debian's
# linux-source-VERSION .deb is downloaded from the suite named in
# ./sources with a private apt state (fetch-source.sh), its tarball taken
# out, and tinyconfig plus ../vm.config plus ksbench-upstream.config built
# by ../build-kernel.sh into ${XDG_CACHE_HOME:-$HOME/.cache}/ksbench/kernel-VERSION/
# (current/bzImage, current/build), cached per config, script and source
# version. Without VERSION, the last one in ./sources.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
sources=$here/sources
version=${1:-$(grep -v '^#' "$sources" | tail -n 1 | cut -d' ' -f1)}
suite=$(awk -v v="$version" '!/^#/ && $1 == v { print $2 }' "$sources")
if [ -z "$suite" ]; then
	echo "kernel: no upstream kernel $version: kernels/upstream/sources knows" \
		"$(grep -v '^#' "$sources" | cut -d' ' -f1 | tr '\n' ' ')" >&2
	exit 2
fi
package=linux-source-$version
cache=${XDG_CACHE_HOME:-$HOME/.cache}/ksbench/kernel-$version

{ read -r deb; read -r debversion; } < <("$here/fetch-source.sh" "$package" "$suite" "$cache/deb")
[ -n "${debversion:-}" ] || exit 1
# The tarball inside the .deb, taken out once per package version.
tarball=$cache/deb/$package-$debversion.tar.xz
if [ ! -f "$tarball" ]; then
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/$package.tar.xz" >"$tarball.part"
	mv "$tarball.part" "$tarball"
	# Older packages are not needed again.
	find "$cache/deb" -maxdepth 1 -name "$package*" ! -name "$(basename "$deb")" \
		! -name "$(basename "$tarball")" -delete
fi
CALLER=$here/build.sh exec "$here/../build-kernel.sh" "kernel-$version" "$tarball" \
	"$package $debversion" -ksbench "$here/../vm.config" "$here/ksbench-upstream.config"
