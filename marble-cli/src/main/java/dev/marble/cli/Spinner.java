package dev.marble.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A turning mark with the time waited, on standard error, redrawn in place after what the current line holds, while
 * a model is thought about: so a person at a terminal sees that Marble waits, on whom, and how long. It is erased
 * before anything else is written, and never shown where standard error is not a terminal (a log would fill with
 * frames).
 */
sealed interface Spinner permits Spinner.None, Spinner.Animated {

    /** No spinner: standard error is not a terminal, or the person asked for quiet or JSON. */
    Spinner NONE = new None();

    /** Starts showing "waiting for {@code what}"; a running spinner keeps its start time and changes its label. */
    void start(String what);

    /** Erases the line; does nothing when not running. */
    void stop();

    /** A spinner on {@code err} when it is a terminal that understands moving the cursor, else none. */
    static Spinner on(CliContext context, boolean wanted) {
        boolean dumb = context.environment().get("TERM").filter("dumb"::equals).isPresent();
        return wanted && context.stderrIsTerminal() && !dumb ? new Animated(context.err()) : NONE;
    }

    final class None implements Spinner {
        private None() {}

        @Override
        public void start(String what) {}

        @Override
        public void stop() {}
    }

    final class Animated implements Spinner {
        private static final String FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
        private static final long TICK_MILLIS = 100;
        /** An answer quicker than this never shows a spinner: it would only flicker. */
        private static final long FIRST_FRAME_MILLIS = 150;
        /**
         * The frame is drawn after whatever the line already holds (a chat's "main> " label, say): the cursor is
         * saved before it and put back after, and erasing clears from there to the end of the line only.
         */
        private static final String SAVE_CURSOR = "\u001b7";

        private static final String RESTORE_CURSOR = "\u001b8";
        private static final String ERASE_TO_END = "\u001b[K";

        private final PrintStream err;
        private ScheduledExecutorService ticker;
        private ScheduledFuture<?> ticking;
        private String label;
        private long startedNanos;
        private int frame;

        Animated(PrintStream err) {
            this.err = err;
        }

        @Override
        public synchronized void start(String what) {
            label = TerminalText.sanitize(what); // a model's name can come from an agent file; this is a terminal
            if (ticking != null) return;
            startedNanos = System.nanoTime();
            frame = 0;
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "marble-spinner");
                thread.setDaemon(true); // never keeps a finished command alive
                return thread;
            });
            ticking = ticker.scheduleAtFixedRate(this::draw, FIRST_FRAME_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void stop() {
            if (ticking == null) return;
            ticking.cancel(false);
            ticking = null;
            ticker.shutdown();
            ticker = null;
            err.print(ERASE_TO_END);
            err.flush();
        }

        private synchronized void draw() {
            if (ticking == null) return;
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            char mark = FRAMES.charAt(frame++ % FRAMES.length());
            err.print(SAVE_CURSOR
                    + ERASE_TO_END
                    + mark
                    + String.format(Locale.ROOT, " waiting for %s %.1f s", label, seconds)
                    + RESTORE_CURSOR);
            err.flush();
        }
    }
}
