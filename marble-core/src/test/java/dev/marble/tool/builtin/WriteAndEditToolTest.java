package dev.marble.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.tool.TestContext;
import dev.marble.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAndEditToolTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    TestContext context;
    final WriteFileTool write = new WriteFileTool();
    final EditFileTool edit = new EditFileTool();

    @BeforeEach
    void setUp() {
        context = TestContext.in(root);
    }

    @Test
    void writeCreatesParentsThenReplaces() throws Exception {
        assertThat(context.call(write, "path", "docs/notes/a.md", "content", "# Title\nbody\n"))
                .isEqualTo(ToolResult.ok(
                        "Created 'docs/notes/a.md' (13 bytes, 2 lines), and the directory 'docs/notes'."));
        assertThat(root.resolve("docs/notes/a.md")).hasContent("# Title\nbody\n");

        assertThat(context.call(write, "path", "docs/notes/a.md", "content", "é"))
                .isEqualTo(ToolResult.ok("Replaced 'docs/notes/a.md' (2 bytes, 1 line; it had 13 bytes)."));
        assertThat(context.call(write, "path", "empty.txt", "content", ""))
                .isEqualTo(ToolResult.ok("Created 'empty.txt' (0 bytes, 0 lines)."));
    }

    @Test
    void writeRefusesDirectoriesAndPathsOutside() throws Exception {
        Files.createDirectory(root.resolve("dir"));
        Files.writeString(root.resolve("dir/file"), "x");
        assertThat(context.call(write, "path", "dir/file/a.txt", "content", "x"))
                .isEqualTo(ToolResult.error("'dir/file' is a file, so 'dir/file/a.txt' cannot be created inside it"));
        assertThat(context.call(write, "path", "dir", "content", "x"))
                .isEqualTo(ToolResult.error("'dir' is a directory; write_file writes files"));
        ToolResult outside = context.call(write, "path", "../escape.txt", "content", "x");
        assertThat(outside.isError()).isTrue();
        assertThat(outside.content()).isEqualTo("path '../escape.txt' is outside the workspace " + root);
        assertThat(root.resolveSibling("escape.txt")).doesNotExist();
    }

    @Test
    void editReplacesOneExactOccurrence() throws Exception {
        Files.writeString(root.resolve("A.java"), "class A {\n    int x = 1;\n    int y = 1;\n}\n");
        assertThat(context.call(edit, "path", "A.java", "old_string", "int y = 1;", "new_string", "int y = 2;"))
                .isEqualTo(ToolResult.ok("Replaced 1 occurrence in 'A.java' (at line 3)."));
        assertThat(root.resolve("A.java")).hasContent("class A {\n    int x = 1;\n    int y = 2;\n}\n");
    }

    @Test
    void editRefusesAmbiguousStringsUnlessReplaceAll() throws Exception {
        Files.writeString(root.resolve("a.txt"), "foo bar foo baz foo");
        assertThat(context.call(edit, "path", "a.txt", "old_string", "foo", "new_string", "qux"))
                .isEqualTo(ToolResult.error("old_string occurs 3 times in 'a.txt'; include more of the surrounding "
                        + "text to make it unique, or set replace_all to true to replace all of them"));
        assertThat(root.resolve("a.txt")).hasContent("foo bar foo baz foo");

        assertThat(context.call(edit, "path", "a.txt", "old_string", "foo", "new_string", "qux", "replace_all", true))
                .isEqualTo(ToolResult.ok("Replaced 3 occurrences in 'a.txt'."));
        assertThat(root.resolve("a.txt")).hasContent("qux bar qux baz qux");
    }

    @Test
    void editTreatsTheReplacementLiterally() throws Exception {
        Files.writeString(root.resolve("a.txt"), "price: X");
        context.call(edit, "path", "a.txt", "old_string", "X", "new_string", "$1.00 \\n");
        assertThat(root.resolve("a.txt")).hasContent("price: $1.00 \\n");
    }

    @Test
    void editExplainsAMissingStringAndSuggestsReading() throws Exception {
        Files.writeString(root.resolve("a.txt"), "alpha\r\nbeta\r\n");
        ToolResult result = context.call(edit, "path", "a.txt", "old_string", "alpha\nbeta", "new_string", "x");
        assertThat(result.isError()).isTrue();
        assertThat(result.content())
                .startsWith("old_string (starting \"alpha\") was not found in 'a.txt'.")
                .contains("use read_file")
                .contains("Windows line endings");
    }

    @Test
    void editRefusesWhatItCannotEditSafely() throws Exception {
        Files.write(root.resolve("bin"), new byte[] {1, 0, 2});
        Files.write(root.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        Files.writeString(root.resolve("a.txt"), "same");

        assertThat(context.call(edit, "path", "missing.txt", "old_string", "a", "new_string", "b")
                        .content())
                .isEqualTo("'missing.txt' does not exist; to create it use write_file");
        assertThat(context.call(edit, "path", "bin", "old_string", "a", "new_string", "b")
                        .content())
                .contains("binary file");
        assertThat(context.call(edit, "path", "latin1.txt", "old_string", "caf", "new_string", "b")
                        .content())
                .contains("not valid UTF-8");
        assertThat(root.resolve("latin1.txt")).hasBinaryContent(new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertThat(context.call(edit, "path", "a.txt", "old_string", "", "new_string", "b")
                        .content())
                .contains("old_string is empty");
        assertThat(context.call(edit, "path", "a.txt", "old_string", "same", "new_string", "same")
                        .content())
                .contains("are the same");
    }

    @Test
    void linksLeadingOutOfTheWorkspaceAreRefusedAndLinksInsideFollowed() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createDirectory(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("in"), root.resolve("real"));

        assertThat(context.call(write, "path", "out/new.txt", "content", "x").content())
                .contains("leads through a symbolic link");
        assertThat(context.call(edit, "path", "out/secret.txt", "old_string", "secret", "new_string", "x")
                        .content())
                .contains("leads through a symbolic link");
        assertThat(context.call(new ReadFileTool(), "path", "out/secret.txt").content())
                .contains("leads through a symbolic link");
        assertThat(outside.resolve("new.txt")).doesNotExist();
        assertThat(outside.resolve("secret.txt")).hasContent("secret");

        assertThat(context.call(write, "path", "in/a.txt", "content", "inside").isError())
                .isFalse();
        assertThat(root.resolve("real/a.txt")).hasContent("inside");
    }
}
