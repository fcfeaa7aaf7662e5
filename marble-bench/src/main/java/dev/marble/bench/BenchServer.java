package dev.marble.bench;

import dev.marble.testkit.FakeOpenAiServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fake OpenAI server the agent benchmarks call, answering with {@link RunShape#RESPONDER}: in this JVM, or
 * in a child JVM ({@link FakeServerProcess}) whose CPU time is then counted apart from the client's.
 */
abstract sealed class BenchServer implements AutoCloseable {

    /** Requests and connections so far, and the server's CPU time (-1: shared with the client's process). */
    record Stats(long requests, long connections, long cpuNanos) {}

    abstract String baseUrl();

    abstract Stats stats();

    abstract String where();

    static BenchServer start(boolean inProcess, Duration latency) {
        return inProcess ? new InProcess(latency) : new Child(latency);
    }

    @Override
    public abstract void close();

    static final class InProcess extends BenchServer {
        private final FakeOpenAiServer server = FakeOpenAiServer.start();

        InProcess(Duration latency) {
            server.keepRequests(0);
            server.respondWith(RunShape.RESPONDER).withLatency(latency);
        }

        @Override
        String baseUrl() {
            return server.baseUrl();
        }

        @Override
        Stats stats() {
            return new Stats(server.requestCount(), server.connectionCount(), -1);
        }

        @Override
        String where() {
            return "in this JVM";
        }

        @Override
        public void close() {
            server.close();
        }
    }

    static final class Child extends BenchServer {
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;
        private final String baseUrl;

        Child(Duration latency) {
            String java = ProcessHandle.current()
                    .info()
                    .command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString());
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    FakeServerProcess.class.getName(),
                    Long.toString(latency.toMillis())));
            try {
                process = new ProcessBuilder(command)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake server's JVM", e);
            }
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            String first = line();
            if (!first.startsWith("port ")) throw new IllegalStateException("fake server said: " + first);
            baseUrl = "http://127.0.0.1:" + first.substring(5).trim() + "/v1";
        }

        private String line() {
            try {
                String line = out.readLine();
                if (line == null) throw new IllegalStateException("the fake server's JVM ended");
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        String baseUrl() {
            return baseUrl;
        }

        @Override
        synchronized Stats stats() {
            in.println("stats");
            String[] words = line().split(" ");
            return new Stats(Long.parseLong(words[1]), Long.parseLong(words[2]), Long.parseLong(words[3]));
        }

        @Override
        String where() {
            return "in a JVM of its own (pid " + process.pid() + ")";
        }

        @Override
        public void close() {
            in.close();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroy();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
            }
        }
    }
}
