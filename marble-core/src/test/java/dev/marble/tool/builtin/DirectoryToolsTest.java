package dev.marble.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.tool.TestContext;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** list_directory, make_directory and delete_path. */
class DirectoryToolsTest {

    @TempDir
    Path temp;

    Path root;
    TestContext context;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("w"));
        context = TestContext.in(root);
    }

    @Test
    void listsDirectoriesFirstThenFilesWithSizes() throws Exception {
        Files.createDirectories(root.resolve("src/main"));
        Files.createDirectory(root.resolve(".git"));
        Files.writeString(root.resolve("README.md"), "hello");
        Files.writeString(root.resolve("b.txt"), "");
        Files.createSymbolicLink(root.resolve("link"), Path.of("src"));

        assertThat(context.call(new ListDirectoryTool()).content())
                .isEqualTo(".git/\nlink/ -> src\nsrc/\nREADME.md  (5 bytes)\nb.txt  (0 bytes)");
        assertThat(context.call(new ListDirectoryTool(), "path", "src").content())
                .isEqualTo("main/");
        assertThat(context.call(new ListDirectoryTool(), "path", "src/main"))
                .isEqualTo(ToolResult.ok("'src/main' is empty."));
    }

    @Test
    void listingExplainsWhatIsWrong() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x");
        assertThat(context.call(new ListDirectoryTool(), "path", "nope"))
                .isEqualTo(ToolResult.error("'nope' does not exist"));
        assertThat(context.call(new ListDirectoryTool(), "path", "a.txt").content())
                .contains("is a file, not a directory");
        assertThat(context.call(new ListDirectoryTool(), "path", "..").content())
                .contains("is outside the workspace");
    }

    @Test
    void listingIsCapped() throws Exception {
        for (int i = 0; i < ListDirectoryTool.MAX_ENTRIES + 5; i++) Files.createFile(root.resolve("f" + i));
        assertThat(context.call(new ListDirectoryTool()).content())
                .endsWith("(Showed 1000 of 1005 entries. Use glob with a pattern to find particular files.)");
    }

    @Test
    void makeDirectoryIsMkdirP() throws Exception {
        MakeDirectoryTool tool = new MakeDirectoryTool();
        assertThat(context.call(tool, "path", "a/b/c")).isEqualTo(ToolResult.ok("Created the directory 'a/b/c'."));
        assertThat(root.resolve("a/b/c")).isDirectory();
        assertThat(context.call(tool, "path", "a/b")).isEqualTo(ToolResult.ok("'a/b' already exists."));
        Files.writeString(root.resolve("file"), "x");
        assertThat(context.call(tool, "path", "file"))
                .isEqualTo(ToolResult.error("'file' already exists and is a file"));
        assertThat(context.call(tool, "path", "file/sub/deeper"))
                .isEqualTo(ToolResult.error("'file' is a file, so 'file/sub/deeper' cannot be created inside it"));
    }

    @Test
    void deletesFilesAndEmptyDirectories() throws Exception {
        DeletePathTool tool = new DeletePathTool();
        Files.writeString(root.resolve("a.txt"), "x");
        Files.createDirectory(root.resolve("empty"));
        assertThat(context.call(tool, "path", "a.txt")).isEqualTo(ToolResult.ok("Deleted the file 'a.txt'."));
        assertThat(context.call(tool, "path", "empty"))
                .isEqualTo(ToolResult.ok("Deleted the empty directory 'empty'."));
        assertThat(root).isEmptyDirectory();
        assertThat(context.call(tool, "path", "a.txt")).isEqualTo(ToolResult.error("'a.txt' does not exist"));
    }

    @Test
    void deletesFullDirectoriesOnlyWhenRecursive() throws Exception {
        DeletePathTool tool = new DeletePathTool();
        Files.createDirectories(root.resolve("build/classes/x"));
        Files.writeString(root.resolve("build/a"), "1");
        Files.writeString(root.resolve("build/classes/x/b"), "2");
        // A link inside points at something to keep: only the link goes.
        Files.createDirectories(root.resolve("keep"));
        Files.writeString(root.resolve("keep/k"), "k");
        Files.createSymbolicLink(root.resolve("build/keep-link"), root.resolve("keep"));

        assertThat(context.call(tool, "path", "build"))
                .isEqualTo(ToolResult.error(
                        "'build' is a directory with 3 entries; set recursive to true to delete it with "
                                + "everything in it"));
        assertThat(context.call(tool, "path", "build", "recursive", true))
                .isEqualTo(ToolResult.ok(
                        "Deleted the directory 'build' and everything in it (3 files, 2 subdirectories)."));
        assertThat(root.resolve("build")).doesNotExist();
        assertThat(root.resolve("keep/k")).hasContent("k");
    }

    @Test
    void neverDeletesTheRootOrAnythingOutside() throws Exception {
        DeletePathTool tool = new DeletePathTool();
        Files.writeString(temp.resolve("precious"), "p");
        for (String path : new String[] {".", "", "sub/..", root.toString()}) {
            Files.createDirectories(root.resolve("sub"));
            assertThat(context.call(tool, "path", path, "recursive", true))
                    .isEqualTo(ToolResult.error("refusing to delete the workspace root itself"));
        }
        assertThat(context.call(tool, "path", "../precious").content()).contains("is outside the workspace");
        assertThat(temp.resolve("precious")).exists();
        assertThat(root.resolve("sub")).exists();
    }
}
