package dev.marble.mcp;

import dev.marble.error.SourceLocation;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One entry of {@code mcpServers}, with every {@code ${VAR}} already substituted.
 *
 * @param tools        the only tools to offer, by the server's names; null offers all
 * @param exclude      tools never to offer
 * @param preApproveAll whether every tool of the server runs without asking
 * @param preApproved  tools (by the server's name or Marble's {@code server__tool}) that run without asking
 * @param timeout      how long one call may take
 * @param location     where the entry stands in its file, for messages
 */
public record McpServerConfig(
        String name,
        Transport transport,
        List<String> tools,
        Set<String> exclude,
        boolean preApproveAll,
        Set<String> preApproved,
        Duration timeout,
        SourceLocation location) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** How Marble reaches the server. */
    public sealed interface Transport permits Stdio, Http {
        /** For messages: the command line or the URL, never headers or environment values. */
        String describe();
    }

    /** A program Marble starts and speaks to over its standard input and output. */
    public record Stdio(String command, List<String> args, Map<String, String> env) implements Transport {
        public Stdio {
            Objects.requireNonNull(command, "command");
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }

        @Override
        public String describe() {
            return "command: "
                    + String.join(
                            " ",
                            Stream.concat(Stream.of(command), args.stream()).toList());
        }
    }

    /** A server already running at a streamable HTTP endpoint. */
    public record Http(URI url, Map<String, String> headers) implements Transport {
        public Http {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }

        @Override
        public String describe() {
            return "url: " + url;
        }
    }

    public McpServerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transport, "transport");
        tools = tools == null ? null : List.copyOf(tools);
        exclude = Set.copyOf(exclude);
        preApproved = Set.copyOf(preApproved);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A stdio server with every default: all tools, all asked about, 60 s per call. */
    public static McpServerConfig stdio(String name, String command, List<String> args, Map<String, String> env) {
        return new McpServerConfig(
                name,
                new Stdio(command, args, env),
                null,
                Set.of(),
                false,
                Set.of(),
                DEFAULT_TIMEOUT,
                SourceLocation.of(null).withField(name));
    }

    /** A streamable HTTP server with every default. */
    public static McpServerConfig http(String name, URI url, Map<String, String> headers) {
        return new McpServerConfig(
                name,
                new Http(url, headers),
                null,
                Set.of(),
                false,
                Set.of(),
                DEFAULT_TIMEOUT,
                SourceLocation.of(null).withField(name));
    }

    public McpServerConfig withTools(List<String> only, Set<String> excluded) {
        return new McpServerConfig(name, transport, only, excluded, preApproveAll, preApproved, timeout, location);
    }

    public McpServerConfig withPreApproved(boolean all, Set<String> names) {
        return new McpServerConfig(name, transport, tools, exclude, all, names, timeout, location);
    }

    public McpServerConfig withTimeout(Duration perCall) {
        return new McpServerConfig(name, transport, tools, exclude, preApproveAll, preApproved, perCall, location);
    }

    /** Whether the server's tool {@code tool} is offered to the model. */
    public boolean offers(String tool) {
        return (tools == null || tools.contains(tool)) && !exclude.contains(tool);
    }

    /** Whether calls of the tool skip the approval question. */
    public boolean preApproves(String tool, String marbleName) {
        return preApproveAll || preApproved.contains(tool) || preApproved.contains(marbleName);
    }
}
