package dev.marble.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.tool.TestContext;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** llm-do's filesystem toolset on real files: read_file's shape and paging, list_files' patterns. */
class LlmDoFileToolsTest {

    @TempDir
    Path root;

    private final Tool read = tool("read_file");
    private final Tool list = tool("list_files");

    private static Tool tool(String name) {
        return BuiltinToolsets.llmDoFiles().tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode ok(Tool tool, Object... arguments) throws Exception {
        ToolResult result = TestContext.in(root).call(tool, arguments);
        assertThat(result.isError()).as(result.content()).isFalse();
        return Json.parse(result.content());
    }

    @Test
    void readFileAnswersInLlmDosShape() throws Exception {
        Files.writeString(root.resolve("notes.txt"), "hello world\n");

        JsonNode whole = ok(read, "path", "notes.txt");

        assertThat(whole.propertyNames())
                .containsExactly("content", "truncated", "total_chars", "offset", "chars_read");
        assertThat(whole.get("content").stringValue()).isEqualTo("hello world\n");
        assertThat(whole.get("truncated").booleanValue()).isFalse();
        assertThat(whole.get("total_chars").intValue()).isEqualTo(12);
        assertThat(whole.get("offset").intValue()).isZero();
        assertThat(whole.get("chars_read").intValue()).isEqualTo(12);
    }

    @Test
    void readFilePagesByCharactersCountedAsPythonCountsThem() throws Exception {
        Files.writeString(root.resolve("u.txt"), "ab\uD83D\uDE00cdé");

        JsonNode first = ok(read, "path", "u.txt", "max_chars", 3);
        assertThat(first.get("content").stringValue()).isEqualTo("ab\uD83D\uDE00");
        assertThat(first.get("truncated").booleanValue()).isTrue();
        assertThat(first.get("total_chars").intValue()).isEqualTo(6);

        JsonNode rest = ok(read, "path", "u.txt", "offset", 3, "max_chars", 3);
        assertThat(rest.get("content").stringValue()).isEqualTo("cdé");
        assertThat(rest.get("truncated").booleanValue()).isFalse();
        assertThat(rest.get("offset").intValue()).isEqualTo(3);

        assertThat(ok(read, "path", "u.txt", "offset", 10).get("content").stringValue())
                .isEmpty();
    }

    @Test
    void readFileRefusesMissingFilesDirectoriesAndBinaries() throws Exception {
        Files.createDirectories(root.resolve("dir"));
        Files.write(root.resolve("b.bin"), new byte[] {1, 0, 2});
        var context = TestContext.in(root);

        assertThat(context.call(read, "path", "nope.txt").content()).isEqualTo("File not found: nope.txt");
        assertThat(context.call(read, "path", "dir").isError()).isTrue();
        assertThat(context.call(read, "path", "b.bin").content()).contains("binary file");
    }

    @Test
    void listFilesListsWhatThePatternMatchesSortedAndRelativeToTheWorkspace() throws Exception {
        Files.createDirectories(root.resolve("src/sub"));
        Files.writeString(root.resolve("b.md"), "");
        Files.writeString(root.resolve("src/a.py"), "");
        Files.writeString(root.resolve("src/sub/c.py"), "");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/HEAD"), "");

        assertThat(Json.write(ok(list))).isEqualTo("[\"b.md\",\"src/a.py\",\"src/sub/c.py\"]");
        assertThat(Json.write(ok(list, "pattern", "**/*.py"))).isEqualTo("[\"src/a.py\",\"src/sub/c.py\"]");
        assertThat(Json.write(ok(list, "path", "src", "glob", "*.py"))).isEqualTo("[\"src/a.py\"]");
        assertThat(Json.write(ok(list, "pattern", "*.txt"))).isEqualTo("[]");
    }
}
