package dev.marble.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolNamesAndResultTextTest {

    @Test
    void namesFitWhatTheModelApisAccept() {
        assertThat(ToolNames.of("everything", "get-sum")).isEqualTo("everything__get-sum");
        assertThat(ToolNames.of("gh", "repos/list issues.v2")).isEqualTo("gh__repos_list_issues_v2");
        assertThat(ToolNames.of("srv", "ünïcode")).isEqualTo("srv___n_code");
        String longName = ToolNames.of("a-rather-long-server-name", "and_an_even_longer_tool_name_that_goes_on_and_on");
        assertThat(longName).hasSize(64).matches(ToolNames.VALID).startsWith("a-rather-long-server-name__and_");
    }

    @Test
    void textIsKeptAndOtherContentSummarised() {
        var result = new McpSchema.CallToolResult(
                List.of(
                        new McpSchema.TextContent(null, "first", null),
                        new McpSchema.ImageContent(null, "iVBORw0KGgo=", "image/png", null),
                        new McpSchema.AudioContent(null, "AAAA", "audio/wav", null),
                        new McpSchema.EmbeddedResource(
                                null,
                                new McpSchema.TextResourceContents("file:///a.txt", "text/plain", "inside", null),
                                null),
                        new McpSchema.EmbeddedResource(
                                null,
                                new McpSchema.BlobResourceContents(
                                        "file:///b.bin", "application/zip", "AAAAAA==", null),
                                null),
                        McpSchema.ResourceLink.builder()
                                .uri("file:///c.md")
                                .name("c")
                                .mimeType("text/markdown")
                                .build()),
                false,
                null,
                null);
        assertThat(ResultText.of(result))
                .isEqualTo(String.join(
                        "\n",
                        "first",
                        "[image image/png, 8 bytes]",
                        "[audio audio/wav, 3 bytes]",
                        "[resource file:///a.txt]",
                        "inside",
                        "[resource file:///b.bin application/zip, 4 bytes]",
                        "[resource link file:///c.md \"c\" text/markdown]"));
    }

    @Test
    void structuredContentStandsInOnlyWhenThereIsNoOther() {
        var structured = new McpSchema.CallToolResult(List.of(), false, Map.of("temperature", 21), null);
        assertThat(ResultText.of(structured)).isEqualTo("{\"temperature\":21}");
        var both = new McpSchema.CallToolResult(
                List.of(new McpSchema.TextContent(null, "21 degrees", null)), false, Map.of("temperature", 21), null);
        assertThat(ResultText.of(both)).isEqualTo("21 degrees");
    }
}
