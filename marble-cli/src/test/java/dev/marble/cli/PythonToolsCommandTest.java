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
    void pythonToolsRunInTheWorkspaceThatDashCNames() throws IOException {
        cli.write("dev_tools.py", DEV_TOOLS);
        Files.createDirectories(cli.project().resolve("site"));
        cli.write("write.yaml", """
                - tool_calls: [{name: write_text, arguments: {file_path: notes/a.txt, content: "in the workspace"}}]
                - text: "Done. TASK_COMPLETE"
                """);
        var result = cli.run(
                "loop",
                "--approve-all",
                "-C",
                "site",
                "--functions",
                "dev_tools.py",
                "-m",
                "scripted:write.yaml",
                "Go");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(cli.project().resolve("site/notes/a.txt")).hasContent("in the workspace");
        assertThat(cli.project().resolve("notes/a.txt"))
                .as("not the folder marble was started in")
                .doesNotExist();
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

    /** llm-do's calculator example: a FunctionToolset of plain tools that a worker names in its toolsets. */
    static final String CALCULATOR = """
            from pydantic_ai.toolsets import FunctionToolset

            calc_tools = FunctionToolset()

            @calc_tools.tool_plain
            def add(a: float, b: float) -> float:
                \"\"\"Add two numbers.

                Args:
                    a: The first number.
                    b: The second number.
                \"\"\"
                return a + b

            @calc_tools.tool_plain
            def multiply(a: float, b: float) -> float:
                \"\"\"Multiply two numbers.\"\"\"
                return a * b
            """;

    @Test
    void runTakesAnLlmDoToolsPyBesideTheWorkers() throws IOException {
        cli.write("main.worker", """
                ---
                name: main
                model: scripted:main.yaml
                toolsets:
                  calc_tools: {}
                ---
                You do arithmetic with your tools.
                """);
        cli.write("tools.py", CALCULATOR);
        cli.write("main.yaml", """
                - tool_calls: [{name: add, arguments: {a: 2, b: 3}}]
                - tool_calls: [{name: multiply, arguments: {a: 5, b: 4}}]
                - text: "(2 + 3) * 4 = 20"
                """);
        var result = cli.run("run", "--approve-all", "--json", "main.worker", "tools.py", "What is (2+3)*4?");
        assertThat(result.exit()).as(result.err()).isZero();
        // The replayed arguments are whole numbers, and Python adds them as such.
        assertThat(returned(result.out())).containsExactly("5", "20");
        assertThat(last(result.out()).toString()).contains("(2 + 3) * 4 = 20");

        var plain = cli.run("run", "--approve-all", "main.worker", "tools.py", "What is (2+3)*4?");
        assertThat(plain.out()).as(plain.err()).isEqualTo("(2 + 3) * 4 = 20\n");
    }

    @Test
    void aToolsetNameNoFileDefinesListsThePythonOnes() throws IOException {
        cli.write("main.worker", """
                ---
                name: main
                model: scripted:main.yaml
                toolsets:
                  calculator: {}
                ---
                You do arithmetic.
                """);
        cli.write("tools.py", CALCULATOR);
        var result = cli.run("run", "main.worker", "tools.py", "Hi");
        assertThat(result.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err()).contains("no toolset or worker 'calculator' in this run; available: calc_tools");
    }

    @Test
    void aRunContextToolDelegatesToAWorker() throws IOException {
        cli.write("main.worker", """
                ---
                name: main
                model: scripted:main.yaml
                toolsets:
                  review_tools: {}
                ---
                You have texts reviewed.
                """);
        cli.write("reviewer.worker", """
                ---
                name: reviewer
                model: scripted:reviewer.yaml
                ---
                You review texts in one sentence.
                """);
        cli.write("tools.py", """
                from pydantic_ai import RunContext
                from pydantic_ai.toolsets import FunctionToolset

                review_tools = FunctionToolset()

                @review_tools.tool
                async def review(ctx: RunContext, text: str) -> str:
                    \"\"\"Have the reviewer read a text.\"\"\"
                    verdict = await ctx.deps.call("reviewer", {"input": "Review: " + text})
                    return "The reviewer says: " + verdict
                """);
        cli.write("main.yaml", """
                - tool_calls: [{name: review, arguments: {text: "Roses are red."}}]
                - text: "Reviewed: it is fine."
                """);
        cli.write("reviewer.yaml", """
                - text: "A fine, short poem."
                """);
        var result = cli.run("run", "--approve-all", "--json", "main.worker", "reviewer.worker", "tools.py", "Go");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(returned(result.out())).containsExactly("The reviewer says: A fine, short poem.");
        assertThat(result.out()).contains("Review: Roses are red.");
    }

    @Test
    void aCodeEntryOrchestratesTwoWorkers() throws IOException {
        cli.write("summarizer.worker", """
                ---
                name: summarizer
                model: scripted:summarizer.yaml
                ---
                You summarise a text in one line.
                """);
        cli.write("translator.worker", """
                ---
                name: translator
                model: scripted:translator.yaml
                ---
                You translate English into German.
                """);
        cli.write("tools.py", """
                from pydantic_ai import RunContext
                from pydantic_ai.toolsets import FunctionToolset

                pipeline = FunctionToolset()

                @pipeline.tool
                async def main(ctx: RunContext, input: str) -> str:
                    \"\"\"Summarise, then translate the summary.\"\"\"
                    summary = await ctx.deps.call("summarizer", {"input": input})
                    german = await ctx.deps.call("translator", {"input": summary})
                    return f"{summary}\\n{german}"
                """);
        cli.write("summarizer.yaml", "- text: \"Marble runs agents.\"\n");
        cli.write("translator.yaml", "- text: \"Marble führt Agenten aus.\"\n");
        var result = cli.run(
                "run",
                "--approve-all",
                "--entry",
                "main",
                "summarizer.worker",
                "translator.worker",
                "tools.py",
                "Marble is a framework that runs LLM agents with guardrails.");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Marble runs agents.\nMarble führt Agenten aus.\n");
        assertThat(cli.run("logs", "--runs").out()).contains("summarizer").contains("translator");
    }

    @Test
    void aCodeEntrysCallsPassTheApprovalGate() throws IOException {
        cli.write("tools.py", """
                from pydantic_ai import RunContext
                from pydantic_ai.toolsets import FunctionToolset

                pipeline = FunctionToolset()

                @pipeline.tool_plain
                def write_note(text: str) -> str:
                    \"\"\"Writes a note.\"\"\"
                    open("note.txt", "w").write(text)
                    return "written"

                @pipeline.tool
                def orchestrate(ctx: RunContext, input: str) -> str:
                    \"\"\"Writes the input as a note.\"\"\"
                    return ctx.deps.call("write_note", {"text": input})
                """);
        // Python tools are asked about, as Java tools are; headless, nobody can say yes.
        var refused = cli.stdin("Hello").run("run", "--entry", "orchestrate", "tools.py");
        assertThat(refused.exit()).isEqualTo(ExitCode.MODEL_FAILED.code());
        assertThat(refused.err())
                .contains("marble: error: orchestrate: MarbleError: not run: ")
                .contains("nobody can approve it in a headless run");
        assertThat(cli.project().resolve("note.txt")).doesNotExist();

        var approved = cli.stdin("Hello").run("run", "--approve-all", "--entry", "orchestrate", "tools.py");
        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(approved.out()).isEqualTo("written\n");
        assertThat(Files.readString(cli.project().resolve("note.txt"))).isEqualTo("Hello");
    }

    @Test
    void preApprovedInTheWorkersApprovalConfigLetsAPythonToolRunHeadless() throws IOException {
        cli.write("main.worker", """
                ---
                name: main
                model: scripted:main.yaml
                toolsets:
                  calc_tools:
                    _approval_config:
                      add: {pre_approved: true}
                ---
                You do arithmetic with your tools.
                """);
        cli.write("tools.py", CALCULATOR);
        cli.write("main.yaml", """
                - tool_calls: [{name: add, arguments: {a: 2, b: 3}}, {name: multiply, arguments: {a: 5, b: 4}}]
                - text: "Only the sum: 5"
                """);
        var result = cli.stdin("What is (2+3)*4?").run("run", "--json", "main.worker", "tools.py");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(returned(result.out())).hasSize(2);
        assertThat(returned(result.out()).getFirst()).isEqualTo("5");
        assertThat(returned(result.out()).get(1)).contains("nobody can approve it in a headless run");
    }

    @Test
    void chatTakesTheToolsPyToo() throws IOException {
        cli.write("main.worker", """
                ---
                name: main
                model: scripted:main.yaml
                toolsets:
                  calc_tools: {}
                ---
                You do arithmetic with your tools.
                """);
        cli.write("tools.py", CALCULATOR);
        cli.write("main.yaml", """
                - tool_calls: [{name: multiply, arguments: {a: 6, b: 7}}]
                - text: "It is 42."
                """);
        var result = cli.stdin("What is 6 times 7?\nexit\n").run("chat", "--approve-all", "main.worker", "tools.py");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("It is 42.");
    }

    @Test
    void callingANameTheRunDoesNotHaveListsTheNamesItHas() throws IOException {
        cli.write("tools.py", """
                from pydantic_ai import RunContext
                from pydantic_ai.toolsets import FunctionToolset

                pipeline = FunctionToolset()

                @pipeline.tool
                def main(ctx: RunContext, input: str) -> str:
                    \"\"\"Calls a worker that is not there.\"\"\"
                    return ctx.deps.call("summariser", {"input": input})
                """);
        cli.write("summarizer.worker", """
                ---
                name: summarizer
                model: scripted:summarizer.yaml
                ---
                You summarise.
                """);
        var result = cli.stdin("Hi").run("run", "--approve-all", "--entry", "main", "summarizer.worker", "tools.py");
        assertThat(result.exit()).isEqualTo(ExitCode.MODEL_FAILED.code());
        assertThat(result.err())
                .contains("MarbleError: ctx.deps.call: no worker or tool 'summariser'; available: summarizer, main");
    }

    @Test
    void twoFilesDefiningOneToolsetIsAnErrorAndAFileWithoutAnyAWarning() throws IOException {
        cli.write("main.worker", """
                ---
                name: main
                model: scripted:main.yaml
                toolsets:
                  calc_tools: {}
                ---
                You do arithmetic.
                """);
        cli.write("tools.py", CALCULATOR);
        cli.write("more/tools.py", CALCULATOR);
        var twice = cli.run("run", "main.worker", "tools.py", "more/tools.py", "Hi");
        assertThat(twice.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(twice.err())
                .contains("more/tools.py: a toolset named 'calc_tools' is already defined by another file of this run");

        cli.write("dev_tools.py", DEV_TOOLS);
        cli.write("main.yaml", "- text: Hello.\n");
        var none = cli.run("run", "main.worker", "tools.py", "dev_tools.py", "Hi");
        assertThat(none.exit()).as(none.err()).isZero();
        assertThat(none.err()).contains("dev_tools.py: defines no module-level FunctionToolset");
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
