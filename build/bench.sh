#!/usr/bin/env bash
# Builds the benchmarks and runs them.
#   build/bench.sh --paired [ROUNDS] [CALLS]  the floor and Marble interleaved in one run (README's ratios)
#   build/bench.sh --traced [ROUNDS] [CALLS]  a model call's cost with OpenTelemetry export on, beside it off
#   build/bench.sh --load [ARGS]              N concurrent agent runs against a slow fake (AgentLoadHarness;
#                                             --framework marble|langchain4j, --runs, --latency-ms, --trials, ...)
#   build/bench.sh --agent-paired [ROUNDS] [RUNS]  agent runs, one at a time: floor, Marble, LangChain4j interleaved
#   build/bench.sh --chain [ARGS]             marble chain's cost per link beside the stand-in claude run directly,
#                                             and beside llmauto (ChainOverhead; --llmauto DIR, --samples, --rounds, --dir, ...)
#   build/bench.sh --delegation [ARGS]        fork of 10 and a tree of 50 workers against a slow fake, wall time vs
#                                             the critical path (DelegationHarness; --latency-ms, --warmup, --trials)
#   build/bench.sh --local [ARGS]            the local provider on a GGUF model beside the bare de.kherud llama API:
#                                             load time, a call's time and tokens/s, memory (LocalModelBench;
#                                             --model FILE, --rounds, --loads)
#   build/bench.sh --startup [ARGS]          short commands as whole processes (./marble --version, chain status, config,
#                                             logs, pipe) beside a picocli + Jackson floor started the same way, and beside
#                                             llmauto's pipe on the same stand-in claude (StartupBench; --llmauto DIR,
#                                             --rounds, --warmup, --compare LABEL=DIR,..., --steps)
#   build/bench.sh --ui [ROUNDS]             marble ui as whole processes: start to address printed and to the first
#                                             page served (UiStartupBench)
#   build/bench.sh --journal [ARGS]          on a generated journal of 1,000,000 model calls, with the query plans:
#                                             marble logs --chain, marble chain report --json, and marble ui's chain
#                                             page, its JSON and the chains page over loopback HTTP; wall and CPU time
#                                             (ChainLogsBench; --calls N, --dir DIR, --runs N)
#   build/bench.sh [JMH ARGS]                 JMH, e.g. ModelCallBenchmark, or -f 1 -wi 2 -i 3
#   build/bench.sh --temporal [ARGS]        issue 17: chains on Temporal's test server (loopback) over 1, 2 and 4
#                                             marble worker JVMs, per link beside the local engine (TemporalChainBench
#                                             in marble-temporal's test sources; --chains, --rounds, --latency-ms,
#                                             --workers 1,2,4, --max-concurrent-links, --samples, --warm-up, --dir)
# BENCH_JAVA_OPTS adds JVM options to --load, --agent-paired and --chain (e.g. a JFR recording; see marble-bench/README.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=find-jdk.sh
source "$root/build/find-jdk.sh"
jdk="$(marble_find_jdk)" || exit 5
if [[ "${1:-}" == --temporal ]]; then
  shift
  # The bench is made of marble-temporal's IT parts (loopback server, worker main, stand-in claude), so it runs from
  # that module's test classpath: compiled in the reactor (never installed), the classpath written by Maven.
  (cd "$root" && JAVA_HOME="$jdk" ./mvnw -B -q -DskipTests -Dmarble.peers.skip=true -pl marble-temporal -am \
    test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt)
  t="$root/marble-temporal/target"
  # shellcheck disable=SC2086
  exec "$jdk/bin/java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} \
    -cp "$t/test-classes:$t/classes:$(cat "$t/bench-classpath.txt")" dev.marble.temporal.TemporalChainBench "$@"
fi
# package, never install: the reactor build finds its sibling modules without ~/.m2, which other builds share.
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -B -q -Dmaven.test.skip=true -DskipTests -pl marble-bench -am package)
jar="$root/marble-bench/target/benchmarks.jar"
if [[ "${1:-}" == --paired ]]; then
  shift
  exec "$jdk/bin/java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp "$jar" dev.marble.bench.PairedModelCalls "$@"
fi
if [[ "${1:-}" == --traced ]]; then
  shift
  exec "$jdk/bin/java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp "$jar" dev.marble.bench.PairedTracedCalls "$@"
fi
if [[ "${1:-}" == --load ]]; then
  shift
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  exec "$jdk/bin/java" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$jar" dev.marble.bench.AgentLoadHarness "$@"
fi
if [[ "${1:-}" == --agent-paired ]]; then
  shift
  # shellcheck disable=SC2086
  exec "$jdk/bin/java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$jar" dev.marble.bench.PairedAgentRuns "$@"
fi
if [[ "${1:-}" == --chain ]]; then
  shift
  # SerialGC, as ./marble runs.
  # shellcheck disable=SC2086
  exec "$jdk/bin/java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$jar" dev.marble.bench.ChainOverhead "$@"
fi
if [[ "${1:-}" == --delegation ]]; then
  shift
  # shellcheck disable=SC2086
  exec "$jdk/bin/java" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$jar" dev.marble.bench.DelegationHarness "$@"
fi
if [[ "${1:-}" == --ui ]]; then
  shift
  exec "$jdk/bin/java" -XX:+UseSerialGC -Dmarble.root="$root" -cp "$jar" dev.marble.bench.UiStartupBench "$@"
fi
if [[ "${1:-}" == --journal ]]; then
  shift
  # shellcheck disable=SC2086
  exec "$jdk/bin/java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$jar" dev.marble.bench.ChainLogsBench "$@"
fi
if [[ "${1:-}" == --startup ]]; then
  shift
  # shellcheck disable=SC2086
  exec "$jdk/bin/java" -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} -Dmarble.root="$root" -cp "$jar" dev.marble.bench.StartupBench "$@"
fi
if [[ "${1:-}" == --local ]]; then
  shift
  # shellcheck disable=SC2086
  cd "$root" && exec "$jdk/bin/java" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$jar" dev.marble.bench.LocalModelBench "$@"
fi
exec "$jdk/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"
