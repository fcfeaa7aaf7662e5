package dev.marble.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds the variables of {@code .env} files to an {@link Environment}, as LLMProc did with python-dotenv: the
 * project's (where {@code marble.json} is found), the working directory's and the one beside each program file a
 * command names. The real environment always wins; among the files, the nearer one (beside the program, then the
 * working directory, then the project) wins. Files are read once, when a command starts: a {@code .env} written
 * while a run goes on (by a model's tool, say) changes nothing in that run.
 *
 * <p>{@code MARBLE_*} variables are refused from {@code .env} files: they choose Marble's own executables and
 * behaviour ({@code MARBLE_PYTHON}, {@code MARBLE_LAUNCH}, ...), and a file inside the workspace is one an agent
 * may have written in an earlier run. Those come from the real environment or {@code marble.json} only.
 */
public final class DotEnvFiles {

    public static final String FILE_NAME = ".env";
    /** The prefix of the variables Marble reads for itself, which a {@code .env} file cannot set. */
    public static final String RESERVED_PREFIX = "MARBLE_";

    /** What was added, and from where (for secret registration and {@code --debug}). */
    public record Loaded(Environment environment, List<DotEnv.Entry> added) {}

    private DotEnvFiles() {}

    /**
     * {@code environment} with the variables of the {@code .env} files in {@code directories} (nearest last) that
     * it does not already set; {@code warnings} hears of each malformed line and refused key, by file and line.
     */
    public static Loaded load(Environment environment, List<Path> directories, Consumer<String> warnings) {
        Map<String, DotEnv.Entry> chosen = new HashMap<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path directory : directories) {
            Path file = directory.toAbsolutePath().normalize().resolve(FILE_NAME);
            if (!seen.add(file) || !Files.isRegularFile(file)) continue;
            DotEnv parsed = read(file, warnings);
            if (parsed == null) continue;
            parsed.problems().forEach(problem -> warnings.accept("warning: " + problem));
            for (DotEnv.Entry entry : parsed.entries()) {
                if (entry.key().toUpperCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
                    warnings.accept("warning: " + file + ":" + entry.line() + ": " + entry.key()
                            + " is ignored: MARBLE_* settings come from the real environment or marble.json, never"
                            + " from .env");
                    continue;
                }
                // later directories are nearer: they win
                chosen.put(entry.key(), expanded(entry, environment, chosen));
            }
        }
        Environment result = environment;
        List<DotEnv.Entry> added = new ArrayList<>();
        for (DotEnv.Entry entry : chosen.values()) {
            if (environment.variables().containsKey(entry.key())) continue; // the real environment wins
            result = result.withVariable(entry.key(), entry.value());
            added.add(entry);
        }
        return new Loaded(result, added);
    }

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /**
     * {@code ${NAME}} and {@code ${NAME:-default}} replaced as python-dotenv replaces them: from the real environment,
     * else from what the files set before, else the default (or nothing).
     */
    private static DotEnv.Entry expanded(
            DotEnv.Entry entry, Environment environment, Map<String, DotEnv.Entry> earlier) {
        if (!entry.expands() || !entry.value().contains("${")) return entry;
        Matcher m = REFERENCE.matcher(entry.value());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = environment.variables().get(name);
            if (value == null && earlier.containsKey(name))
                value = earlier.get(name).value();
            if (value == null || value.isEmpty() && m.group(2) != null) value = m.group(2) == null ? "" : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new DotEnv.Entry(entry.key(), out.toString(), entry.file(), entry.line(), false);
    }

    /** The directories a command reads {@code .env} from, farthest first: the project, the working directory. */
    public static List<Path> projectDirectories(Environment environment) {
        return List.of(ProjectLocator.findRoot(environment.workingDirectory()), environment.workingDirectory());
    }

    private static DotEnv read(Path file, Consumer<String> warnings) {
        try {
            if (Files.size(file) > FileSizeLimit.DEFINITION.bytes()) {
                warnings.accept(
                        "warning: " + file + " is larger than " + FileSizeLimit.DEFINITION.shown() + "; not read");
                return null;
            }
            return DotEnv.parse(file, Files.readString(file));
        } catch (IOException | RuntimeException unreadable) {
            warnings.accept("warning: cannot read " + file + ": "
                    + unreadable.getClass().getSimpleName());
            return null;
        }
    }
}
