package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Environment;
import dev.marble.process.SandboxChooser;
import dev.marble.testkit.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python tool file run by marble loop, against a hostile scripted model: the tool environment holds no key, a key
 * in an exception's text is redacted before the model, the stream or the journal sees it, a tool that hangs is
 * stopped at --tool-timeout with what it started, and where bubblewrap works a tool cannot write outside the project.
 */
class PythonToolsSecurityTest {

    /** A value no vendor shape matches: only knowing the variable can redact it. */
    private static final String ANTHROPIC_KEY = "plainAnthropicValue0123456789";

    private static final String TOOLS = """
            import os, subprocess, time

            def environment() -> str:
                \"\"\"Every variable this tool sees, NAME=value per line.\"\"\"
                return "\\n".join(f"{k}={v}" for k, v in sorted(os.environ.items()))

            def leak() -> str:
                \"\"\"Fails with a key in its message.\"\"\"
                raise RuntimeError("could not log in with " + open("key.txt").read().strip())

            def write(path: str, text: str) -> str:
                \"\"\"Writes text to a path.\"\"\"
                with open(path, "w") as f:
                    f.write(text)
                return "wrote " + path

            def hang() -> str:
                \"\"\"Starts a child and never returns.\"\"\"
                child = subprocess.Popen(["sleep", "600"])
                open("pids", "w").write(f"{os.getpid()} {child.pid}")
                time.sleep(10_000)
                return "never"
            """;

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp)
                .env("PATH", "/usr/bin:/bin")
                .env("MARBLE_PYTHON", PythonToolsCommandTest.python().toString())
                .env("ANTHROPIC_API_KEY", ANTHROPIC_KEY);
        cli.write("tools.py", TOOLS);
    }

    @Test
    void aToolCannotSeeApiKeysInItsEnvironment() throws IOException {
        cli.write("env.yaml", """
                - tool_calls: [{name: environment, arguments: {}}]
                - text: "Done. TASK_COMPLETE"
                """);
        var result = cli.run(
                "loop",
                "--json",
                "--approve-all",
                "--no-builtins",
                "--functions",
                "tools.py",
                "-m",
                "scripted:env.yaml",
                "Go");
        assertThat(result.exit()).as(result.err()).isZero();
        List<String> returned = PythonToolsCommandTest.returned(result.out());
        assertThat(returned).hasSize(1);
        assertThat(returned.getFirst()).contains("MARBLE_PYTHON=").doesNotContain("ANTHROPIC_API_KEY");
        assertThat(result.out()).doesNotContain(ANTHROPIC_KEY);
    }

    @Test
    void aKeyInAToolsExceptionIsRedacted() throws IOException {
        cli.write("key.txt", ANTHROPIC_KEY + "\n");
        cli.write("leak.yaml", """
                - tool_calls: [{name: leak, arguments: {}}]
                - text: "Done. TASK_COMPLETE"
                """);
        var result = cli.run(
                "loop",
                "--json",
                "--approve-all",
                "--no-builtins",
                "--functions",
                "tools.py",
                "-m",
                "scripted:leak.yaml",
                "Go");
        assertThat(result.exit()).as(result.err()).isZero();
        List<String> returned = PythonToolsCommandTest.returned(result.out());
        assertThat(returned).hasSize(1);
        assertThat(returned.getFirst())
                .startsWith("RuntimeError: could not log in with [redacted")
                .contains("tools.py:9)");
        assertThat(result.out() + result.err()).doesNotContain(ANTHROPIC_KEY);
        assertThat(cli.run("logs", "--json").out()).doesNotContain(ANTHROPIC_KEY);
    }

    @Test
    void inTheSandboxAToolCannotWriteOutsideTheProject() throws IOException {
        Environment environment = new Environment(Map.of("PATH", "/usr/bin:/bin"), temp, temp);
        Peers.requireThat(
                "bubblewrap",
                SandboxChooser.problem(environment).isEmpty(),
                SandboxChooser.problem(environment).orElse("") + " (CI installs the Debian package bubblewrap)");
        Path outside = cli.home().resolve("planted.txt");
        cli.write(
                "write.yaml",
                "- tool_calls: [{name: write, arguments: {path: \"" + outside + "\", text: x}}]\n"
                        + "- text: \"Done. TASK_COMPLETE\"\n");
        List<String> tail = List.of(
                "--json",
                "--approve-all",
                "--no-builtins",
                "--functions",
                "tools.py",
                "-m",
                "scripted:write.yaml",
                "Go");

        var sandboxed = cli.run(Stream.concat(Stream.of("loop"), tail.stream()).toArray(String[]::new));

        // sandbox auto, with bubblewrap here: the write fails, and the model sees why
        assertThat(sandboxed.exit()).as(sandboxed.err()).isZero();
        assertThat(PythonToolsCommandTest.returned(sandboxed.out()).getFirst()).doesNotStartWith("wrote");
        assertThat(outside).doesNotExist();

        var unsandboxed = cli.run(Stream.concat(Stream.of("loop", "--sandbox", "off"), tail.stream())
                .toArray(String[]::new));
        assertThat(unsandboxed.exit()).as(unsandboxed.err()).isZero();
        assertThat(outside).hasContent("x");
    }

    @Test
    void aToolThatHangsIsStoppedAtTheToolTimeoutAndLeavesNoProcess() throws Exception {
        cli.write("hang.yaml", """
                - tool_calls: [{name: hang, arguments: {}}]
                - text: "Gave up. TASK_COMPLETE"
                """);
        var result = cli.run(
                "loop",
                "--json",
                "--approve-all",
                "--no-builtins",
                "--tool-timeout",
                "2",
                // The ids the tool writes are only this machine's outside bubblewrap's PID namespace; the sandboxed
                // case is core's PythonSandboxSecurityTest.
                "--sandbox",
                "off",
                "--functions",
                "tools.py",
                "-m",
                "scripted:hang.yaml",
                "Go");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(PythonToolsCommandTest.returned(result.out()).getFirst()).contains("did not finish within");
        for (String pid : Files.readString(cli.project().resolve("pids")).split(" ")) {
            var process = ProcessHandle.of(Long.parseLong(pid));
            if (process.isPresent()) process.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive))
                    .as("process " + pid)
                    .isEmpty();
        }
    }
}
