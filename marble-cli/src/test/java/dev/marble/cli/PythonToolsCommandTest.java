package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Python tool files as llm-loop's and llm-do's users have them, run by marble loop and marble run with python3. */
class PythonToolsCommandTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    /** An llm-loop tool file of the README's shape: typed functions with docstrings. */
    static final String DEV_TOOLS = """
            import os

            def write_text(file_path: str, content: str) -> str:
                \"\"\"Write content to a file, creating its folder.

                Args:
                    file_path: The file, relative to the working directory.
                    content: What to write.
                \"\"\"
                os.makedirs(os.path.dirname(file_path) or ".", exist_ok=True)
                with open(file_path, "w") as f:
                    f.write(content)
                return f"Wrote {len(content)} characters to {file_path}"

            def count_words(text: str) -> int:
                \"\"\"Count the words of a text.\"\"\"
                return len(text.split())

            def _private() -> str:
                return "not a tool"
            """;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.env("MARBLE_PYTHON", python().toString());
    }

    /** The real interpreter, not a pyenv shim (a bash script, which needs a PATH the tests do not give). */
    static Path python() {
        Path python3 = Environment.system()
                .findExecutable("python3")
                .orElseThrow(() -> new AssertionError("these tests run real Python: install python3"));
        try {
            Process process = new ProcessBuilder(python3.toString(), "-c", "import sys; print(sys.executable)")
                    .redirectErrorStream(true)
                    .start();
            String executable = new String(process.getInputStream().readAllBytes()).strip();
            process.waitFor();
            return Path.of(executable);
        } catch (IOException e) {
            throw new AssertionError("cannot run python3: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void loopTakesAnLlmLoopFunctionsFile() throws IOException {
        cli.write("dev_tools.py", DEV_TOOLS);
        cli.write("write.yaml", """
                - tool_calls: [{name: write_text, arguments: {file_path: notes/a.txt, content: "hello there"}}]
                - tool_calls: [{name: count_words, arguments: {text: "one two three"}}]
                - text: "Done. TASK_COMPLETE"
                """);
        var result = cli.run(
                "loop", "--json", "--approve-all", "--functions", "dev_tools.py", "-m", "scripted:write.yaml", "Go");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(Files.readString(cli.project().resolve("notes/a.txt"))).isEqualTo("hello there");
        assertThat(returned(result.out())).containsExactly("Wrote 11 characters to notes/a.txt", "3");
        var tools = cli.run("tools", "--no-builtins", "--functions", "dev_tools.py");
        assertThat(tools.out()).contains("write_text").contains("count_words").doesNotContain("_private");
    }

    @Test
    void pythonToolsAreAskedAboutLikeJavaTools() throws IOException {
        cli.write("dev_tools.py", DEV_TOOLS);
        cli.write("write.yaml", """
                - tool_calls: [{name: write_text, arguments: {file_path: a.txt, content: "x"}}]
                - text: "Done. TASK_COMPLETE"
                """);
        var result = cli.stdin("").run("loop", "--functions", "dev_tools.py", "-m", "scripted:write.yaml", "Go");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).contains("[denied] write_text: denied: nobody can approve it in a headless run");
        assertThat(cli.project().resolve("a.txt")).doesNotExist();
    }

    @Test
    void aSyntaxErrorInTheFileIsOneLineAndExit3() throws IOException {
        cli.write("dev_tools.py", "def broken(:\n    pass\n");
        cli.write("write.yaml", "- text: never\n");
        var result = cli.run("loop", "--functions", "dev_tools.py", "-m", "scripted:write.yaml", "Go");
        assertThat(result.exit()).isEqualTo(ExitCode.MALFORMED.code());
        assertThat(result.err())
                .startsWith("marble: error: " + cli.project().resolve("dev_tools.py") + ":1: SyntaxError:");
        assertThat(result.err().strip().lines()).hasSize(1);
    }

    @Test
    void withoutPythonTheErrorSaysWhatToInstall() throws IOException {
        cli.env("MARBLE_PYTHON", null);
        cli.write("dev_tools.py", DEV_TOOLS);
        cli.write("write.yaml", "- text: never\n");
        var result = cli.run("loop", "--functions", "dev_tools.py", "-m", "scripted:write.yaml", "Go");
        assertThat(result.exit()).isEqualTo(ExitCode.MALFORMED.code());
        assertThat(result.err()).contains("python3 is not on the PATH; install it");
    }

    static List<String> returned(String jsonLines) {
        return jsonLines
                .lines()
                .map(Json::parse)
                .filter(e -> e.path("type").asString().equals("tool_returned"))
                .map(e -> e.path("content").asString())
                .toList();
    }

    static JsonNode last(String jsonLines) {
        List<String> lines = jsonLines.lines().toList();
        return Json.parse(lines.getLast());
    }
}
