package dev.marble.tool.shell;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commands {@code run_command} never runs, whatever the rules and {@code --approve-all} say: llm-loop's
 * command sanitiser, read on parsed commands instead of text. A command is blocked when it cannot be
 * parsed; runs anything in the background ({@code &}), which the tool can neither wait for nor stop;
 * runs {@code sudo} (or doas, su, pkexec, runuser); runs {@code rm} recursively on {@code /}; pipes a
 * download ({@code curl}, {@code wget}) into a shell or interpreter, or hands one to a shell through a
 * substitution; or writes to a device under {@code /dev/} ({@code /dev/null}, {@code /dev/stdout} and
 * {@code /dev/stderr} are fine). Only an allow rule naming that exact command lifts the block.
 */
public final class HardBlocks {

    /** Where writing is harmless even though it is outside the workspace. */
    public static final Set<String> HARMLESS_DEVICES =
            Set.of("/dev/null", "/dev/stdout", "/dev/stderr", "/dev/fd/1", "/dev/fd/2");

    private static final Set<String> OTHER_USERS = Set.of("sudo", "doas", "su", "pkexec", "runuser");
    private static final Set<String> DOWNLOADERS = Set.of("curl", "wget", "fetch", "aria2c");
    private static final Set<String> INTERPRETERS =
            Set.of("python", "python2", "python3", "perl", "ruby", "node", "php");

    private HardBlocks() {}

    /** Why {@code parsed} is blocked; empty when it is not. */
    public static Optional<String> reason(ParsedCommand parsed) {
        if (parsed instanceof ParsedCommand.Unparseable unparseable) {
            return unparseable.problem() == ParsedCommand.Problem.MALFORMED
                    ? Optional.of("the command cannot be parsed: " + unparseable.reason())
                    : Optional.empty();
        }
        ParsedCommand.Script script = (ParsedCommand.Script) parsed;
        for (SimpleCommand command : script.all()) {
            Optional<String> blocked = command(command);
            if (blocked.isPresent()) return blocked;
        }
        return downloadIntoShell(script.commands());
    }

    private static Optional<String> command(SimpleCommand command) {
        if (command.placement().background()) {
            return Optional.of(command.describe()
                    + " runs in the background (&), where the tool can neither wait for it nor stop it");
        }
        for (Redirection redirection : command.redirections()) {
            String target = redirection.target().text();
            if (redirection.writesFile() && target.startsWith("/dev/") && !HARMLESS_DEVICES.contains(target)) {
                return Optional.of(command.describe() + " writes to the device " + target);
            }
        }
        for (Invocations.Invocation invocation : Invocations.of(command).invocations()) {
            String program = invocation.program();
            if (OTHER_USERS.contains(program)) {
                return Optional.of(
                        command.describe() + " runs " + program + ": Marble never runs commands as another user");
            }
            if (program.equals("rm") && removesRoot(invocation)) {
                return Optional.of(command.describe() + " removes / recursively");
            }
            if (program.equals("dd")
                    && invocation.arguments().stream()
                            .map(Word::text)
                            .anyMatch(a -> a.startsWith("of=/dev/") && !HARMLESS_DEVICES.contains(a.substring(3)))) {
                return Optional.of(command.describe() + " writes to a device");
            }
            if (isShell(program) && containsDownload(command.substituted())) {
                return Optional.of(command.describe() + " runs a download as code");
            }
        }
        return Optional.empty();
    }

    private static boolean removesRoot(Invocations.Invocation rm) {
        boolean recursive = false;
        boolean root = false;
        for (Word word : rm.arguments()) {
            String text = word.text();
            if (OptionAliases.isOption(text)) {
                recursive |= OptionAliases.canonical("rm", text, true).contains("-r");
            } else {
                root |= isRoot(text);
            }
        }
        return recursive && root;
    }

    private static boolean isRoot(String path) {
        if (path.matches("/+\\*?")) return true;
        try {
            return path.startsWith("/") && Path.of(path).normalize().toString().equals("/");
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** {@code curl … | sh}: a download in one stage of a pipeline, a shell or interpreter in a later one. */
    private static Optional<String> downloadIntoShell(List<SimpleCommand> commands) {
        Map<Integer, List<SimpleCommand>> pipelines = new LinkedHashMap<>();
        for (SimpleCommand command : commands) {
            pipelines
                    .computeIfAbsent(command.placement().pipeline(), k -> new ArrayList<>())
                    .add(command);
            Optional<String> inner = downloadIntoShell(command.substituted());
            if (inner.isPresent()) return inner;
        }
        for (List<SimpleCommand> stages : pipelines.values()) {
            SimpleCommand download = null;
            for (SimpleCommand stage : stages) {
                List<String> programs = Invocations.of(stage).invocations().stream()
                        .map(Invocations.Invocation::program)
                        .toList();
                if (download != null && programs.stream().anyMatch(HardBlocks::isShell)) {
                    return Optional.of("it pipes a download (" + download.describe() + ") into " + stage.describe());
                }
                if (download == null && programs.stream().anyMatch(DOWNLOADERS::contains)) download = stage;
            }
        }
        return Optional.empty();
    }

    private static boolean containsDownload(List<SimpleCommand> commands) {
        for (SimpleCommand command : commands) {
            if (Invocations.of(command).invocations().stream().anyMatch(i -> DOWNLOADERS.contains(i.program())))
                return true;
            if (containsDownload(command.substituted())) return true;
        }
        return false;
    }

    private static boolean isShell(String program) {
        return Invocations.SHELLS.contains(program)
                || INTERPRETERS.contains(program)
                || program.matches("python[0-9.]*");
    }
}
