package dev.marble.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * server-filesystem and server-memory, configured the way a user would: an mcpServers file with
 * ${VAR} references, loaded with McpToolsets.load and handed to the engine's ToolRegistry.
 */
class FilesystemAndMemoryTest {

    @TempDir
    Path dir;

    @Test
    void readsAFileAndKeepsAMemoryThroughAConfiguredFile() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "marble was here\n");
        Path config = Files.writeString(dir.resolve("mcp.json"), """
                {
                  "mcpServers": {
                    "files": {
                      "command": "${MARBLE_NODE}",
                      "args": ["${MARBLE_FILESYSTEM}", "${MARBLE_DIR}"],
                      "tools": ["read_text_file", "list_directory"],
                      "pre_approved": ["read_text_file"]
                    },
                    "memory": {
                      "type": "stdio",
                      "command": "${MARBLE_NODE}",
                      "args": ["${MARBLE_MEMORY}"],
                      "env": {"MEMORY_FILE_PATH": "${MARBLE_DIR}/memory.jsonl"},
                      "timeout_seconds": 20
                    }
                  }
                }
                """);
        Environment environment = McpPeers.environment()
                .withVariable("MARBLE_NODE", McpPeers.node().toString())
                .withVariable("MARBLE_FILESYSTEM", McpPeers.filesystem().toString())
                .withVariable("MARBLE_MEMORY", McpPeers.memory().toString())
                .withVariable("MARBLE_DIR", dir.toRealPath().toString());
        McpToolsets loaded = McpToolsets.load(config, environment, environment);
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.toolsets())
                .extracting(McpToolset::name)
                .containsExactly("mcp server 'files'", "mcp server 'memory'");

        try (ToolRegistry registry = ToolRegistry.of(List.copyOf(loaded.toolsets()))) {
            assertThat(registry.names())
                    .contains(
                            "files__read_text_file",
                            "files__list_directory",
                            "memory__create_entities",
                            "memory__open_nodes")
                    .doesNotContain("files__write_file");
            assertThat(registry.sourceOf("memory__open_nodes")).isEqualTo("mcp server 'memory'");
            assertThat(registry.find("files__read_text_file").orElseThrow().approvalDefault())
                    .isEqualTo(ApprovalDefault.ALLOW);

            ToolResult read = call(
                    registry,
                    "files__read_text_file",
                    Map.of("path", notes.toRealPath().toString()));
            assertThat(read.isError()).isFalse();
            assertThat(read.content()).contains("marble was here");

            ToolResult outside = call(registry, "files__read_text_file", Map.of("path", "/etc/hostname"));
            assertThat(outside.isError()).isTrue();
            assertThat(outside.content()).containsIgnoringCase("access denied");

            ToolResult created = call(
                    registry,
                    "memory__create_entities",
                    Map.of(
                            "entities",
                            List.of(Map.of(
                                    "name",
                                    "Marble",
                                    "entityType",
                                    "project",
                                    "observations",
                                    List.of("runs agents unattended")))));
            assertThat(created.isError()).isFalse();
            ToolResult opened = call(registry, "memory__open_nodes", Map.of("names", List.of("Marble")));
            assertThat(opened.content()).contains("runs agents unattended");
        }
        assertThat(Files.readString(dir.resolve("memory.jsonl"))).contains("runs agents unattended");
    }

    private static ToolResult call(ToolRegistry registry, String name, Map<String, Object> arguments) throws Exception {
        Tool tool = registry.find(name).orElseThrow();
        return tool.call(Json.mapper().valueToTree(arguments), McpPeers.toolContext());
    }
}
