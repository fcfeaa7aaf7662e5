package dev.marble.tool.builtin;

import static dev.marble.tool.TestContext.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.tool.TestContext;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LLMProc's read_file and list_dir under its names and argument names, on a real workspace. */
class LlmProcToolsTest {

    @TempDir
    Path root;

    private final Tool read = LlmProcTools.named("read_file").orElseThrow();
    private final Tool list = LlmProcTools.named("list_dir").orElseThrow();

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(root.resolve("notes.md"), "line one\nline two\n");
        Files.writeString(root.resolve(".hidden"), "h");
        Files.createDirectories(root.resolve("src"));
    }

    @Test
    void theModelSeesLlmProcsNamesAndArguments() {
        assertThat(read.spec().name()).isEqualTo("read_file");
        assertThat(read.spec().inputSchema().path("properties").propertyNames()).containsExactly("file_path");
        assertThat(read.spec().inputSchema().path("required").get(0).asString()).isEqualTo("file_path");
        assertThat(list.spec().name()).isEqualTo("list_dir");
        assertThat(list.spec().inputSchema().path("properties").propertyNames())
                .containsExactlyInAnyOrder("directory_path", "show_hidden", "detailed");
        assertThat(LlmProcTools.named("spawn")).isEmpty();
    }

    @Test
    void readFileReturnsTheContentAsItIs() throws Exception {
        assertThat(read.call(args("file_path", "notes.md"), TestContext.in(root)))
                .isEqualTo(ToolResult.ok("line one\nline two\n"));
        assertThat(read.call(args("file_path", "none.md"), TestContext.in(root)))
                .isEqualTo(ToolResult.error("File not found: none.md"));
        assertThat(read.call(args("file_path", "src"), TestContext.in(root)).isError())
                .isTrue();
    }

    @Test
    void aLongFileIsCutWithANote() throws Exception {
        Files.writeString(root.resolve("big.txt"), "x".repeat(LlmProcReadFileTool.MAX_CHARS + 10));
        String content =
                read.call(args("file_path", "big.txt"), TestContext.in(root)).content();
        assertThat(content).startsWith("xxx").endsWith("only the first 200000 characters are shown]");
    }

    @Test
    void listDirHidesDotFilesAndShowsDetailsOnRequest() throws Exception {
        assertThat(list.call(args(), TestContext.in(root)).content()).isEqualTo("notes.md\nsrc/");
        assertThat(list.call(args("directory_path", ".", "show_hidden", true), TestContext.in(root))
                        .content())
                .isEqualTo(".hidden\nnotes.md\nsrc/");
        assertThat(list.call(args("directory_path", ".", "detailed", true), TestContext.in(root))
                        .content())
                .isEqualTo("notes.md  (file, 18 bytes)\nsrc/  (directory)");
        assertThat(list.call(args("directory_path", "src"), TestContext.in(root))
                        .content())
                .isEqualTo("'src' is empty.");
    }
}
