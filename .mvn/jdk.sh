# Sourced by ./hypertrader and .ci/run: sets JAVA_HOME to a JDK >= 21 or explains what to install.
# Order: $JAVA_HOME if it is >= 21, then the newest JDK >= 21 under /usr/lib/jvm, then `java` on PATH.
java_major() { # prints the feature version of the java binary given as $1
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}
hypertrader_find_jdk() {
  local candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then return 0; fi
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
}
# JVM flags for running the CLI and tests: headless charts, DuckDB's native library without warnings.
hypertrader_jvm_flags() {
  local major; major=$(java_major "$JAVA_HOME/bin/java")
  printf '%s' "-Djava.awt.headless=true --enable-native-access=ALL-UNNAMED -Duser.timezone=UTC -Dfile.encoding=UTF-8"
  if [ "${major:-0}" -ge 23 ]; then printf ' %s' "--sun-misc-unsafe-memory-access=allow"; fi
}
