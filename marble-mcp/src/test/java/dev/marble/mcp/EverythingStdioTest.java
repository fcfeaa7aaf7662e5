package dev.marble.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.mcp.transport.StdioTransport;
import dev.marble.tool.ToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** server-everything over stdio: {@code node …/server-everything/dist/index.js stdio}. */
class EverythingStdioTest extends EverythingContract {

    @Override
    McpServerConfig server(String name) {
        return McpServerConfig.stdio(
                name, McpPeers.node().toString(), List.of(McpPeers.everything().toString(), "stdio"), Map.of());
    }

    @Test
    void startsOnlyWhenToolsAreFirstAskedFor() {
        McpToolset toolset = new McpToolset(server("lazy"), McpPeers.environment());
        assertThat(toolset.process()).isEmpty();
        assertThat(toolset.tools()).isNotEmpty();
        assertThat(toolset.process())
                .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        toolset.close();
    }

    @Test
    void theServerSeesTheRunsEnvironmentWithItsOwnVariablesOnTop() throws Exception {
        Environment environment = McpPeers.environment()
                .withVariable("MARBLE_RUN_ONLY", "from-the-run")
                .withVariable("MARBLE_OVERRIDDEN", "from-the-run");
        McpServerConfig config = McpServerConfig.stdio(
                "env",
                McpPeers.node().toString(),
                List.of(McpPeers.everything().toString(), "stdio"),
                Map.of("MARBLE_OVERRIDDEN", "from-the-config", "MARBLE_CONFIG_ONLY", "from-the-config"));
        try (McpToolset toolset = new McpToolset(config.withTools(List.of("get-env"), Set.of()), environment)) {
            ToolResult result = call(toolset, "env__get-env", Map.of());
            assertThat(result.content())
                    .contains("\"MARBLE_RUN_ONLY\": \"from-the-run\"")
                    .contains("\"MARBLE_OVERRIDDEN\": \"from-the-config\"")
                    .contains("\"MARBLE_CONFIG_ONLY\": \"from-the-config\"");
        }
    }

    @Test
    void closeStopsTheServerProcess() {
        McpToolset toolset = new McpToolset(server("closing"), McpPeers.environment());
        toolset.tools();
        ProcessHandle process = toolset.process().orElseThrow();
        toolset.close();
        assertThat(process.isAlive()).isFalse();
        assertThatThrownBy(toolset::tools)
                .isInstanceOf(McpServerException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void closeStopsEveryProcessTheServerStarted() throws Exception {
        McpServerConfig config = McpServerConfig.stdio(
                "tree",
                McpPeers.node().toString(),
                List.of(
                        McpPeers.resource("spawning-wrapper.cjs").toString(),
                        McpPeers.everything().toString(),
                        "stdio"),
                Map.of());
        McpToolset toolset = new McpToolset(config, McpPeers.environment());
        assertThat(call(toolset, "tree__echo", Map.of("message", "through a wrapper"))
                        .content())
                .contains("through a wrapper");
        ProcessHandle wrapper = toolset.process().orElseThrow();
        List<ProcessHandle> children = wrapper.descendants().toList();
        assertThat(children).hasSizeGreaterThanOrEqualTo(2);
        toolset.close();
        assertThat(wrapper.isAlive()).isFalse();
        for (ProcessHandle child : children) {
            assertThat(StdioTransport.isRunning(child))
                    .as("child %s", child.pid())
                    .isFalse();
        }
    }

    @Test
    void aCallThatOutlivesItsTimeLimitFails() throws Exception {
        McpServerConfig config = server("slow").withTimeout(Duration.ofSeconds(30));
        try (McpToolset toolset = new McpToolset(config, McpPeers.environment())) {
            var tool = tool(toolset, "slow__trigger-long-running-operation");
            var context = McpPeers.toolContext().withRemaining(Duration.ofMillis(300));
            assertThatThrownBy(() -> tool.call(Json.mapper().valueToTree(Map.of("duration", 5, "steps", 5)), context))
                    .isInstanceOf(McpServerException.class)
                    .hasMessage("mcp server 'slow': tool 'trigger-long-running-operation' gave no answer within 0.3 s");
            // The server is still there for the next call.
            assertThat(call(toolset, "slow__echo", Map.of("message", "still here"))
                            .content())
                    .contains("still here");
        }
    }
}
