package dev.marble.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.tool.TestContext;
import dev.marble.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadFileToolTest {

    @TempDir
    Path root;

    TestContext context;
    final ReadFileTool tool = new ReadFileTool();

    @BeforeEach
    void setUp() {
        context = TestContext.in(root);
    }

    @Test
    void numbersLinesLikeCatN() throws Exception {
        Files.writeString(root.resolve("a.txt"), "first\r\nsecond\n\nfourth");
        ToolResult result = context.call(tool, "path", "a.txt");
        assertThat(result.isError()).isFalse();
        assertThat(result.content()).isEqualTo("     1\tfirst\n     2\tsecond\n     3\t\n     4\tfourth");
    }

    @Test
    void readsAWindowAndSaysWhereToGoOn() throws Exception {
        Files.writeString(root.resolve("long.txt"), numberedLines(10));
        ToolResult result = context.call(tool, "path", "long.txt", "offset", 3, "limit", 4);
        assertThat(result.content())
                .startsWith("     3\tline 3\n     4\tline 4\n     5\tline 5\n     6\tline 6\n")
                .endsWith("(Showed lines 3-6 of 10. To read on, call read_file with offset 7.)")
                .doesNotContain("line 7");

        assertThat(context.call(tool, "path", "long.txt", "offset", 7).content())
                .startsWith("     7\tline 7")
                .endsWith("    10\tline 10");
    }

    @Test
    void readsAtMost2000LinesByDefault() throws Exception {
        Files.writeString(root.resolve("big.txt"), numberedLines(2500));
        String content = context.call(tool, "path", "big.txt").content();
        assertThat(content)
                .contains("  2000\tline 2000\n")
                .doesNotContain("line 2001")
                .endsWith("(Showed lines 1-2000 of 2500. To read on, call read_file with offset 2001.)");
    }

    @Test
    void keepsTheOutputWithinItsBudgetAndCutsHugeLines() throws Exception {
        String wide = "x".repeat(1500);
        Files.writeString(root.resolve("wide.txt"), (wide + "\n").repeat(100) + "y".repeat(5000) + "\n");
        String content = context.call(tool, "path", "wide.txt").content();
        assertThat(content.length()).isLessThan(ReadFileTool.MAX_OUTPUT_CHARS + 200);
        assertThat(content)
                .contains("of 101, as many as fit in one result. To read on, call read_file with offset 40.)");

        String last = context.call(tool, "path", "wide.txt", "offset", 101).content();
        assertThat(last).isEqualTo("   101\t" + "y".repeat(2000) + " ... [line cut: 3000 more characters]");
    }

    @Test
    void showsBinaryFilesAsTheirSize() throws Exception {
        Files.write(root.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2});
        ToolResult result = context.call(tool, "path", "image.png");
        assertThat(result.isError()).isFalse();
        assertThat(result.content()).isEqualTo("'image.png' is a binary file (8 bytes); read_file shows only text.");
    }

    @Test
    void decodesInvalidUtf8WithReplacementCharacters() throws Exception {
        Files.write(root.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertThat(context.call(tool, "path", "latin1.txt").content()).isEqualTo("     1\tcaf\uFFFD");
    }

    @Test
    void explainsWhatIsWrong() throws Exception {
        Files.writeString(root.resolve("short.txt"), "one\ntwo\n");
        Files.writeString(root.resolve("empty.txt"), "");
        Files.createDirectory(root.resolve("dir"));

        assertThat(context.call(tool, "path", "missing.txt"))
                .isEqualTo(ToolResult.error("'missing.txt' does not exist; list_directory or glob show what does"));
        assertThat(context.call(tool, "path", "dir").content()).contains("is a directory; use list_directory");
        assertThat(context.call(tool, "path", "short.txt", "offset", 5))
                .isEqualTo(ToolResult.error("offset 5 is past the end of 'short.txt', which has 2 lines"));
        assertThat(context.call(tool, "path", "empty.txt")).isEqualTo(ToolResult.ok("'empty.txt' is empty."));
        assertThat(context.call(tool, "path", "../etc/passwd").content()).contains("is outside the workspace");
        assertThat(context.call(tool, "path", "short.txt", "offset", 0).content())
                .contains("between 1 and");
    }

    static String numberedLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }
}
