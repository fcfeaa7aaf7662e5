package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.model.ToolSpec;
import dev.marble.process.CommandLauncher;
import dev.marble.process.Launch;
import dev.marble.process.LaunchedCommand;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ShellCommandSubject;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import dev.marble.tool.shell.ProgramLookup;
import dev.marble.tool.shell.ShellCommandLine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code run_command}: one shell command, {@code /bin/sh -c COMMAND}, in the workspace. The
 * command reaches sh as a single argument, exactly as the model wrote it: Marble adds no quoting
 * and builds no shell syntax of its own. A command without any shell syntax runs without sh. It
 * runs in the run's sandbox, and nothing it starts outlives it (see {@link CommandLauncher}).
 */
final class RunCommandTool implements Tool, ShellCommandSubject {

    static final int DEFAULT_TIMEOUT_SECONDS = 120;
    static final int MAX_TIMEOUT_SECONDS = 600;
    static final int OUTPUT_LIMIT = 30_000;
    /** How long to wait for output still in the pipes once the command has ended. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private static final ToolSpec SPEC = new ToolSpec(
            "run_command",
            """
            Run a shell command with /bin/sh -c in the workspace root, and return its exit code, \
            stdout and stderr. Use it to build, test, run git, or anything without a dedicated \
            tool; prefer read_file, grep, glob and edit_file for files. There is no input (stdin \
            is closed) and no terminal, so interactive programs will not work: pass flags such \
            as --yes or --no-pager. Each call is a fresh shell: cd and exported variables do not \
            carry over. Each stream keeps its first and last 15,000 characters. The command and \
            everything it started are killed at the timeout, and whatever it leaves running when it \
            ends is stopped then: start a server and use it within one command.""",
            JsonSchemas.object()
                    .string("command", "The shell command line, e.g. `mvn -q test` or `git diff --stat | tail -5`.")
                    .integer(
                            "timeout_seconds",
                            "Seconds before the command is killed. Default " + DEFAULT_TIMEOUT_SECONDS + ", at most "
                                    + MAX_TIMEOUT_SECONDS + ".",
                            1,
                            MAX_TIMEOUT_SECONDS)
                    .optional()
                    .build());

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ApprovalDefault approvalDefault() {
        return ApprovalDefault.ASK;
    }

    /**
     * The command as written, which is what a person approving it must see. Being a
     * {@link ShellCommandSubject}, the approval policy parses it ({@link ShellCommandLine}) and matches
     * rules such as {@code run_command(git status*)} against each simple command in it.
     */
    @Override
    public String approvalSubject(JsonNode arguments, Path workspace) {
        JsonNode command = arguments.get("command");
        return command != null && command.isString() ? command.stringValue() : null;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws Exception {
        String command;
        Duration timeout;
        try {
            command = Args.string(arguments, "command");
            timeout = timeout(arguments, context);
        } catch (ToolFailure e) {
            return ToolResult.error(e.getMessage());
        }
        if (command.isBlank()) return ToolResult.error("the command is empty");

        LaunchedCommand launched;
        List<String> argv = commandLine(command, context);
        try {
            launched = CommandLauncher.shared()
                    .start(new Launch(argv, context.workspace(), context.environment(), context.sandbox()));
        } catch (IOException e) {
            return ToolResult.error(
                    "could not start " + argv.getFirst() + " in " + context.workspace() + ": " + e.getMessage());
        }
        Process process = launched.process();
        process.getOutputStream().close();
        OutputCapture stdout = new OutputCapture(OUTPUT_LIMIT);
        OutputCapture stderr = new OutputCapture(OUTPUT_LIMIT);
        Thread outDrain = stdout.drain(process.getInputStream());
        Thread errDrain = stderr.drain(process.getErrorStream());

        // What the command left running ("server &", a daemon) ends with it, as it would in the sandbox; a process
        // that escaped the sweep can still hold the pipes open, and its output is left to the drains, which keep the
        // pipes from filling up.
        LaunchedCommand.Ending ending = launched.awaitWithin(timeout, DRAIN_GRACE, outDrain, errDrain);
        boolean finished = ending.finished();
        int killedChildren = ending.stopped();
        boolean complete = ending.drained();

        StringBuilder text = new StringBuilder();
        if (finished) {
            text.append("Exit code: ").append(process.exitValue()).append('\n');
        } else {
            text.append("Timed out after ")
                    .append(seconds(timeout))
                    .append(": killed the command")
                    .append(
                            killedChildren == 0
                                    ? ""
                                    : " and "
                                            + TextFiles.plural(
                                                    killedChildren, "process it started", "processes it started"))
                    .append(".\n");
        }
        section(text, "stdout", stdout.text());
        section(text, "stderr", stderr.text());
        if (!complete)
            text.append("\n(A background process still holds the output open; what it prints later is not shown.)");
        return new ToolResult(text.toString().stripTrailing(), !finished || process.exitValue() != 0);
    }

    /**
     * A command with no shell syntax at all runs as its argument vector, without {@code sh -c}: what was
     * approved is then exactly what runs, with no second reading by the shell. Anything else, and a
     * program not found on the run's PATH (so that sh reports it as usual, exit 127), goes through sh.
     */
    static List<String> commandLine(String command, ToolContext context) {
        var argv = ShellCommandLine.argvIfPlain(command);
        if (argv.isPresent()) {
            var program = ProgramLookup.find(
                    argv.get().getFirst(), context.environment().variables().get("PATH"), context.workspace());
            if (program.isPresent()) {
                List<String> resolved = new ArrayList<>(argv.get());
                resolved.set(0, program.get().toString());
                return resolved;
            }
        }
        return List.of("/bin/sh", "-c", command);
    }

    /** The requested timeout, or the default, but never more than the run has left. */
    private static Duration timeout(JsonNode arguments, ToolContext context) {
        int seconds = Args.integer(arguments, "timeout_seconds", DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS);
        Duration timeout = Duration.ofSeconds(seconds);
        Duration remaining = context.remaining();
        if (remaining == null || remaining.compareTo(timeout) >= 0) return timeout;
        if (remaining.isNegative() || remaining.isZero())
            throw new ToolFailure("the run has no time left to run a command");
        return remaining;
    }

    private static void section(StringBuilder text, String label, String output) {
        String trimmed = output.stripTrailing();
        if (trimmed.isEmpty()) {
            text.append('\n').append(label).append(": (empty)\n");
        } else {
            text.append('\n').append(label).append(":\n").append(trimmed).append('\n');
        }
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format("%.1f s", millis / 1000.0);
    }
}
