#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# build-kernel.sh NAME TARBALL VERSION LOCALVERSION FRAGMENT... : the build
# every kernel the project makes shares (kernels/debug/build.sh,
# kernels/upstream/build.sh; docs/debug-kernel.md). TARBALL (a
# linux-source-X.Y.tar.xz) is configured as tinyconfig plus the FRAGMENTs
# and built out of its source tree into
#   ${XDG_CACHE_HOME:-$HOME/.cache}/ksbench/NAME/<key>/
#       source/   the unpacked tarball
#       build/    the O= tree: a KDIR for out-of-tree modules
#       bzImage   what qemu -kernel boots
#       build.log the kernel build's output
#       seconds   how long the build took, when this key was built
#       ok        written last: the release; a <key> without it is unfinished
#   .../NAME/current -> <key>, the newest good build
# <key> hashes the fragments, this script, the calling script ($CALLER)
# and VERSION (the source package's), so a change to any of them builds
# anew and nothing else does. Then ksbench.ko for it (`make module`), and
# the elapsed time. The release must end in LOCALVERSION.
set -euo pipefail

name=$1
tarball=$2
version=$3
localversion=$4
shift 4
fragments=("$@")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/ksbench/$name
start=$SECONDS

die() {
	echo "$name: $*" >&2
	exit 1
}

elapsed() {
	local s=$((SECONDS - ${1:-$start}))
	printf '%dm%02ds' $((s / 60)) $((s % 60))
}

# --- what the build needs ----------------------------------------------------

[ -r "$tarball" ] || die "no $tarball"
missing=
for tool in gcc make flex bison bc xz tar flock sha256sum; do
	command -v "$tool" >/dev/null || missing="$missing $tool"
done
for header in gelf.h openssl/opensslv.h; do
	echo "#include <$header>" | gcc -E -x c - >/dev/null 2>&1 || missing="$missing <$header>"
done
[ -z "$missing" ] || die "missing:$missing: run 'make deps' (flex bison bc libelf-dev libssl-dev)"

key=$( (cat "${fragments[@]}" "$here/build-kernel.sh" "${CALLER:-/dev/null}"
	echo "$tarball $version") | sha256sum | cut -c1-16)
dir=$cache/$key
src=$dir/source
obj=$dir/build

mkdir -p "$cache"
# One build at a time: a second run waits, then finds it cached.
exec 9>"$cache/.lock"
flock 9

kmake() {
	make -C "$src" O="$obj" ARCH=x86_64 "$@"
}

if [ -f "$dir/ok" ]; then
	release=$(cat "$dir/ok")
	echo "$name: $release cached in $dir ($version)"
else
	echo "$name: building $version with ${fragments[*]} into $dir"
	# Unpacked once per key; a stamp tells a whole tree from a cut one.
	if [ ! -f "$src/.ksbench-unpacked" ]; then
		rm -rf "$src" "$obj"
		mkdir -p "$src"
		tar -xJf "$tarball" -C "$src" --strip-components=1
		touch "$src/.ksbench-unpacked"
	fi
	# Configured once per key (the key covers the fragments): configuring
	# again would touch the headers and make an interrupted build restart.
	# Its chatter (every choice a fragment overrides) shows on failure only.
	if [ ! -f "$obj/.ksbench-configured" ]; then
		mkdir -p "$obj"
		if ! out=$(kmake -s tinyconfig 2>&1 &&
			   "$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" \
				"${fragments[@]}" 2>&1 &&
			   kmake -s olddefconfig 2>&1); then
			printf '%s\n' "$out" >&2
			die "configuring $obj failed"
		fi
		touch "$obj/.ksbench-configured"
	fi
fi

# merge_config.sh keeps quiet about options whose dependencies are unmet
# and olddefconfig drops them: every line of the fragments must have held.
# A symbol that this kernel's Kconfig does not define at all (SLUB once
# SLOB and SLAB are gone) cannot be set: it is named, not fatal.
defined() {
	grep -rqE "^[[:space:]]*(menu)?config $1\$" --include='Kconfig*' "$src"
}
dropped=
absent=
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		opt=${line%%=*}
		grep -qxF "$line" "$obj/.config" && continue
		if defined "${opt#CONFIG_}"; then
			dropped="$dropped ${line} (got: $(grep -E "^(# )?$opt[= ]" "$obj/.config" || echo absent)),"
		else
			absent="$absent $opt"
		fi ;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }
		opt=${opt%% *}
		! grep -q "^$opt=" "$obj/.config" || dropped="$dropped $line (got: $(grep "^$opt=" "$obj/.config")),"
		;;
	esac
done < <(cat "${fragments[@]}")
[ -z "$dropped" ] || die "olddefconfig did not keep:${dropped%,} (see $obj/.config)"
[ -z "$absent" ] || echo "$name: not in this kernel's Kconfig, so not set:$absent"

if [ ! -f "$dir/ok" ]; then
	# Thousands of CC lines would bury the rest of `make test`'s output.
	echo "$name: make -j$(nproc) all, log in $dir/build.log"
	built=$SECONDS
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
	echo $((SECONDS - built)) >"$dir/seconds"
	echo "$release" >"$dir/ok"
	echo "$name: built $release in $(elapsed) (the kernel's make: $(elapsed "$built"))"
fi

# current -> this key, replaced in one rename; older builds go, except the
# one current named before (whatever still uses it keeps working).
previous=$(readlink "$cache/current" 2>/dev/null || true)
ln -sfn "$key" "$cache/.current.new"
mv -T "$cache/.current.new" "$cache/current"
for old in "$cache"/*/; do
	old=$(basename "$old")
	[[ $old =~ ^[0-9a-f]{16}$ ]] || continue
	[ -L "$cache/$old" ] || [ "$old" = "$key" ] || [ "$old" = "$previous" ] ||
		rm -rf "${cache:?}/$old"
done

make -s -C "$root" --no-print-directory module KDIR="$obj" ${WERROR:+WERROR=1}
echo "$name: $cache/current -> $key: $release, $dir/bzImage; total $(elapsed)"
