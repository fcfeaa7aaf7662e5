package dev.marble.cli;

import dev.marble.event.Event;
import dev.marble.event.EventSink;
import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;

import java.io.PrintStream;

/**
 * A run as a person follows it: the model's text on standard output (as it is written when
 * {@code streaming}, which a terminal gets; otherwise each answer once it is whole), and on
 * standard error one line per tool call, result, denial and retry. With {@code --tools-debug}
 * (llm-loop's --td) tool arguments and results are shown whole.
 */
final class ConsoleRenderer implements EventSink {

    private static final int SHORT = 160;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean toolsDebug;
    private final boolean streaming;
    private final SecretRedactor redactor;
    private boolean midLine;
    /** Calls already reported as denied: their error result says the same again. */
    private final java.util.Set<String> denied = new java.util.HashSet<>();

    ConsoleRenderer(PrintStream out, PrintStream err, boolean toolsDebug, boolean streaming, SecretRedactor redactor) {
        this.out = out;
        this.err = err;
        this.toolsDebug = toolsDebug;
        this.streaming = streaming;
        this.redactor = redactor;
    }

    @Override
    public boolean wantsTextDeltas() {
        return streaming;
    }

    @Override
    public synchronized void accept(Event event) {
        switch (event) {
            case Event.TextDelta e -> {
                if (streaming) text(e.text());
            }
            case Event.ModelCallFinished e -> {
                if (!streaming) text(redactor.redact(e.response().text()));
            }
            case Event.TurnStarted e -> {
                if (toolsDebug) line("--- turn " + e.turn() + " ---");
            }
            case Event.ToolCalled e -> line("[tool] " + e.tool() + " " + shorten(Json.write(e.arguments())));
            case Event.ApprovalDecided e -> {
                if (!e.allowed()) {
                    denied.add(e.toolCallId());
                    line("[denied] " + e.tool() + ": " + e.reason());
                }
                else if (toolsDebug) line("[approved] " + e.tool() + " (" + e.decidedBy() + ": " + e.reason() + ")");
            }
            case Event.ToolReturned e -> {
                if (toolsDebug) line("[result] " + e.tool() + (e.isError() ? " (error)" : "") + " in "
                        + e.duration().toMillis() + " ms:\n" + redactor.redact(e.content()));
                else if (e.isError() && !denied.remove(e.toolCallId())) {
                    line("[tool error] " + e.tool() + ": " + shorten(firstLine(e.content())));
                }
            }
            case Event.AttemptFailed e -> line("[retry] " + e.attempt().model() + " attempt " + e.attempt().number()
                    + " failed: " + redactor.redact(e.attempt().error())
                    + (e.retryIn().isZero() ? "; trying the next model" : "; retrying in " + e.retryIn().toMillis() + " ms"));
            default -> { }
        }
    }

    private void text(String text) {
        if (text.isEmpty()) return;
        out.print(text);
        out.flush();
        midLine = !text.endsWith("\n");
    }

    /** Ends the model's text line (if open) before writing on standard error, so the two do not interleave. */
    private void line(String text) {
        if (midLine) {
            out.println();
            midLine = false;
        }
        err.println(redactor.redact(text));
    }

    void endText() {
        if (midLine) {
            out.println();
            midLine = false;
        }
    }

    /** Redacts before it cuts: half a secret is no longer recognised as one, and would show. */
    private String shorten(String text) {
        String redacted = redactor.redact(text);
        if (toolsDebug || redacted.length() <= SHORT) return redacted;
        return redacted.substring(0, SHORT) + "…";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
