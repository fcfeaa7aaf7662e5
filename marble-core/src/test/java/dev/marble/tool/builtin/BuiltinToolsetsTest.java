package dev.marble.tool.builtin;

import static dev.marble.tool.TestContext.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.Toolset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BuiltinToolsetsTest {

    private static final Path WORKSPACE = Path.of("/work/space");

    @Test
    void shipsFilesAndShellWithDistinctNames() {
        List<Toolset> all = BuiltinToolsets.all();
        assertThat(all).extracting(Toolset::name).containsExactly("files", "shell");
        try (ToolRegistry registry = ToolRegistry.of(all)) {
            assertThat(registry.names())
                    .containsExactly(
                            "read_file",
                            "write_file",
                            "edit_file",
                            "list_directory",
                            "glob",
                            "grep",
                            "make_directory",
                            "delete_path",
                            "run_command");
            assertThat(registry.sourceOf("run_command")).isEqualTo("shell");
        }
    }

    @Test
    void readingIsAllowedAndChangingIsAsked() {
        Map<String, ApprovalDefault> defaults = new LinkedHashMap<>();
        for (Toolset toolset : BuiltinToolsets.all()) {
            for (Tool tool : toolset.tools()) defaults.put(tool.name(), tool.approvalDefault());
        }
        assertThat(defaults)
                .containsOnly(
                        Map.entry("read_file", ApprovalDefault.ALLOW),
                        Map.entry("write_file", ApprovalDefault.ASK),
                        Map.entry("edit_file", ApprovalDefault.ASK),
                        Map.entry("list_directory", ApprovalDefault.ALLOW),
                        Map.entry("glob", ApprovalDefault.ALLOW),
                        Map.entry("grep", ApprovalDefault.ALLOW),
                        Map.entry("make_directory", ApprovalDefault.ASK),
                        Map.entry("delete_path", ApprovalDefault.ASK),
                        Map.entry("run_command", ApprovalDefault.ASK));
    }

    @Test
    void approvalSubjectsAreThePathOrTheCommand() {
        assertThat(new WriteFileTool()
                        .approvalSubject(args("path", "/work/space/secrets/k.txt", "content", "x"), WORKSPACE))
                .as("an absolute path inside the workspace meets the same rules as a relative one")
                .isEqualTo("secrets/k.txt");
        assertThat(new WriteFileTool().approvalSubject(args("path", "/etc/passwd", "content", "x"), WORKSPACE))
                .isEqualTo("/etc/passwd");
        assertThat(new WriteFileTool().approvalSubject(args("path", "./docs/a.md", "content", "x"), WORKSPACE))
                .isEqualTo("docs/a.md");
        assertThat(new EditFileTool().approvalSubject(args("path", "src/../src/A.java"), WORKSPACE))
                .isEqualTo("src/A.java");
        assertThat(new DeletePathTool().approvalSubject(args("path", "build"), WORKSPACE))
                .isEqualTo("build");
        assertThat(new MakeDirectoryTool().approvalSubject(args("path", "out/x"), WORKSPACE))
                .isEqualTo("out/x");
        assertThat(new ListDirectoryTool().approvalSubject(args(), WORKSPACE)).isEqualTo(".");
        assertThat(new RunCommandTool().approvalSubject(args("command", "git status --short"), WORKSPACE))
                .isEqualTo("git status --short");
    }

    @Test
    void schemasAreValidAndDescribeEveryArgument() {
        SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getDraft202012());
        for (Toolset toolset : BuiltinToolsets.all()) {
            for (Tool tool : toolset.tools()) {
                JsonNode schema = tool.spec().inputSchema();
                assertThat(tool.spec().description())
                        .as(tool.name())
                        .hasSizeGreaterThan(80)
                        .doesNotContain("  ");
                assertThat(schema.get("type").asString()).isEqualTo("object");
                schema.get("properties")
                        .properties()
                        .forEach(property -> assertThat(
                                        property.getValue().get("description").asString())
                                .as(property.getKey())
                                .isNotBlank());
                registry.getSchema(schema).initializeValidators();
            }
        }
        Schema read = registry.getSchema(new ReadFileTool().spec().inputSchema());
        assertThat(read.validate(args("path", "a", "offset", 2))).isEmpty();
        assertThat(read.validate(args("offset", 2))).isNotEmpty();
        assertThat(read.validate(args("path", "a", "offset", 0))).isNotEmpty();
        assertThat(read.validate(args("path", "a", "ofset", 2)))
                .as("misspelled arguments are refused")
                .isNotEmpty();
    }
}
