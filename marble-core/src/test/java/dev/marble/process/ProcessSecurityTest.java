package dev.marble.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.tool.ToolResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile command's ways to leave a process running past run_command's time limit, outside the sandbox: each
 * process writes its own pid ({@code echo $$}, then {@code exec}), and after the call each pid must be gone. The
 * old code listed the command's descendants and killed them at the time limit only, which misses everything that
 * left the tree, and everything a command that ended left running. (A process ignoring SIGTERM the old code killed
 * too, with SIGKILL; its test keeps it that way.)
 */
class ProcessSecurityTest {

    @TempDir
    Path workspace;

    /** Waits for the sleeper to have written its pid: a command that ends before would take it along unseen. */
    private static final String UNTIL_PID = "while [ ! -s pids ]; do sleep 0.01; done; ";

    /** A process that writes its pid to FILE and then sleeps, long. */
    private static String sleeper(String file) {
        return "sh -c 'echo $$ >> " + file + "; exec sleep 300'";
    }

    @Test
    void aDoubleForkedProcessDoesNotOutliveTheTimeLimit() throws Exception {
        ToolResult result = ShellCall.unsandboxed(workspace).run("(" + sleeper("pids") + " &); sleep 60", 1);

        Processes.assertAllGone(Processes.awaitPids(workspace.resolve("pids"), 1));
        // the sleep 60 in the foreground, and the one that double-forked away
        assertThat(result.content()).startsWith("Timed out after 1 s: killed the command and 2 processes it started.");
    }

    @Test
    void aDoubleForkedProcessDoesNotOutliveACommandThatEnded() throws Exception {
        ToolResult result =
                ShellCall.unsandboxed(workspace).run("(" + sleeper("pids") + " &); " + UNTIL_PID + "echo started");

        Processes.assertAllGone(Processes.awaitPids(workspace.resolve("pids"), 1));
        assertThat(result.content()).startsWith("Exit code: 0").contains("started");
    }

    @Test
    void setsidNohupInTheBackgroundDoesNotOutliveTheCommand() throws Exception {
        ShellCall.unsandboxed(workspace)
                .run("setsid nohup " + sleeper("pids") + " >/dev/null 2>&1 & " + UNTIL_PID + "echo started");

        Processes.assertAllGone(Processes.awaitPids(workspace.resolve("pids"), 1));
    }

    @Test
    void setsidNohupInTheBackgroundDoesNotOutliveTheTimeLimit() throws Exception {
        ShellCall.unsandboxed(workspace).run("setsid nohup " + sleeper("pids") + " >/dev/null 2>&1 & sleep 60", 1);

        Processes.assertAllGone(Processes.awaitPids(workspace.resolve("pids"), 1));
    }

    @Test
    void aProcessThatClearsItsEnvironmentAndDoubleForksIsFoundByItsSession() throws Exception {
        ShellCall.unsandboxed(workspace).run("(env -i " + sleeper("pids") + " &); sleep 60", 1);

        Processes.assertAllGone(Processes.awaitPids(workspace.resolve("pids"), 1));
    }

    @Test
    void aForkLoopOfDoubleForksLeavesNothingBehind() throws Exception {
        Path pids = workspace.resolve("pids");
        ShellCall.unsandboxed(workspace).run("while :; do (" + sleeper("pids") + " &); sleep 0.02; done", 1);

        List<Long> started = Processes.pidsIn(pids);
        assertThat(started).as("the loop ran").hasSizeGreaterThan(3);
        Processes.assertAllGone(started);
        Thread.sleep(300);
        assertThat(Processes.pidsIn(pids)).as("nothing forks any more").hasSameSizeAs(started);
    }

    @Test
    void aCommandThatIgnoresSigtermIsKilledAnyway() throws Exception {
        ToolResult result = ShellCall.unsandboxed(workspace)
                .run("trap '' TERM; sh -c 'trap \"\" TERM; echo $$ >> pids; while :; do sleep 1; done' & wait", 1);

        Processes.assertAllGone(Processes.awaitPids(workspace.resolve("pids"), 1));
        assertThat(result.content()).startsWith("Timed out after 1 s");
    }

    @Test
    void anInterruptedCallEndsWhatItsCommandDoubleForked() throws Exception {
        CompletableFuture<Thread> runner = new CompletableFuture<>();
        CompletableFuture<ToolResult> call = CompletableFuture.supplyAsync(() -> {
            runner.complete(Thread.currentThread());
            try {
                return ShellCall.unsandboxed(workspace).run("(" + sleeper("pids") + " &); sleep 60");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        List<Long> pids = Processes.awaitPids(workspace.resolve("pids"), 1);
        runner.get().interrupt();
        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        Processes.assertAllGone(pids);
    }
}
