package dev.marble.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What Marble must do with the reference server server-everything, whichever transport reaches it.
 * server-everything sends notifications/tools/list_changed unasked, before it answers initialize:
 * every test here runs with that in the stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EverythingContract {

    private McpToolset shared;

    /** The server as an mcpServers entry named {@code name}, with every default. */
    abstract McpServerConfig server(String name) throws Exception;

    @BeforeAll
    void startShared() throws Exception {
        shared = new McpToolset(server("everything"), McpPeers.environment());
    }

    @AfterAll
    void closeShared() {
        if (shared != null) shared.close();
    }

    McpToolset shared() {
        return shared;
    }

    static Tool tool(McpToolset toolset, String name) {
        return toolset.tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tool " + name + " in " + toolset.tools()));
    }

    static ToolResult call(McpToolset toolset, String name, Map<String, Object> arguments) throws Exception {
        return tool(toolset, name).call(Json.mapper().valueToTree(arguments), McpPeers.toolContext());
    }

    @Test
    void offersEveryToolAsServerUnderscoreUnderscoreTool() {
        List<Tool> tools = shared.tools();
        assertThat(tools)
                .extracting(Tool::name)
                .contains("everything__echo", "everything__get-sum", "everything__get-tiny-image")
                .allSatisfy(name -> assertThat(name).matches(ToolNames.VALID).startsWith("everything__"));
        assertThat(shared.serverToolNames()).containsEntry("everything__echo", "echo");
        Tool echo = tool(shared, "everything__echo");
        assertThat(echo.spec().description()).isEqualTo("Echoes back the input string");
        assertThat(echo.spec()
                        .inputSchema()
                        .path("properties")
                        .path("message")
                        .path("type")
                        .stringValue())
                .isEqualTo("string");
        assertThat(shared.initializeResult().serverInfo().name()).isEqualTo("mcp-servers/everything");
        assertThat(shared.name()).isEqualTo("mcp server 'everything'");
    }

    @Test
    void callsEcho() throws Exception {
        ToolResult result = call(shared, "everything__echo", Map.of("message", "hello from marble"));
        assertThat(result.isError()).isFalse();
        assertThat(result.content()).contains("hello from marble");
    }

    @Test
    void callsWithNumbers() throws Exception {
        ToolResult result = call(shared, "everything__get-sum", Map.of("a", 2, "b", 40));
        assertThat(result.isError()).isFalse();
        assertThat(result.content()).contains("42");
    }

    @Test
    void anIsErrorAnswerIsAnErrorResultTheModelSees() throws Exception {
        ToolResult result = call(shared, "everything__echo", Map.of());
        assertThat(result.isError()).isTrue();
        assertThat(result.content()).contains("Invalid arguments for tool echo");
    }

    @Test
    void summarisesContentThatIsNotText() throws Exception {
        ToolResult result = call(shared, "everything__get-tiny-image", Map.of());
        assertThat(result.isError()).isFalse();
        assertThat(result.content()).containsPattern("\\[image image/png, \\d+ bytes]");
    }

    @Test
    void asksBeforeEveryCallUnlessPreApproved() throws Exception {
        assertThat(tool(shared, "everything__echo").approvalDefault()).isEqualTo(ApprovalDefault.ASK);
        assertThat(tool(shared, "everything__echo").approvalSubject(Json.object(), Path.of(".")))
                .isNull();
        try (McpToolset toolset =
                new McpToolset(server("approved").withPreApproved(false, Set.of("echo")), McpPeers.environment())) {
            assertThat(tool(toolset, "approved__echo").approvalDefault()).isEqualTo(ApprovalDefault.ALLOW);
            assertThat(tool(toolset, "approved__get-sum").approvalDefault()).isEqualTo(ApprovalDefault.ASK);
        }
    }

    @Test
    void offersOnlyTheSelectedTools() throws Exception {
        try (McpToolset only = new McpToolset(
                server("only").withTools(List.of("echo", "get-sum"), Set.of("get-sum")), McpPeers.environment())) {
            assertThat(only.tools()).extracting(Tool::name).containsExactly("only__echo");
        }
        try (McpToolset excluding = new McpToolset(
                server("excluding").withTools(null, Set.of("get-env", "echo")), McpPeers.environment())) {
            assertThat(excluding.tools())
                    .extracting(Tool::name)
                    .doesNotContain("excluding__get-env", "excluding__echo")
                    .contains("excluding__get-sum");
        }
    }
}
