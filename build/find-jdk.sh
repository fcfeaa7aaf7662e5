# Sourced by ./marble and build/bench.sh: finds the newest JDK >= 21 on this machine without JAVA_HOME:
# MARBLE_JAVA_HOME (wins if recent enough), JAVA_HOME, java on PATH, then the usual install places (or
# MARBLE_JDK_DIRS). Reads each JDK's `release` file, so no JVM is started; and with bash builtins only
# (one readlink for java on PATH), since ./marble runs this at every start. Without one it says what to
# install and returns 5.
marble_required_java=21

# marble_read_major DIR: sets marble_major to the Java feature version of the JDK in DIR (0 if it is none).
marble_read_major() {
  local release="$1/release" line version=""
  marble_major=0
  [[ -x "$1/bin/java" && -f "$release" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ "$line" == JAVA_VERSION=* ]]; then
      version=${line#JAVA_VERSION=}
      version=${version//\"/}
      break
    fi
  done < "$release"
  version=${version#1.}
  version=${version%%[.+-]*}
  [[ "$version" =~ ^[0-9]+$ ]] && marble_major=$version
  return 0
}

# marble_jdk_major DIR: prints the Java feature version of the JDK in DIR (0 if it is none).
marble_jdk_major() {
  marble_read_major "$1"
  echo "$marble_major"
}

# marble_select_jdk: sets marble_jdk and marble_jdk_major, or says what to install and returns 5.
marble_select_jdk() {
  local candidate best="" best_major=0 seen="" java_on_path
  local -a candidates=()
  [[ -n "${MARBLE_JAVA_HOME:-}" ]] && candidates+=("$MARBLE_JAVA_HOME")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if java_on_path=$(command -v java 2>/dev/null) && java_on_path=$(readlink -f "$java_on_path"); then
    candidates+=("${java_on_path%/bin/java}")
  fi
  local -a places=(/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*
                   "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home)
  # MARBLE_JDK_DIRS (colon-separated) replaces the usual install places.
  [[ -n "${MARBLE_JDK_DIRS+set}" ]] && IFS=: read -r -a places <<< "$MARBLE_JDK_DIRS"
  for candidate in "${places[@]}"; do
    [[ -d "$candidate" ]] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    marble_read_major "$candidate"
    if [[ -n "${MARBLE_JAVA_HOME:-}" && "$candidate" == "$MARBLE_JAVA_HOME" ]] && (( marble_major >= marble_required_java )); then
      marble_jdk=$candidate marble_jdk_major=$marble_major
      return 0
    fi
    (( marble_major >= marble_required_java && marble_major > best_major )) && { best="$candidate"; best_major=$marble_major; }
    (( marble_major > 0 )) && [[ "$seen" != *" $candidate ("* ]] && seen+=" $candidate (Java $marble_major),"
  done
  if [[ -n "$best" ]]; then
    marble_jdk=$best marble_jdk_major=$best_major
    return 0
  fi
  seen="${seen%,}"
  local found="found none"
  [[ -n "$seen" ]] && found="found only$seen"
  printf 'marble: needs a JDK %s or newer; %s. Install one (Debian/Ubuntu: sudo apt install openjdk-21-jdk; macOS: brew install openjdk@21; or https://adoptium.net), or set MARBLE_JAVA_HOME to its directory.\n' \
    "$marble_required_java" "$found" >&2
  return 5
}

# marble_find_jdk: prints the JDK's directory (see marble_select_jdk).
marble_find_jdk() {
  marble_select_jdk || return 5
  echo "$marble_jdk"
}

# marble_select_jdk_cached FILE: as marble_select_jdk, remembering the choice in FILE (written only where FILE's
# folder exists), since looking at every place a JDK may be installed is a third of what ./marble costs before
# Java starts (a fork for java on PATH, every install folder's release file). The choice is taken again when any
# of what it came from may have changed: the variables that steer it (MARBLE_JAVA_HOME, JAVA_HOME,
# MARBLE_JDK_DIRS, HOME, PATH), a folder JDKs are installed in or a PATH folder changed since FILE was written (a
# JDK added or removed, java re-pointed), or the JDK chosen is gone or no longer recent enough. Builtins only.
marble_select_jdk_cached() {
  local file="$1" key line dir fresh=true
  local -a watched=(/usr/lib/jvm /usr/java /opt/java /opt "${HOME-}/.sdkman/candidates/java" "${HOME-}/.jdks"
                    /Library/Java/JavaVirtualMachines /etc/alternatives)
  local -a path_dirs=()
  IFS=: read -r -a path_dirs <<< "${PATH-}"
  watched+=("${path_dirs[@]}")
  if [[ -n "${MARBLE_JDK_DIRS+set}" ]]; then
    local -a jdk_dirs=()
    IFS=: read -r -a jdk_dirs <<< "$MARBLE_JDK_DIRS"
    watched+=("${jdk_dirs[@]}")
  fi
  key="MARBLE_JAVA_HOME=${MARBLE_JAVA_HOME-}|JAVA_HOME=${JAVA_HOME-}|MARBLE_JDK_DIRS=${MARBLE_JDK_DIRS-(unset)}"
  key+="|HOME=${HOME-}|PATH=${PATH-}"
  if [[ -f "$file" ]]; then
    for dir in "${watched[@]}"; do
      [[ -n "$dir" && -e "$dir" && "$dir" -nt "$file" ]] && { fresh=false; break; }
    done
    if [[ "$fresh" == true ]] && { IFS= read -r line && IFS= read -r dir; } < "$file" && [[ "$line" == "$key" ]] \
        && [[ ! "$dir/release" -nt "$file" ]]; then
      marble_read_major "$dir"
      if (( marble_major >= marble_required_java )); then
        marble_jdk=$dir marble_jdk_major=$marble_major
        return 0
      fi
    fi
  fi
  marble_select_jdk || return 5
  # Written whole or not at all is not needed: a cut-short file fails the checks above and the choice is taken again.
  { [[ -d "${file%/*}" ]] && printf '%s\n%s\n' "$key" "$marble_jdk" > "$file"; } 2>/dev/null || true
  return 0
}
