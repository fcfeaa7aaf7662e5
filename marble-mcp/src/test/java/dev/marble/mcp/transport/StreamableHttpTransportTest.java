package dev.marble.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.mcp.McpServerConfig;
import dev.marble.mcp.McpServerException;
import dev.marble.mcp.McpToolset;
import dev.marble.tool.ToolResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Marble's streamable HTTP transport against a scripted server: the session and protocol headers,
 * resumption over more than one dropped stream, and the cases where an answer cannot come, which
 * must fail the call at once rather than at its timeout.
 */
class StreamableHttpTransportTest {

    private static McpToolset toolset(FakeStreamableServer server) {
        return new McpToolset(
                McpServerConfig.http("fake", server.url(), Map.of("Authorization", "Bearer t0ken"))
                        .withTimeout(Duration.ofSeconds(20)),
                Environment.system());
    }

    private static ToolResult call(McpToolset toolset) throws Exception {
        return toolset.tools().getFirst().call(Json.object(), null);
    }

    @Test
    void keepsTheSessionAndTheNegotiatedVersionAndEndsTheSessionOnClose() throws Exception {
        try (FakeStreamableServer server = new FakeStreamableServer(FakeStreamableServer.CallMode.SSE)) {
            try (McpToolset toolset = toolset(server)) {
                assertThat(call(toolset).content()).isEqualTo("resumed fine");
            }
            var seen = server.seen();
            assertThat(seen)
                    .extracting(FakeStreamableServer.Seen::rpcMethod)
                    .containsExactly("initialize", "notifications/initialized", "tools/list", "tools/call", null);
            assertThat(seen.getFirst().header("Mcp-Session-Id")).isNull();
            assertThat(seen.getFirst().header("Accept")).isEqualTo("application/json, text/event-stream");
            for (var later : seen.subList(1, seen.size())) {
                assertThat(later.header("Mcp-Session-Id")).isEqualTo("session-1");
                assertThat(later.header("MCP-Protocol-Version")).isEqualTo("2025-06-18");
                assertThat(later.header("Authorization")).isEqualTo("Bearer t0ken");
            }
            assertThat(seen.getLast().method()).isEqualTo("DELETE");
        }
    }

    @Test
    void resumesAStreamThatDropsMoreThanOnceFromTheLastEventId() throws Exception {
        try (FakeStreamableServer server =
                        new FakeStreamableServer(FakeStreamableServer.CallMode.DROP_TWICE_THEN_RESUME);
                McpToolset toolset = toolset(server)) {
            assertThat(call(toolset).content()).isEqualTo("resumed fine");
            assertThat(server.seen())
                    .filteredOn(s -> s.method().equals("GET"))
                    .extracting(s -> s.header("Last-Event-ID"))
                    .containsExactly("p1", "p2");
        }
    }

    @Test
    void aStreamThatDropsWithoutAnEventIdFailsTheCallAtOnce() throws Exception {
        try (FakeStreamableServer server = new FakeStreamableServer(FakeStreamableServer.CallMode.DROP_WITHOUT_ID);
                McpToolset toolset = toolset(server)) {
            toolset.tools();
            long started = System.nanoTime();
            assertThatThrownBy(() -> call(toolset))
                    .isInstanceOf(McpServerException.class)
                    .hasMessage("mcp server 'fake': calling tool 't' failed: the event stream from " + server.url()
                            + " ended before the answer, and gave no event id to resume it with");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aServerThatRefusesResumptionFailsTheCall() throws Exception {
        try (FakeStreamableServer server = new FakeStreamableServer(FakeStreamableServer.CallMode.DROP_THEN_405);
                McpToolset toolset = toolset(server)) {
            assertThatThrownBy(() -> call(toolset))
                    .isInstanceOf(McpServerException.class)
                    .hasMessageEndingWith("ended before the answer, and resuming it (GET with Last-Event-ID p1) was"
                            + " answered with HTTP 405 (the server does not offer resumption)");
        }
    }

    @Test
    void anHttpErrorCarriesTheServersWords() throws Exception {
        try (FakeStreamableServer server = new FakeStreamableServer(FakeStreamableServer.CallMode.SERVER_ERROR);
                McpToolset toolset = toolset(server)) {
            assertThatThrownBy(() -> call(toolset))
                    .isInstanceOf(McpServerException.class)
                    .hasMessage("mcp server 'fake': calling tool 't' failed: POST " + server.url()
                            + " answered HTTP 500: database is down");
        }
    }
}
