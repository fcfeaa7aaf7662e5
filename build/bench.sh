#!/usr/bin/env bash
# Builds the benchmarks and runs them.
#   build/bench.sh --paired [ROUNDS] [CALLS]  the floor and Marble interleaved in one run (README's ratios)
#   build/bench.sh [JMH ARGS]                 JMH, e.g. ModelCallBenchmark, or -f 1 -wi 2 -i 3
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=find-jdk.sh
source "$root/build/find-jdk.sh"
jdk="$(marble_find_jdk)" || exit 5
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -B -q -Dmaven.test.skip=true -DskipTests -pl marble-bench -am install)
jar="$root/marble-bench/target/benchmarks.jar"
if [[ "${1:-}" == --paired ]]; then
  shift
  exec "$jdk/bin/java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp "$jar" dev.marble.bench.PairedModelCalls "$@"
fi
exec "$jdk/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"
