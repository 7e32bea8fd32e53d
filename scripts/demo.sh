#!/usr/bin/env bash
# The one-minute try-out without an AWS account: a local STS emulator (moto), a throwaway HOME
# with the seed-style config, demo keys in a vault file, and jvault exec run twice: the first
# run asks for an MFA code (any 6 digits; or pass one as the argument), the second needs none.
#   scripts/demo.sh [MFA-CODE]
set -euo pipefail

case ${1:-} in -h|--help) sed -n '2,5p' "$0"; exit 0 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd -P)
code=${1:-}
[ -z "$code" ] || [[ "$code" =~ ^[0-9]{6}$ ]] || { echo "demo.sh: the MFA code is 6 digits" >&2; exit 2; }
command -v aws >/dev/null || { echo "demo.sh: needs the AWS CLI (pip install awscli)" >&2; exit 1; }
python3 -c 'import moto.server' 2>/dev/null || { echo "demo.sh: needs moto (pip install 'moto[server]')" >&2; exit 1; }
[ -f "$root/target/lib/jvault.jar" ] || [ -f "$root/lib/jvault.jar" ] \
  || { echo "demo.sh: build jvault first (scripts/install.sh)" >&2; exit 1; }

demo=$(mktemp -d "${TMPDIR:-/tmp}/jvault-demo.XXXXXX")
moto_pid=
cleanup() {
  set +e   # every step runs: after Ctrl-C, moto may be gone already and kill fails
  [ -d "$demo/home" ] && HOME=$demo/home "$root/bin/jvault" agent stop >/dev/null 2>&1
  [ -z "$moto_pid" ] || { kill "$moto_pid" 2>/dev/null; wait "$moto_pid" 2>/dev/null; }
  rm -rf "$demo"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP   # Ctrl-C (at the MFA prompt, say) leaves through the EXIT trap too

. "$root/scripts/lib/local-sts.sh"
start_moto "$demo"
write_seed_config "$demo/home"
export HOME=$demo/home TMPDIR=$demo
export AWS_ENDPOINT_URL_STS=http://127.0.0.1:$moto_port     # STS is the local emulator
export JVAULT_BACKEND=file JVAULT_FILE_PASSPHRASE=demo-only  # a throwaway vault, no prompt for its passphrase
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
unset XDG_RUNTIME_DIR   # the demo's agent lives in the throwaway HOME, never beside your own
export JVAULT_AGENT=on
jvault=$root/bin/jvault

# Bold commands on a terminal; plain text when piped or when NO_COLOR is set (no-color.org).
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold= plain=; fi
step() { printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"; }
step "jvault add main --env        # AWS's documented example keys"
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY "$jvault" add main --env

step "jvault exec dev-1 -- aws sts get-caller-identity      # asks for the MFA code"
"$jvault" exec dev-1 ${code:+-t "$code"} -- aws sts get-caller-identity

step "jvault exec dev-1 -- aws sts get-caller-identity      # the agent's cached session: no code, no STS call, no store"
"$jvault" exec dev-1 -- aws sts get-caller-identity

step "jvault list"
"$jvault" list

step "jvault agent status      # what the agent holds, no secret; jvault lock forgets it all"
"$jvault" agent status
printf '\nDone; the emulator and the throwaway HOME are removed.\n'
