#!/usr/bin/env bash
# Start-up benchmark: whole-process runs, RUNS each (default 9), medians in ms, and ratios to a
# JVM hello-world on the same runtime and to the AWS CLI, all measured in the same run.
#   scripts/bench.sh [--runs N] [--jvault PATH]    (default: this checkout's bin/jvault)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd -P)
runs=9
jvault=$root/bin/jvault
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=${2:?}; shift 2 ;;
    --jvault) jvault=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ -x "$(dirname "$(readlink -f "$jvault")")/jvault-fast" ]; then
  echo "bench.sh: $jvault has its native client beside it: the 'agent: fast path' rows go through it too" >&2
fi

# The keychain rows use a private gnome-keyring, never the user's own: re-run inside one.
if [ -z "${JVAULT_BENCH_IN_KEYRING:-}" ] && command -v gnome-keyring-daemon >/dev/null; then
  JVAULT_BENCH_IN_KEYRING=1 exec "$root/scripts/with-private-keyring.sh" "$0" --runs "$runs" --jvault "$jvault"
fi

. "$root/bin/jvault-java.sh"
jvault_find_java || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/jvault-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

now_ns() { if [ -n "${EPOCHREALTIME:-}" ]; then local t=${EPOCHREALTIME/[.,]/}; echo "${t}000"; else date +%s%N; fi; }

# Prints the median wall time in ms of running "$@" $runs times (after one warm-up run).
median_ms() {
  "$@" >/dev/null 2>&1 || { echo "bench.sh: failed: $*" >&2; return 1; }
  local times=() start end
  for _ in $(seq "$runs"); do
    start=$(now_ns); "$@" >/dev/null 2>&1; end=$(now_ns)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# A sandbox HOME with the seed-style config, so no real profile or key is read.
. "$root/scripts/lib/local-sts.sh"
write_seed_config "$work/home"

java_home=${JVAULT_JAVA%/bin/java}
rows=()
row() { rows+=("$1|$2"); }

if [ -x "$java_home/bin/javac" ]; then
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$work/Hello.java"
  "$java_home/bin/javac" -d "$work" "$work/Hello.java"
  row "JVM hello-world (same flags)" "$(median_ms "$JVAULT_JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp "$work" Hello)"
fi
command -v aws >/dev/null && row "aws --version" "$(median_ms aws --version)"
row "/bin/true" "$(median_ms /bin/true)"
row "jvault --version (AOT cache)" "$(median_ms env HOME="$work/home" "$jvault" --version)"
row "jvault --version (no cache)" "$(median_ms env HOME="$work/home" JVAULT_AOT_CACHE=off "$jvault" --version)"
row "jvault describe dev-1 (AOT cache)" "$(median_ms env HOME="$work/home" "$jvault" describe dev-1)"
row "jvault describe dev-1 (no cache)" "$(median_ms env HOME="$work/home" JVAULT_AOT_CACHE=off "$jvault" describe dev-1)"

# list reads the store: the vault file costs one Argon2id derivation (64 MiB, t=3, p=4) per run.
keys=(AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY)
# Rows without the agent turn it off; the agent's rows come last.
file_env=(HOME="$work/home" JVAULT_BACKEND=file JVAULT_FILE_PASSPHRASE=bench-passphrase JVAULT_AGENT=off)
env "${file_env[@]}" "${keys[@]}" "$jvault" add main --env >/dev/null
cp "$work/home/.jvault/vault.jvlt" "$work/keys-only.jvlt"   # the store before any session: every cold run starts from it
row "jvault list (file backend, AOT cache)" "$(median_ms env "${file_env[@]}" "$jvault" list)"
keychain_env=(HOME="$work/home" JVAULT_BACKEND=keychain JVAULT_AGENT=off)
if [ -n "${JVAULT_BENCH_IN_KEYRING:-}" ]; then
  env "${keychain_env[@]}" "${keys[@]}" "$jvault" add main --env >/dev/null
  row "jvault list (keychain, AOT cache)" "$(median_ms env "${keychain_env[@]}" "$jvault" list)"
  env "${keychain_env[@]}" "$jvault" remove main -f >/dev/null
fi

# exec against a local STS emulator: jvault's cached path, and the AWS CLI's own MFA profile
# (keys in clear text in the bench's throwaway credentials file, its cache in ~/.aws/cli/cache).
if python3 -c 'import moto.server' 2>/dev/null && command -v aws >/dev/null; then
  start_moto "$work"
  trap 'kill $moto_pid 2>/dev/null; rm -rf "$work"' EXIT
  printf '[main]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' \
    > "$work/home/.aws/credentials"
  sts=(AWS_ENDPOINT_URL_STS="http://127.0.0.1:$moto_port")
  pty=$root/src/test/resources/pty_run.py
  # Every cold run opens a vault with keys and no session: Argon2id, MFA session and role anew.
  cold_jvault() {
    cp "$work/keys-only.jvlt" "$work/cold.jvlt"
    env "${file_env[@]}" "${sts[@]}" JVAULT_VAULT_FILE="$work/cold.jvlt" "$jvault" exec dev-1 -t 123456 -- /bin/true
  }
  cold_aws() { rm -rf "$work/home/.aws/cli/cache" && env HOME="$work/home" "${sts[@]}" python3 "$pty" 30 "Enter MFA code" 123456 -- aws --profile dev-1 sts get-caller-identity; }
  row "jvault exec dev-1 -- true (cold: MFA, 2 STS calls)" "$(median_ms cold_jvault)"
  row "aws --profile dev-1 sts get-caller-id. (cold, MFA)" "$(median_ms cold_aws)"
  env "${file_env[@]}" "${sts[@]}" "$jvault" exec dev-1 -t 123456 -- /bin/true   # the cache the rows below use
  row "jvault exec dev-1 -- true (cached, file, no agent)" "$(median_ms env "${file_env[@]}" "${sts[@]}" "$jvault" exec dev-1 -- /bin/true)"
  row "aws --profile dev-1 sts get-caller-identity (warm)" "$(median_ms env HOME="$work/home" "${sts[@]}" aws --profile dev-1 sts get-caller-identity)"
  printf '\n[profile cp]\nregion = eu-central-1\ncredential_process = %s export --format json dev-1\n' "$jvault" \
    >> "$work/home/.aws/config"
  row "aws --profile main (static keys)" "$(median_ms env HOME="$work/home" "${sts[@]}" aws --profile main sts get-caller-identity)"
  row "jvault exec dev-1 -- aws sts get-caller-id. (no agent)" "$(median_ms env "${file_env[@]}" "${sts[@]}" "$jvault" exec dev-1 -- aws sts get-caller-identity)"
  row "aws --profile cp (credential_process, no agent)" "$(median_ms env "${file_env[@]}" "${sts[@]}" aws --profile cp sts get-caller-identity)"

  # The agent (docs/agent.md): one run unlocks the vault and starts it; then the fast path.
  trap 'env HOME="$work/home" "$jvault" agent stop >/dev/null 2>&1; kill $moto_pid 2>/dev/null; rm -rf "$work"' EXIT
  env "${file_env[@]}" "${sts[@]}" JVAULT_AGENT=on "$jvault" exec dev-1 -t 123456 -- /bin/true
  agent_env=(HOME="$work/home" JVAULT_BACKEND=file "${sts[@]}")   # no passphrase: only the agent can open the vault
  row "jvault exec dev-1 -- true (agent: fast path)" "$(median_ms env "${agent_env[@]}" "$jvault" exec dev-1 -- /bin/true)"
  row "jvault exec dev-1 -- aws sts get-caller-id. (agent)" "$(median_ms env "${agent_env[@]}" "$jvault" exec dev-1 -- aws sts get-caller-identity)"
  row "aws --profile cp (credential_process, agent)" "$(median_ms env "${agent_env[@]}" aws --profile cp sts get-caller-identity)"
  # A miss with the agent unlocked: a duration not asked before makes one AssumeRole from the
  # cached MFA session, with the vault key from the agent (no passphrase, no Argon2id).
  miss=0
  miss_jvault() { miss=$((miss + 1)); env "${agent_env[@]}" "$jvault" exec dev-1 -d $((900 + miss)) -- /bin/true; }
  row "jvault exec dev-1 (miss, agent: 1 AssumeRole)" "$(median_ms miss_jvault)"
  rss=$( { /usr/bin/time -f %M env "${agent_env[@]}" "$jvault" exec dev-1 -- /bin/true; } 2>&1 | tail -n 1)
  peak_rss="peak RSS of the fast path (agent hit, up to the exec): ${rss} KiB"

  # The native client (docs/agent.md): a copy of the launcher with the client beside it, on the same
  # jars; a hit never starts a JVM. Without a C compiler these rows are left out.
  . "$root/scripts/lib/layout.sh"
  native=$work/native/bin/jvault
  mkdir -p "$work/native/bin"
  if jvault_build_client "$root" "$work/native/bin/jvault-fast"; then
    launcher=$(readlink -f "$jvault")
    cp "$launcher" "${launcher%/*}/jvault-java.sh" "$work/native/bin/"
    for lib in "${launcher%/bin/*}/lib" "${launcher%/bin/*}/target/lib"; do [ -f "$lib/jvault.jar" ] && break; done
    ln -s "$lib" "$work/native/lib"
    printf '\n[profile cp-native]\nregion = eu-central-1\ncredential_process = %s export --format json dev-1\n' "$native" \
      >> "$work/home/.aws/config"
    row "jvault exec dev-1 -- true (agent: native client)" "$(median_ms env "${agent_env[@]}" "$native" exec dev-1 -- /bin/true)"
    row "jvault exec dev-1 -- aws sts get-caller-id. (native)" "$(median_ms env "${agent_env[@]}" "$native" exec dev-1 -- aws sts get-caller-identity)"
    row "aws --profile cp-native (credential_process, native)" "$(median_ms env "${agent_env[@]}" aws --profile cp-native sts get-caller-identity)"
    rss=$( { /usr/bin/time -f %M env "${agent_env[@]}" "$work/native/bin/jvault-fast" export dev-1; } 2>&1 >/dev/null | tail -n 1)
    peak_rss="$peak_rss; of the native client (export, a hit): ${rss} KiB"
  fi
  if [ -n "${JVAULT_BENCH_IN_KEYRING:-}" ]; then
    env "${keychain_env[@]}" "${keys[@]}" "$jvault" add main --env >/dev/null
    env "${keychain_env[@]}" "${sts[@]}" "$jvault" exec dev-1 -t 123456 -- /bin/true
    row "jvault exec dev-1 -- true (cached, keychain, no agent)" "$(median_ms env "${keychain_env[@]}" "${sts[@]}" "$jvault" exec dev-1 -- /bin/true)"
    env "${keychain_env[@]}" "${sts[@]}" JVAULT_AGENT=on "$jvault" exec dev-1 -- /bin/true   # gives the agent the keychain's sessions
    row "jvault exec dev-1 -- true (keychain, agent: fast path)" "$(median_ms env "${keychain_env[@]}" "${sts[@]}" JVAULT_AGENT=on "$jvault" exec dev-1 -- /bin/true)"
  fi
fi

hello=$(printf '%s\n' "${rows[@]}" | awk -F'|' '/hello-world/ { print $2 }')
aws=$(printf '%s\n' "${rows[@]}" | awk -F'|' '/^aws / { print $2 }')
echo "jvault start-up, median of $runs runs; Java: $JVAULT_JAVA_ID; $(nproc 2>/dev/null || echo '?') cores"
printf '%-52s %8s %9s %7s\n' "command" "ms" "x hello" "x aws"
for r in "${rows[@]}"; do
  name=${r%%|*} ms=${r##*|}
  printf '%-52s %8s %9s %7s\n' "$name" "$ms" \
    "$( [ -n "$hello" ] && awk -v a="$ms" -v b="$hello" 'BEGIN { printf "%.1f", a / b }' || echo -)" \
    "$( [ -n "$aws" ] && awk -v a="$ms" -v b="$aws" 'BEGIN { printf "%.2f", a / b }' || echo -)"
done
[ -z "${peak_rss:-}" ] || echo "$peak_rss"

# The ratios the agent is held to (docs/agent.md), from the rows above.
ms_of() { printf '%s\n' "${rows[@]}" | awk -F'|' -v name="$1" '$1 == name { print $2 }'; }
ratio() {
  local a b
  a=$(ms_of "$2") b=$(ms_of "$3")
  [ -n "$a" ] && [ -n "$b" ] && awk -v a="$a" -v b="$b" -v what="$1" 'BEGIN { printf "%-62s %5.2f\n", what, a / b }'
}
echo "ratios:"
ratio "cached exec, agent fast path / JVM hello-world (goal <= 2.0)" "jvault exec dev-1 -- true (agent: fast path)" "JVM hello-world (same flags)"
ratio "cached exec, keychain, agent / JVM hello-world (goal <= 2.0)" "jvault exec dev-1 -- true (keychain, agent: fast path)" "JVM hello-world (same flags)"
ratio "exec -- aws sts, agent / aws CLI warm MFA cache (goal <= 1.15)" "jvault exec dev-1 -- aws sts get-caller-id. (agent)" "aws --profile dev-1 sts get-caller-identity (warm)"
ratio "credential_process, agent / static keys (goal <= 1.15)" "aws --profile cp (credential_process, agent)" "aws --profile main (static keys)"
ratio "cached exec, native client / JVM hello-world (goal <= 0.3)" "jvault exec dev-1 -- true (agent: native client)" "JVM hello-world (same flags)"
ratio "cached exec, native client / /bin/true (goal <= 5)" "jvault exec dev-1 -- true (agent: native client)" "/bin/true"
ratio "credential_process, native client / static keys (goal <= 1.05)" "aws --profile cp-native (credential_process, native)" "aws --profile main (static keys)"
ratio "miss with the agent unlocked / aws CLI cold MFA (goal <= 1.0)" "jvault exec dev-1 (miss, agent: 1 AssumeRole)" "aws --profile dev-1 sts get-caller-id. (cold, MFA)"
