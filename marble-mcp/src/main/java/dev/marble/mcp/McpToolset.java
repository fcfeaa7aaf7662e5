package dev.marble.mcp;

import dev.marble.config.Environment;
import dev.marble.config.Version;
import dev.marble.json.Json;
import dev.marble.mcp.transport.MessageTransport;
import dev.marble.mcp.transport.StdioTransport;
import dev.marble.mcp.transport.StreamableHttpTransport;
import dev.marble.model.ToolSpec;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import dev.marble.tool.Toolset;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * One MCP server's tools. The server starts on the first {@link #tools()} call: the process (stdio)
 * or the session (streamable HTTP), {@code initialize}, then {@code tools/list} when the server has
 * the tools capability. Each selected tool is offered as {@code <server>__<tool>}. {@link #close()}
 * stops the server: the process and its children, or the HTTP session.
 */
public final class McpToolset implements Toolset {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final TypeReference<Map<String, Object>> ARGUMENTS = new TypeReference<>() {};

    private final McpServerConfig config;
    private final Environment environment;
    private final Object lock = new Object();
    private MessageTransport transport;
    private McpAsyncClient client;
    private List<Tool> tools;
    private Map<String, String> serverNames = Map.of();
    private McpSchema.InitializeResult initializeResult;
    private boolean closed;

    /**
     * @param environment what a stdio server starts in, its {@code env} block added on top: Marble passes its tool
     *                    environment, without the variables that hold secrets ({@code Marble.toolEnvironment()})
     */
    public McpToolset(McpServerConfig config, Environment environment) {
        this.config = config;
        this.environment = environment;
    }

    @Override
    public String name() {
        return "mcp server '" + config.name() + "'";
    }

    public McpServerConfig config() {
        return config;
    }

    /** Starts the server if needed; the tools it offers after selection. */
    @Override
    public List<Tool> tools() {
        synchronized (lock) {
            if (closed) throw new McpServerException(name() + " is closed");
            if (tools == null) start();
            return tools;
        }
    }

    /**
     * The server's own name of each offered tool, by Marble's name ({@code everything__echo} to
     * {@code echo}); empty before the first {@link #tools()}.
     */
    public Map<String, String> serverToolNames() {
        synchronized (lock) {
            return serverNames;
        }
    }

    /** What the server said at initialization; null before the first {@link #tools()}. */
    public McpSchema.InitializeResult initializeResult() {
        synchronized (lock) {
            return initializeResult;
        }
    }

    /** The server's process while it runs over stdio; empty for HTTP servers and before the start. */
    public Optional<ProcessHandle> process() {
        synchronized (lock) {
            return transport instanceof StdioTransport stdio ? Optional.of(stdio.processHandle()) : Optional.empty();
        }
    }

    private void start() {
        MessageTransport opened = open();
        McpAsyncClient started = McpClient.async(opened)
                .requestTimeout(config.timeout())
                .initializationTimeout(config.timeout())
                .clientInfo(McpSchema.Implementation.builder("marble", Version.VERSION)
                        .title("Marble")
                        .build())
                .capabilities(McpSchema.ClientCapabilities.builder().build())
                .build();
        try {
            McpSchema.InitializeResult result = await(started.initialize(), "initialize", opened);
            List<McpSchema.Tool> listed = new ArrayList<>();
            if (result.capabilities() != null && result.capabilities().tools() != null) {
                String cursor = null;
                do {
                    McpSchema.ListToolsResult page = await(started.listTools(cursor), "tools/list", opened);
                    if (page.tools() != null) listed.addAll(page.tools());
                    cursor = page.nextCursor();
                } while (cursor != null && !cursor.isEmpty());
            }
            this.tools = select(listed);
            this.initializeResult = result;
            this.client = started;
            this.transport = opened;
        } catch (RuntimeException e) {
            started.close();
            opened.close();
            throw e;
        }
    }

    private MessageTransport open() {
        return switch (config.transport()) {
            case McpServerConfig.Stdio stdio -> {
                Path executable = environment
                        .findExecutable(stdio.command())
                        .orElseThrow(() -> startFailure(
                                stdio.command().contains("/")
                                        ? "'" + stdio.command() + "' is not an executable file"
                                        : "command '" + stdio.command() + "' not found on PATH",
                                null));
                List<String> commandLine = new ArrayList<>();
                commandLine.add(executable.toString());
                commandLine.addAll(stdio.args());
                Map<String, String> variables = new HashMap<>(environment.variables());
                variables.putAll(stdio.env());
                try {
                    yield StdioTransport.start(commandLine, variables, environment.workingDirectory());
                } catch (IOException e) {
                    throw startFailure("cannot run it: " + e.getMessage(), e);
                }
            }
            case McpServerConfig.Http http -> {
                try {
                    yield new StreamableHttpTransport(http.url(), http.headers(), CONNECT_TIMEOUT);
                } catch (IllegalArgumentException e) {
                    throw startFailure(e.getMessage(), e);
                }
            }
        };
    }

    /** Waits for a step of the start; a failure becomes one line that names the server and why. */
    private <T> T await(Mono<T> step, String what, MessageTransport opened) {
        CompletableFuture<T> future = step.toFuture();
        // The SDK's own timeouts apply; this one only guards against a step that never ends.
        long limit = config.timeout().toMillis() + 5_000;
        try {
            T value = future.get(limit, TimeUnit.MILLISECONDS);
            if (value == null) throw startFailure("no answer to " + what, null);
            return value;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw startFailure(noAnswer(what, opened), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw startFailure("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (Failures.isTimeout(cause)) throw startFailure(noAnswer(what, opened), cause);
            throw startFailure(Failures.why(cause, opened), cause);
        }
    }

    private String noAnswer(String what, MessageTransport opened) {
        String base = "no answer to " + what + " within " + config.timeout().toSeconds() + " s";
        if (opened instanceof StdioTransport stdio) {
            return base + " (the server " + stdio.exitDescription() + ")";
        }
        return base;
    }

    private McpServerException startFailure(String why, Throwable cause) {
        return new McpServerException(
                name() + " (" + config.transport().describe() + ") failed to start: " + why, cause);
    }

    private List<Tool> select(List<McpSchema.Tool> listed) {
        Map<String, McpSchema.Tool> byName = new LinkedHashMap<>();
        for (McpSchema.Tool tool : listed) byName.putIfAbsent(tool.name(), tool);
        if (config.tools() != null) {
            for (String wanted : config.tools()) {
                if (!byName.containsKey(wanted)) {
                    throw new McpServerException(
                            name() + " has no tool '" + wanted + "' (named in \"tools\" at " + config.location()
                                    + "); it has: " + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
                }
            }
        }
        Map<String, String> origins = new LinkedHashMap<>();
        List<Tool> selected = new ArrayList<>();
        for (McpSchema.Tool tool : byName.values()) {
            if (!config.offers(tool.name())) continue;
            String marbleName = ToolNames.of(config.name(), tool.name());
            String earlier = origins.putIfAbsent(marbleName, tool.name());
            if (earlier != null) {
                throw new McpServerException(name() + " has tools '" + earlier + "' and '" + tool.name()
                        + "', which both become '" + marbleName + "'; exclude one of them (\"exclude\")");
            }
            selected.add(new McpTool(
                    this, tool.name(), spec(marbleName, tool), config.preApproves(tool.name(), marbleName)));
        }
        this.serverNames = Collections.unmodifiableMap(origins);
        return List.copyOf(selected);
    }

    private static ToolSpec spec(String marbleName, McpSchema.Tool tool) {
        JsonNode schema = tool.inputSchema() == null
                ? Json.object().put("type", "object")
                : Json.mapper().valueToTree(tool.inputSchema());
        String description = tool.description() != null ? tool.description() : tool.title();
        return new ToolSpec(marbleName, description, schema);
    }

    /** Calls the server's tool {@code tool}: an answer with isError becomes an error result, a failure is thrown. */
    ToolResult call(String tool, JsonNode arguments, ToolContext context) throws InterruptedException {
        McpAsyncClient current;
        synchronized (lock) {
            if (closed) throw new McpServerException(name() + " is closed");
            if (client == null) throw new McpServerException(name() + " is not started");
            current = client;
        }
        Map<String, Object> args = arguments == null || arguments.isNull() || arguments.isMissingNode()
                ? Map.of()
                : Json.mapper().convertValue(arguments, ARGUMENTS);
        Duration limit = config.timeout();
        Duration remaining = context == null ? null : context.remaining();
        if (remaining != null && remaining.isPositive() && remaining.compareTo(limit) < 0) limit = remaining;
        CompletableFuture<McpSchema.CallToolResult> future = current.callTool(
                        McpSchema.CallToolRequest.builder(tool).arguments(args).build())
                .toFuture();
        McpSchema.CallToolResult result;
        try {
            result = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new McpServerException(
                    name() + ": tool '" + tool + "' gave no answer within " + Failures.seconds(limit), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (Failures.isTimeout(cause)) {
                throw new McpServerException(
                        name() + ": tool '" + tool + "' gave no answer within " + Failures.seconds(limit), cause);
            }
            throw new McpServerException(
                    name() + ": calling tool '" + tool + "' failed: " + Failures.why(cause, transportNow()), cause);
        }
        if (result == null) throw new McpServerException(name() + ": tool '" + tool + "' gave an empty answer");
        String text = ResultText.of(result);
        if (Boolean.TRUE.equals(result.isError())) {
            return ToolResult.error(text.isBlank() ? "the tool reported an error and gave no message" : text);
        }
        return ToolResult.ok(text);
    }

    private MessageTransport transportNow() {
        synchronized (lock) {
            return transport;
        }
    }

    /** Stops the server; its tools fail from now on. */
    @Override
    public void close() {
        McpAsyncClient current;
        MessageTransport opened;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            current = client;
            opened = transport;
        }
        if (current != null) current.close();
        if (opened != null) opened.close();
    }
}
