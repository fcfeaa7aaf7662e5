#!/usr/bin/env bash
# Builds the JMH benchmarks and runs them; arguments go to JMH (e.g. -f 1 -wi 2 -i 3, or a name regex).
# Figures in README.md ("Performance") come from: build/bench.sh ModelCallBenchmark
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=find-jdk.sh
source "$root/build/find-jdk.sh"
jdk="$(marble_find_jdk)" || exit 5
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -B -q -Dmaven.test.skip=true -DskipTests -pl marble-bench -am install)
exec "$jdk/bin/java" --enable-native-access=ALL-UNNAMED -jar "$root/marble-bench/target/benchmarks.jar" "$@"
