package dev.marble.cli;

import dev.marble.cli.Verbosity.Detail;
import dev.marble.event.Event;
import dev.marble.event.EventSink;
import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/**
 * A run as a person follows it. The model's text goes to standard output as {@link Text} says; on standard error,
 * as much as the {@link Detail} level asks for: at {@code PROGRESS} one line per tool call, denial, tool error and
 * retry; at {@code FULL} also every turn, approval and result, and tool arguments unshortened. Only the top-level
 * run's text is shown: a delegated run's text is an answer to its caller, which shows as the caller's tool call. What
 * the model and its tools wrote reaches each stream as its {@link TerminalText} says (made inert at a terminal), and
 * only then gets Marble's colours.
 */
final class ConsoleRenderer implements EventSink {

    /** Where the model's text goes. */
    enum Text {
        /** Not shown (the command prints the answer itself, or has none). */
        NONE,
        /** Shown as it is written (a terminal reads it). */
        STREAMED,
        /** Shown once each answer is whole (a pipe or a file reads it). */
        WHOLE
    }

    private static final int SHORT = 160;

    private final PrintStream out;
    private final PrintStream err;
    private final Detail detail;
    private final Text text;
    private final Palette palette;
    private final SecretRedactor redactor;
    private Spinner spinner = Spinner.NONE;
    private TerminalText outText = TerminalText.VERBATIM;
    private TerminalText errText = TerminalText.VERBATIM;
    private boolean midLine;
    private boolean wroteText;
    /** Calls already reported as denied: their error result says the same again. */
    private final Set<String> denied = new HashSet<>();

    private final Set<String> delegated = new HashSet<>();

    ConsoleRenderer(
            PrintStream out, PrintStream err, Detail detail, Text text, Palette palette, SecretRedactor redactor) {
        this.out = out;
        this.err = err;
        this.detail = detail;
        this.text = text;
        this.palette = palette;
        this.redactor = redactor;
    }

    /** Shows {@code spinner} while a model is being waited for, and clears it before anything is written. */
    ConsoleRenderer withSpinner(Spinner spinner) {
        this.spinner = spinner;
        return this;
    }

    /**
     * How untrusted text is shown on standard output ({@code outText}) and standard error ({@code errText}); both
     * verbatim unless set, as for output captured by an embedder.
     */
    ConsoleRenderer withTerminals(TerminalText outText, TerminalText errText) {
        this.outText = outText;
        this.errText = errText;
        return this;
    }

    /** Untrusted text as each of the command's streams should show it. */
    ConsoleRenderer withTerminals(CliContext context) {
        return withTerminals(TerminalText.out(context), TerminalText.err(context));
    }

    @Override
    public boolean wantsTextDeltas() {
        return text == Text.STREAMED;
    }

    @Override
    public synchronized void accept(Event event) {
        if (event instanceof Event.RunStarted started && started.parentRunId() != null) delegated.add(started.runId());
        boolean topLevel = !delegated.contains(event.runId());
        switch (event) {
            case Event.ModelCallStarted e -> spinner.start(e.model().toString());
            case Event.TextDelta e -> {
                if (text == Text.STREAMED && topLevel) text(e.text());
            }
            case Event.ModelCallFinished e -> {
                spinner.stop();
                if (text == Text.WHOLE && topLevel)
                    text(redactor.redact(e.response().text()));
            }
            case Event.ModelCallFailed e -> spinner.stop();
            case Event.TurnStarted e -> {
                if (detail.atLeast(Detail.FULL)) line(palette.dim("--- turn " + e.turn() + " ---"));
            }
            case Event.ToolCalled e -> {
                if (detail.atLeast(Detail.PROGRESS)) {
                    line(palette.tool("[tool] " + safe(e.tool())) + " "
                            + safe(shorten(redactor.redact(Json.write(e.arguments())))));
                }
            }
            case Event.ApprovalDecided e -> {
                if (!e.allowed()) {
                    denied.add(e.toolCallId());
                    if (detail.atLeast(Detail.PROGRESS))
                        line(palette.error("[denied]") + " " + safe(e.tool()) + ": " + safe(e.reason()));
                } else if (detail.atLeast(Detail.FULL)) {
                    line(palette.dim(
                            "[approved] " + safe(e.tool()) + " (" + e.decidedBy() + ": " + safe(e.reason()) + ")"));
                }
            }
            case Event.ToolReturned e -> {
                boolean reportedDenial = denied.remove(e.toolCallId());
                if (detail.atLeast(Detail.FULL)) {
                    line(palette.dim("[result] " + safe(e.tool()) + (e.isError() ? " (error)" : "") + " in "
                                    + e.duration().toMillis() + " ms:")
                            + "\n" + safe(redactor.redact(e.content())));
                } else if (detail.atLeast(Detail.PROGRESS) && e.isError() && !reportedDenial) {
                    line(palette.error("[tool error]") + " " + safe(e.tool()) + ": "
                            + safe(shorten(firstLine(redactor.redact(e.content())))));
                }
            }
            case Event.AttemptFailed e -> {
                if (detail.atLeast(Detail.PROGRESS)) {
                    line(palette.warning("[retry]") + " " + e.attempt().model() + " attempt "
                            + e.attempt().number()
                            + " failed: " + safe(redactor.redact(e.attempt().error()))
                            + (e.retryIn().isZero()
                                    ? "; trying the next model"
                                    : "; retrying in " + e.retryIn().toMillis() + " ms"));
                }
            }
            default -> {}
        }
    }

    /** Whether any of the model's text was written to standard output. */
    synchronized boolean wroteText() {
        return wroteText;
    }

    private void text(String delta) {
        if (delta.isEmpty()) return;
        spinner.stop();
        out.print(outText.show(delta));
        out.flush();
        wroteText = true;
        midLine = !delta.endsWith("\n");
    }

    /** {@code untrusted} as standard error shows it. */
    private String safe(String untrusted) {
        return errText.show(untrusted);
    }

    /** Ends the model's text line (if open) before writing on standard error, so the two do not interleave. */
    private void line(String line) {
        spinner.stop();
        endText();
        err.println(redactor.redact(line));
    }

    synchronized void endText() {
        if (midLine) {
            out.println();
            midLine = false;
        }
    }

    /** Redacts before it cuts: half a secret is no longer recognised as one, and would show. */
    private String shorten(String line) {
        String redacted = redactor.redact(line);
        if (detail.atLeast(Detail.FULL) || redacted.length() <= SHORT) return redacted;
        return redacted.substring(0, SHORT) + "…";
    }

    private static String firstLine(String line) {
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }
}
