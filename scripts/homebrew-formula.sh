#!/usr/bin/env bash
# Writes the Homebrew formula for a release on stdout, from packaging/homebrew/jvault.rb.in and the
# SHA256SUMS of its four archives (linux and macos, x64 and arm64).
#   scripts/homebrew-formula.sh VERSION DOWNLOAD-URL HOMEPAGE SHA256SUMS
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,4p' "$0"; exit 0 ;; esac
[ $# = 4 ] || { sed -n '2,4p' "$0" >&2; exit 2; }
version=$1 download=$2 homepage=$3 sums=$4
root=$(cd "$(dirname "$0")/.." && pwd -P)

formula=$(sed -e "s|@VERSION@|$version|g" -e "s|@DOWNLOAD@|$download|g" -e "s|@HOMEPAGE@|$homepage|g" \
  "$root/packaging/homebrew/jvault.rb.in")
for platform in linux-x64 linux-arm64 macos-x64 macos-arm64; do
  archive=jvault-$version-$platform.tar.gz
  sum=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$sums")
  [[ $sum =~ ^[0-9a-f]{64}$ ]] || { echo "homebrew-formula.sh: no SHA-256 for $archive in $sums" >&2; exit 1; }
  formula=${formula//@SHA256_$platform@/$sum}
done
printf '%s\n' "$formula"
