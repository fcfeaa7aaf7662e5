package dev.marble.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.json.Json;
import dev.marble.tool.Tool;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Servers that fail: to start, to initialize, or in a call. Each failure is one line that names the
 * server, its command or URL, and why; a call that fails is thrown (the engine shows the model an
 * error result) and leaves the server usable where it still runs. The awkward server is
 * src/test/resources/mcp/fixture-server.cjs, which also writes a log line to stdout and sends an
 * unasked ping and notifications, none of which may break anything.
 */
class StartAndCallFailureTest {

    private static McpServerConfig fixture(String name, String tools) {
        return McpServerConfig.stdio(
                name,
                McpPeers.node().toString(),
                List.of(McpPeers.resource("fixture-server.cjs").toString()),
                Map.of("FIXTURE_TOOLS", tools));
    }

    private static Tool tool(McpToolset toolset, String name) {
        return EverythingContract.tool(toolset, name);
    }

    @Test
    void aCommandThatIsNotThere() {
        McpToolset toolset = new McpToolset(
                McpServerConfig.stdio("broken", "no-such-mcp-server-xyz", List.of("--flag"), Map.of()),
                McpPeers.environment());
        assertThatThrownBy(toolset::tools)
                .isInstanceOf(McpServerException.class)
                .hasMessage("mcp server 'broken' (command: no-such-mcp-server-xyz --flag) failed to start:"
                        + " command 'no-such-mcp-server-xyz' not found on PATH");
    }

    @Test
    void aServerThatExitsAtOnceSaysWhatItWroteToStderr() {
        McpToolset toolset = new McpToolset(
                McpServerConfig.stdio(
                        "quitter",
                        McpPeers.node().toString(),
                        List.of("-e", "console.error('cannot open database /nope/db'); process.exit(3)"),
                        Map.of()),
                McpPeers.environment());
        long started = System.nanoTime();
        assertThatThrownBy(toolset::tools)
                .isInstanceOf(McpServerException.class)
                .hasMessageStartingWith("mcp server 'quitter' (command: " + McpPeers.node() + " -e console.error(")
                .hasMessageContaining(
                        "failed to start: the server exited with code 3; stderr: cannot open database /nope/db")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anHttpServerThatIsNotListening() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/mcp");
        McpToolset toolset = new McpToolset(McpServerConfig.http("remote", url, Map.of()), McpPeers.environment());
        assertThatThrownBy(toolset::tools)
                .isInstanceOf(McpServerException.class)
                .hasMessage("mcp server 'remote' (url: " + url + ") failed to start: POST " + url
                        + " failed: connection refused");
    }

    @Test
    void aJsonRpcErrorIsThrownWithTheServersMessage() throws Exception {
        try (McpToolset toolset = new McpToolset(fixture("fixture", "fail,echo"), McpPeers.environment())) {
            assertThatThrownBy(() -> tool(toolset, "fixture__fail").call(Json.object(), McpPeers.toolContext()))
                    .isInstanceOf(McpServerException.class)
                    .hasMessage("mcp server 'fixture': calling tool 'fail' failed: the server answered with"
                            + " JSON-RPC error -32001: deliberate failure (as asked)");
            assertThat(tool(toolset, "fixture__echo")
                            .call(Json.object(), McpPeers.toolContext())
                            .content())
                    .isEqualTo("called echo");
        }
    }

    @Test
    void aServerThatDiesMidCallFailsTheCallAtOnce() {
        try (McpToolset toolset = new McpToolset(fixture("fixture", "crash"), McpPeers.environment())) {
            Tool crash = tool(toolset, "fixture__crash");
            long started = System.nanoTime();
            assertThatThrownBy(() -> crash.call(Json.object(), McpPeers.toolContext()))
                    .isInstanceOf(McpServerException.class)
                    .hasMessage("mcp server 'fixture': calling tool 'crash' failed: the server exited with code 7;"
                            + " stderr: (stdout) fixture server starting (a log line on stdout) | crashing as asked");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void toolNamesAreSanitizedAndCallsUseTheServersName() throws Exception {
        try (McpToolset toolset =
                new McpToolset(fixture("fixture", "dotted.name,with space"), McpPeers.environment())) {
            assertThat(toolset.tools())
                    .extracting(Tool::name)
                    .containsExactly("fixture__dotted_name", "fixture__with_space");
            assertThat(toolset.serverToolNames()).containsEntry("fixture__dotted_name", "dotted.name");
            assertThat(tool(toolset, "fixture__dotted_name")
                            .call(Json.object(), McpPeers.toolContext())
                            .content())
                    .isEqualTo("called dotted.name");
        }
    }

    @Test
    void twoToolsThatSanitizeToOneNameAreAnError() {
        try (McpToolset toolset = new McpToolset(fixture("fixture", "a.b,a_b"), McpPeers.environment())) {
            assertThatThrownBy(toolset::tools)
                    .isInstanceOf(McpServerException.class)
                    .hasMessage("mcp server 'fixture' has tools 'a.b' and 'a_b', which both become 'fixture__a_b';"
                            + " exclude one of them (\"exclude\")");
        }
        try (McpToolset excluded =
                new McpToolset(fixture("fixture", "a.b,a_b").withTools(null, Set.of("a.b")), McpPeers.environment())) {
            assertThat(excluded.tools()).extracting(Tool::name).containsExactly("fixture__a_b");
        }
    }

    @Test
    void aToolNamedInToolsThatTheServerLacksIsAnError() {
        McpServerConfig config = fixture("fixture", "echo").withTools(List.of("echo", "ehco"), Set.of());
        try (McpToolset toolset = new McpToolset(config, McpPeers.environment())) {
            assertThatThrownBy(toolset::tools)
                    .isInstanceOf(McpServerException.class)
                    .hasMessageStartingWith("mcp server 'fixture' has no tool 'ehco' (named in \"tools\" at ")
                    .hasMessageEndingWith("); it has: echo");
        }
    }

    @Test
    void aServerWithoutTheToolsCapabilityOffersNoTools() throws Exception {
        String script = "require('readline').createInterface({input: process.stdin}).on('line', l => {"
                + " const m = JSON.parse(l); if (m.method === 'initialize') process.stdout.write(JSON.stringify({"
                + " jsonrpc: '2.0', id: m.id, result: {protocolVersion: m.params.protocolVersion, capabilities: {},"
                + " serverInfo: {name: 'bare', version: '1'}}}) + '\\n');"
                + " else if (m.method === 'tools/list') process.exit(9); })";
        try (McpToolset toolset = new McpToolset(
                McpServerConfig.stdio("bare", McpPeers.node().toString(), List.of("-e", script), Map.of()),
                McpPeers.environment())) {
            assertThat(toolset.tools()).isEmpty();
            assertThat(toolset.process())
                    .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        }
    }
}
