# Sourced by ./marble and build/bench.sh: sets $jdk to the newest JDK >= 21 on this machine, found
# without JAVA_HOME: MARBLE_JAVA_HOME (wins if recent enough), JAVA_HOME, java on PATH, then the usual
# install places (or MARBLE_JDK_DIRS). Reads each JDK's `release` file, so no JVM is started. Without one it says what to
# install and exits 5.
marble_required_java=21

marble_jdk_major() {
  local release="$1/release" version
  [[ -x "$1/bin/java" && -f "$release" ]] || { echo 0; return; }
  version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$release")
  version=${version#1.}
  echo "${version%%[.+-]*}"
}

marble_find_jdk() {
  local candidate major best="" best_major=0 seen=""
  local -a candidates=()
  [[ -n "${MARBLE_JAVA_HOME:-}" ]] && candidates+=("$MARBLE_JAVA_HOME")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd -P)")
  fi
  local -a places=(/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*
                   "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home)
  # MARBLE_JDK_DIRS (colon-separated) replaces the usual install places.
  [[ -n "${MARBLE_JDK_DIRS+set}" ]] && IFS=: read -r -a places <<< "$MARBLE_JDK_DIRS"
  for candidate in "${places[@]}"; do
    [[ -d "$candidate" ]] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    major=$(marble_jdk_major "$candidate")
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [[ -n "${MARBLE_JAVA_HOME:-}" && "$candidate" == "$MARBLE_JAVA_HOME" ]] && (( major >= marble_required_java )); then
      echo "$candidate"; return 0
    fi
    (( major >= marble_required_java && major > best_major )) && { best="$candidate"; best_major=$major; }
    (( major > 0 )) && [[ "$seen" != *" $candidate "* ]] && seen+=" $candidate (Java $major),"
  done
  [[ -n "$best" ]] && { echo "$best"; return 0; }
  seen="${seen%,}"
  local found="found none"
  [[ -n "$seen" ]] && found="found only$seen"
  printf 'marble: needs a JDK %s or newer; %s. Install one (Debian/Ubuntu: sudo apt install openjdk-21-jdk; macOS: brew install openjdk@21; or https://adoptium.net), or set MARBLE_JAVA_HOME to its directory.\n' \
    "$marble_required_java" "$found" >&2
  return 5
}
