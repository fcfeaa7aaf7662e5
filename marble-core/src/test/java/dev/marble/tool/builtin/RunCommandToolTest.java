package dev.marble.tool.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.config.Environment;
import dev.marble.tool.TestContext;
import dev.marble.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandToolTest {

    @TempDir
    Path root;

    TestContext context;
    final RunCommandTool tool = new RunCommandTool();

    @BeforeEach
    void setUp() {
        context = TestContext.in(root);
    }

    @Test
    void reportsExitCodeAndBothStreams() throws Exception {
        assertThat(context.call(tool, "command", "echo hello"))
                .isEqualTo(ToolResult.ok("Exit code: 0\n\nstdout:\nhello\n\nstderr: (empty)"));

        ToolResult failed = context.call(tool, "command", "echo out; echo oops >&2; exit 3");
        assertThat(failed).isEqualTo(ToolResult.error("Exit code: 3\n\nstdout:\nout\n\nstderr:\noops"));

        ToolResult missing = context.call(tool, "command", "no-such-command-marble");
        assertThat(missing.isError()).isTrue();
        assertThat(missing.content()).startsWith("Exit code: 127").contains("not found");
    }

    @Test
    void theCommandReachesTheShellUntouched() throws Exception {
        String command = "echo \"a  b\" 'c $HOME' $(echo sub) | tr a A; printf '%s\\n' \"$(printf 'x\"y')\"";
        assertThat(context.call(tool, "command", command).content()).contains("stdout:\nA  b c $HOME sub\nx\"y\n");
    }

    /** What was approved is what runs: a command with no shell syntax is not read by sh a second time. */
    @Test
    void aCommandWithoutShellSyntaxRunsWithoutTheShell() throws Exception {
        assertThat(RunCommandTool.commandLine("git log --format='%h %s'", context))
                .hasSize(3)
                .endsWith("log", "--format=%h %s")
                .first()
                .asString()
                .endsWith("/git");
        assertThat(RunCommandTool.commandLine("echo hi", context)).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(RunCommandTool.commandLine("ls | wc -l", context)).containsExactly("/bin/sh", "-c", "ls | wc -l");
        assertThat(RunCommandTool.commandLine("no-such-command-marble x", context))
                .containsExactly("/bin/sh", "-c", "no-such-command-marble x");
        Files.writeString(root.resolve("a b.txt"), "content");
        assertThat(context.call(tool, "command", "cat 'a b.txt'").content()).contains("stdout:\ncontent");
    }

    @Test
    void runsInTheWorkspaceWithTheRunsEnvironmentAndNoInput() throws Exception {
        Environment environment =
                new Environment(Map.of("PATH", System.getenv("PATH"), "GREETING", "hi there"), root, root);
        TestContext own = new TestContext(root, environment, Duration.ofMinutes(1));
        String content = own.call(tool, "command", "pwd -P; echo \"$GREETING\"; echo \"${HOME-unset}\"; cat; echo read")
                .content();
        assertThat(content).contains("stdout:\n" + root.toRealPath() + "\nhi there\nunset\nread\n");
    }

    @Test
    void keepsTheHeadAndTailOfLongOutput() throws Exception {
        String content = context.call(
                        tool,
                        "command",
                        "printf START; head -c 100000 /dev/zero | tr '\\0' x; printf END; head -c 10 /dev/zero | tr "
                                + "'\\0' e >&2")
                .content();
        String stdout = content.substring(content.indexOf("stdout:\n") + 8, content.indexOf("\n\nstderr:"));
        assertThat(stdout)
                .startsWith(
                        "START" + "x".repeat(14_995) + "\n[... 70008 characters cut from the middle of 100008 ...]\n")
                .endsWith("x".repeat(14_997) + "END")
                .hasSize(30_000 + "\n[... 70008 characters cut from the middle of 100008 ...]\n".length());
        assertThat(content).endsWith("stderr:\neeeeeeeeee");
    }

    @Test
    void aTimeoutKillsTheCommandAndItsChildren() throws Exception {
        long start = System.nanoTime();
        ToolResult result = context.call(tool, "command", "sleep 60 & echo child $!; wait", "timeout_seconds", 1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.isError()).isTrue();
        assertThat(result.content()).startsWith("Timed out after 1 s: killed the command and 1 process it started.");
        assertGone(childPid(result.content()));
    }

    @Test
    void neverRunsLongerThanTheRunHasLeft() throws Exception {
        TestContext hurried = new TestContext(root, context.environment(), Duration.ofMillis(500));
        ToolResult result = hurried.call(tool, "command", "sleep 30");
        assertThat(result.content()).startsWith("Timed out after 0.5 s: killed the command");
        TestContext late = new TestContext(root, context.environment(), Duration.ZERO);
        assertThat(late.call(tool, "command", "echo x"))
                .isEqualTo(ToolResult.error("the run has no time left to run a command"));
    }

    @Test
    void anInterruptionKillsTheTreeAndIsRethrown() throws Exception {
        Path pidFile = root.resolve("pid");
        CompletableFuture<Thread> runner = new CompletableFuture<>();
        CompletableFuture<ToolResult> call = CompletableFuture.supplyAsync(() -> {
            runner.complete(Thread.currentThread());
            try {
                return context.call(tool, "command", "sleep 60 & echo $! > pid; wait");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long pid = waitForPid(pidFile);
        runner.get().interrupt();
        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .cause()
                .isInstanceOf(InterruptedException.class);
        assertGone(pid);
    }

    @Test
    void aBackgroundProcessHoldingTheOutputDoesNotHoldUpTheResult() throws Exception {
        long start = System.nanoTime();
        ToolResult result = context.call(tool, "command", "(sleep 4; echo late) & echo early");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(Duration.ofSeconds(4));
        assertThat(result.isError()).isFalse();
        assertThat(result.content()).contains("stdout:\nearly").doesNotContain("\nlate\n");
        // Whether the JDK closes the pipe when the shell exits depends on whether a drain was
        // blocked reading at that moment; when it was not, the grace period runs out instead.
        if (took.compareTo(Duration.ofSeconds(2)) >= 0) {
            assertThat(result.content())
                    .endsWith("(A background process still holds the output open; what it prints later is not shown.)");
        }
    }

    @Test
    void emptyCommandsAreRefused() throws Exception {
        assertThat(context.call(tool, "command", "  ")).isEqualTo(ToolResult.error("the command is empty"));
    }

    private static long childPid(String content) {
        Matcher matcher = Pattern.compile("child (\\d+)").matcher(content);
        assertThat(matcher.find()).as("pid in %s", content).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static long waitForPid(Path pidFile) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Files.exists(pidFile)) {
                String text = Files.readString(pidFile).strip();
                if (!text.isEmpty()) return Long.parseLong(text);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the command never wrote its child's pid");
    }

    /** Gone, or a zombie waiting to be reaped by whoever inherited it: either way, not running. */
    private static void assertGone(long pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!running(pid)) return;
            Thread.sleep(50);
        }
        throw new AssertionError("process " + pid + " is still running");
    }

    private static boolean running(long pid) throws Exception {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) return false;
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) return true;
        String text = Files.readString(stat);
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }
}
