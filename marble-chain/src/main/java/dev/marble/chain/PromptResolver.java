package dev.marble.chain;

import dev.marble.error.SourceLocation;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a link's {@code prompt} into the text sent to the model, in llmauto's order (SEEDS-SPEC
 * 1.7): a key of the chain's {@code prompts}; the file {@code prompts/<key>}; {@code prompts/<key>.txt};
 * an existing file named by the key (the model is told to read it); else the key is the prompt
 * itself. llmauto's silent failures are errors here: a {@code {"type": "file"}} whose file is
 * missing, a template variable nothing defines, and a single word that names nothing (llmauto sent
 * such a misspelt key to the model as the whole prompt). Paths are relative to the project root,
 * not to the process's working directory.
 */
public final class PromptResolver {

    /** The prompt of a link that has none (llmauto: "Fuehre die naechste Aufgabe aus."). */
    public static final String DEFAULT_PROMPT = "Execute the next task.";

    /** llmauto's {@code until_full} paragraph, translated from its German. */
    public static final String UNTIL_FULL_SUFFIX = "\n\nIMPORTANT: Your context is your limit. Work through as many "
            + "tasks as possible. Only when you notice that your context is running low or that a compaction is "
            + "taking place, finish the current task cleanly, write a complete handoff and end.";

    private final Path projectRoot;

    public PromptResolver(Path projectRoot) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
    }

    /** The full prompt of {@code link} for one run: resolved, placeholders filled, until_full appended. */
    public String resolve(ChainSpec chain, LinkSpec link, TemplateVariables vars) {
        String text = vars.substitute(source(chain, link, vars));
        if (text.isBlank()) text = DEFAULT_PROMPT;
        return link.untilFull() ? text + UNTIL_FULL_SUFFIX : text;
    }

    /**
     * Resolves every link's prompt once, before anything runs, so that a broken eighth link is found
     * now and not hours into the chain. Throws the first problem, the others attached as suppressed.
     */
    public void check(ChainSpec chain) {
        List<ChainFileException> problems = problems(chain);
        if (problems.isEmpty()) return;
        ChainFileException first = problems.getFirst();
        if (problems.size() == 1) throw first;
        ChainFileException all = new ChainFileException(
                first.location(),
                ChainFileException.problemOf(first) + " (and " + (problems.size() - 1) + " more prompt problem"
                        + (problems.size() == 2 ? "" : "s") + ")",
                first);
        problems.subList(1, problems.size()).forEach(all::addSuppressed);
        throw all;
    }

    /** Every prompt problem of the chain, one per link at most, in link order. */
    public List<ChainFileException> problems(ChainSpec chain) {
        TemplateVariables vars = firstRound(chain);
        List<ChainFileException> problems = new ArrayList<>();
        for (LinkSpec link : chain.links()) {
            try {
                resolve(chain, link, vars);
            } catch (ChainFileException e) {
                problems.add(e);
            }
        }
        return problems;
    }

    /**
     * The files the links' prompts are read from, as the first round resolves them (a prompt key with
     * {@code {ROUND}} in it may name other files later): {@code {"type": "file"}} prompts,
     * {@code prompts/<key>}, {@code prompts/<key>.txt} and a file a key names. Absolute and normalized,
     * each once, in link order.
     */
    public List<Path> files(ChainSpec chain) {
        TemplateVariables vars = firstRound(chain);
        Set<Path> files = new LinkedHashSet<>();
        for (LinkSpec link : chain.links()) {
            String key = link.prompt();
            if (key.isBlank()) continue;
            PromptSource defined = chain.prompts().get(key);
            if (defined instanceof PromptSource.FromFile fromFile) files.add(resolvePath(fromFile.path(), vars));
            if (defined != null) continue;
            String lookup = vars.substitute(key);
            keyFile(lookup).or(() -> regularFile(projectRoot, lookup)).ifPresent(files::add);
        }
        return List.copyOf(files);
    }

    private TemplateVariables firstRound(ChainSpec chain) {
        Path stateDir = projectRoot.resolve("state").resolve(chain.name());
        return TemplateVariables.of(
                Path.of(System.getProperty("user.home")), chain.name(), stateDir, stateDir.resolve("handoff.md"), 1);
    }

    /** {@code prompts/<key>}, else {@code prompts/<key>.txt}, when it is a file. */
    private Optional<Path> keyFile(String lookup) {
        return regularFile(projectRoot.resolve("prompts"), lookup)
                .or(() -> regularFile(projectRoot.resolve("prompts"), lookup + ".txt"));
    }

    private String source(ChainSpec chain, LinkSpec link, TemplateVariables vars) {
        String key = link.prompt();
        if (key.isBlank()) return DEFAULT_PROMPT;
        PromptSource defined = chain.prompts().get(key);
        if (defined != null) return text(defined, key, link, vars);

        String lookup = vars.substitute(key);
        Optional<Path> file = keyFile(lookup);
        if (file.isPresent()) return read(file.get(), link, "prompt file");
        Optional<Path> named = regularFile(projectRoot, lookup);
        if (named.isPresent()) {
            // An instruction, not the content: llmauto's behaviour, kept because prompts rely on it.
            // The path is absolute so that links running in their own workspace find it.
            return "Read the file " + named.get() + " and carry out the task described in it.";
        }
        if (key.chars().anyMatch(Character::isWhitespace)) return key;
        throw new ChainFileException(
                at(link),
                "\"" + key + "\" is not a key of \"prompts\", and none of prompts/"
                        + lookup + ", prompts/" + lookup + ".txt or " + lookup + " exists in " + projectRoot
                        + "; inline prompt text must be more than one word");
    }

    private String text(PromptSource source, String key, LinkSpec link, TemplateVariables vars) {
        return switch (source) {
            case PromptSource.Inline inline -> inline.text();
            case PromptSource.FromFile fromFile -> {
                Path path = resolvePath(fromFile.path(), vars);
                if (!Files.isRegularFile(path)) {
                    throw new ChainFileException(
                            at(link),
                            "prompt \"" + key + "\" reads " + fromFile.path()
                                    + ", which " + (Files.isDirectory(path) ? "is a directory" : "does not exist")
                                    + " (" + path + ")");
                }
                yield read(path, link, "prompt \"" + key + "\" file");
            }
            case PromptSource.Template template -> {
                PromptTemplate.Expansion expansion = PromptTemplate.expand(template, vars);
                if (!expansion.missing().isEmpty()) {
                    throw new ChainFileException(
                            at(link),
                            "template \"" + key + "\" uses "
                                    + String.join(
                                            ", ",
                                            expansion.missing().stream()
                                                    .map(n -> "{{" + n + "}}")
                                                    .toList())
                                    + ", which nothing defines; add it as a key of prompts." + key
                                    + " or use one of " + String.join(", ", PromptTemplate.chainVariableNames(vars)));
                }
                yield expansion.text();
            }
        };
    }

    private Path resolvePath(Path written, TemplateVariables vars) {
        Path path = Path.of(vars.substitute(written.toString()));
        return path.isAbsolute() ? path.normalize() : projectRoot.resolve(path).normalize();
    }

    private static Optional<Path> regularFile(Path directory, String name) {
        try {
            Path path = directory.resolve(name).normalize();
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty(); // text with characters no file name can hold is not a file
        }
    }

    private static String read(Path file, LinkSpec link, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ChainFileException(at(link), what + " " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ChainFileException(at(link), what + " " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static SourceLocation at(LinkSpec link) {
        return link.location().withField(link.field("prompt"));
    }
}
