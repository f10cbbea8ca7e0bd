#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fetch-source.sh PACKAGE SUITE DEST: downloads Debian's PACKAGE (a
# linux-source-X.Y .deb, architecture all) from SUITE into DEST with
# `apt-get download`, using an apt state of its own under
# ${XDG_CACHE_HOME:-$HOME/.cache}/ksbench/apt/ (sources list, lists, cache):
# the system's apt configuration and lists are neither read for sources nor
# changed. The mirror is the one the system's sources use for Debian.
# Prints the path of the .deb, then its version, one per line.
set -euo pipefail

package=$1
suite=$2
dest=$3
state=${XDG_CACHE_HOME:-$HOME/.cache}/ksbench/apt
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

die() {
	echo "fetch-source: $*" >&2
	exit 1
}

# The first Debian archive URI among the system's sources (deb822 or
# one-line format), not the security archive; deb.debian.org otherwise.
mirror() {
	local uri
	uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		  /etc/apt/sources.list.d/*.sources 2>/dev/null |
	      grep -oE '^[[:space:]]*(URIs:|deb)[[:space:]]+(\[[^]]*\][[:space:]]+)?[a-z]+://[^[:space:]]+' |
	      grep -oE '[a-z]+://[^[:space:]]+' | grep -E '/debian/?$' | head -n 1 || true)
	echo "${uri:-http://deb.debian.org/debian}"
}

[ -r "$keyring" ] || die "no $keyring: install debian-archive-keyring"
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/etc/parts" \
	"$state/etc/preferences.d" "$dest"
echo "deb [signed-by=$keyring] $(mirror) $suite main" >"$state/etc/sources.list"

# Private sources, lists, cache and preferences; nothing under /etc/apt or
# /var/lib/apt is written (apt-get update takes its lock in Dir::State::Lists).
# The cache is root's, not _apt's: no sandbox user.
apt_private() {
	local tool=$1
	shift
	"$tool" -q \
		-o Dir::Etc::SourceList="$state/etc/sources.list" \
		-o Dir::Etc::SourceParts="$state/etc/parts" \
		-o Dir::Etc::PreferencesParts="$state/etc/preferences.d" \
		-o Dir::State::Lists="$state/lists" \
		-o Dir::Cache="$state/cache" \
		-o APT::Get::List-Cleanup=false \
		-o APT::Sandbox::User=root \
		"$@"
}

# The lists are refreshed at most once a day: a cached source needs no network.
if [ -z "$(find "$state/lists" -maxdepth 1 -name '*_Packages*' -mtime -1 2>/dev/null)" ]; then
	apt_private apt-get update >"$state/update.log" 2>&1 ||
		{ cat "$state/update.log" >&2; die "apt-get update of $suite failed ($state/update.log)"; }
fi
version=$(apt_private apt-cache show "$package" 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n 1)
[ -n "$version" ] || die "$package is not in $suite ($state/etc/sources.list)"
deb=$(ls "$dest/${package}_${version//:/%3a}_all.deb" 2>/dev/null || true)
if [ -z "$deb" ]; then
	(cd "$dest" && apt_private apt-get download "$package=$version" >"$state/download.log" 2>&1) ||
		{ cat "$state/download.log" >&2; die "apt-get download $package=$version failed"; }
	deb=$(ls "$dest/${package}_"*"_all.deb" | sort -V | tail -n 1)
fi
echo "$deb"
echo "$version"
