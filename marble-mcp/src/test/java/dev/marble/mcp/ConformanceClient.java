package dev.marble.mcp;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolResult;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The client the MCP conformance suite runs: {@code conformance client --command "<this>" --scenario S}
 * appends the scenario server's URL as the last argument and sets MCP_CONFORMANCE_SCENARIO. It
 * drives Marble's own McpToolset and streamable HTTP transport the way a run would: start (initialize,
 * tools/list when offered), call the scenario's tool, close. Exit 0 when every step worked.
 */
public final class ConformanceClient {

    private ConformanceClient() {}

    public static void main(String[] args) {
        String scenario = System.getenv().getOrDefault("MCP_CONFORMANCE_SCENARIO", "");
        if (args.length == 0) {
            System.err.println("usage: ConformanceClient <server url> (with MCP_CONFORMANCE_SCENARIO set)");
            System.exit(2);
        }
        URI url = URI.create(args[args.length - 1]);
        McpServerConfig config =
                McpServerConfig.http("conformance", url, Map.of()).withTimeout(Duration.ofSeconds(20));
        int status = 0;
        try (McpToolset toolset = new McpToolset(config, Environment.system())) {
            var tools = toolset.tools();
            System.out.println(
                    "initialized; tools: " + tools.stream().map(Tool::name).toList());
            switch (scenario) {
                case "initialize" -> {}
                case "tools_call" -> status = call(toolset, "add_numbers", Map.of("a", 2, "b", 3), "5");
                case "sse-retry" -> status = call(toolset, "test_reconnection", Map.of(), "");
                default -> {
                    System.err.println("scenario '" + scenario + "' is not one this client knows");
                    status = 2;
                }
            }
        } catch (RuntimeException e) {
            System.err.println("failed: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    private static int call(McpToolset toolset, String serverName, Map<String, Object> arguments, String expected) {
        String marbleName = toolset.serverToolNames().entrySet().stream()
                .filter(e -> e.getValue().equals(serverName))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the server offers no tool " + serverName));
        Tool tool = toolset.tools().stream()
                .filter(t -> t.name().equals(marbleName))
                .findFirst()
                .orElseThrow();
        try {
            ToolResult result = tool.call(Json.mapper().valueToTree(arguments), null);
            System.out.println(marbleName + " -> " + (result.isError() ? "error: " : "") + result.content());
            return !result.isError() && result.content().contains(expected) ? 0 : 1;
        } catch (Exception e) {
            System.err.println(marbleName + " failed: " + e.getMessage());
            return 1;
        }
    }
}
