package dev.marble.format.chain;

import dev.marble.chain.ChainFileException;
import dev.marble.chain.ChainSpec;
import dev.marble.error.DidYouMean;
import dev.marble.error.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's {@code chains/} folder: finds a chain by name and lists them all, as llmauto's
 * {@code chain start NAME} and {@code chain list} did with the package's folder. A missing chain is
 * a one-line error naming the nearest one or the ones there are, where llmauto printed a traceback.
 */
public final class ChainCatalog {

    public static final String CHAINS_DIRECTORY = "chains";

    /** One chain file, with {@code "3 links, loop, description"} or, when it does not load, the error. */
    public record Entry(String name, Path file, String summary) {}

    private final Path chainsDirectory;

    public ChainCatalog(Path projectRoot) {
        this.chainsDirectory = projectRoot.toAbsolutePath().normalize().resolve(CHAINS_DIRECTORY);
    }

    /**
     * A name means {@code chains/<name>.json}; text with a path separator, or ending in {@code .json},
     * is a path (relative to the working directory) and is taken as given. A chain that is not there
     * is a usage error (exit 2) naming the nearest one, or the ones there are.
     */
    public Path locate(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) throw new UsageException("no chain named; " + available());
        if (isPath(nameOrPath)) {
            Path file = Path.of(nameOrPath).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) throw new UsageException("no such chain file: " + file);
            return file;
        }
        Path file = chainsDirectory.resolve(nameOrPath + ".json");
        if (!Files.isRegularFile(file)) {
            List<String> names = names();
            String hint = DidYouMean.suffix(nameOrPath, names, "\"");
            throw new UsageException("no chain \"" + nameOrPath + "\" in " + CHAINS_DIRECTORY + "/"
                    + (hint.isEmpty() ? "; " + available() : hint));
        }
        return file;
    }

    /** The names of the chains there are, sorted. */
    public List<String> names() {
        return files().stream().map(ChainLoader::chainName).toList();
    }

    /** Every {@code chains/*.json}, by name; a file that does not load is listed with its error. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (Path file : files()) {
            String name = ChainLoader.chainName(file);
            entries.add(new Entry(name, file, summary(file)));
        }
        return entries;
    }

    private static String summary(Path file) {
        try {
            // Home rewriting changes no count or mode, so this machine's home and no extra prefixes do.
            ChainSpec spec = ChainLoader.load(file, List.of(), Path.of(System.getProperty("user.home")))
                    .spec();
            int links = spec.links().size();
            String summary =
                    links + (links == 1 ? " link, " : " links, ") + spec.mode().wireName();
            return spec.description().isBlank()
                    ? summary
                    : summary + ", " + spec.description().strip();
        } catch (ChainFileException e) {
            return "error: " + e.getMessage();
        }
    }

    private String available() {
        List<String> names = names();
        if (names.isEmpty()) return "there are none in " + chainsDirectory;
        return "available: " + String.join(", ", names);
    }

    private List<Path> files() {
        if (!Files.isDirectory(chainsDirectory)) return List.of();
        try (Stream<Path> children = Files.list(chainsDirectory)) {
            return children.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            // An unreadable folder lists like an empty one; locating a chain in it then says where it looked.
            return List.of();
        }
    }

    private static boolean isPath(String text) {
        return text.contains("/") || text.contains("\\") || text.endsWith(".json");
    }
}
