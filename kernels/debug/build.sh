#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Builds ksbench's debug kernel (`make debug-kernel`; docs/debug-kernel.md):
# Debian's linux-source-6.1, tinyconfig plus ksbench-debug.config, built out
# of the source tree into
#   ${XDG_CACHE_HOME:-$HOME/.cache}/ksbench/debug-kernel/<key>/
#       source/   the unpacked linux-source tarball
#       build/    the O= tree: a KDIR for out-of-tree modules
#       bzImage   what qemu -kernel boots
#       ok        written last: the release; a <key> without it is unfinished
#   .../debug-kernel/current -> <key>, the newest good build
# <key> hashes the fragment, this script and the source package's version,
# so a change to any of them builds anew and nothing else does. Then
# ksbench.ko for it (`make module`), and the elapsed time.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fragment=$here/ksbench-debug.config
package=linux-source-6.1
tarball=/usr/src/$package.tar.xz
cache=${XDG_CACHE_HOME:-$HOME/.cache}/ksbench/debug-kernel
localversion=-ksbench-debug
start=$SECONDS

die() {
	echo "debug-kernel: $*" >&2
	exit 1
}

elapsed() {
	local s=$((SECONDS - start))
	printf '%dm%02ds' $((s / 60)) $((s % 60))
}

# --- what the build needs ----------------------------------------------------

[ -r "$tarball" ] || die "no $tarball: run 'make deps' (installs $package)"
missing=
for tool in gcc make flex bison bc xz tar flock sha256sum; do
	command -v "$tool" >/dev/null || missing="$missing $tool"
done
for header in gelf.h openssl/opensslv.h; do
	echo "#include <$header>" | gcc -E -x c - >/dev/null 2>&1 || missing="$missing <$header>"
done
[ -z "$missing" ] || die "missing:$missing: run 'make deps' (flex bison bc libelf-dev libssl-dev)"

# The package version when dpkg knows the tarball; its hash otherwise.
version=$(dpkg-query -W -f='${Version}' "$package" 2>/dev/null) ||
	version=sha256:$(sha256sum <"$tarball" | cut -d' ' -f1)
key=$( (cat "$fragment" "$here/build.sh"; echo "$package $version") | sha256sum | cut -c1-16)
dir=$cache/$key
src=$dir/source
obj=$dir/build

mkdir -p "$cache"
# One build at a time: a second `make debug-kernel` waits, then finds it cached.
exec 9>"$cache/.lock"
flock 9

if [ -f "$dir/ok" ]; then
	release=$(cat "$dir/ok")
	echo "debug-kernel: $release cached in $dir ($package $version)"
else
	echo "debug-kernel: building $package $version with $fragment into $dir"

	# Unpacked once per key; a stamp tells a whole tree from a cut one.
	if [ ! -f "$src/.ksbench-unpacked" ]; then
		rm -rf "$src" "$obj"
		mkdir -p "$src"
		tar -xJf "$tarball" -C "$src" --strip-components=1
		touch "$src/.ksbench-unpacked"
	fi

	kmake() {
		make -C "$src" O="$obj" ARCH=x86_64 "$@"
	}
	# Configured once per key (the key covers the fragment): configuring
	# again would touch the headers and make an interrupted build restart.
	# Its chatter (every choice the fragment overrides) shows on failure only.
	if [ ! -f "$obj/.ksbench-configured" ]; then
		mkdir -p "$obj"
		if ! out=$(kmake -s tinyconfig 2>&1 &&
			   "$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$fragment" 2>&1 &&
			   kmake -s olddefconfig 2>&1); then
			printf '%s\n' "$out" >&2
			die "configuring $obj failed"
		fi
		touch "$obj/.ksbench-configured"
	fi
fi

# merge_config.sh keeps quiet about options whose dependencies are unmet
# and olddefconfig drops them: every line of the fragment must have held.
dropped=
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF "$line" "$obj/.config" ||
			dropped="$dropped ${line} (got: $(grep -E "^(# )?${line%%=*}[= ]" "$obj/.config" || echo absent))," ;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }
		opt=${opt%% *}
		! grep -q "^$opt=" "$obj/.config" || dropped="$dropped $line (got: $(grep "^$opt=" "$obj/.config")),"
		;;
	esac
done <"$fragment"
[ -z "$dropped" ] || die "olddefconfig did not keep:${dropped%,} (see $obj/.config)"

if [ ! -f "$dir/ok" ]; then
	# Thousands of CC lines would bury the rest of `make test`'s output.
	echo "debug-kernel: make -j$(nproc) all, log in $dir/build.log"
	kmake -j"$(nproc)" all >"$dir/build.log" 2>&1 ||
		{ tail -n 30 "$dir/build.log" >&2; die "the kernel build failed: $dir/build.log"; }
	kmake -s modules_prepare
	# Module.symvers comes from the modules step; a build without modules
	# of its own still has vmlinux's exports in vmlinux.symvers.
	[ -s "$obj/Module.symvers" ] || cp "$obj/vmlinux.symvers" "$obj/Module.symvers"
	release=$(cat "$obj/include/config/kernel.release")
	case $release in
	*"$localversion") ;;
	*) die "release '$release' does not end in $localversion" ;;
	esac
	cp "$obj/arch/x86/boot/bzImage" "$dir/bzImage"
	echo "$release" >"$dir/ok"
	echo "debug-kernel: built $release in $(elapsed)"
fi

# current -> this key, replaced in one rename; older builds go, except the
# one current named before (whatever still uses it keeps working).
previous=$(readlink "$cache/current" 2>/dev/null || true)
ln -sfn "$key" "$cache/.current.new"
mv -T "$cache/.current.new" "$cache/current"
for old in "$cache"/*/; do
	old=$(basename "$old")
	[ -L "$cache/$old" ] || [ "$old" = "$key" ] || [ "$old" = "$previous" ] ||
		rm -rf "${cache:?}/$old"
done

make -s -C "$root" --no-print-directory module KDIR="$obj"
echo "debug-kernel: $cache/current -> $key: $release, $dir/bzImage; total $(elapsed)"
