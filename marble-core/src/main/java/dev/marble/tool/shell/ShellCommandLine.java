package dev.marble.tool.shell;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the rest of Marble asks of a command line: its parse, and whether it needs a shell at all. */
public final class ShellCommandLine {

    /**
     * Programs that sh runs itself rather than from PATH (or runs differently from the file of the same
     * name: sh's echo reads backslash escapes, /bin/echo does not), so they keep going through sh.
     */
    private static final Set<String> SHELL_BUILTINS = Set.of(
            ".",
            ":",
            "[",
            "alias",
            "bg",
            "break",
            "cd",
            "command",
            "continue",
            "declare",
            "echo",
            "eval",
            "exec",
            "exit",
            "export",
            "false",
            "fc",
            "fg",
            "getopts",
            "hash",
            "jobs",
            "kill",
            "let",
            "local",
            "printf",
            "pwd",
            "read",
            "readonly",
            "return",
            "set",
            "shift",
            "source",
            "test",
            "times",
            "trap",
            "true",
            "type",
            "typeset",
            "ulimit",
            "umask",
            "unalias",
            "unset",
            "wait");

    private ShellCommandLine() {}

    public static ParsedCommand parse(String command) {
        return ShellParser.parse(command);
    }

    /**
     * The argument vector of a command with no shell syntax at all (one program, literal words, no
     * operators, redirections, assignments, expansions or comments, not a shell builtin), which can run
     * without {@code sh -c}; empty when it needs the shell. Running it directly means exactly the
     * words the approval rules were matched against are the ones executed.
     */
    public static Optional<List<String>> argvIfPlain(String command) {
        if (!(parse(command) instanceof ParsedCommand.Script script)
                || script.commands().size() != 1) return Optional.empty();
        SimpleCommand only = script.commands().getFirst();
        boolean plain = only.assignments().isEmpty()
                && only.redirections().isEmpty()
                && !only.substitutes()
                && !only.words().isEmpty()
                && !only.placement().background()
                && only.words().stream().allMatch(Word::literal)
                && only.source().equals(command.strip())
                && !SHELL_BUILTINS.contains(only.words().getFirst().text())
                && !only.words().getFirst().text().isEmpty();
        return plain ? Optional.of(only.texts()) : Optional.empty();
    }

    /**
     * What makes a line more than one plain simple command, named as llm-do named its shell
     * metacharacters ("the command contains the shell metacharacter ';'"); empty for a plain command.
     * A line Marble cannot read counts as shell syntax too.
     */
    public static Optional<String> shellSyntax(ParsedCommand parsed) {
        if (parsed instanceof ParsedCommand.Unparseable unparseable) {
            return Optional.of(
                    unparseable.problem() == ParsedCommand.Problem.MALFORMED
                            ? "the command cannot be split into words: " + unparseable.reason()
                            : "the command uses shell syntax Marble does not analyse: " + unparseable.reason());
        }
        ParsedCommand.Script script = (ParsedCommand.Script) parsed;
        if (script.commands().size() > 1)
            return metacharacter(script.commands().get(1).placement().after());
        if (script.commands().isEmpty()) return Optional.empty();
        SimpleCommand only = script.commands().getFirst();
        if (only.placement().background()) return metacharacter("&");
        if (!only.redirections().isEmpty())
            return metacharacter(only.redirections().getFirst().kind().operator());
        if (only.substitutes())
            return metacharacter(
                    only.source().contains("`") ? "`" : only.source().contains("$(") ? "$(" : "<(");
        if (only.words().stream().anyMatch(w -> w.source().contains("${"))) return metacharacter("${");
        if (!only.source().equals(parsed.text().strip())) {
            return Optional.of("the command uses shell grammar (a group, a loop, a condition or a comment)");
        }
        return Optional.empty();
    }

    private static Optional<String> metacharacter(String operator) {
        String shown = operator == null
                ? "a shell keyword"
                : operator.equals("newline") ? "'\\n' (a newline)" : "'" + operator + "'";
        return Optional.of("the command contains the shell metacharacter " + shown);
    }
}
