# Finds a Java 25+ runtime; sourced by bin/jvault and the scripts (POSIX sh, no forks on the fast path).
# Sets JVAULT_JAVA (the java binary) and JVAULT_JAVA_ID (identifies the exact build, for the AOT cache),
# or prints what to install and returns 1.

JVAULT_MIN_JAVA=25

# The usual JVM folders on Linux and macOS, as globs: an assignment does not expand them, the search does.
jvault_jvm_dirs="/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk*
  /Library/Java/JavaVirtualMachines/*/Contents/Home ${HOME:-/nonexistent}/Library/Java/JavaVirtualMachines/*/Contents/Home
  ${HOME:-/nonexistent}/.sdkman/candidates/java/* ${HOME:-/nonexistent}/.jdks/* ${HOME:-/nonexistent}/.local/share/mise/installs/java/*
  /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home"

# Reads JAVA_VERSION and JAVA_RUNTIME_VERSION from a JDK's release file, without starting a JVM or
# a subshell: sets _jv_major and _jv_full. Every fork here would be paid on each jvault command.
jvault_java_release() {  # $1 = java home
  [ -r "$1/release" ] || return 1
  _jv_version= _jv_full=
  while IFS='=' read -r _jv_key _jv_value; do
    _jv_value=${_jv_value#\"}; _jv_value=${_jv_value%\"}
    case $_jv_key in
      JAVA_VERSION) _jv_version=$_jv_value ;;
      JAVA_RUNTIME_VERSION) _jv_full=$_jv_value ;;
    esac
  done < "$1/release"
  _jv_major=${_jv_version%%[.+-]*}
  _jv_full=${_jv_full:-$_jv_version}
  case $_jv_major in ''|*[!0-9]*) return 1 ;; esac
}

# Accepts a java home when it holds bin/java of version 25 or newer.
jvault_try_java_home() {  # $1 = java home
  [ -x "$1/bin/java" ] && jvault_java_release "$1" && [ "$_jv_major" -ge "$JVAULT_MIN_JAVA" ] || return 1
  JVAULT_JAVA="$1/bin/java"
  JVAULT_JAVA_ID="$1|$_jv_full"
}

# Sets _jv_on_path to the first executable java on PATH, as command -v would, without a subshell.
jvault_java_on_path() {
  _jv_on_path= _jv_rest=${PATH:-}:
  while [ -n "$_jv_rest" ]; do
    _jv_dir=${_jv_rest%%:*} _jv_rest=${_jv_rest#*:}
    if [ -f "${_jv_dir:-.}/java" ] && [ -x "${_jv_dir:-.}/java" ]; then
      _jv_on_path=${_jv_dir:-.}/java
      return 0
    fi
  done
  return 1
}

jvault_find_java() {
  if [ -n "${JAVA_HOME:-}" ] && jvault_try_java_home "$JAVA_HOME"; then return 0; fi
  if jvault_java_on_path; then
    # A java inside its home needs no resolving; a link (/usr/bin/java, alternatives) costs one readlink.
    _jv_real=$_jv_on_path
    if [ ! -r "${_jv_real%/bin/java}/release" ] && [ -L "$_jv_real" ]; then
      _jv_real=$(readlink -f "$_jv_on_path" 2>/dev/null) || _jv_real=$_jv_on_path
    fi
    if jvault_try_java_home "${_jv_real%/bin/java}"; then return 0; fi
  fi
  # Newest version wins.
  _jv_best= _jv_best_major=0
  for _jv_home in $jvault_jvm_dirs; do
    [ -x "$_jv_home/bin/java" ] && jvault_java_release "$_jv_home" || continue
    if [ "$_jv_major" -gt "$_jv_best_major" ]; then
      _jv_best=$_jv_home _jv_best_major=$_jv_major
    fi
  done
  if [ -n "$_jv_best" ] && jvault_try_java_home "$_jv_best"; then return 0; fi
  printf '%s\n' "jvault: needs Java $JVAULT_MIN_JAVA or newer and found none" \
    "  (looked at \$JAVA_HOME, java on PATH, /usr/lib/jvm, /usr/java, /opt, /Library/Java/JavaVirtualMachines, ~/.sdkman, ~/.jdks)." \
    "  Install one, e.g. Temurin $JVAULT_MIN_JAVA (apt install temurin-$JVAULT_MIN_JAVA-jdk, brew install --cask temurin@$JVAULT_MIN_JAVA," \
    "  or sdk install java $JVAULT_MIN_JAVA-tem), or point JAVA_HOME at one." >&2
  return 1
}
