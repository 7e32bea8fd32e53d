#!/usr/bin/env bash
# THE test command (README, .ci/run, GitHub Actions): installs what the tests need when it is
# missing, and runs `mvn verify` with the Java 25+ it finds, inside a private D-Bus session with
# an unlocked gnome-keyring in a throwaway folder (scripts/with-private-keyring.sh). Extra arguments go to Maven, e.g.
#   scripts/test.sh -Dtest=ProfileResolverTest -Dit.test=NONE
set -euo pipefail

case ${1:-} in -h|--help) sed -n '2,5p' "$0"; exit 0 ;; esac

root=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$root"

say() { printf 'test.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# Runs a command as root: directly, through sudo, or not at all (with the reason).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else die "needs root to run: $* (install it yourself, then run again)"
  fi
}

apt_updated=
apt_install() {
  command -v apt-get >/dev/null || die "missing $*, and this is not a Debian-like system: install $* with your package manager"
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  say "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_tools() {
  local missing=()
  command -v dbus-run-session >/dev/null || missing+=(dbus)
  command -v dbus-send >/dev/null || missing+=(dbus)
  command -v gnome-keyring-daemon >/dev/null || missing+=(gnome-keyring)
  command -v secret-tool >/dev/null || missing+=(libsecret-tools)
  command -v mvn >/dev/null || missing+=(maven)
  command -v python3 >/dev/null || missing+=(python3 python3-pip)
  command -v zsh >/dev/null || missing+=(zsh)     # CompletionIT checks the zsh and fish scripts
  command -v fish >/dev/null || missing+=(fish)
  [ -f /usr/share/bash-completion/bash_completion ] || missing+=(bash-completion)   # PackageIT: install.sh's completion loads
  command -v groff >/dev/null || missing+=(groff-base)   # ManPagesIT checks the pages the build writes
  command -v man >/dev/null || missing+=(man-db)
  command -v dpkg-deb >/dev/null || missing+=(dpkg)    # PackageIT builds and opens the .deb
  # NativeClientIT builds the native client with warnings as errors, and with ASan and UBSan.
  command -v cc >/dev/null || missing+=(gcc libc6-dev)
  echo 'int main(void){return 0;}' | cc -x c -fsanitize=address,undefined -o /dev/null - 2>/dev/null || missing+=(gcc libc6-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install $(printf '%s\n' "${missing[@]}" | sort -u)
  fi
  # moto (the STS emulator) and the AWS CLI (the real client the child runs) come from PyPI.
  if ! python3 -c 'import moto.server' 2>/dev/null; then
    say "installing moto[server] for python3"
    python3 -m pip install --quiet 'moto[server]>=5.1' || die "could not install moto: python3 -m pip install 'moto[server]'"
  fi
  # The aws-vault import tests write aws-vault's file store with jwcrypto, an implementation of JWE not jvault's.
  if ! /usr/bin/python3 -c 'import jwcrypto' 2>/dev/null; then
    apt_install python3-jwcrypto
  fi
  if ! command -v aws >/dev/null; then
    say "installing the AWS CLI"
    python3 -m pip install --quiet awscli || apt_install awscli || die "could not install the AWS CLI"
  fi
}

. bin/jvault-java.sh
jvault_find_java || die "no Java 25+ to build and test with"
export JAVA_HOME=${JVAULT_JAVA%/bin/java}
# Maven's own libraries use sun.misc.Unsafe; say it is fine rather than print four warnings.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
ensure_tools

# The processes this run starts (moto, the keyring daemon, test JVMs) inherit this mark; agents
# started by tests are known by their throwaway HOME. None may outlive the run.
test_run="$$-$(date +%s)"
left_behind() {
  [ -d /proc/self ] || return 0   # Linux: /proc shows each process's environment
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    [ "$pid" = $$ ] && continue
    if tr '\0' '\n' 2>/dev/null < "$proc/environ" | grep -qx "JVAULT_TEST_RUN=$test_run" \
      || tr '\0' ' ' 2>/dev/null < "$proc/cmdline" | grep -q "Duser.home=[^ ]*/jvault-home-.* dev.jvault.agent.AgentMain"; then
      printf '%s %s\n' "$pid" "$(tr '\0' ' ' 2>/dev/null < "$proc/cmdline")"
    fi
  done
}

say "Java: $JVAULT_JAVA ($("$JVAULT_JAVA" -version 2>&1 | head -n 1))"
# The keychain tests get a real gnome-keyring in a throwaway folder, never the user's own.
status=0
. "$root/scripts/lib/maven.sh"
export -f run_maven
JVAULT_TEST_RUN=$test_run "$root/scripts/with-private-keyring.sh" bash -c 'run_maven verify "$@"' run_maven "$@" || status=$?

# A daemon takes a moment to notice its bus is gone; what is still there after that was left behind.
for _ in $(seq 1 50); do
  [ -z "$(left_behind)" ] && break
  sleep 0.1
done
leftovers=$(left_behind)
if [ -n "$leftovers" ]; then
  say "these processes outlived the test run (a test did not stop them); ending them:"
  printf '%s\n' "$leftovers" >&2
  printf '%s\n' "$leftovers" | while read -r pid _; do kill "$pid" 2>/dev/null || true; done
  exit 1
fi
say "no moto, keyring daemon or agent outlived the run"
exit "$status"
