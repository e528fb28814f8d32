# Sourced by ./hypertrader, ./mvnw, notebooks/run and .ci/run: sets JAVA_HOME to a JDK >= 21 or explains what to install.
# Order: $JAVA_HOME if it is >= 21, then the newest JDK >= 21 under /usr/lib/jvm, then `java` on PATH.
# The version comes from the JDK's `release` file (JAVA_VERSION="25.0.3"), which costs nothing;
# only a JDK without one is asked by starting it (a JVM start is 0.1-0.3 s, and this runs on
# every command).
java_major() { # prints the feature version of the java binary given as $1
  local home v
  home=$(dirname "$(dirname "$(readlink -f "$1")")")
  if [ -r "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    case "$v" in
      1.*) v=${v#1.}; echo "${v%%[._]*}"; return ;;
      ?*) echo "${v%%[._+-]*}"; return ;;
    esac
  fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}
hypertrader_find_jdk() {
  local candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then HYPERTRADER_JAVA_MAJOR=$major; return 0; fi
  fi
  for candidate in /usr/lib/jvm/*/bin/java "$(command -v java 2>/dev/null)"; do
    [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best_major=$major; best=$(dirname "$(dirname "$(readlink -f "$candidate")")")
    fi
  done
  if [ -z "$best" ]; then
    echo "hypertrader: no JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm/*, and java on PATH)." >&2
    echo "Install one (for example Temurin 21+ from adoptium.net, or your distribution's openjdk-21-jdk) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  HYPERTRADER_JAVA_MAJOR=$best_major
}
# JVM flags for running the CLI and tests: headless charts, DuckDB's native library without warnings.
hypertrader_jvm_flags() {
  local major=${HYPERTRADER_JAVA_MAJOR:-}
  [ -n "$major" ] || major=$(java_major "$JAVA_HOME/bin/java")
  printf '%s' "-Djava.awt.headless=true --enable-native-access=ALL-UNNAMED -Duser.timezone=UTC -Dfile.encoding=UTF-8"
  if [ "${major:-0}" -ge 23 ]; then printf ' %s' "--sun-misc-unsafe-memory-access=allow"; fi
}
