package dev.marble.cli;

import dev.marble.chain.ChainSpec;
import dev.marble.error.MarbleException;
import dev.marble.format.chain.ChainLoader;
import dev.marble.secret.SecretRedactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The chains of a project as the status views read them: those with a file in {@code chains/}, those with state in
 * {@code state/}, and for each its definition or why it has none. Reads only; a broken chain file is a line in the
 * view, not an error, so one bad file does not hide the others.
 */
final class ProjectChains {

    /** A chain's definition, or (spec null) why it has none. */
    record Loaded(Path file, ChainSpec spec, String problem) {}

    private final ChainHome home;
    private final Path userHome;
    private final SecretRedactor redactor;

    ProjectChains(ChainHome home, CliContext context) {
        this.home = home;
        this.userHome = context.environment().home();
        this.redactor = context.redactor();
    }

    /** The chains with state, sorted (llmauto's {@code chain status}: every folder under {@code state/}). */
    List<String> withState() {
        if (!Files.isDirectory(home.stateRoot())) return List.of();
        try (Stream<Path> dirs = Files.list(home.stateRoot())) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new MarbleException("cannot list " + home.stateRoot() + ": " + e.getMessage(), e);
        }
    }

    /** Every chain of the project: a file in chains/ or state, sorted by name. */
    List<String> all() {
        TreeSet<String> names = new TreeSet<>(home.catalog().names());
        names.addAll(withState());
        return List.copyOf(names);
    }

    Loaded load(String chain) {
        Path file = home.root().resolve("chains").resolve(chain + ".json");
        if (!Files.isRegularFile(file)) return new Loaded(null, null, "no chain file chains/" + chain + ".json");
        try {
            return new Loaded(file, ChainLoader.load(file, List.of(), userHome).spec(), null);
        } catch (MarbleException unreadable) {
            return new Loaded(file, null, "the chain file does not load: " + redactor.redact(unreadable.getMessage()));
        }
    }

    ChainStatusView view(String chain, Loaded loaded) {
        return new ChainStatusView(home.state(chain), loaded.spec());
    }
}
