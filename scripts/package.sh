#!/usr/bin/env bash
# Builds the packages a user installs without Java or Maven, for this machine's OS and CPU:
#   jvault-VERSION-OS-ARCH.tar.gz  jvault with its own Java runtime (jlink), native client, AOT cache, man pages, completion
#   jvault_VERSION_ARCH.deb        the same in /usr/lib/jvault, /usr/bin/jvault (Linux, with dpkg-deb)
#   scripts/package.sh [--out DIR] [--no-build]    (default DIR: target/dist; --no-build packages target/ as it is)
# DEB_MAINTAINER sets the .deb's Maintainer field.
set -euo pipefail
# What the packages hold is written by root and read by all, whatever the builder's umask.
umask 022

root=$(cd "$(dirname "$0")/.." && pwd -P)
out=$root/target/dist
build=1
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    --out=*) out=${1#--out=}; shift ;;
    --no-build) build=; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf 'package.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

cd "$root"
. bin/jvault-java.sh
jvault_find_java || exit 1
jdk=${JVAULT_JAVA%/bin/java}
[ -x "$jdk/bin/jlink" ] && [ -x "$jdk/bin/jdeps" ] \
  || die "needs a full JDK 25+ (with jlink and jdeps) to build the runtime; $jdk has none: set JAVA_HOME to a JDK"

case $(uname -s) in
  Linux) os=linux ;;
  Darwin) os=macos ;;
  *) die "packages are built for Linux and macOS; this is $(uname -s)" ;;
esac
case $(uname -m) in
  x86_64|amd64) arch=x64 deb_arch=amd64 ;;
  aarch64|arm64) arch=arm64 deb_arch=arm64 ;;
  *) die "no package for CPU $(uname -m)" ;;
esac

. scripts/lib/layout.sh
if [ -n "$build" ]; then
  say "building with $JVAULT_JAVA"
  jvault_build
fi
[ -d target/man/man1 ] || die "no man pages in target/man: run mvn package (or drop --no-build)"

mkdir -p "$out"
out=$(cd "$out" && pwd -P)
work=$(mktemp -d "${TMPDIR:-/tmp}/jvault-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

app=$work/jvault
jvault_lay_out "$root" "$app"
# A package always brings the native client: built here, for this OS and CPU.
jvault_build_client "$root" "$app/bin/jvault-fast" || die "cannot build the native client (install a C compiler)"
# The runtime holds the modules the jars use (jdeps reads them), without debug symbols, headers or
# man pages. java.desktop comes in for java.beans, which the AWS SDK's models name; its native
# libraries (AWT, fonts, images, sound) are left out: jvault never draws, and so the runtime needs
# nothing but libc.
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 "$app/lib/"*.jar)
no_graphics=
for native in awt jawt fontmanager freetype javajpeg jsound lcms mlib_image splashscreen osxapp osxui; do
  no_graphics=$no_graphics${no_graphics:+,}/java.desktop/**/lib$native*
done
say "linking a runtime with $modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --exclude-files="$no_graphics" --output "$app/runtime" \
  || die "jlink failed (a JDK without jmods must be built with --enable-linkable-runtime)"

version=$(JVAULT_AOT_CACHE=off "$app/bin/jvault" --version | awk '{print $2; exit}')
[ -n "$version" ] || die "the packaged jvault did not start"
name=jvault-$version-$os-$arch
mv "$app" "$work/$name"
app=$work/$name

say "training the AOT cache for the packaged runtime"
jvault_train_aot "$app" "$work/aot-training.log" || die "AOT training failed: $(tail -5 "$work/aot-training.log")"
jvault_write_shell_files "$root" "$app" "$app/share"

# No entry writable by group or others: files copied from a checkout keep its modes, and a
# builder's umask of 002 would leave bin/, lib/ and runtime/ group-writable for whoever unpacks them as root.
chmod -R u+rwX,go+rX,go-w "$app"
# Owned by root in the archive, whoever built it (GNU tar on Linux, bsdtar on macOS).
if tar --version 2>/dev/null | grep -q GNU; then owner=(--owner=0 --group=0 --numeric-owner); else owner=(--uid 0 --gid 0); fi
archive=$out/$name.tar.gz
tar -C "$work" "${owner[@]}" -czf "$archive" "$name"
say "wrote $archive ($(du -k "$archive" | cut -f1) KB)"

# The .deb: the same folder as /usr/lib/jvault, and the rest where Debian puts it.
if [ "$os" = linux ] && command -v dpkg-deb >/dev/null; then
  deb_root=$work/deb
  mkdir -p "$deb_root/usr/lib/jvault" "$deb_root/usr/bin" "$deb_root/usr/share/doc/jvault" "$deb_root/DEBIAN"
  for part in bin lib docs runtime; do
    cp -a "$app/$part" "$deb_root/usr/lib/jvault/"   # -a keeps the jars older than the AOT cache
  done
  cp -a "$app/share" "$deb_root/usr/"
  mv "$deb_root/usr/share/zsh/site-functions" "$deb_root/usr/share/zsh/vendor-completions"
  gzip -9n "$deb_root/usr/share/man/man1/"*.1
  ln -s ../lib/jvault/bin/jvault "$deb_root/usr/bin/jvault"
  ln -s ../lib/jvault/bin/jvault-fast "$deb_root/usr/bin/jvault-fast"   # the launcher looks next to its own name
  cat "$root/LICENSE" "$root/NOTICE" > "$deb_root/usr/share/doc/jvault/copyright"
  deb_version=${version//-/\~}   # 0.1.0-SNAPSHOT sorts before 0.1.0 as 0.1.0~SNAPSHOT
  cat > "$deb_root/DEBIAN/control" <<CONTROL
Package: jvault
Version: $deb_version
Section: utils
Priority: optional
Architecture: $deb_arch
Maintainer: ${DEB_MAINTAINER:-jvault developers <noreply@jvault.invalid>}
Installed-Size: $(du -sk "$deb_root/usr" | cut -f1)
Depends: libc6
Recommends: bash-completion
Suggests: gnome-keyring, awscli
Description: short-lived, MFA-backed AWS credentials for every command
 jvault keeps the long-lived access keys of your main AWS account in the OS
 keychain or an encrypted vault, and runs each command with short-lived STS
 credentials for the profile you name in ~/.aws/config (role chains, MFA).
 It brings its own Java runtime.
CONTROL
  # Before the files go, every user's agent from this package stops: it holds vault keys and
  # sessions, and would run on from a deleted runtime (it also stops by itself when its jar is gone).
  cat > "$deb_root/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
set -e
case "$1" in
  remove|upgrade|deconfigure)
    for proc in /proc/[0-9]*; do
      command=$(tr '\0' ' ' < "$proc/cmdline" 2>/dev/null) || continue
      case $command in
        /usr/lib/jvault/runtime/bin/java\ *dev.jvault.agent.AgentMain*) kill -TERM "${proc#/proc/}" 2>/dev/null || true ;;
      esac
    done ;;
esac
exit 0
PRERM
  chmod 755 "$deb_root/DEBIAN/prerm"
  chmod -R u+rwX,go+rX,go-w "$deb_root"
  deb=$out/jvault_${deb_version}_$deb_arch.deb
  dpkg-deb --root-owner-group -Zxz --build "$deb_root" "$deb" >/dev/null
  say "wrote $deb ($(du -k "$deb" | cut -f1) KB)"
fi
