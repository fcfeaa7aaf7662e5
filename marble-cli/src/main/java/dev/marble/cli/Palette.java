package dev.marble.cli;

import dev.marble.config.Environment;

/**
 * Colour for a person at a terminal: headings, tool calls, errors, costs, dim asides and diffs, as ANSI escapes.
 * None when the stream is not a terminal, when {@code NO_COLOR} is set to anything but the empty string
 * (no-color.org), when {@code TERM=dumb}, or with {@code --no-color}: then every method returns its text unchanged,
 * so output that is piped or logged never holds escape codes.
 */
record Palette(boolean ansi) {

    static final Palette PLAIN = new Palette(false);

    private static final String RESET = "\u001b[0m";

    /** The palette for a stream that is ({@code terminal}) or is not a terminal. */
    static Palette of(boolean terminal, Environment environment, boolean noColor) {
        boolean noColorVariable =
                environment.get("NO_COLOR").filter(value -> !value.isEmpty()).isPresent();
        boolean dumb = environment.get("TERM").filter("dumb"::equals).isPresent();
        return new Palette(terminal && !noColor && !noColorVariable && !dumb);
    }

    /** The palette for standard output of the command {@code spec} describes. */
    static Palette out(CliContext context, picocli.CommandLine.Model.CommandSpec spec) {
        return of(context.stdoutIsTerminal(), context.environment(), RootCommand.noColor(spec));
    }

    /** The palette for standard error of the command {@code spec} describes. */
    static Palette err(CliContext context, picocli.CommandLine.Model.CommandSpec spec) {
        return of(context.stderrIsTerminal(), context.environment(), RootCommand.noColor(spec));
    }

    String heading(String text) {
        return paint("1", text);
    }

    String tool(String text) {
        return paint("36", text);
    }

    String error(String text) {
        return paint("1;31", text);
    }

    String warning(String text) {
        return paint("33", text);
    }

    String cost(String text) {
        return paint("32", text);
    }

    String dim(String text) {
        return paint("2", text);
    }

    String added(String text) {
        return paint("32", text);
    }

    String removed(String text) {
        return paint("31", text);
    }

    String hunk(String text) {
        return paint("36", text);
    }

    private String paint(String code, String text) {
        if (!ansi || text.isEmpty()) return text;
        return "\u001b[" + code + "m" + text + RESET;
    }
}
