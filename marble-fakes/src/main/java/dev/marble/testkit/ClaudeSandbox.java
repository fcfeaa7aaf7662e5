package dev.marble.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The real Claude Code CLI against a fake Anthropic server, in a network namespace that has nothing but loopback:
 * the CLI phones home when it can, so neither it nor the fake may see any other network. The fake
 * ({@link FakeServerMain}, a JVM of its own) is started inside a fresh namespace with {@code unshare -n}; the
 * {@code claude} in {@link #binDirectory()} is a wrapper that joins that namespace with {@code nsenter} and runs the
 * CLI that build/install-peers.sh installed. Put that folder first on PATH and the variables of
 * {@link #environment(Path)} in the environment, and whatever runs {@code claude} meets the fake.
 *
 * <p>Needs root (for {@code nsenter}) and util-linux and iproute2; {@link #require()} applies the peer policy.
 */
public final class ClaudeSandbox implements AutoCloseable {

    /** The key the CLI sends; the fake accepts any, and it must never show in Marble's output. */
    public static final String API_KEY = "sk-ant-test-key-0123456789";

    private static final Duration START_LIMIT = Duration.ofSeconds(15);

    private final Process fake;
    private final int port;
    private final Path bin;
    private final Path requestLog;

    private ClaudeSandbox(Process fake, int port, Path bin, Path requestLog) {
        this.fake = fake;
        this.port = port;
        this.bin = bin;
        this.requestLog = requestLog;
    }

    /**
     * The CLI and a namespace to run it in, or the test cannot run (skipped with the reason, or failed under
     * MARBLE_REQUIRE_PEERS=1). Returns the CLI's path.
     */
    public static Path require() {
        Path claude = Peers.require("the real Claude Code CLI", Peers.claude());
        String whyNot = whyNoNamespace();
        Peers.requireThat("network namespaces (root, unshare, nsenter, ip)", whyNot == null, whyNot);
        return claude;
    }

    /**
     * Starts the fake in a new namespace, answering as {@code script} says, and writes the wrapper; everything
     * goes into {@code dir} (replies.json, requests.jsonl, bin/claude). Calls {@link #require()} first.
     */
    public static ClaudeSandbox start(Path dir, FakeReplyScript script) {
        Path claude = require();
        try {
            Files.createDirectories(dir);
            Path portFile = dir.resolve("port");
            Files.deleteIfExists(portFile);
            Path requestLog = dir.resolve("requests.jsonl");
            Files.deleteIfExists(requestLog);
            Path replies = Files.writeString(dir.resolve("replies.json"), script.toJson());
            String java = ProcessHandle.current()
                    .info()
                    .command()
                    .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
            Process fake = new ProcessBuilder(
                            "unshare",
                            "-n",
                            "bash",
                            "-c",
                            "ip link set lo up && exec \"$0\" -cp \"$1\" " + FakeServerMain.class.getName()
                                    + " anthropic \"$2\" \"$3\" \"$4\"",
                            java,
                            System.getProperty("java.class.path"),
                            portFile.toString(),
                            requestLog.toString(),
                            replies.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int port = awaitPort(fake, portFile);
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Path wrapper = bin.resolve("claude");
            Files.writeString(
                    wrapper,
                    "#!/bin/sh\nexec nsenter --net=/proc/" + fake.pid() + "/ns/net -- '" + claude + "' \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new ClaudeSandbox(fake, port, bin, requestLog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Anthropic server in a namespace in " + dir, e);
        }
    }

    private static int awaitPort(Process fake, Path portFile) throws IOException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!Files.exists(portFile)) {
            if (!fake.isAlive())
                throw new IllegalStateException("the fake exited with " + fake.exitValue() + " before listening");
            if (System.nanoTime() > deadline) {
                fake.destroyForcibly();
                throw new IllegalStateException("the fake did not listen within " + START_LIMIT.toSeconds() + " s");
            }
            RawExchange.sleep(Duration.ofMillis(50));
        }
        return Integer.parseInt(Files.readString(portFile).strip());
    }

    /** The folder whose {@code claude} runs the real CLI in the namespace: put it first on PATH. */
    public Path binDirectory() {
        return bin;
    }

    public int port() {
        return port;
    }

    /**
     * What the CLI's environment needs: PATH with {@link #binDirectory()} first, HOME (a folder of the test's, where
     * the CLI keeps its sessions), the fake as the API, and the CLI's own switches for no updates, telemetry or other
     * traffic. {@code CLAUDE_CODE_MAX_RETRIES} is not set: the CLI's default (10 retries, about 3 minutes of
     * back-off) applies unless a test sets it.
     */
    public Map<String, String> environment(Path home) {
        return Map.of(
                "PATH",
                bin + ":/usr/bin:/bin",
                "HOME",
                home.toString(),
                "ANTHROPIC_BASE_URL",
                "http://127.0.0.1:" + port,
                "ANTHROPIC_API_KEY",
                API_KEY,
                "DISABLE_AUTOUPDATER",
                "1",
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC",
                "1",
                "DISABLE_TELEMETRY",
                "1");
    }

    /**
     * The requests the fake received, in order, each {@code {"method", "path", "body"}}, refused ones included. The
     * fake writes its log every 20 ms, so this waits until the log has not grown for 100 ms.
     */
    public List<JsonNode> requests() {
        try {
            long size = -1;
            for (int still = 0; still < 5; still++) {
                long now = Files.exists(requestLog) ? Files.size(requestLog) : 0;
                if (now != size) still = 0;
                size = now;
                RawExchange.sleep(Duration.ofMillis(20));
            }
            List<JsonNode> out = new ArrayList<>();
            if (Files.exists(requestLog)) for (String line : Files.readAllLines(requestLog)) out.add(Json.parse(line));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the fake; the namespace goes with it. */
    @Override
    public void close() {
        try {
            fake.getOutputStream().close(); // the fake exits when its standard input closes
        } catch (IOException ignored) {
            // it is gone already
        }
        fake.destroy();
    }

    /** Why this machine cannot give a test a namespace of its own, or {@code null} when it can. */
    public static String whyNoNamespace() {
        if (!"root".equals(System.getProperty("user.name"))) return "nsenter into a new network namespace needs root";
        for (String tool : List.of("unshare", "nsenter", "ip")) {
            boolean found = List.of("/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/").stream()
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir + tool)));
            if (!found) return tool + " is not installed (Debian: util-linux, iproute2)";
        }
        return null;
    }
}
