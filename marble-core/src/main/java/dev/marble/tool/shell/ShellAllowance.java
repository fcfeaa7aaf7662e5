package dev.marble.tool.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether allow rules cover a whole command line. They do only when every simple command is covered:
 * its program (and any program it wraps) is allowed by a rule, uses none of the {@link ProgramHazards},
 * sets no variables, contains no command substitution, and writes only inside the workspace (or to
 * {@code /dev/null}). One part not covered means the line is not covered, and the reason names that part.
 */
public final class ShellAllowance {

    private static final int MAX_WRAPPERS = 8;

    /** An allow rule as this check needs it. */
    public interface Rule {
        /** The rule as the user wrote it, for messages. */
        String text();

        /** Every command, as a bare tool name or {@code (*)} says. */
        boolean everything();

        /** Whether it allows one simple command: {@code source} as written, {@code words} after quote removal. */
        boolean allows(String source, List<String> words);
    }

    /** The answer. */
    public sealed interface Result {
        /** Covered; {@code by} is the first rule used. */
        record Allowed(Rule by) implements Result {}

        /** Not covered, and why. */
        record NotAllowed(String reason) implements Result {}
    }

    private ShellAllowance() {}

    public static Result check(ParsedCommand parsed, List<? extends Rule> rules, Path workspace) {
        for (Rule rule : rules) if (rule.everything()) return new Result.Allowed(rule);
        if (parsed instanceof ParsedCommand.Unparseable unparseable) {
            return new Result.NotAllowed("Marble cannot read the command with certainty (" + unparseable.reason()
                    + "), so no allow rule covers it");
        }
        WorkspaceBounds bounds = new WorkspaceBounds(workspace);
        Rule first = null;
        for (SimpleCommand command : ((ParsedCommand.Script) parsed).commands()) {
            Result result = command(command, rules, bounds);
            if (result instanceof Result.NotAllowed) return result;
            Rule by = ((Result.Allowed) result).by();
            if (first == null) first = by;
        }
        return first == null
                ? new Result.NotAllowed("the command runs no program that an allow rule names")
                : new Result.Allowed(first);
    }

    private static Result command(SimpleCommand command, List<? extends Rule> rules, WorkspaceBounds bounds) {
        String described = command.describe();
        if (command.substitutes()) {
            return notAllowed(described + " contains a command substitution ($( ), backticks or <( )), whose output "
                    + "becomes part of the command; no allow rule covers that");
        }
        for (Redirection redirection : command.redirections()) {
            if (!redirection.writesFile()) continue;
            Word target = redirection.target();
            if (!target.literal()) {
                return notAllowed(described + " writes to `" + target.source() + "`, which is only known when it runs");
            }
            if (!HardBlocks.HARMLESS_DEVICES.contains(target.text()) && !bounds.inside(target.text())) {
                return notAllowed(described + " writes to " + target.text() + ", outside the workspace");
            }
        }
        if (!command.assignments().isEmpty()) {
            String name = command.assignments().getFirst().assignedName();
            return notAllowed(described + " sets " + name + ", and a variable can change what a program runs "
                    + "(PATH, LD_PRELOAD, GIT_SSH_COMMAND...); no allow rule covers that");
        }
        if (command.words().isEmpty()) return new Result.Allowed(null);
        return invocation(command.source(), command.words(), described, rules, bounds, false, 0);
    }

    private static Result invocation(
            String source,
            List<Word> words,
            String described,
            List<? extends Rule> rules,
            WorkspaceBounds bounds,
            boolean argumentsFromInput,
            int depth) {
        Word program = words.getFirst();
        if (!program.literal()) {
            return notAllowed(described + ": its program `" + program.source() + "` is only known when it runs");
        }
        List<String> texts = words.stream().map(Word::text).toList();
        Rule rule =
                rules.stream().filter(r -> r.allows(source, texts)).findFirst().orElse(null);
        if (rule == null) return notAllowed(described + " is not allowed by " + ruleNames(rules));
        String name = Invocations.baseName(program.text());
        if (argumentsFromInput && ProgramHazards.listed(name)) {
            return notAllowed(described + ": " + name + " gets arguments from its input, which Marble cannot check "
                    + "against " + name + "'s hazards");
        }
        return switch (ProgramHazards.check(name, words.subList(1, words.size()), bounds)) {
            case ProgramHazards.Finding.None none -> new Result.Allowed(rule);
            case ProgramHazards.Finding.Hazard hazard ->
                notAllowed(described + ": " + hazard.reason() + "; an allow rule for " + name + " does not cover that");
            case ProgramHazards.Finding.Runs runs -> {
                if (depth >= MAX_WRAPPERS) yield notAllowed(described + " wraps programs too deeply");
                String inner = runs.inner().stream().map(Word::source).collect(Collectors.joining(" "));
                Result wrapped = invocation(
                        inner,
                        runs.inner(),
                        described + ", which runs `" + inner + "`,",
                        rules,
                        bounds,
                        runs.argumentsFromInput(),
                        depth + 1);
                yield wrapped instanceof Result.Allowed ? new Result.Allowed(rule) : wrapped;
            }
        };
    }

    private static String ruleNames(List<? extends Rule> rules) {
        if (rules.size() == 1) return "rule '" + rules.getFirst().text() + "'";
        return "any of the rules "
                + rules.stream().map(r -> "'" + r.text() + "'").collect(Collectors.joining(", "));
    }

    private static Result notAllowed(String reason) {
        return new Result.NotAllowed(reason);
    }
}
