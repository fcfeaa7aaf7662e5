package dev.marble.tool.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Environment;
import dev.marble.secret.SecretRedactor;
import dev.marble.secret.ToolEnvironment;
import dev.marble.tool.TestContext;
import dev.marble.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Python tool is the model's to call: it may hang, start processes, or look for keys. */
class PythonToolsSecurityTest {

    @TempDir
    Path dir;

    @Test
    void aToolThatSleepsForeverIsKilledAtItsLimitWithWhatItStarted() throws Exception {
        Files.writeString(dir.resolve("tools.py"), """
                import os, subprocess, time

                def hang() -> str:
                    \"\"\"Never returns.\"\"\"
                    child = subprocess.Popen(["sleep", "600"])
                    with open("pids", "w") as f:
                        f.write(f"{os.getpid()} {child.pid}")
                    time.sleep(10_000)
                    return "never"

                def quick() -> str:
                    \"\"\"Returns at once.\"\"\"
                    return f"pid {os.getpid()}"
                """);
        try (PythonFile file = PythonFile.load(dir.resolve("tools.py"), PythonStyle.FUNCTIONS, Python.setup(dir))) {
            TestContext twoSeconds = new TestContext(dir, Environment.system(), Duration.ofSeconds(2));
            long start = System.nanoTime();
            ToolResult result = twoSeconds.call(file.tool("hang").orElseThrow());
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("stopped at its limit")
                    .isLessThan(Duration.ofSeconds(30));
            assertThat(result.isError()).isTrue();
            assertThat(result.content()).contains("hang did not finish within its time limit");
            for (String pid : Files.readString(dir.resolve("pids")).split(" ")) {
                var process = ProcessHandle.of(Long.parseLong(pid));
                if (process.isPresent()) process.get().onExit().get(10, TimeUnit.SECONDS);
                assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive))
                        .as("process " + pid + " is gone")
                        .isNotEqualTo(java.util.Optional.of(true));
            }
            // The next call gets a fresh host, with the file loaded again.
            ToolResult again = TestContext.in(dir).call(file.tool("quick").orElseThrow());
            assertThat(again.isError()).as(again.content()).isFalse();
            assertThat(again.content()).startsWith("pid ");
        }
    }

    @Test
    void closingTheFileLeavesNoProcess() throws Exception {
        Files.writeString(dir.resolve("tools.py"), """
                import os

                def pid() -> int:
                    \"\"\"The host's process id.\"\"\"
                    return os.getpid()
                """);
        long pid;
        try (PythonFile file = PythonFile.load(dir.resolve("tools.py"), PythonStyle.FUNCTIONS, Python.setup(dir))) {
            pid = Long.parseLong(
                    TestContext.in(dir).call(file.tool("pid").orElseThrow()).content());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void aToolCannotSeeApiKeysInItsEnvironment() throws Exception {
        Files.writeString(dir.resolve("tools.py"), """
                import os

                def environment() -> dict:
                    \"\"\"Every variable the tool sees.\"\"\"
                    return dict(os.environ)
                """);
        Map<String, String> marble = new HashMap<>();
        marble.put("PATH", Python.interpreter().getParent() + ":/usr/bin:/bin");
        marble.put("ANTHROPIC_API_KEY", "sk-ant-api03-" + "x".repeat(40));
        marble.put("GITHUB_TOKEN", "ghp_" + "y".repeat(36));
        marble.put("HARMLESS", "visible");
        Environment tools = ToolEnvironment.of(
                new Environment(marble, dir, dir), SecretRedactor.fromEnvironment(marble), List.of());
        try (PythonFile file =
                PythonFile.load(dir.resolve("tools.py"), PythonStyle.FUNCTIONS, new PythonSetup(tools, dir))) {
            String seen = TestContext.in(dir)
                    .call(file.tool("environment").orElseThrow())
                    .content();
            assertThat(seen)
                    .contains("HARMLESS")
                    .doesNotContain("ANTHROPIC_API_KEY")
                    .doesNotContain("sk-ant")
                    .doesNotContain("GITHUB_TOKEN")
                    .doesNotContain("ghp_");
        }
    }
}
