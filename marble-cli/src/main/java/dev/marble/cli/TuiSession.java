package dev.marble.cli;

import dev.marble.event.EventSink;
import dev.marble.secret.SecretRedactor;
import dev.marble.tool.approval.Approver;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.Terminal;

/**
 * A run's full-screen view (llm-do's TUI): the screen, its panes, the keys, and the Ctrl+C handling, opened
 * together and given back together. The first Ctrl+C interrupts the run's thread, which stops the answer in flight
 * and ends the run as interrupted; a second one restores the terminal and quits at once, as the line view does.
 */
final class TuiSession implements AutoCloseable {

    private static final int PAGE = 10;

    private final TuiScreen screen;
    private final TuiPanes panes;
    private final TuiKeys keys;
    private final Thread shutdownHook;

    private TuiSession(TuiScreen screen, TuiPanes panes, Thread runThread) {
        this.screen = screen;
        this.panes = panes;
        this.keys = TuiKeys.reading(screen.terminal(), this::scroll);
        AtomicInteger presses = new AtomicInteger();
        screen.onSignal(Terminal.Signal.INT, () -> interrupt(presses.incrementAndGet(), runThread));
        screen.onSignal(Terminal.Signal.WINCH, () -> {
            screen.resized();
            redraw();
        });
        // A JVM that ends any other way (System.exit somewhere, SIGTERM) still gives the terminal back.
        this.shutdownHook = new Thread(screen::close, "marble-tui-restore");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        redraw();
    }

    /** Takes the terminal over for a run of {@code agent} on the calling thread. */
    static TuiSession open(String agent, boolean colour) {
        return new TuiSession(TuiScreen.open(colour), new TuiPanes(agent), Thread.currentThread());
    }

    TuiPanes panes() {
        return panes;
    }

    EventSink listener(SecretRedactor redactor) {
        return new TuiListener(panes, redactor, this::redraw);
    }

    Approver approver(SecretRedactor redactor, ChangePreview preview) {
        return new TuiApprover(panes, keys, this::redraw, redactor, preview);
    }

    /** One frame at a time: two threads rendering at once could otherwise draw the older frame last. */
    synchronized void redraw() {
        int[] size = screen.size();
        screen.draw(panes.render(size[0], size[1]));
    }

    private void scroll(TuiKey key) {
        int lines = switch (key.kind()) {
            case UP -> 1;
            case DOWN -> -1;
            case PAGE_UP -> PAGE;
            case PAGE_DOWN -> -PAGE;
            default -> 0;
        };
        panes.scrollAnswer(lines);
        redraw();
    }

    private void interrupt(int press, Thread runThread) {
        if (press == 1) {
            panes.state("stopping (Ctrl+C again quits at once)");
            redraw();
            runThread.interrupt();
        } else {
            screen.close();
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }
    }

    @Override
    public void close() {
        screen.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs or ran already; the screen is closed either way.
        }
    }
}
