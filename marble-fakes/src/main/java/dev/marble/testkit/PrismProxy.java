package dev.marble.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code prism proxy --errors SPEC UPSTREAM} on a free loopback port: it checks every request against the spec
 * (422/400 with the broken field, or 401 without the credentials the spec demands) before passing it on, and
 * every answer of the upstream server (500 {@code VIOLATIONS} when it breaks the spec). Start one per test
 * class: loading the OpenAI document takes about 15 seconds.
 */
public final class PrismProxy implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final int PORT_TRIES = 3;

    private final Process process;
    private final int port;
    private final Path log;
    /** Ends Prism should the JVM exit without {@link #close()}, e.g. when a test run is cut short. */
    private final Thread reaper;

    private PrismProxy(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.reaper = new Thread(
                () -> {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                },
                "prism-reaper-" + port);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts Prism in front of {@code upstream} (paths of the spec are appended to it) and returns once it
     * answers HTTP.
     */
    public static PrismProxy start(Path prism, Path spec, String upstream) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < PORT_TRIES; attempt++) { // another process may take the port first
            int port = freePort();
            Path log;
            try {
                log = Files.createTempFile("marble-prism-", ".log");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Process process;
            try {
                process = new ProcessBuilder(
                                prism.toString(),
                                "proxy",
                                "-h",
                                "127.0.0.1",
                                "-p",
                                String.valueOf(port),
                                "--errors",
                                spec.toString(),
                                upstream)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(
                                Path.of("/dev/null").toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + prism, e);
            }
            PrismProxy proxy = new PrismProxy(process, port, log);
            try {
                proxy.awaitReady();
                return proxy;
            } catch (IllegalStateException e) {
                proxy.close();
                last = e;
            }
        }
        throw last;
    }

    /** {@code http://127.0.0.1:PORT}: a client's base URL, to which the spec's paths are appended. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Prism's output so far: each request it saw and each violation it found. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The last {@code lines} lines of {@link #log()}, for an assertion message. */
    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Ends Prism and any process it started, and deletes its log. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it ends Prism too
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temporary file left behind
        }
    }

    /** Polls until Prism answers any HTTP request; fails when it exits first or takes too long. */
    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/__marble_ready"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prism exited with " + process.exitValue() + " before it listened on "
                        + port + ":\n" + logTail(20));
            }
            try {
                client.send(probe, HttpResponse.BodyHandlers.discarding());
                return; // any status: it is up
            } catch (IOException notYet) {
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for prism", e);
            }
        }
        throw new IllegalStateException(
                "prism did not answer on port " + port + " within " + STARTUP.toSeconds() + " s:\n" + logTail(20));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for prism", e);
        }
    }
}
