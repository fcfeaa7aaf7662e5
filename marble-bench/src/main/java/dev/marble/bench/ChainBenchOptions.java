package dev.marble.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code build/bench.sh --chain}'s options. A mistake is one line naming the option and what was expected
 * ({@link IllegalArgumentException}; the harness exits 2 with it).
 *
 * @param llmauto an llmauto checkout to measure beside Marble, or null
 * @param dir     where the chain's home and state go (their file syncs depend on the file system)
 * @param jfr     a JFR recording of part 2's measured samples, or null
 */
record ChainBenchOptions(
        int samples,
        int warmup,
        int rounds,
        int scriptedRounds,
        int scriptedRuns,
        Path llmauto,
        int llmautoRounds,
        Path dir,
        Path jfr) {

    private static final Set<String> KNOWN = Set.of(
            "samples",
            "warmup",
            "rounds",
            "scripted-rounds",
            "scripted-runs",
            "llmauto",
            "llmauto-rounds",
            "dir",
            "jfr");

    static final String USAGE =
            "build/bench.sh --chain [--samples 20] [--warmup 3] [--rounds 5] [--scripted-rounds 100]"
                    + " [--scripted-runs 3] [--llmauto DIR] [--llmauto-rounds 1] [--dir DIR] [--jfr FILE]";

    static ChainBenchOptions parse(String[] args) {
        Map<String, String> options = AgentLoadHarness.options(args);
        for (String name : options.keySet()) {
            if (!KNOWN.contains(name))
                throw new IllegalArgumentException("unknown option --" + name + " (" + USAGE + ")");
        }
        return new ChainBenchOptions(
                BenchOptions.count(options, "samples", 20, 1),
                BenchOptions.count(options, "warmup", 3, 0),
                BenchOptions.count(options, "rounds", 5, 1),
                BenchOptions.count(options, "scripted-rounds", 100, 1),
                BenchOptions.count(options, "scripted-runs", 3, 0),
                BenchOptions.path(options, "llmauto"),
                BenchOptions.count(options, "llmauto-rounds", 1, 1),
                Path.of(options.getOrDefault("dir", System.getProperty("java.io.tmpdir"))),
                BenchOptions.path(options, "jfr"));
    }
}
