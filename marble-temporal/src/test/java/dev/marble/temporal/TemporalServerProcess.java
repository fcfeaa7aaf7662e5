package dev.marble.temporal;

import dev.marble.Marble;
import dev.marble.api.DurableEngine;
import dev.marble.api.EngineOptions;
import dev.marble.config.Environment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LoopbackTemporalServer} in a JVM of its own, for a test: started on a free loopback port, stopped (and
 * killed if need be) on close.
 */
public final class TemporalServerProcess implements AutoCloseable {

    private final Process process;
    private final String address;

    private TemporalServerProcess(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    /** Starts the server and waits until it listens (a minute at most: its JVM starts cold). */
    public static TemporalServerProcess start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LoopbackTemporalServer.class.getName());
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("LISTENING ")) return line.substring("LISTENING ".length());
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String address = listening.get(60, TimeUnit.SECONDS);
            if (address == null) throw new IOException("the Temporal test server exited before it listened");
            return new TemporalServerProcess(process, address);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the Temporal test server did not start: " + e, e);
        }
    }

    /** {@code 127.0.0.1:port}. */
    public String address() {
        return address;
    }

    /**
     * A client of this server for {@code project}, as the CLI connects: through the engine the class path offers, with
     * a Marble started in the project and {@code home} as the home folder.
     */
    public DurableEngine.Connection connect(Path project, Path home) {
        Marble marble = Marble.start(new Environment(Map.of("HOME", home.toString()), project, home), warning -> {});
        return DurableEngine.find("temporal", TemporalServerProcess.class.getClassLoader())
                .orElseThrow()
                .connect(marble, new EngineOptions(address, null, null));
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // its signal to stop
            if (!process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) process.destroyForcibly();
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        }
    }
}
