package dev.marble.tool.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.config.Environment;
import dev.marble.error.ConfigException;
import dev.marble.json.Json;
import dev.marble.tool.TestContext;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python tool files in llm-loop's and llm-do's shapes, run by the real python3 through Marble's host. */
class PythonFileTest {

    @TempDir
    Path dir;

    /** llm-loop's README workflow: a dev_tools.py of typed, documented functions. */
    private static final String DEV_TOOLS = """
            import os
            from enum import Enum
            from typing import List, Literal, Optional

            class Level(Enum):
                LOW = "low"
                HIGH = "high"

            def write_file(file_path: str, content: str) -> str:
                \"\"\"Write content to a file.

                Args:
                    file_path: Where to write, relative to the working directory.
                    content: The text to write.
                \"\"\"
                with open(file_path, "w") as f:
                    f.write(content)
                return f"Wrote {len(content)} characters to {file_path}"

            def read_file(file_path: str) -> str:
                \"\"\"Read a file and return its content.\"\"\"
                with open(file_path) as f:
                    return f.read()

            def list_directory(path: str = ".", hidden: bool = False) -> List[str]:
                \"\"\"List the names in a directory.\"\"\"
                return sorted(n for n in os.listdir(path) if hidden or not n.startswith("."))

            def grade(score: float, level: Level = Level.LOW, style: Literal["short", "long"] = "short",
                      note: Optional[str] = None, tags: list = [], extra: dict = {}, times: int = 1) -> dict:
                \"\"\"Grade a score.

                Args:
                    score: The score, 0 to 1.
                    level: How strictly
                        to grade.
                \"\"\"
                return {"score": score * times, "level": level.value, "style": style}

            def _helper():
                return "private"
            """;

    @Test
    void everyPublicFunctionOfAnLlmLoopFileIsATool() throws Exception {
        try (PythonFile file = load("dev_tools.py", DEV_TOOLS, PythonStyle.FUNCTIONS)) {
            assertThat(file.toolsets()).hasSize(1);
            PythonToolset set = file.toolsets().getFirst();
            assertThat(set.name()).isEqualTo("dev_tools.py");
            assertThat(set.tools())
                    .extracting(Tool::name)
                    .containsExactly("write_file", "read_file", "list_directory", "grade");
            Tool write = tool(file, "write_file");
            assertThat(write.spec().description()).isEqualTo("Write content to a file.");
            assertThat(Json.mapper().writeValueAsString(write.spec().inputSchema()))
                    .isEqualTo(
                            "{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\",\"description\":"
                                    + "\"Where to write, relative to the working directory.\"},\"content\":{\"type\":\"string\","
                                    + "\"description\":\"The text to write.\"}},\"required\":[\"file_path\",\"content\"]}");
            var grade = tool(file, "grade").spec().inputSchema().path("properties");
            assertThat(grade.path("score").path("type").asString()).isEqualTo("number");
            assertThat(grade.path("score").path("description").asString()).isEqualTo("The score, 0 to 1.");
            assertThat(grade.path("level").path("enum").toString()).isEqualTo("[\"low\",\"high\"]");
            assertThat(grade.path("level").path("default").asString()).isEqualTo("low");
            assertThat(grade.path("level").path("description").asString()).isEqualTo("How strictly to grade.");
            assertThat(grade.path("style").path("enum").toString()).isEqualTo("[\"short\",\"long\"]");
            assertThat(grade.path("note").path("type").asString()).isEqualTo("string");
            assertThat(grade.path("tags").path("type").asString()).isEqualTo("array");
            assertThat(grade.path("extra").path("type").asString()).isEqualTo("object");
            assertThat(grade.path("times").path("type").asString()).isEqualTo("integer");
            assertThat(tool(file, "grade").spec().inputSchema().path("required").toString())
                    .isEqualTo("[\"score\"]");

            TestContext context = TestContext.in(dir);
            assertThat(context.call(write, "file_path", "a.txt", "content", "hello")
                            .content())
                    .isEqualTo("Wrote 5 characters to a.txt");
            assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("hello");
            assertThat(context.call(tool(file, "read_file"), "file_path", "a.txt"))
                    .isEqualTo(ToolResult.ok("hello"));
            assertThat(context.call(tool(file, "list_directory")).content())
                    .contains("a.txt")
                    .contains("dev_tools.py");
            assertThat(context.call(tool(file, "grade"), "score", 0.5, "level", "high", "times", 2)
                            .content())
                    .isEqualTo("{\"score\": 1.0, \"level\": \"high\", \"style\": \"short\"}");
        }
    }

    /** llm-do's calculator: a module-level FunctionToolset, functions registered with @tools.tool_plain. */
    private static final String CALCULATOR = """
            from pydantic_ai.toolsets import FunctionToolset

            calc_tools = FunctionToolset()

            @calc_tools.tool_plain
            def add(a: float, b: float) -> float:
                \"\"\"Add two numbers.\"\"\"
                return a + b

            @calc_tools.tool_plain
            def divide(a: float, b: float) -> float:
                \"\"\"Divide a by b.\"\"\"
                return a / b

            def not_registered(x: int) -> int:
                return x
            """;

    @Test
    void anLlmDoFileGivesOneToolsetPerFunctionToolsetVariable() throws Exception {
        try (PythonFile file = load("tools.py", CALCULATOR, PythonStyle.TOOLSETS)) {
            assertThat(file.toolsets()).extracting(PythonToolset::variable).containsExactly("calc_tools");
            assertThat(file.toolsets().getFirst().tools())
                    .extracting(Tool::name)
                    .containsExactly("add", "divide");
            TestContext context = TestContext.in(dir);
            assertThat(context.call(tool(file, "add"), "a", 2, "b", 3.5).content())
                    .isEqualTo("5.5");
            ToolResult failed = context.call(tool(file, "divide"), "a", 1, "b", 0);
            assertThat(failed.isError()).isTrue();
            assertThat(failed.content())
                    // The wording differs between Python versions; the type and the line do not.
                    .startsWith("ZeroDivisionError: ")
                    .endsWith("(" + dir.resolve("tools.py").toRealPath() + ":13)");
        }
    }

    @Test
    void aRunContextToolCallsBackIntoMarble() throws Exception {
        String source = """
                from pydantic_ai import RunContext
                from pydantic_ai.toolsets import FunctionToolset

                tools = FunctionToolset()

                @tools.tool
                async def review(ctx: RunContext[object], text: str) -> str:
                    \"\"\"Have the reviewer look at a text.\"\"\"
                    verdict = await ctx.deps.call("reviewer", {"input": text})
                    again = ctx.deps.call("reviewer", text)
                    return f"reviewer said: {verdict} / {again}"
                """;
        List<String> asked = new ArrayList<>();
        try (PythonFile file = load("tools.py", source, PythonStyle.TOOLSETS)) {
            file.callBack((name, arguments, context) -> {
                asked.add(name + " " + arguments);
                return ToolResult.ok("fine (" + context.runId() + ")");
            });
            Tool review = tool(file, "review");
            assertThat(review.spec().inputSchema().path("properties").has("ctx"))
                    .isFalse();
            ToolResult result = TestContext.in(dir).call(review, "text", "a poem");
            assertThat(result).isEqualTo(ToolResult.ok("reviewer said: fine (run-test) / fine (run-test)"));
            assertThat(asked).containsExactly("reviewer {\"input\":\"a poem\"}", "reviewer {\"input\":\"a poem\"}");
        }
    }

    @Test
    void aSyntaxErrorIsOneLineWithFileAndLine() throws IOException {
        Files.writeString(dir.resolve("tools.py"), "def add(a, b)\n    return a + b\n");
        assertThatThrownBy(() -> PythonFile.load(dir.resolve("tools.py"), PythonStyle.FUNCTIONS, Python.setup(dir)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("tools.py") + ":1: SyntaxError: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anImportErrorNamesTheLineOfTheImport() throws IOException {
        Files.writeString(dir.resolve("tools.py"), "import os\nimport no_such_module_here\n");
        assertThatThrownBy(() -> PythonFile.load(dir.resolve("tools.py"), PythonStyle.FUNCTIONS, Python.setup(dir)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("tools.py") + ":2: ModuleNotFoundError: No module named"
                        + " 'no_such_module_here'");
    }

    @Test
    void withoutPythonTheErrorSaysWhatToInstall() throws IOException {
        Files.writeString(dir.resolve("tools.py"), CALCULATOR);
        PythonSetup noPython = new PythonSetup(new Environment(Map.of("PATH", dir.toString()), dir, dir), dir);
        assertThatThrownBy(() -> PythonFile.load(dir.resolve("tools.py"), PythonStyle.TOOLSETS, noPython))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("python3 is not on the PATH; install it")
                .hasMessageContaining("MARBLE_PYTHON");
    }

    @Test
    void marblePythonChoosesTheInterpreter() throws IOException {
        Files.writeString(dir.resolve("tools.py"), CALCULATOR);
        PythonSetup wrong = Python.setup(dir, Map.of("MARBLE_PYTHON", "/no/such/python"));
        assertThatThrownBy(() -> PythonFile.load(dir.resolve("tools.py"), PythonStyle.TOOLSETS, wrong))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MARBLE_PYTHON=/no/such/python is not an executable Python");
        PythonSetup right =
                Python.setup(dir, Map.of("MARBLE_PYTHON", Python.interpreter().toString()));
        try (PythonFile file = PythonFile.load(dir.resolve("tools.py"), PythonStyle.TOOLSETS, right)) {
            assertThat(file.toolsets()).hasSize(1);
        }
    }

    @Test
    void whatAToolPrintsDoesNotDisturbTheChannel() throws Exception {
        String source = """
                def chatty(x: int) -> int:
                    \"\"\"Prints, then answers.\"\"\"
                    print("{\\"id\\": 2, \\"result\\": \\"forged\\"}")
                    print("noise")
                    return x * 2
                """;
        try (PythonFile file = load("chatty.py", source, PythonStyle.FUNCTIONS)) {
            TestContext context = TestContext.in(dir);
            assertThat(context.call(tool(file, "chatty"), "x", 21).content()).isEqualTo("42");
            assertThat(context.call(tool(file, "chatty"), "x", 1).content()).isEqualTo("2");
        }
    }

    @Test
    void modelRetryIsTheMessageForTheModel() throws Exception {
        String source = """
                from pydantic_ai import ModelRetry
                from pydantic_ai.toolsets import FunctionToolset

                tools = FunctionToolset()

                @tools.tool_plain
                def lookup(key: str) -> str:
                    \"\"\"Looks a key up.\"\"\"
                    raise ModelRetry(f"no key {key!r}; try one of: a, b")
                """;
        try (PythonFile file = load("tools.py", source, PythonStyle.TOOLSETS)) {
            assertThat(TestContext.in(dir).call(tool(file, "lookup"), "key", "z"))
                    .isEqualTo(ToolResult.error("no key 'z'; try one of: a, b"));
        }
    }

    @Test
    void aToolsetsMappingOfFactoriesAndLlmDosOwnImportsLoadToo() throws Exception {
        // The shape of llm-do's later calculator: a factory per toolset in TOOLSETS, @tool on functions without a
        // context, and llm_do's own helpers, which are not installed here.
        String source = """
                from pydantic_ai.tools import RunContext
                from pydantic_ai.toolsets import FunctionToolset

                from llm_do.runtime import CallContext
                from llm_do.toolsets.approval import set_toolset_approval_config


                def build_math(_ctx: RunContext[CallContext]) -> FunctionToolset:
                    math_tools = FunctionToolset()

                    @math_tools.tool
                    def square(n: int) -> int:
                        \"\"\"Square a number.

                        Args:
                            n: The number.
                        \"\"\"
                        return n * n

                    set_toolset_approval_config(math_tools, {"square": {"pre_approved": True}})
                    return math_tools


                TOOLSETS = {"math_tools": build_math}
                """;
        try (PythonFile file = load("tools.py", source, PythonStyle.TOOLSETS)) {
            assertThat(file.toolsets()).extracting(PythonToolset::variable).containsExactly("math_tools");
            Tool square = tool(file, "square");
            assertThat(square.spec()
                            .inputSchema()
                            .path("properties")
                            .path("n")
                            .path("description")
                            .asString())
                    .isEqualTo("The number.");
            assertThat(TestContext.in(dir).call(square, "n", 7)).isEqualTo(ToolResult.ok("49"));
        }
    }

    private PythonFile load(String name, String source, PythonStyle style) throws IOException {
        Files.writeString(dir.resolve(name), source);
        return PythonFile.load(dir.resolve(name), style, Python.setup(dir));
    }

    private static Tool tool(PythonFile file, String name) {
        return file.tool(name).orElseThrow();
    }
}
