package dev.marble.cli;

import java.io.PrintStream;

/**
 * A stream for lines that quote what Marble did not write (journal answers, tool results, provider errors): every
 * string printed through it is shown as {@link TerminalText} says for the stream underneath, so a command that prints
 * many such lines cannot forget one.
 */
final class ShownPrintStream extends PrintStream {
    private final TerminalText shown;

    private ShownPrintStream(PrintStream out, TerminalText shown) {
        // No autoflush: each string reaches {@code out} as it is printed, and {@code out} flushes as it always does
        // (flushing on every line here cost a write per line of a long listing).
        super(out, false);
        this.shown = shown;
    }

    /** {@code out} itself where text passes verbatim; otherwise a stream that shows each string safely. */
    static PrintStream of(PrintStream out, TerminalText shown) {
        return shown == TerminalText.VERBATIM ? out : new ShownPrintStream(out, shown);
    }

    @Override
    public void print(String text) {
        super.print(shown.show(text));
    }

    @Override
    public void println(String text) {
        super.println(shown.show(text));
    }

    @Override
    public void println(Object value) {
        println(String.valueOf(value));
    }
}
