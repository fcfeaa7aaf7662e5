package dev.marble.tool.approval;

import dev.marble.tool.shell.CommandPattern;
import java.util.List;
import java.util.regex.Pattern;

/** The part of a rule in parentheses: what it says about a call's approval subject. */
public sealed interface RuleArgument {

    /** Whether it matches {@code subject} read as plain text (for tools whose subject is not a command line). */
    boolean matchesText(String subject);

    /**
     * A pattern as users write it, {@code *} matching any run of characters: a glob over a path, or for
     * a shell tool a {@link CommandPattern} over each simple command.
     */
    record Glob(String pattern, Pattern regex, CommandPattern shell) implements RuleArgument {

        public static Glob of(String pattern) {
            return new Glob(pattern, ApprovalRule.glob(pattern), CommandPattern.parse(pattern));
        }

        @Override
        public boolean matchesText(String subject) {
            return regex.matcher(subject).matches();
        }

        /** Whether it names one thing exactly ({@code write_file(chains/nightly.json)}), with no {@code *}. */
        public boolean literal() {
            return pattern.indexOf('*') < 0;
        }
    }

    /** llm-do's shell rule: the command starts with this text, taken literally ({@code *} included). */
    record Prefix(String prefix) implements RuleArgument {
        @Override
        public boolean matchesText(String subject) {
            return subject.startsWith(prefix);
        }
    }

    /** llm-do's metacharacter guard: a command line that is more than one plain simple command. */
    record ShellSyntax() implements RuleArgument {
        @Override
        public boolean matchesText(String subject) {
            return false;
        }
    }

    /** llm-do's whitelist: a command that none of these prefixes starts. */
    record NotPrefixed(List<String> prefixes) implements RuleArgument {

        public NotPrefixed {
            prefixes = List.copyOf(prefixes);
        }

        @Override
        public boolean matchesText(String subject) {
            return prefixes.stream().noneMatch(subject::startsWith);
        }
    }
}
