package dev.marble.tool.python;

import static dev.marble.json.Json.mapper;

import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import dev.marble.error.UsageException;
import dev.marble.model.ToolSpec;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Python tool file, loaded in its own host: its toolsets, and the calls of their tools. A call that overruns its
 * time limit stops the host; the next call starts a fresh one, which loads the file again. Closing the file ends the
 * host.
 */
public final class PythonFile implements AutoCloseable {

    /** How long the file may take to load (imports included). */
    private static final Duration LOAD_TIME = Duration.ofSeconds(60);
    /** "tools.py:12: SyntaxError: ...", as the host reports a file that does not load. */
    private static final Pattern LOCATED = Pattern.compile("(?s)(.+?):(\\d+): (.*)");

    private final Path file;
    private final PythonStyle style;
    private final PythonSetup setup;
    private volatile CallBack callBack = CallBack.NONE;
    private final List<PythonToolset> toolsets;
    private PythonHost host;
    private boolean closed;

    private PythonFile(Path file, PythonStyle style, PythonSetup setup) {
        this.file = file;
        this.style = style;
        this.setup = setup;
        this.toolsets = read(load());
    }

    /**
     * Starts a host for {@code file} and lists its tools.
     *
     * @throws UsageException for a missing file or one that is not {@code .py}
     * @throws ConfigException when the file does not load ({@code file:line: ...}), or there is no Python to run it
     */
    public static PythonFile load(Path file, PythonStyle style, PythonSetup setup) {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(setup, "setup");
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.getFileName().toString().endsWith(".py"))
            throw new UsageException(file + ": a Python tool file ends in .py");
        if (!Files.isRegularFile(absolute)) throw new UsageException(file + ": no such file");
        return new PythonFile(absolute, style, setup);
    }

    public Path file() {
        return file;
    }

    /** The file's toolsets: one for llm-loop's style, one per {@code FunctionToolset} variable for llm-do's. */
    public List<PythonToolset> toolsets() {
        return toolsets;
    }

    /** Sets what answers the tools' {@code ctx.deps.call} (the run's workers and tools). */
    public void callBack(CallBack callBack) {
        this.callBack = Objects.requireNonNull(callBack, "callBack");
    }

    /** The tool of that name in any of the file's toolsets, for a code entry ({@code --entry NAME}). */
    public java.util.Optional<Tool> tool(String name) {
        return toolsets.stream()
                .flatMap(set -> set.tools().stream())
                .filter(tool -> tool.name().equals(name))
                .findFirst();
    }

    private JsonNode load() {
        ObjectNode request = mapper().createObjectNode();
        request.put("op", "load");
        request.put("file", file.toString());
        request.put("style", style.wire());
        JsonNode reply;
        try {
            reply = running().request(request, LOAD_TIME, null);
        } catch (IOException | TimeoutException e) {
            close();
            throw new ConfigException(SourceLocation.of(file), "the Python host failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new ConfigException(SourceLocation.of(file), "interrupted while loading", e);
        }
        if (reply.has("error")) {
            close();
            throw located(reply.path("error").asString());
        }
        return reply.path("toolsets");
    }

    private ConfigException located(String error) {
        Matcher m = LOCATED.matcher(error);
        if (m.matches() && Path.of(m.group(1)).toAbsolutePath().normalize().equals(file)) {
            return new ConfigException(new SourceLocation(file, Integer.parseInt(m.group(2)), 0, null), m.group(3));
        }
        return new ConfigException(SourceLocation.of(file), error);
    }

    private List<PythonToolset> read(JsonNode listed) {
        List<PythonToolset> sets = new ArrayList<>();
        for (JsonNode set : listed) {
            String variable = set.path("name").asString("");
            List<Tool> tools = new ArrayList<>();
            for (JsonNode tool : set.path("tools")) {
                String name = tool.path("name").asString();
                tools.add(new PythonTool(
                        this,
                        variable,
                        new ToolSpec(name, tool.path("description").asString(""), tool.path("parameters"))));
            }
            String label = variable.isEmpty() ? file.getFileName().toString() : file.getFileName() + ": " + variable;
            sets.add(new PythonToolset(
                    variable.isEmpty() ? file.getFileName().toString() : variable, label, tools, this));
        }
        return List.copyOf(sets);
    }

    /** Runs one tool; an exception in it, or a host that died or overran, is an error result. */
    ToolResult call(String toolset, String tool, JsonNode arguments, ToolContext context) throws InterruptedException {
        ObjectNode request = mapper().createObjectNode();
        request.put("op", "call");
        request.put("toolset", toolset);
        request.put("tool", tool);
        request.set("arguments", arguments);
        Duration limit = context.remaining();
        JsonNode reply;
        try {
            PythonHost current;
            synchronized (this) {
                if (closed) return ToolResult.error(tool + ": the run has ended");
                current = runningOrReloaded();
            }
            reply = current.request(request, limit == null ? Duration.ofMinutes(10) : limit, context);
        } catch (TimeoutException e) {
            return ToolResult.error(tool + " did not finish within its time limit; its Python process was stopped");
        } catch (IOException | RuntimeException e) {
            return ToolResult.error(tool + ": " + e.getMessage());
        }
        if (reply.has("error")) return ToolResult.error(reply.path("error").asString());
        return ToolResult.ok(reply.path("result").asString(""));
    }

    /** The host, started again (and the file loaded again) after a call that overran stopped it. */
    private PythonHost runningOrReloaded() throws IOException, TimeoutException, InterruptedException {
        if (host != null && host.alive()) return host;
        if (host == null) return running();
        host = null;
        load();
        return host;
    }

    private synchronized PythonHost running() throws IOException {
        if (host == null || !host.alive()) {
            host = PythonHost.start(setup, file, (name, arguments, context) -> callBack.call(name, arguments, context));
        }
        return host;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (host != null) {
            host.close();
            host = null;
        }
    }
}
