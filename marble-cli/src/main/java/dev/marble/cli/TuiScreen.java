package dev.marble.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

/**
 * The terminal, taken over for the full-screen view with JLine: the alternate screen (so the shell's screen comes
 * back untouched), raw keys, a hidden cursor, and a {@link Display} that redraws only the rows that changed. A resize
 * redraws at the new size. {@link #close} gives everything back and is safe to call more than once, from any thread:
 * at the end of the run, on an exception, and from the second Ctrl+C before the process halts.
 */
final class TuiScreen implements AutoCloseable {

    private final Terminal terminal;
    private final Attributes original;
    private final Display display;
    private final boolean colour;
    private final Size size = new Size();
    private boolean closed;

    private TuiScreen(Terminal terminal, boolean colour) {
        this.terminal = terminal;
        this.colour = colour;
        this.original = terminal.enterRawMode();
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.keypad_xmit);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
        this.display = new Display(terminal, true);
        size.copy(terminal.getSize());
        display.resize(size.getRows(), size.getColumns());
        display.clear();
    }

    /**
     * The process's own terminal, full screen. Its signals come to handlers set with {@link #onSignal} (JLine would
     * otherwise put the default handling back, and a Ctrl+C would kill the process with the screen still taken).
     *
     * @throws UncheckedIOException when there is no terminal that can go full screen
     */
    static TuiScreen open(boolean colour) {
        try {
            Terminal terminal = TerminalBuilder.builder()
                    .system(true)
                    .nativeSignals(true)
                    .signalHandler(Terminal.SignalHandler.SIG_IGN)
                    .build();
            if (Terminal.TYPE_DUMB.equals(terminal.getType())
                    || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())
                    || terminal.getSize().getRows() < 3) {
                terminal.close();
                throw new UncheckedIOException(new IOException("the terminal cannot show a full-screen view"));
            }
            return new TuiScreen(terminal, colour);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Terminal terminal() {
        return terminal;
    }

    void onSignal(Terminal.Signal signal, Runnable handler) {
        terminal.handle(signal, s -> handler.run());
    }

    /** The screen's size now, as {@code {columns, rows}}; follows resizes. */
    synchronized int[] size() {
        return new int[] {size.getColumns(), size.getRows()};
    }

    /** Takes the terminal's new size; the next {@link #draw} repaints it whole. */
    synchronized void resized() {
        if (closed) return;
        size.copy(terminal.getSize());
        display.clear();
        display.resize(size.getRows(), size.getColumns());
    }

    synchronized void draw(List<TuiLine> lines) {
        if (closed) return;
        List<AttributedString> shown = lines.stream()
                .map(l -> new AttributedString(l.text(), style(l.style())))
                .toList();
        // The cursor is hidden; it is parked at the start of the bottom row.
        display.update(shown, size.cursorPos(Math.max(0, shown.size() - 1), 0));
        terminal.flush();
    }

    private AttributedStyle style(TuiLine.Style style) {
        AttributedStyle plain = AttributedStyle.DEFAULT;
        return switch (style) {
            case HEADER -> colour ? plain.foreground(AttributedStyle.BLUE).bold() : plain.bold();
            case STATUS -> plain.inverse();
            case PROMPT -> plain.bold();
            case CALL -> colour ? plain.foreground(AttributedStyle.CYAN) : plain;
            case ERROR -> colour ? plain.foreground(AttributedStyle.RED) : plain;
            case RESULT -> colour ? plain.faint() : plain;
            case ANSWER -> plain;
        };
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            terminal.puts(Capability.cursor_normal);
            terminal.puts(Capability.keypad_local);
            terminal.puts(Capability.exit_ca_mode);
            terminal.flush();
            terminal.setAttributes(original);
        } finally {
            try {
                terminal.close();
            } catch (IOException e) {
                // The terminal is given back already; a failed close leaves nothing to restore.
            }
        }
    }
}
