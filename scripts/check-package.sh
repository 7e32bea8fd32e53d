#!/usr/bin/env bash
# Checks a release archive as a user gets it, on the OS and CPU it was built for: unpacked into a
# throwaway folder and run with no Java on PATH and no JAVA_HOME, it stores keys in a vault file and
# runs a role's exec against a local STS emulator twice, the second from its cache; then starts the
# agent and has the native client answer a third from the agent alone.
#   scripts/check-package.sh ARCHIVE     (needs python3 with moto: python3 -m pip install 'moto[server]')
set -euo pipefail

case ${1:-} in ''|-h|--help) sed -n '2,5p' "$0"; exit 2 ;; esac
archive=$1
say() { printf 'check-package.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
python3 -c 'import moto.server' 2>/dev/null || die "needs moto: python3 -m pip install 'moto[server]'"

work=$(mktemp -d)
moto_pid=
cleanup() {
  [ -z "${jvault:-}" ] || env -i HOME="$work/home" PATH=/usr/bin:/bin "$jvault" agent stop >/dev/null 2>&1 || true
  if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

tar -C "$work" -xzf "$archive"
jvault=$(echo "$work"/jvault-*/bin/jvault)
[ -x "$jvault" ] || die "no jvault-*/bin/jvault in $archive"
[ -x "${jvault%/*}/jvault-fast" ] || die "no native client (jvault-*/bin/jvault-fast) in $archive"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m moto.server -H 127.0.0.1 -p "$port" > "$work/moto.log" 2>&1 &
moto_pid=$!
endpoint=http://127.0.0.1:$port
for _ in $(seq 1 100); do
  python3 -c "import urllib.request; urllib.request.urlopen('$endpoint/moto-api/', timeout=1)" 2>/dev/null && break
  kill -0 "$moto_pid" 2>/dev/null || die "moto did not start: $(tail -3 "$work/moto.log")"
  sleep 0.2
done

home=$work/home
mkdir -p "$home/.aws"
cat > "$home/.aws/config" <<'INI'
[profile main]
region = us-east-1

[profile dev]
role_arn = arn:aws:iam::123456789012:role/dev
source_profile = main
region = us-east-1
INI
# A machine without Java: nothing but the archive's own runtime; no agent to outlive the check.
run() {
  env -i HOME="$home" PATH=/usr/bin:/bin AWS_ENDPOINT_URL_STS="$endpoint" JVAULT_BACKEND=file \
    JVAULT_FILE_PASSPHRASE=check-package JVAULT_AGENT=off "$@"
}
run AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
  "$jvault" add main --env > /dev/null || die "jvault add failed"
first=$(run "$jvault" exec dev -- sh -c 'echo "$AWS_ACCESS_KEY_ID"') || die "the first exec failed"
second=$(run "$jvault" exec dev -- sh -c 'echo "$AWS_ACCESS_KEY_ID"') || die "the second exec failed"
case $first in ASIA*) ;; *) die "the exec got no temporary keys from STS: '$first'" ;; esac
[ "$first" = "$second" ] || die "the second exec did not come from the cache ($first, then $second)"
# The agent gets the session; then the native client, run by itself with no passphrase, can only
# answer from the agent (its fallback, the full path, would have no way to open the vault).
run JVAULT_AGENT=on "$jvault" exec dev -- true || die "the exec that starts the agent failed"
third=$(env -i HOME="$home" PATH=/usr/bin:/bin JVAULT_BACKEND=file "${jvault%/*}/jvault-fast" exec dev -- \
  sh -c 'echo "$AWS_ACCESS_KEY_ID"' 2>&1) || die "the native client did not answer from the agent: $third"
[ "$third" = "$first" ] || die "the native client's exec got other keys ($first, then $third)"
say "ok: $("$jvault" --version | head -n 1 | cut -c1-60): a role's exec against STS, from the cache, from the agent"

