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

/** glob and grep. */
class SearchToolsTest {

    @TempDir
    Path temp;

    Path root;
    TestContext context;
    final GlobTool glob = new GlobTool();
    final GrepTool grep = new GrepTool();

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("w"));
        context = TestContext.in(root);
        write("Main.java", "class Main {\n    // TODO: start\n}\n");
        write("src/a/Util.java", "class Util {\n    void todo() {}\n}\n");
        write("src/b/notes.md", "todo list\nnothing here\n");
        write(".git/config", "TODO in git\n");
        Files.write(root.resolve("src/image.bin"), new byte[] {'T', 'O', 'D', 'O', 0});
        Files.writeString(temp.resolve("outside.java"), "TODO outside");
    }

    private void write(String path, String content) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), content);
    }

    @Test
    void globFindsFilesAtAnyDepthIncludingTheTop() throws Exception {
        assertThat(context.call(glob, "pattern", "**/*.java").content()).isEqualTo("Main.java\nsrc/a/Util.java");
        assertThat(context.call(glob, "pattern", "*.java").content()).isEqualTo("Main.java");
        assertThat(context.call(glob, "pattern", "**/*.{md,bin}", "path", "src").content())
                .isEqualTo("src/b/notes.md\nsrc/image.bin");
    }

    @Test
    void globSkipsGitAndLinks() throws Exception {
        Files.createSymbolicLink(root.resolve("out"), temp);
        assertThat(context.call(glob, "pattern", "**/config").content())
                .isEqualTo("No files under '.' match '**/config'.");
        assertThat(context.call(glob, "pattern", "**/outside.java").content()).startsWith("No files");
    }

    @Test
    void globIsCapped() throws Exception {
        for (int i = 0; i < GlobTool.MAX_RESULTS + 1; i++) Files.createFile(root.resolve("f" + i + ".log"));
        String content = context.call(glob, "pattern", "*.log").content();
        assertThat(content.lines()).hasSize(GlobTool.MAX_RESULTS + 1);
        assertThat(content)
                .endsWith("(Showed 1000 of 1001 matching files. Narrow the pattern or the path to see the rest.)");
    }

    @Test
    void globExplainsWhatIsWrong() throws Exception {
        assertThat(context.call(glob, "pattern", "*.java", "path", "nope"))
                .isEqualTo(ToolResult.error("'nope' does not exist"));
        assertThat(context.call(glob, "pattern", "*.java", "path", "Main.java").content())
                .contains("is a file");
        assertThat(context.call(glob, "pattern", "{a,b").content()).startsWith("invalid glob pattern '{a,b'");
        assertThat(context.call(glob, "pattern", "*", "path", "..").content()).contains("outside the workspace");
    }

    @Test
    void grepListsMatchingLinesWithPathsAndNumbers() throws Exception {
        assertThat(context.call(grep, "pattern", "TODO").content()).isEqualTo("Main.java:2:     // TODO: start");
        assertThat(context.call(grep, "pattern", "todo", "ignore_case", true).content())
                .isEqualTo("Main.java:2:     // TODO: start\nsrc/a/Util.java:2:     void todo() {}\nsrc/b/notes.md:1: "
                        + "todo list");
    }

    @Test
    void grepNarrowsByPathAndGlob() throws Exception {
        assertThat(context.call(grep, "pattern", "todo", "path", "src/b").content())
                .isEqualTo("src/b/notes.md:1: todo list");
        assertThat(context.call(grep, "pattern", "todo", "path", "src/b/notes.md")
                        .content())
                .isEqualTo("src/b/notes.md:1: todo list");
        assertThat(context.call(grep, "pattern", "(?i)todo", "glob", "*.java").content())
                .isEqualTo("Main.java:2:     // TODO: start\nsrc/a/Util.java:2:     void todo() {}");
        assertThat(context.call(grep, "pattern", "(?i)todo", "glob", "a/*.java", "path", "src")
                        .content())
                .isEqualTo("src/a/Util.java:2:     void todo() {}");
    }

    @Test
    void grepSaysWhenNothingMatches() throws Exception {
        assertThat(context.call(grep, "pattern", "nowhere"))
                .isEqualTo(ToolResult.ok("No matches for 'nowhere' in 3 files under '.' (1 binary file skipped)."));
    }

    @Test
    void grepIsCapped() throws Exception {
        write("many.txt", "hit\n".repeat(10));
        assertThat(context.call(grep, "pattern", "hit", "max_results", 3).content())
                .isEqualTo("""
                many.txt:1: hit
                many.txt:2: hit
                many.txt:3: hit
                (Stopped after 3 matching lines; there are more. Narrow the pattern, path or glob, or raise max_results.)""");
        assertThat(context.call(grep, "pattern", "hit", "max_results", 10).content())
                .doesNotContain("Stopped");
    }

    @Test
    void grepCutsLongLines() throws Exception {
        write("min.js", "x".repeat(600) + "needle");
        assertThat(context.call(grep, "pattern", "needle").content())
                .isEqualTo("min.js:1: " + "x".repeat(500) + " ... [line cut: 106 more characters]");
    }

    @Test
    void grepExplainsWhatIsWrong() throws Exception {
        ToolResult bad = context.call(grep, "pattern", "foo(");
        assertThat(bad.isError()).isTrue();
        assertThat(bad.content()).startsWith("invalid regular expression 'foo(': Unclosed group");
        assertThat(context.call(grep, "pattern", "x", "path", "nope"))
                .isEqualTo(ToolResult.error("'nope' does not exist"));
        assertThat(context.call(grep, "pattern", "x", "path", "../outside.java").content())
                .contains("outside the workspace");
    }
}
