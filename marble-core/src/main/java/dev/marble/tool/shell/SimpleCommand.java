package dev.marble.tool.shell;

import java.util.List;

/**
 * One simple command of a parsed command line: {@code FOO=1 git log --oneline >out.txt}. A command line
 * with operators ({@code ; && || | &}, newlines), groups, loops or substitutions holds several.
 *
 * @param assignments {@code NAME=value} words before the program (or a {@code for} loop's values)
 * @param words       the program and its arguments; empty for a command of only assignments or redirections
 * @param redirections its redirections, in order
 * @param substituted the commands inside its {@code $( )}, backticks, {@code <( )} and unquoted here-documents
 * @param placement   where it stands in the command line
 * @param source      its text as written
 */
public record SimpleCommand(
        List<Word> assignments,
        List<Word> words,
        List<Redirection> redirections,
        List<SimpleCommand> substituted,
        Placement placement,
        String source) {

    /** Whether a command runs at the top of the line or inside another one's substitution. */
    public enum Context {
        TOP,
        SUBSTITUTION,
        PROCESS_SUBSTITUTION
    }

    /**
     * @param ordinal    1 for the first command of its list, 2 for the next...
     * @param after      the operator before it ({@code ;}, {@code &&}, {@code |}, "newline"...), null for the first
     * @param pipeline   commands joined by {@code |} share this number
     * @param background whether its list ends with {@code &}, so the shell does not wait for it
     * @param context    top level, or inside a substitution
     */
    public record Placement(int ordinal, String after, int pipeline, boolean background, Context context) {}

    public SimpleCommand {
        assignments = List.copyOf(assignments);
        words = List.copyOf(words);
        redirections = List.copyOf(redirections);
        substituted = List.copyOf(substituted);
    }

    /** The program word, or null when the command runs none. */
    public Word program() {
        return words.isEmpty() ? null : words.getFirst();
    }

    /** The words after quote removal. */
    public List<String> texts() {
        return words.stream().map(Word::text).toList();
    }

    /** Whether running it runs other commands first: a command or process substitution anywhere in it. */
    public boolean substitutes() {
        return !substituted.isEmpty();
    }

    /** For messages: {@code `touch PWNED` (2nd command, after ';')}. */
    public String describe() {
        String where = switch (placement.context()) {
            case SUBSTITUTION -> "inside a command substitution";
            case PROCESS_SUBSTITUTION -> "inside a process substitution";
            case TOP ->
                placement.after() == null
                        ? (placement.ordinal() == 1 ? null : ordinal(placement.ordinal()) + " command")
                        : ordinal(placement.ordinal()) + " command, after '" + placement.after() + "'";
        };
        return "`" + source + "`" + (where == null ? "" : " (" + where + ")");
    }

    static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13
                ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
