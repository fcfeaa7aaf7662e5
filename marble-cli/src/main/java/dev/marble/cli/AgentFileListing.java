package dev.marble.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The agent files {@code marble chat} offers when none is named (llmproc-demo's example picker): those in the working
 * directory itself and anywhere under its {@code examples/} folder (hidden folders skipped). An agent file is a
 * {@code .worker} (llm-do), or a program: a {@code .toml} with a {@code [model]} table, or a {@code .yaml}/{@code .yml}
 * with a top-level {@code model:} mapping (LLMProc's later YAML programs). Other TOML and YAML files (a
 * {@code pyproject.toml}, a replies file) are not agents and are left out; chains are run, not chatted with.
 */
final class AgentFileListing {

    /** What an offered file is, for the list's second column. */
    enum Kind {
        PROGRAM("LLMProc program"),
        WORKER("llm-do worker");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** A file offered, by its path relative to the working directory. */
    record Found(Path path, Kind kind) {}

    static final String EXAMPLES = "examples";
    private static final int EXAMPLES_DEPTH = 4;
    private static final Pattern TOML_MODEL = Pattern.compile("(?m)^\\s*\\[model]\\s*(#.*)?$");
    private static final Pattern YAML_MODEL = Pattern.compile("(?m)^model:\\s*(#.*)?$");

    private AgentFileListing() {}

    /** The agent files of {@code directory} and its {@code examples/}, sorted by path. */
    static List<Found> in(Path directory) {
        List<Found> found = new ArrayList<>();
        try {
            collect(directory, directory, 1, found);
            Path examples = directory.resolve(EXAMPLES);
            if (Files.isDirectory(examples)) collect(directory, examples, EXAMPLES_DEPTH, found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.comparing(f -> f.path().toString()));
        return List.copyOf(found);
    }

    private static void collect(Path base, Path folder, int depth, List<Found> found) throws IOException {
        try (Stream<Path> files = Files.walk(folder, depth)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(file) || hidden(folder.relativize(file))) continue;
                kind(file).ifPresent(kind -> found.add(new Found(base.relativize(file), kind)));
            }
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) if (part.toString().startsWith(".")) return true;
        return false;
    }

    /** Whether a file is an agent file, and which kind; read only when its name could be one. */
    static Optional<Kind> kind(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".worker")) return Optional.of(Kind.WORKER);
        Pattern model = name.endsWith(".toml")
                ? TOML_MODEL
                : name.endsWith(".yaml") || name.endsWith(".yml") ? YAML_MODEL : null;
        if (model == null) return Optional.empty();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return model.matcher(text).find() ? Optional.of(Kind.PROGRAM) : Optional.empty();
        } catch (IOException | UncheckedIOException unreadable) {
            return Optional.empty(); // not UTF-8 or not readable: not an agent file to offer
        }
    }
}
