# Sourced by install.sh and test.sh: Maven in batch mode, without colour. Maven 3.8 writes terminal
# colour resets (on stdout and stderr) even with style.color=never; they are dropped, so piped
# output stays plain text. Both streams come out on stdout, line by line (GNU sed -u, BSD sed -l).
# Returns Maven's own exit status, whatever the caller's pipefail.
run_maven() {
  local by_line=-u
  sed -u '' </dev/null 2>/dev/null || by_line=-l
  mvn -B -ntp -Dstyle.color=never "$@" 2>&1 | sed "$by_line" 's/\x1b\[[0-9;]*m//g'
  return "${PIPESTATUS[0]}"
}
