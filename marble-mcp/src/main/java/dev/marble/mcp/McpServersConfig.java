package dev.marble.mcp;

import static dev.marble.config.Shape.Field.optional;

import dev.marble.config.ConfigWarning;
import dev.marble.config.Environment;
import dev.marble.config.LocatedDocument;
import dev.marble.config.LocatedDocumentReader;
import dev.marble.config.Shape;
import dev.marble.config.ShapeValidator;
import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * The {@code mcpServers} file that Claude Desktop, Claude Code and LLMProc share:
 *
 * <pre>{@code
 * {"mcpServers": {
 *    "files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "${HOME}/notes"],
 *              "env": {"DEBUG": "${DEBUG:-0}"}, "pre_approved": ["read_text_file"]},
 *    "search": {"url": "http://127.0.0.1:3001/mcp", "headers": {"Authorization": "Bearer ${SEARCH_TOKEN}"},
 *               "tools": ["search"], "timeout_seconds": 30}}}
 * }</pre>
 *
 * Marble's own keys per server: {@code tools} (only these), {@code exclude}, {@code pre_approved}
 * ({@code true} or a list of tools), {@code timeout_seconds} (per call, default 60), and
 * {@code type} ({@code stdio}, {@code http} or {@code streamable-http}; inferred when absent).
 * Unknown keys are warnings, so a file written for another client still loads.
 */
public record McpServersConfig(Path file, List<McpServerConfig> servers, List<ConfigWarning> warnings) {

    private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String PRE_APPROVED = "pre_approved";

    static final Shape.Fields SERVER = Shape.Fields.of(
            optional(
                    "type",
                    new Shape.Choice(Set.of("stdio", "http", "streamable-http")),
                    null,
                    "how Marble reaches the server; inferred from command or url"),
            optional("command", new Shape.Text(), null, "the program that runs a stdio server"),
            optional("args", new Shape.ListOf(new Shape.Text()), List.of(), "its arguments"),
            optional(
                    "env",
                    new Shape.MapOf(new Shape.Text(), "variable name"),
                    Map.of(),
                    "environment variables added to the run's own"),
            optional("url", new Shape.Text(), null, "a streamable HTTP endpoint, e.g. http://127.0.0.1:3001/mcp"),
            optional(
                    "headers",
                    new Shape.MapOf(new Shape.Text(), "header name"),
                    Map.of(),
                    "HTTP headers sent with every request"),
            optional("tools", new Shape.ListOf(new Shape.Text()), null, "offer only these tools"),
            optional("exclude", new Shape.ListOf(new Shape.Text()), List.of(), "never offer these tools"),
            optional("timeout_seconds", new Shape.WholeNumber(1), 60, "time limit for one tool call"));

    static final Shape.Fields ROOT = Shape.Fields.of(
            Shape.Field.required("mcpServers", new Shape.MapOf(SERVER, "server name"), "the servers, by name"));

    public McpServersConfig {
        servers = List.copyOf(servers);
        warnings = List.copyOf(warnings);
    }

    /** Reads and checks {@code file}; throws {@link ConfigException} at the first problem. */
    public static McpServersConfig read(Path file, Environment environment) {
        return parse(LocatedDocumentReader.read(file), environment);
    }

    public static McpServersConfig parse(LocatedDocument document, Environment environment) {
        List<ConfigWarning> warnings = new ArrayList<>();
        // pre_approved is true or a list, which Shape cannot say: the validator reports it as
        // unknown, and this class checks it instead.
        for (ConfigWarning warning : ShapeValidator.validate(document, ROOT)) {
            String field = warning.location().field();
            if (field == null || !field.endsWith("." + PRE_APPROVED)) warnings.add(warning);
        }
        List<McpServerConfig> servers = new ArrayList<>();
        JsonPointer root = JsonPointer.empty().appendProperty("mcpServers");
        for (Map.Entry<String, JsonNode> entry :
                document.root().get("mcpServers").properties()) {
            servers.add(new ServerReader(
                            document,
                            environment,
                            entry.getKey(),
                            entry.getValue(),
                            root.appendProperty(entry.getKey()))
                    .read());
        }
        return new McpServersConfig(document.file(), servers, warnings);
    }

    /** Reads one server entry, already known to have the right shape. */
    private record ServerReader(
            LocatedDocument document, Environment environment, String name, JsonNode node, JsonPointer pointer) {

        McpServerConfig read() {
            String field = "mcpServers." + name;
            if (!SERVER_NAME.matcher(name).matches()) {
                throw new ConfigException(
                        document.keyAt(pointer, field),
                        "a server name must be letters, digits,"
                                + " '_' or '-' (it becomes part of each tool's name), got \"" + name + "\"");
            }
            McpServerConfig.Transport transport = transport(field);
            List<String> tools = node.has("tools") ? strings("tools") : null;
            Set<String> exclude = new LinkedHashSet<>(node.has("exclude") ? strings("exclude") : List.of());
            boolean all = false;
            Set<String> preApproved = new LinkedHashSet<>();
            JsonNode approval = node.get(PRE_APPROVED);
            if (approval != null) {
                if (approval.isBoolean()) {
                    all = approval.booleanValue();
                } else if (approval.isArray()) {
                    for (int i = 0; i < approval.size(); i++) {
                        JsonNode item = approval.get(i);
                        if (!item.isString()) {
                            throw new ConfigException(
                                    at(
                                            pointer.appendProperty(PRE_APPROVED).appendIndex(i),
                                            PRE_APPROVED + "[" + i + "]"),
                                    "expected a tool name (a string), got " + item);
                        }
                        preApproved.add(item.stringValue());
                    }
                } else {
                    throw new ConfigException(
                            at(pointer.appendProperty(PRE_APPROVED), PRE_APPROVED),
                            "expected true, false or a list of tool names, got " + approval);
                }
            }
            Duration timeout = node.has("timeout_seconds")
                    ? Duration.ofSeconds(node.get("timeout_seconds").asLong())
                    : McpServerConfig.DEFAULT_TIMEOUT;
            return new McpServerConfig(
                    name, transport, tools, exclude, all, preApproved, timeout, document.keyAt(pointer, field));
        }

        private McpServerConfig.Transport transport(String field) {
            String type = node.has("type") ? node.get("type").stringValue() : null;
            boolean hasCommand = node.has("command");
            boolean hasUrl = node.has("url");
            if (hasCommand && hasUrl) {
                throw new ConfigException(
                        document.valueAt(pointer, field),
                        "has both \"command\" and \"url\"; give \"command\" for a stdio server or \"url\" for an "
                                + "HTTP one");
            }
            if (!hasCommand && !hasUrl) {
                throw new ConfigException(
                        document.valueAt(pointer, field),
                        "needs \"command\" (a program that"
                                + " speaks MCP on stdio) or \"url\" (a streamable HTTP endpoint)");
            }
            if ("stdio".equals(type) && hasUrl) {
                throw new ConfigException(
                        at(pointer.appendProperty("type"), "type"),
                        "type \"stdio\" needs \"command\", but the server has \"url\"");
            }
            if (type != null && !"stdio".equals(type) && hasCommand) {
                throw new ConfigException(
                        at(pointer.appendProperty("type"), "type"),
                        "type \"" + type + "\" needs \"url\", but the server has \"command\"");
            }
            if (hasCommand) {
                String command = substituted("command", node.get("command").stringValue());
                if (command.isBlank()) {
                    throw new ConfigException(
                            at(pointer.appendProperty("command"), "command"), "expected a program, got \"\"");
                }
                List<String> args = new ArrayList<>();
                JsonNode list = node.get("args");
                for (int i = 0; list != null && i < list.size(); i++) {
                    JsonPointer item = pointer.appendProperty("args").appendIndex(i);
                    String itemField = "args[" + i + "]";
                    args.add(Variables.substitute(list.get(i).stringValue(), environment, () -> at(item, itemField)));
                }
                return new McpServerConfig.Stdio(command, args, substitutedMap("env"));
            }
            String url = substituted("url", node.get("url").stringValue());
            return new McpServerConfig.Http(uri(url), substitutedMap("headers"));
        }

        private URI uri(String text) {
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme();
                if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw new ConfigException(
                    at(pointer.appendProperty("url"), "url"),
                    "expected an http:// or https:// URL such as http://127.0.0.1:3001/mcp, got \"" + text + "\"");
        }

        private String substituted(String key, String value) {
            return Variables.substitute(value, environment, () -> at(pointer.appendProperty(key), key));
        }

        private Map<String, String> substitutedMap(String key) {
            Map<String, String> out = new LinkedHashMap<>();
            JsonNode map = node.get(key);
            if (map == null) return out;
            for (Map.Entry<String, JsonNode> e : map.properties()) {
                JsonPointer item = pointer.appendProperty(key).appendProperty(e.getKey());
                String itemField = key + "." + e.getKey();
                out.put(
                        e.getKey(),
                        Variables.substitute(e.getValue().stringValue(), environment, () -> at(item, itemField)));
            }
            return out;
        }

        private List<String> strings(String key) {
            List<String> out = new ArrayList<>();
            for (JsonNode item : node.get(key)) out.add(item.stringValue());
            return out;
        }

        private SourceLocation at(JsonPointer at, String key) {
            return document.valueAt(at, "mcpServers." + name + "." + key);
        }
    }
}
