# Sourced by install.sh and package.sh: how jvault is built, and the one description of its folder.
#   APP/bin      the launcher (bin/jvault), its Java finder, and the native client (jvault-fast) when built
#   APP/lib      jvault.jar and its dependencies, as `mvn package` leaves them in target/lib
#   APP/docs     docs/*.md (--help points at APP/docs/commands.md); README.md, LICENSE, NOTICE in APP
#   APP/runtime  only in a package: the Java runtime it brings (bin/jvault prefers it)

# Builds the checkout in the current folder with the Java that jvault_find_java found.
jvault_build() {
  . scripts/lib/maven.sh
  JAVA_HOME=${JVAULT_JAVA%/bin/java} MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
    run_maven -q -DskipTests clean package   # clean: lib/ gets exactly this build's jars
}

# Builds the native client (src/main/c, docs/agent.md) of checkout $1 as $2, with warnings as
# errors; further arguments are compiler flags (the tests add the sanitizers). Without a C compiler
# ($CC, else cc) it says so and fails: jvault then answers exec and export through its Java fast path.
jvault_build_client() {
  local root=$1 out=$2 cc=${CC:-cc}
  shift 2
  if ! command -v "$cc" >/dev/null; then
    echo "no C compiler ($cc): the native client is not built, and a cached exec takes the Java fast path (docs/install.md)" >&2
    return 1
  fi
  "$cc" -std=c11 -O2 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror "$@" -o "$out" "$root/src/main/c/jvault-fast.c"
}

# Copies this checkout's build into APP, which must not exist yet. $1 = checkout, $2 = APP.
jvault_lay_out() {
  local root=$1 app=$2
  [ -f "$root/target/lib/jvault.jar" ] || { echo "no build in $root/target/lib: run mvn package first" >&2; return 1; }
  mkdir -p "$app/bin" "$app/lib" "$app/docs"
  cp "$root/bin/jvault" "$root/bin/jvault-java.sh" "$app/bin/"
  cp "$root/target/lib/"*.jar "$app/lib/"
  cp "$root/docs/"*.md "$app/docs/"
  cp "$root/README.md" "$root/LICENSE" "$root/NOTICE" "$app/"
}

# Writes the man pages (from the checkout's build) and the completion scripts (from APP's jvault)
# under SHARE, where man, bash-completion, zsh and fish look: $1 = checkout, $2 = APP, $3 = SHARE.
jvault_write_shell_files() {
  local root=$1 app=$2 share=$3
  mkdir -p "$share/man/man1" "$share/bash-completion/completions" "$share/zsh/site-functions" \
    "$share/fish/vendor_completions.d"
  cp "$root/target/man/man1/"*.1 "$share/man/man1/"   # man jvault, man jvault-exec, ...
  "$app/bin/jvault" completion bash > "$share/bash-completion/completions/jvault"
  "$app/bin/jvault" completion zsh > "$share/zsh/site-functions/_jvault"
  "$app/bin/jvault" completion fish > "$share/fish/vendor_completions.d/jvault.fish"
}

# Trains APP's AOT caches where the jars now stay (the cache records their paths; a package moved
# as a whole keeps it valid). The JVM's log goes to $2. $1 = APP.
jvault_train_aot() {
  JVAULT_AOT_TRAIN=1 "$1/bin/jvault" > "$2" 2>&1
}
