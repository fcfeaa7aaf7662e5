package dev.marble.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The java command {@code ./marble} runs, taken apart (as it prints it with {@code MARBLE_PRINT_JAVA_COMMAND=1}):
 * its java, the option that maps its start-up cache in, the options a short command gets and a long one does not,
 * the rest, and how it starts Marble ({@code -jar marble.jar}, or on JDK 25 {@code -cp upgraded-classes.jar:marble.jar
 * dev.marble.cli.Main}). The floor is started the same way with a cache of its own; {@code --steps} adds the options
 * one at a time.
 *
 * @param options every JVM option of a short command, in the launcher's order
 * @param tuning  those a short command gets and a long one ({@code chain start}) does not, the cache aside
 * @param launch  {@code -jar JAR}, or {@code -cp CLASSPATH MAIN}
 */
record JvmOptions(String java, List<String> options, List<String> tuning, List<String> launch) {

    private static final List<String> CACHE_USE = List.of("-XX:AOTCache=", "-XX:SharedArchiveFile=");

    /** From the commands printed for a short command and for a long one. */
    static JvmOptions of(List<String> shortCommand, List<String> longCommand) {
        int launch = launchIndex(shortCommand);
        List<String> options = shortCommand.subList(1, launch);
        List<String> longOptions = longCommand.subList(1, launchIndex(longCommand));
        // Commands of different groups map different caches: the cache is not tuning.
        List<String> tuning = options.stream()
                .filter(o -> !isCacheUse(o) && !longOptions.contains(o))
                .toList();
        int end = shortCommand.get(launch).equals("-jar") ? launch + 2 : launch + 3;
        return new JvmOptions(
                shortCommand.getFirst(), List.copyOf(options), tuning, List.copyOf(shortCommand.subList(launch, end)));
    }

    private static int launchIndex(List<String> command) {
        for (int i = 1; i < command.size(); i++) {
            String word = command.get(i);
            if (word.equals("-jar") && i + 1 < command.size()) return i;
            if (word.equals("-cp") && i + 2 < command.size()) return i;
        }
        throw new IllegalArgumentException("not a java -jar or java -cp command: " + command);
    }

    /** The jar of upgraded old classes the launcher puts first on the class path, or null when it does not. */
    String upgradedClasses() {
        if (!launch.getFirst().equals("-cp")) return null;
        String[] entries = launch.get(1).split(File.pathSeparator);
        return entries.length > 1 ? entries[0] : null;
    }

    /** The option that maps the cache in, or null when the launcher starts without one. */
    String cacheUse() {
        return options.stream().filter(JvmOptions::isCacheUse).findFirst().orElse(null);
    }

    /** Whether the cache is an AOT cache (JDK 25 and newer), not a class-data-sharing archive. */
    boolean aot() {
        String use = cacheUse();
        return use != null && use.startsWith("-XX:AOTCache=");
    }

    /** The option that writes a cache of the same kind. */
    String cacheOutputOption() {
        return aot() ? "-XX:AOTCacheOutput" : "-XX:ArchiveClassesAtExit";
    }

    /** The options every start gets: no cache, no logging options, no short-command tuning (what trains a cache). */
    List<String> base() {
        return options.stream()
                .filter(o -> !isCacheUse(o) && !o.startsWith("-Xlog:") && !tuning.contains(o))
                .toList();
    }

    /** Every option, with the cache at {@code cache} instead of the launcher's. */
    List<String> withCache(Path cache) {
        String use = cacheUse();
        String name = use.substring(0, use.indexOf('=') + 1);
        return options.stream().map(o -> o.equals(use) ? name + cache : o).toList();
    }

    /** The options step by step: the base, then the cache (with its logging options), then each tuning option. */
    List<List<String>> steps() {
        List<List<String>> steps = new ArrayList<>();
        List<String> current = new ArrayList<>(base());
        steps.add(List.copyOf(current));
        if (cacheUse() != null) {
            options.stream()
                    .filter(o -> isCacheUse(o) || o.startsWith("-Xlog:"))
                    .forEach(current::add);
            steps.add(List.copyOf(current));
        }
        for (String option : tuning) {
            current.add(option);
            steps.add(List.copyOf(current));
        }
        return steps;
    }

    /** What each of {@link #steps()} adds. */
    List<String> stepNames() {
        List<String> names = new ArrayList<>(List.of("no cache"));
        if (cacheUse() != null) names.add("+ " + (aot() ? "AOT cache" : "CDS archive"));
        for (String option : tuning) names.add("+ " + option);
        return names;
    }

    /** For the report's first line. */
    String describe() {
        return (cacheUse() == null ? "no start-up cache" : aot() ? "AOT cache" : "CDS archive")
                + (tuning.isEmpty() ? "" : "; short commands also get " + String.join(" ", tuning));
    }

    private static boolean isCacheUse(String option) {
        return CACHE_USE.stream().anyMatch(option::startsWith);
    }
}
