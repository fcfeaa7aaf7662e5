package dev.marble.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Marble's commands, and the part of them picocli is given for one run. picocli reads every command's annotations
 * (options, parameters, descriptions) when the command is added to the tree, so a tree of every command costs each
 * start the reading of all of them, where {@code marble chain status} needs two. The tree built here has, along
 * the path the arguments name, only the command named; anywhere else (no command named, a name no command has, a
 * help or version option before it, {@code help} or {@code completion}) every command, so that help, completion,
 * "did you mean" and errors are what they always were. A mistake under a named command (an unknown option or
 * subcommand) needs only that command and its subcommands, which the tree has: an unknown subcommand's name is
 * named no command, so every subcommand of its parent is there.
 */
final class CommandTree {

    /**
     * A command and the commands under it by name, in the order help lists them. {@code runsAlone}: the command does
     * its own work when no subcommand follows ({@code marble config} lists the settings), rather than printing its
     * usage, which lists the subcommands.
     */
    record Branch(Class<?> command, Map<String, Branch> subcommands, boolean runsAlone) {

        static Branch leaf(Class<?> command) {
            return new Branch(command, Map.of(), true);
        }

        static Branch of(Class<?> command, Object... namesAndBranches) {
            return new Branch(command, named(namesAndBranches), false);
        }

        /** A command with subcommands that also runs by itself (see {@link Branch}). */
        static Branch runningAlone(Class<?> command, Object... namesAndBranches) {
            return new Branch(command, named(namesAndBranches), true);
        }

        private static Map<String, Branch> named(Object... namesAndBranches) {
            Map<String, Branch> subcommands = new LinkedHashMap<>();
            for (int i = 0; i < namesAndBranches.length; i += 2) {
                subcommands.put((String) namesAndBranches[i], (Branch) namesAndBranches[i + 1]);
            }
            return Collections.unmodifiableMap(subcommands);
        }
    }

    static final Branch MARBLE = Branch.of(
            RootCommand.class,
            "pipe",
            Branch.leaf(PipeCommand.class),
            "loop",
            Branch.leaf(LoopCommand.class),
            "run",
            Branch.leaf(RunCommand.class),
            "chat",
            Branch.leaf(ChatCommand.class),
            "approve",
            Branch.leaf(ApproveCommand.class),
            "chain",
            Branch.of(
                    ChainCommand.class,
                    "start",
                    Branch.leaf(ChainStartCommand.class),
                    "status",
                    Branch.leaf(ChainStatusCommand.class),
                    "stop",
                    Branch.leaf(ChainStopCommand.class),
                    "log",
                    Branch.leaf(ChainLogCommand.class),
                    "report",
                    Branch.leaf(ChainReportCommand.class),
                    "reset",
                    Branch.leaf(ChainResetCommand.class),
                    "list",
                    Branch.leaf(ChainListCommand.class),
                    "create",
                    Branch.leaf(ChainCreateCommand.class)),
            "status",
            Branch.leaf(StatusCommand.class),
            "worker",
            Branch.leaf(WorkerCommand.class),
            "tools",
            Branch.leaf(ToolsCommand.class),
            "models",
            Branch.runningAlone(ModelsCommand.class, "pull", Branch.leaf(ModelsPullCommand.class)),
            "config",
            Branch.runningAlone(
                    ConfigCommand.class,
                    "get",
                    Branch.leaf(ConfigGetCommand.class),
                    "set",
                    Branch.leaf(ConfigSetCommand.class),
                    "unset",
                    Branch.leaf(ConfigUnsetCommand.class)),
            "oauth",
            Branch.of(
                    OAuthCommand.class,
                    "login",
                    Branch.leaf(OAuthLoginCommand.class),
                    "status",
                    Branch.leaf(OAuthStatusCommand.class),
                    "logout",
                    Branch.leaf(OAuthLogoutCommand.class)),
            "logs",
            Branch.leaf(LogsCommand.class),
            "ui",
            Branch.leaf(UiCommand.class),
            "doctor",
            Branch.leaf(DoctorCommand.class),
            "version",
            Branch.leaf(VersionCommand.class),
            "completion",
            Branch.leaf(CompletionCommand.class),
            "help",
            Branch.leaf(HelpCommand.class));

    /**
     * Commands that read the whole tree when they run, not only themselves: {@code help} finds the command it is
     * asked about among the others, {@code completion} writes a script that completes every command.
     */
    private static final Set<String> READING_THE_TREE = Set.of("help", "completion");

    /** Options that answer before any command runs: with one of them first, the whole tree is there to answer. */
    private static final Set<String> ANSWERING = Set.of("-h", "--help", "-V", "--version");

    /** A command line of only these asks for the version. */
    private static final Set<String> VERSION_ALONE = Set.of("-V", "--version", "--debug");

    private CommandTree() {}

    /** The command line for a run with {@code args}: the path they name, else every command (all of them for none). */
    static CommandLine forArguments(CommandLine.IFactory factory, List<String> args) {
        // marble --version needs no command at all: the version is marble's own.
        if (!args.isEmpty() && VERSION_ALONE.containsAll(args) && !args.equals(List.of("--debug"))) {
            return new CommandLine(MARBLE.command(), factory);
        }
        return build(MARBLE, factory, args);
    }

    /** Every command, whatever the arguments: what help, completion and their tests read. */
    static CommandLine whole(CommandLine.IFactory factory) {
        return build(MARBLE, factory, null);
    }

    /** {@code args}: what follows this command on the command line, or null for every command under it. */
    private static CommandLine build(Branch branch, CommandLine.IFactory factory, List<String> args) {
        CommandLine line = new CommandLine(branch.command(), factory);
        int named = args == null ? -1 : namedSubcommand(branch, args);
        if (named >= 0) {
            String name = args.get(named);
            line.addSubcommand(
                    name, build(branch.subcommands().get(name), factory, args.subList(named + 1, args.size())));
        } else if (runsByItself(branch, args)) {
            // marble config, marble config --json: the command runs, no subcommand is parsed or listed. Each picocli
            // command line costs a start 1 to 2 ms: config's three subcommands were 9 % of its Java time (JFR).
        } else {
            branch.subcommands().forEach((name, sub) -> line.addSubcommand(name, build(sub, factory, null)));
        }
        return line;
    }

    /** Only options follow a command that runs alone, and none of them asks for help. */
    private static boolean runsByItself(Branch branch, List<String> args) {
        if (args == null || !branch.runsAlone() || branch.subcommands().isEmpty()) return false;
        for (String arg : args) {
            if (ANSWERING.contains(arg) || !arg.startsWith("-")) return false;
        }
        return true;
    }

    /** Where in {@code args} a subcommand of {@code branch} is named (its first word that is no option), or -1. */
    private static int namedSubcommand(Branch branch, List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (ANSWERING.contains(arg)) return -1;
            if (!arg.startsWith("-")) {
                return branch.subcommands().containsKey(arg) && !READING_THE_TREE.contains(arg) ? i : -1;
            }
        }
        return -1;
    }
}
