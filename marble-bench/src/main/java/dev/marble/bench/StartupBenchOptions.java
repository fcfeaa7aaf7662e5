package dev.marble.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code build/bench.sh --startup}'s options. A mistake is one line naming the option and what was expected
 * ({@link IllegalArgumentException}; the harness exits 2 with it).
 *
 * @param llmauto an llmauto checkout whose {@code pipe} is measured beside Marble's, or null
 * @param compare other Marble checkouts measured beside this one (label to folder), e.g. the code before a change
 * @param steps   also measure the JVM options one by one on this checkout's jar (no cache, AOT cache, C1 only,
 *                no perf data), each beside the last
 */
record StartupBenchOptions(int rounds, int warmup, Path llmauto, Map<String, Path> compare, boolean steps, Path dir) {

    private static final Set<String> KNOWN = Set.of("rounds", "warmup", "llmauto", "compare", "steps", "dir");

    static final String USAGE = "build/bench.sh --startup [--rounds 10] [--warmup 2] [--llmauto DIR]"
            + " [--compare LABEL=DIR,...] [--steps] [--dir DIR]";

    static StartupBenchOptions parse(String[] args) {
        Map<String, String> options = AgentLoadHarness.options(args);
        for (String name : options.keySet()) {
            if (!KNOWN.contains(name))
                throw new IllegalArgumentException("unknown option --" + name + " (" + USAGE + ")");
        }
        return new StartupBenchOptions(
                BenchOptions.count(options, "rounds", 10, 1),
                BenchOptions.count(options, "warmup", 2, 0),
                BenchOptions.path(options, "llmauto"),
                compare(options.get("compare")),
                BenchOptions.flag(options, "steps"),
                Path.of(options.getOrDefault("dir", System.getProperty("java.io.tmpdir")))
                        .toAbsolutePath());
    }

    private static Map<String, Path> compare(String text) {
        Map<String, Path> checkouts = new LinkedHashMap<>();
        if (text == null) return checkouts;
        List<String> problems = new ArrayList<>();
        for (String entry : text.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                problems.add("'" + entry + "'");
                continue;
            }
            checkouts.put(
                    entry.substring(0, equals),
                    Path.of(entry.substring(equals + 1)).toAbsolutePath());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "--compare expects LABEL=DIR, comma-separated, not " + String.join(", ", problems));
        }
        return checkouts;
    }
}
