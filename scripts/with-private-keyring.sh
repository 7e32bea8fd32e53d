#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring whose files live
# in a throwaway folder, so the command can use a real Secret Service without touching the
# user's own keyring. Used by test.sh and bench.sh.
#   scripts/with-private-keyring.sh COMMAND [ARGS...]
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,5p' "$0"; exit 0 ;; esac
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
for tool in dbus-run-session dbus-send gnome-keyring-daemon secret-tool; do
  command -v "$tool" >/dev/null || { echo "with-private-keyring.sh: $tool is missing (Debian: apt install dbus gnome-keyring libsecret-tools)" >&2; exit 1; }
done

sandbox=$(mktemp -d "${TMPDIR:-/tmp}/jvault-keyring.XXXXXX")
trap 'rm -rf "$sandbox"' EXIT
mkdir -p "$sandbox/data" "$sandbox/runtime"
chmod 700 "$sandbox/runtime"
export XDG_DATA_HOME=$sandbox/data XDG_RUNTIME_DIR=$sandbox/runtime

dbus-run-session -- bash -euo pipefail -c '
  printf "%s" "jvault-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  for _ in $(seq 1 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
      string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && break
    sleep 0.1
  done
  # Fail here, clearly, rather than in the middle of whatever uses the keyring.
  printf probe | secret-tool store --label "jvault keyring probe" service jvault-keyring-probe account probe \
    && [ "$(secret-tool lookup service jvault-keyring-probe account probe)" = probe ] \
    || { echo "with-private-keyring.sh: gnome-keyring did not start on the private D-Bus session" >&2; exit 1; }
  secret-tool clear service jvault-keyring-probe account probe
  "$@"
' with-private-keyring "$@"
