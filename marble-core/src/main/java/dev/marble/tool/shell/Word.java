package dev.marble.tool.shell;

/**
 * One word of a command as the shell would pass it, after quote removal. Expansions stay in their
 * written form ({@code $HOME}, {@code $(date)}), with flags saying what the shell would still do to
 * the word: only a {@linkplain #literal() literal} word reaches the program exactly as {@link #text()}.
 *
 * @param text         the word after quote removal, expansions as written
 * @param source       the word as written, quotes and all
 * @param expands      contains a parameter, arithmetic or command expansion: its value is only known when it runs
 * @param substitutes  contains a command or process substitution: running it runs other commands
 * @param globs        contains an unquoted {@code * ? [}: the shell may replace it with file names
 * @param tilde        starts with (or, in an assignment, contains) an unquoted {@code ~}: a home directory
 * @param braces       contains an unquoted brace expansion such as {@code {a,b}} (bash expands it, dash does not)
 */
public record Word(
        String text,
        String source,
        boolean expands,
        boolean substitutes,
        boolean globs,
        boolean tilde,
        boolean braces) {

    /** A word the shell passes exactly as {@link #text()}. */
    public boolean literal() {
        return !expands && !globs && !tilde && !braces;
    }

    /** A plain literal word, as a rule or a test writes one. */
    public static Word of(String text) {
        return new Word(text, text, false, false, false, false, false);
    }

    /** The variable an assignment word ({@code NAME=value}, the name unquoted) sets; null for other words. */
    public String assignedName() {
        int equals = source.indexOf('=');
        if (equals <= 0) return null;
        String name = source.substring(0, equals);
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : null;
    }

    @Override
    public String toString() {
        return source;
    }
}
