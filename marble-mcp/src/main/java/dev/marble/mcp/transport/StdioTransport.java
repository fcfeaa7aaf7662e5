package dev.marble.mcp.transport;

import dev.marble.config.Environment;
import dev.marble.process.CommandLauncher;
import dev.marble.process.Launch;
import dev.marble.process.LaunchedCommand;
import dev.marble.process.Sandbox;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An MCP server as a child process: one JSON-RPC message per line on its standard input and
 * output, its standard error kept (the last lines) for messages about why it failed.
 *
 * <p>Written for Marble rather than taken from the SDK so that a server that exits answers every
 * waiting request at once with its exit code and last words, instead of leaving them to time out,
 * and so that closing stops the whole process tree, as the MCP specification's shutdown sequence
 * asks: close its input, wait, then SIGTERM, then SIGKILL.
 */
public final class StdioTransport extends MessageTransport {

    private static final int TAIL_LINES = 20;
    private static final int TAIL_LINE_LENGTH = 300;
    private static final long EXIT_GRACE_MILLIS = 1000;
    private static final long TERM_GRACE_MILLIS = 2000;

    private final LaunchedCommand launched;
    private final Process process;
    private final List<String> commandLine;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrReader;
    private final ExecutorService writer;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Consumer<String> stderrListener = line -> {};

    private StdioTransport(LaunchedCommand launched, List<String> commandLine) {
        this.launched = launched;
        this.process = launched.process();
        this.commandLine = List.copyOf(commandLine);
        this.writer = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("mcp-stdio-writer").factory());
        this.stderrReader =
                Thread.ofPlatform().daemon().name("mcp-stdio-stderr").start(this::readStderr);
    }

    /**
     * Starts {@code commandLine} with exactly {@code environment} (the caller merges the server's
     * variables over the run's) in {@code directory}.
     */
    public static StdioTransport start(List<String> commandLine, Map<String, String> environment, Path directory)
            throws IOException {
        // Through Marble's launcher, as every command it runs: the server and all it starts are marked and die with
        // Marble even when Marble is killed with SIGKILL (docs/security.md). Started with a plain ProcessBuilder, a
        // server outlived a killed Marble, or a killed worker, whenever it did not exit at the end of its input, and
        // what it had started outlived it either way.
        // The home directory is read only to build a sandbox, which an MCP server is not given.
        Environment launchEnvironment = new Environment(environment, directory, directory);
        LaunchedCommand launched = CommandLauncher.shared()
                .start(new Launch(
                        commandLine,
                        directory,
                        launchEnvironment,
                        new Sandbox.None("an MCP server runs with the run's rights, as configured")));
        return new StdioTransport(launched, commandLine);
    }

    /** Receives each line the server writes to its standard error (for debugging output). */
    public void onStderr(Consumer<String> listener) {
        this.stderrListener = listener == null ? line -> {} : listener;
    }

    /** The last lines of the server's standard error, oldest first. */
    public List<String> stderrTail() {
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }

    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    @Override
    protected void connected() {
        if (reading.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("mcp-stdio-reader").start(this::readStdout);
        }
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        if (closed.get()) return Mono.error(new IOException("the server's connection is closed"));
        String line;
        try {
            line = write(message);
        } catch (IOException e) {
            return Mono.error(e);
        }
        sending(message);
        // One writer thread keeps messages in order and never blocks the thread that reads the
        // server's output (a full pipe on both sides would otherwise deadlock).
        return Mono.fromFuture(() -> CompletableFuture.runAsync(
                () -> {
                    try {
                        OutputStream in = process.getOutputStream();
                        in.write(line.getBytes(StandardCharsets.UTF_8));
                        in.write('\n');
                        in.flush();
                    } catch (IOException e) {
                        notSent(message);
                        throw new UncheckedIOException(
                                new IOException("cannot write to the server: " + exitDescription(), e));
                    }
                },
                writer));
    }

    private void readStdout() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.isBlank()) continue;
                JSONRPCMessage message;
                try {
                    message = parse(line);
                } catch (IOException | RuntimeException e) {
                    // Some servers log to stdout; keep it with stderr, where a person looks.
                    remember("(stdout) " + line);
                    continue;
                }
                receive(message);
            }
        } catch (IOException e) {
            // the process is gone or being closed; handled below
        }
        if (closed.get()) return;
        try {
            process.waitFor(EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            stderrReader.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll("the server " + exitDescription());
    }

    private void readStderr() {
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                remember(line);
                stderrListener.accept(line);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void remember(String line) {
        if (line.isBlank()) return;
        String kept = line.length() > TAIL_LINE_LENGTH ? line.substring(0, TAIL_LINE_LENGTH) + "…" : line;
        synchronized (stderrTail) {
            stderrTail.addLast(kept.strip());
            while (stderrTail.size() > TAIL_LINES) stderrTail.removeFirst();
        }
    }

    /** "exited with code 1; stderr: …" or "closed its output", for messages. */
    public String exitDescription() {
        StringBuilder out = new StringBuilder();
        if (process.isAlive()) {
            out.append("closed its standard output");
        } else {
            out.append("exited with code ").append(process.exitValue());
        }
        List<String> tail = stderrTail();
        if (!tail.isEmpty()) {
            out.append("; stderr: ")
                    .append(String.join(" | ", tail.subList(Math.max(0, tail.size() - 5), tail.size())));
        }
        return out.toString();
    }

    public List<String> commandLine() {
        return commandLine;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.<Void>fromRunnable(this::stop).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void close() {
        stop();
    }

    /** Closes the server's input, waits, then SIGTERM and SIGKILL for it and every process it started. */
    private void stop() {
        if (!closed.compareAndSet(false, true)) return;
        List<ProcessHandle> children = process.descendants().toList();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        writer.shutdownNow();
        try {
            if (!process.waitFor(EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroy();
            }
            for (ProcessHandle child : children) child.destroy();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERM_GRACE_MILLIS);
            if (!process.waitFor(TERM_GRACE_MILLIS, TimeUnit.MILLISECONDS)) process.destroyForcibly();
            // Polled: onExit() of a process that is not our child only notices its end slowly.
            while (children.stream().anyMatch(StdioTransport::isRunning) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            children.stream().filter(StdioTransport::isRunning).forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
        // What the server left running that its tree no longer shows (a double fork, a daemon): by its session and
        // its marker.
        launched.endLeftovers();
        failAll("the connection to the server was closed");
    }

    /**
     * Whether a process still runs. An orphan that has exited stays a zombie, which
     * {@link ProcessHandle#isAlive()} counts as alive, until whoever adopted it reaps it; on Linux
     * its state in /proc tells.
     */
    public static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) return false;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive();
        }
    }
}
