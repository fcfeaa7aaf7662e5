package dev.marble.tool.approval;

import dev.marble.tool.shell.Invocations;
import dev.marble.tool.shell.ParsedCommand;
import dev.marble.tool.shell.ShellAllowance;
import dev.marble.tool.shell.ShellCommandLine;
import dev.marble.tool.shell.SimpleCommand;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * How rules meet a parsed command line. Deny, block and ask rules are matched leniently: a rule catches
 * the line when it catches any simple command in it (those in substitutions too), any program behind a
 * wrapper or inside shell code handed to one, or the line's text as a whole; and a line Marble cannot
 * read, or whose program is only known when it runs, is caught by every such rule. Allow rules are
 * matched strictly, by {@link ShellAllowance}.
 */
final class ShellRuleMatching {

    private ShellRuleMatching() {}

    /** What {@code argument} catches in the line, for the message; empty when it catches nothing. */
    static Optional<String> catches(RuleArgument argument, ParsedCommand parsed) {
        String command = parsed.text();
        return switch (argument) {
            case null -> Optional.of("");
            case RuleArgument.Glob glob when glob.shell().everything() || glob.matchesText(command) -> Optional.of("");
            case RuleArgument.Glob glob ->
                perInvocation(parsed, invocation -> glob.shell().catches(invocation));
            case RuleArgument.Prefix prefix when command.startsWith(prefix.prefix()) -> Optional.of("");
            case RuleArgument.Prefix prefix ->
                perInvocation(parsed, invocation -> text(invocation).startsWith(prefix.prefix()));
            case RuleArgument.ShellSyntax syntax -> ShellCommandLine.shellSyntax(parsed);
            case RuleArgument.NotPrefixed whitelist ->
                whitelist.matchesText(command)
                        ? Optional.of(
                                "the command is not in the whitelist (no shell rule matches and there is no default)")
                        : Optional.empty();
        };
    }

    private static Optional<String> perInvocation(ParsedCommand parsed, Predicate<Invocations.Invocation> caught) {
        if (parsed instanceof ParsedCommand.Unparseable unparseable) {
            return Optional.of("Marble cannot read the command with certainty (" + unparseable.reason()
                    + "), so it counts as matching every shell rule that refuses or asks");
        }
        for (SimpleCommand command : ((ParsedCommand.Script) parsed).all()) {
            Invocations.Found found = Invocations.of(command);
            if (found.unknown() != null) return Optional.of(command.describe() + ": " + found.unknown());
            for (Invocations.Invocation invocation : found.invocations()) {
                if (caught.test(invocation)) return Optional.of("it matches " + command.describe());
            }
        }
        return Optional.empty();
    }

    private static String text(Invocations.Invocation invocation) {
        return invocation.program()
                + invocation.arguments().stream().map(w -> " " + w.text()).collect(Collectors.joining());
    }

    /** An allow rule as {@link ShellAllowance} reads it. */
    record Allowance(ApprovalRule rule) implements ShellAllowance.Rule {

        @Override
        public String text() {
            return rule.text();
        }

        @Override
        public boolean everything() {
            return rule.argument() == null
                    || (rule.argument() instanceof RuleArgument.Glob glob
                            && glob.shell().everything());
        }

        @Override
        public boolean allows(String source, List<String> words) {
            return switch (rule.argument()) {
                case null -> true;
                case RuleArgument.Glob glob -> glob.shell().allows(words);
                case RuleArgument.Prefix prefix -> source.startsWith(prefix.prefix());
                case RuleArgument.ShellSyntax syntax -> false;
                case RuleArgument.NotPrefixed whitelist -> false;
            };
        }
    }
}
