package dev.marble.cli;

import dev.marble.model.Attempt;
import dev.marble.model.StreamListener;
import dev.marble.secret.SecretRedactor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows a call as it happens: text deltas on standard output (when streaming), and on standard
 * error a line for each failed attempt, so a person knows why the answer is slow or starts over.
 */
final class TerminalListener implements StreamListener {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean streaming;
    private final String label;
    private final SecretRedactor redactor;
    private final Spinner spinner;
    private TerminalText outText = TerminalText.VERBATIM;
    private TerminalText errText = TerminalText.VERBATIM;
    private boolean printedSomething;
    private boolean endsWithNewline = true;

    TerminalListener(
            PrintStream out,
            PrintStream err,
            boolean streaming,
            String label,
            SecretRedactor redactor,
            Spinner spinner) {
        this.out = out;
        this.err = err;
        this.streaming = streaming;
        this.label = label;
        this.redactor = redactor;
        this.spinner = spinner;
    }

    /** How the model's text is shown on standard output and its errors on standard error; verbatim unless set. */
    TerminalListener withTerminals(TerminalText outText, TerminalText errText) {
        this.outText = outText;
        this.errText = errText;
        return this;
    }

    @Override
    public boolean wantsDeltas() {
        return streaming;
    }

    @Override
    public void onText(String delta) {
        if (!streaming || delta.isEmpty()) return;
        spinner.stop();
        out.print(outText.show(delta));
        out.flush();
        printedSomething = true;
        endsWithNewline = delta.endsWith("\n");
    }

    @Override
    public void onAttemptFailed(Attempt failed, Duration wait) {
        spinner.stop();
        if (printedSomething && !endsWithNewline) out.println();
        String next = wait.isZero() ? "trying the next model" : "retrying in " + seconds(wait);
        err.println(label + " " + failed.model() + " attempt " + failed.number() + " failed: "
                + errText.show(redactor.redact(failed.error())) + "; " + next
                + (printedSomething ? " (the answer starts again)" : ""));
        printedSomething = false;
        endsWithNewline = true;
        spinner.start("the next attempt");
    }

    boolean streamedText() {
        return printedSomething;
    }

    boolean endsWithNewline() {
        return endsWithNewline;
    }

    private static String seconds(Duration wait) {
        return String.format(Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0);
    }
}
