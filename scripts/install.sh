#!/usr/bin/env bash
# Builds jvault (and its native client when there is a C compiler), lays it out in PREFIX/share/jvault,
# trains its AOT cache for the Java it found, links PREFIX/bin/jvault (and jvault-fast) to it, and puts the man pages and the bash, zsh and fish completion
# where each looks under PREFIX/share. Safe to run again: it replaces the previous install.
#   scripts/install.sh [--prefix DIR] [--no-build]   (default: ~/.local; --no-build installs target/ as it is)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd -P)
prefix=
build=1
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --no-build) build=; shift ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
prefix=${prefix:-${HOME:?install.sh: HOME is not set; pass --prefix DIR}/.local}
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd -P)
app=$prefix/share/jvault

cd "$root"
. bin/jvault-java.sh
jvault_find_java || exit 1
. scripts/lib/layout.sh
if [ -n "$build" ]; then
  command -v mvn >/dev/null || { echo "install.sh: needs Maven 3.8.7+ to build (apt install maven, brew install maven)" >&2; exit 1; }
  echo "Building with $JVAULT_JAVA ..."
  jvault_build
fi

# Assemble next to the old install, then swap, so a failed build never leaves a broken jvault.
rm -rf "$app.new" "$app.old"
jvault_lay_out "$root" "$app.new"
if jvault_build_client "$root" "$app.new/bin/jvault-fast"; then
  client="native client: $prefix/bin/jvault-fast (answers a cached exec from the agent)"
else
  client="native client: not built (see above); jvault works, a cached exec only starts slower"
fi
[ -d "$app" ] && mv "$app" "$app.old"
mv "$app.new" "$app"
rm -rf "$app.old"

echo "Training the AOT cache ..."
if ! jvault_train_aot "$app" "$app/lib/aot-training.log"; then
  echo "install.sh: AOT training failed (see $app/lib/aot-training.log); jvault works, only starts slower" >&2
fi

mkdir -p "$prefix/bin"
ln -sfn "$app/bin/jvault" "$prefix/bin/jvault"
# The launcher looks for the client next to the name it was run by.
if [ -x "$app/bin/jvault-fast" ]; then
  ln -sfn "$app/bin/jvault-fast" "$prefix/bin/jvault-fast"
else
  rm -f "$prefix/bin/jvault-fast"
fi
jvault_write_shell_files "$root" "$app" "$prefix/share"
echo "Installed jvault $("$prefix/bin/jvault" --version | sed 's/^jvault //')"
echo "  program:  $app"
echo "  docs:     $app/docs, and man jvault (in $prefix/share/man)"
echo "  command:  $prefix/bin/jvault"
echo "  $client"
echo "  completion: bash and fish find it in $prefix/share when that is your XDG data folder (~/.local/share);"
echo "              zsh: fpath+=($prefix/share/zsh/site-functions) before compinit in ~/.zshrc"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "  note: $prefix/bin is not on your PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
