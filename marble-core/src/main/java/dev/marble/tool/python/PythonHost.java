package dev.marble.tool.python;

import static dev.marble.json.Json.mapper;

import dev.marble.process.CommandLauncher;
import dev.marble.process.Launch;
import dev.marble.process.LaunchedCommand;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One running {@code marble_host.py} and the JSON-lines channel to it. Requests are matched to replies by id, so a
 * tool may call back into Marble ({@code call_back}) and Marble may run another of its tools meanwhile; the host
 * answers those nested requests while it waits. Started through {@link CommandLauncher}, so it dies with Marble.
 */
final class PythonHost implements AutoCloseable {

    /** What the host printed last on standard error, kept to explain a crash. */
    private static final int STDERR_TAIL = 2_000;

    private final LaunchedCommand launched;
    private final Writer input;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final StringBuilder stderrTail = new StringBuilder();
    private final CallBack callBack;
    private final Thread errors;
    /** The context of the call a call back belongs to; a nested call's replaces its caller's while it runs. */
    private volatile ToolContext current;

    private PythonHost(LaunchedCommand launched, CallBack callBack) {
        this.launched = launched;
        this.callBack = callBack;
        this.input = new OutputStreamWriter(launched.process().getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("python-host-out").start(this::readReplies);
        this.errors = Thread.ofPlatform().daemon().name("python-host-err").start(this::readErrors);
    }

    static PythonHost start(PythonSetup setup, Path file, CallBack callBack) throws IOException {
        Launch launch = new Launch(setup.command(file), setup.directory(), setup.hostEnvironment(), setup.sandbox());
        return new PythonHost(CommandLauncher.shared().start(launch), callBack);
    }

    boolean alive() {
        return launched.process().isAlive();
    }

    /**
     * Sends {@code request} and waits for its reply, at most {@code timeout}. On a timeout or an interrupt the host
     * is stopped, with everything it started: a Python function cannot be stopped halfway any other way.
     */
    JsonNode request(ObjectNode request, Duration timeout, ToolContext context)
            throws IOException, InterruptedException, TimeoutException {
        long id = ids.incrementAndGet();
        request.put("id", id);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ToolContext caller = current;
        if (context != null) current = context;
        try {
            try {
                write(request);
            } catch (IOException closed) {
                throw ended();
            }
            return reply.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | TimeoutException e) {
            stop();
            throw e;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } finally {
            pending.remove(id);
            current = caller;
        }
    }

    private void write(JsonNode message) throws IOException {
        synchronized (input) {
            input.write(mapper().writeValueAsString(message));
            input.write('\n');
            input.flush();
        }
    }

    private void readReplies() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(launched.process().getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.isBlank()) continue;
                JsonNode message;
                try {
                    message = mapper().readTree(line);
                } catch (RuntimeException notJson) {
                    continue; // the protocol's stream carries JSON only; anything else is noise to skip
                }
                if (message.has("op")) {
                    ToolContext context = current;
                    Thread.ofVirtual().name("python-call-back").start(() -> answer(message, context));
                } else {
                    CompletableFuture<JsonNode> waiting =
                            pending.get(message.path("id").asLong(-1));
                    if (waiting != null) waiting.complete(message);
                }
            }
        } catch (IOException ended) {
            // the host was stopped; the pending calls are failed below
        }
        IOException gone = ended();
        pending.values().forEach(waiting -> waiting.completeExceptionally(gone));
    }

    /** Runs a {@code call_back} the host sent and writes its answer. */
    private void answer(JsonNode message, ToolContext context) {
        ObjectNode reply = mapper().createObjectNode();
        reply.set("id", message.get("id"));
        try {
            ToolResult result = context == null
                    ? ToolResult.error("ctx.deps.call is only possible while a tool runs")
                    : callBack.call(message.path("name").asString(""), message.path("arguments"), context);
            if (result.isError()) reply.put("error", result.content());
            else reply.put("result", result.content());
        } catch (Exception e) {
            reply.put("error", String.valueOf(e.getMessage()));
        }
        try {
            write(reply);
        } catch (IOException hostGone) {
            // nothing is left to answer to
        }
    }

    private void readErrors() {
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(launched.process().getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                synchronized (stderrTail) {
                    stderrTail.append(line).append('\n');
                    if (stderrTail.length() > STDERR_TAIL) stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
                }
            }
        } catch (IOException ended) {
            // the host was stopped
        }
    }

    /** Why the host is gone: its exit code and the last it wrote to standard error. */
    private IOException ended() {
        try {
            // Let the process finish and its error stream drain, so the reason is complete.
            launched.process().waitFor(2, TimeUnit.SECONDS);
            errors.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String exit = launched.process().isAlive()
                ? ""
                : " (exit code " + launched.process().exitValue() + ")";
        return new IOException("the Python host ended" + exit + lastError());
    }

    private String lastError() {
        synchronized (stderrTail) {
            String tail = stderrTail.toString().strip();
            return tail.isEmpty() ? "" : ": " + tail;
        }
    }

    /** Ends the host and everything its tools started, and waits until none of it runs. */
    void stop() {
        launched.stop();
    }

    @Override
    public void close() {
        try {
            synchronized (input) {
                input.close();
            }
        } catch (IOException alreadyGone) {
            // stopped below either way
        }
        try {
            launched.process().waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        launched.stop();
    }
}
