# Sourced by demo.sh and bench.sh: a local STS emulator and the seed-style config they share.

# Starts moto on a free loopback port with its files in $1; sets moto_port and moto_pid.
# The caller stops it (kill "$moto_pid") when done.
start_moto() {
  moto_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  (cd "$1" && exec python3 -m moto.server -H 127.0.0.1 -p "$moto_port" > "$1/moto.log" 2>&1) &
  moto_pid=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$moto_port/moto-api/" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "moto did not start: $(tail -n 3 "$1/moto.log")" >&2
  return 1
}

# Writes the seed document's setup into $1/.aws/config: keys for main, a role behind MFA.
write_seed_config() {
  mkdir -p "$1/.aws"
  cat > "$1/.aws/config" <<'INI'
[profile main]
region = us-east-1

[profile dev-1]
region = eu-central-1
role_arn = arn:aws:iam::222222222222:role/dev-1-role
source_profile = main
mfa_serial = arn:aws:iam::111111111111:mfa/alice
INI
}
