package dev.marble.bench;

import dev.marble.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * llmauto ("MarbleRun", lukisch/MarbleRun at a164e7c) running the same chain on the same stand-in {@code claude}, for
 * figures beside Marble's from the same run ({@link StartupBench} runs its {@code pipe} through {@link #command}).
 * Its code is never part of Marble: the checkout the user names is copied into a temporary folder called
 * {@code llmauto} (it must be called that, SEEDS-SPEC 1.15 #13, and it writes its state and logs inside itself), with
 * that folder's parent on PYTHONPATH. HOME gets a colon in it, since {@code chain start} splits the home at ':' for
 * {BASH_HOME} and crashes on every POSIX home without one (SEEDS-SPEC 1.15 #1).
 */
final class LlmautoChain {

    /** A link as both tools read it. */
    record Link(String name, String role, String model, String prompt) {}

    /** One {@code chain start}: its wall time, the links it ran, and its start-up alone ({@code chain list}). */
    record Outcome(long wallNanos, int links, long startupNanos) {}

    static final String HOW_TO_GET = "git clone https://github.com/lukisch/MarbleRun llmauto && git -C llmauto checkout"
            + " a164e7c, then --llmauto llmauto";

    private static final String CHAIN = "marble-bench";
    private static final Set<String> NOT_COPIED = Set.of(".git", "state", "logs", "__pycache__");

    private final Path python;
    private final Path parent;
    private final Path copy;
    private final Path standInDirectory;

    private LlmautoChain(Path python, Path parent, Path standInDirectory) {
        this.python = python;
        this.parent = parent;
        this.copy = parent.resolve("llmauto");
        this.standInDirectory = standInDirectory;
    }

    /** Why llmauto cannot be measured from {@code checkout}, or null when it can. */
    static String problem(Path checkout) {
        if (checkout == null) return "no checkout given (" + HOW_TO_GET + ")";
        for (String file : List.of("llmauto.py", "__main__.py", "modes/chain.py", "core/runner.py")) {
            if (!Files.isRegularFile(checkout.resolve(file))) {
                return "no llmauto checkout at " + checkout + " (" + file + " is missing; " + HOW_TO_GET + ")";
            }
        }
        return python() == null ? "python3 was not found on PATH" : null;
    }

    /** Copies the checkout into {@code folder/llmauto}; call only when {@link #problem} said nothing. */
    static LlmautoChain prepare(Path checkout, Path folder, Path standInDirectory) throws IOException {
        LlmautoChain chain = new LlmautoChain(python(), Files.createDirectories(folder), standInDirectory);
        copyTree(checkout, chain.copy);
        Files.createDirectories(chain.home());
        return chain;
    }

    /** Runs the chain for {@code rounds} rounds (llmauto sleeps 5 s after every link, so keep this small). */
    Outcome run(List<Link> links, int rounds) throws IOException, InterruptedException {
        ObjectNode chain = Json.object();
        chain.put("description", "Marble's overhead benchmark");
        chain.put("max_rounds", rounds);
        ArrayNode list = chain.putArray("links");
        for (Link link : links) {
            list.addObject()
                    .put("name", link.name())
                    .put("role", link.role())
                    .put("model", link.model())
                    .put("prompt", link.prompt());
        }
        Files.writeString(
                copy.resolve("chains").resolve(CHAIN + ".json"), Json.mapper().writeValueAsString(chain));
        timed("reset " + CHAIN, 60); // a second run of this harness's copy starts from round 0 too
        long startup = timed("list", 60);
        long wall = timed("start " + CHAIN, 60 + rounds * links.size() * 10L);
        String log = Files.readString(copy.resolve("logs").resolve(CHAIN + ".log"), StandardCharsets.UTF_8);
        int ok = (int) log.lines()
                .filter(line -> line.matches(".*\\] [^ ]+: OK \\(.*"))
                .count();
        if (ok != rounds * links.size() || !log.contains("SHUTDOWN: MAX_ROUNDS")) {
            throw new IllegalStateException("llmauto ran " + ok + " links, expected " + rounds * links.size()
                    + "; its log: " + copy.resolve("logs").resolve(CHAIN + ".log"));
        }
        return new Outcome(wall, ok, startup);
    }

    private Path home() {
        return parent.resolve("home:llmauto");
    }

    /** {@code python -m llmauto ARGS}: run it in {@link #folder()} with {@link #environment()}. */
    List<String> command(String... args) {
        List<String> argv = new ArrayList<>(List.of(python.toString(), "-m", "llmauto"));
        argv.addAll(List.of(args));
        return argv;
    }

    /** The folder llmauto's copy is in, where it runs. */
    Path folder() {
        return parent;
    }

    /** Its whole environment: the stand-in first on PATH, its home, its copy on PYTHONPATH. */
    Map<String, String> environment() {
        return Map.of(
                "PATH",
                standInDirectory + ":/usr/bin:/bin",
                "HOME",
                home().toString(),
                "PYTHONPATH",
                parent.toString(),
                "PYTHONIOENCODING",
                "utf-8");
    }

    /** {@code python -m llmauto chain ARGS} in the parent folder; its wall time, after checking it exited 0. */
    private long timed(String chainArgs, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("chain"));
        argv.addAll(List.of(chainArgs.split(" ")));
        Path output = parent.resolve("llmauto-output.txt");
        ProcessBuilder builder = new ProcessBuilder(command(argv.toArray(String[]::new)))
                .directory(parent.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment());
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "llmauto chain " + chainArgs + " ran past " + timeoutSeconds + " s; see " + output);
        }
        long nanos = System.nanoTime() - start;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("llmauto chain " + chainArgs + " exited " + process.exitValue() + ": "
                    + Files.readString(output).strip());
        }
        return nanos;
    }

    /**
     * The interpreter itself, not a shim on PATH: pyenv's shims need the real HOME, which llmauto's run must not
     * have. Null when there is none.
     */
    private static Path python() {
        try {
            Process process = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 && !out.isEmpty() ? Path.of(out) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(source);
                if (relative.toString().isEmpty()) {
                    Files.createDirectories(to);
                    continue;
                }
                if (NOT_COPIED.contains(relative.getName(0).toString())
                        || relative.toString().contains("__pycache__")) continue;
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) Files.createDirectories(target);
                else Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
