package dev.marble.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.tool.ToolResult;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * server-everything over streamable HTTP ({@code PORT=n node -r loopback.cjs … streamableHttp}):
 * every answer is an SSE stream that opens with a priming event, and the session id travels in
 * Mcp-Session-Id.
 */
class EverythingHttpTest extends EverythingContract {

    private EverythingHttpServer server;

    @Override
    McpServerConfig server(String name) throws Exception {
        if (server == null) server = EverythingHttpServer.start();
        return McpServerConfig.http(name, server.url(), Map.of("X-Marble-Test", "1"));
    }

    @AfterAll
    void stopServer() {
        if (server != null) server.close();
    }

    @Test
    void closeEndsTheSessionAndTheServerServesTheNext() throws Exception {
        McpToolset first = new McpToolset(server("first"), McpPeers.environment());
        assertThat(call(first, "first__echo", Map.of("message", "one")).content())
                .contains("one");
        first.close();
        assertThatThrownBy(() -> call(first, "first__echo", Map.of("message", "two")))
                .isInstanceOf(McpServerException.class)
                .hasMessageContaining("is closed");
        try (McpToolset second = new McpToolset(server("second"), McpPeers.environment())) {
            ToolResult result = call(second, "second__echo", Map.of("message", "three"));
            assertThat(result.content()).contains("three");
        }
        assertThat(server.output()).contains("Session initialized");
    }
}
