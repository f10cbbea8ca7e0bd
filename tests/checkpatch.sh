#!/bin/bash
# Kernel style for kmod/: checkpatch.pl --strict from Debian's linux-source,
# extracted once into build/ (only the script and the data files it reads).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
if [ -z "$tarball" ]; then
	echo "checkpatch: no /usr/src/linux-source-*.tar.xz: run 'make deps'" >&2
	exit 1
fi
dest="$top/build/checkpatch"
src=$(basename "$tarball" .tar.xz)
if [ ! -x "$dest/$src/scripts/checkpatch.pl" ]; then
	mkdir -p "$dest"
	tar -xJf "$tarball" -C "$dest" "$src/scripts/checkpatch.pl" \
		"$src/scripts/spelling.txt" "$src/scripts/const_structs.checkpatch"
fi
cd "$top/kmod"
# The shared headers in include/ are built in user space too: no BIT().
# compat.h is the one place that tests kernel versions (an out-of-tree
# module builds for many): there, and only there, LINUX_VERSION_CODE.
files=$(find . -type f \( -name '*.[ch]' ! -name '*.mod.c' ! -name compat.h \) | sort)
checkpatch() {
	"$dest/$src/scripts/checkpatch.pl" --no-tree --strict --terse "$@" 2>&1 |
		grep -E 'ERROR|WARNING|CHECK' || true
}
out=$(checkpatch -f $files; checkpatch --ignore BIT_MACRO -f ../include/*.h
	checkpatch --ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f compat.h
	checkpatch -f ../bench/overhead/ref/*.c)
if [ -n "$out" ]; then
	echo "$out"
	echo "checkpatch: 0 passed, 1 failed"
	exit 1
fi
echo "checkpatch: $(echo $files compat.h ../include/*.h ../bench/overhead/ref/*.c | wc -w) files clean"
