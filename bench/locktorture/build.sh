#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# build.sh RELEASE: torture.ko and locktorture.ko for a Debian kernel
# release, from the same series' linux-source-X.Y (kernel/torture.c,
# kernel/locking/locktorture.c and the kernel/rcu/rcu.h torture.c
# includes), built out of tree against /usr/src/linux-headers-RELEASE.
# Debian builds neither (CONFIG_LOCK_TORTURE_TEST is off). Prints the
# directory that holds the two modules.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
release=${1:?usage: build.sh RELEASE}
series=$(echo "$release" | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')
tarball=/usr/src/linux-source-$series.tar.xz
headers=/usr/src/linux-headers-$release
[ -f "$tarball" ] || { echo "build.sh: no $tarball (apt-get install linux-source-$series)" >&2; exit 1; }
[ -d "$headers" ] || { echo "build.sh: no $headers (apt-get install linux-headers-$release)" >&2; exit 1; }
dir=$top/build/locktorture/$release
if [ ! -f "$dir/locktorture.ko" ] || [ "$tarball" -nt "$dir/locktorture.ko" ] ||
	[ "$top/bench/locktorture/Kbuild" -nt "$dir/locktorture.ko" ]; then
	rm -rf "$dir"
	mkdir -p "$dir/rcu"
	src=linux-source-$series
	tar -xJf "$tarball" -C "$dir" --strip-components=1 \
		"$src/kernel/torture.c" "$src/kernel/locking/locktorture.c" "$src/kernel/rcu/rcu.h"
	mv "$dir/kernel/torture.c" "$dir/kernel/locking/locktorture.c" "$dir/"
	mv "$dir/kernel/rcu/rcu.h" "$dir/rcu/"
	rm -rf "$dir/kernel"
	cp "$top/bench/locktorture/Kbuild" "$dir/"
	make -s -C "$headers" M="$dir" modules >&2
fi
echo "$dir"
