package dev.marble.cli;

import dev.marble.error.UsageException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The questions of an interactive wizard, one line each, answered at a terminal or piped in. Enter takes the
 * default shown in brackets. At a terminal an answer that cannot be used is refused with a one-line reason and the
 * question is asked again (llmauto silently took the default instead, so a typo became a wrong chain). Piped in, the
 * answers were written for some order of questions: one that does not fit means they are out of step with these
 * questions, and asking again would feed the next answer to the wrong question, so it ends the wizard with a
 * {@link UsageException} (exit 2) naming the question and the line, as the end of input does and as answers left
 * over after the last question do (see {@link #noAnswersLeft}). Nothing is written then.
 */
final class WizardInput {

    /** Why an answer cannot be used; shown to the person, who is then asked again. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Ctrl+C during the dialog. A read from standard input cannot be interrupted, so the press is noticed when the
     * line is in (the person presses Enter) or a second press quits at once; either way nothing is written.
     */
    static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted; nothing was written", null, false, false);
        }
    }

    /** Turns an answer (the default when the line was empty) into a value, or says why it cannot. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String answer) throws Invalid;
    }

    /** A century: beyond it a runtime is a typo, and 0 already means unlimited. */
    private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(876_600);

    private final TerminalPrompts prompts;
    private final PrintStream err;
    private final boolean piped;
    /** The lines read so far: the number of the line just read, when the answers are piped in. */
    private int lineNumber;

    /** @param piped the answers come from a file or a pipe, not from a person at a terminal */
    WizardInput(TerminalPrompts prompts, PrintStream err, boolean piped) {
        this.prompts = prompts;
        this.err = err;
        this.piped = piped;
    }

    /** A line of the dialog: headings, options, notes. The dialog is on standard error, as every prompt is. */
    void say(String line) {
        err.println(line);
    }

    <T> T ask(String question, String byDefault, Parser<T> parser) {
        String shown = "  " + question + (byDefault.isEmpty() ? "" : " [" + byDefault + "]") + ": ";
        while (true) {
            String answer = read(prompts.ask(shown), question);
            try {
                return parser.parse(answer.isEmpty() ? byDefault : answer);
            } catch (Invalid e) {
                if (piped) throw doesNotFit(question, answer, e.getMessage());
                err.println("    " + e.getMessage());
            }
        }
    }

    String text(String question, String byDefault) {
        return ask(question, byDefault, answer -> answer);
    }

    int wholeNumber(String question, int byDefault, int least) {
        return ask(question, Integer.toString(byDefault), answer -> wholeNumber(answer, least));
    }

    /** One of {@code options} by its key (a number or a word, any case); {@code expected} lists them for the reason. */
    <T> T choice(String question, String byDefault, Map<String, T> options, String expected) {
        return ask(question, byDefault, answer -> {
            T value = options.get(answer.toLowerCase(Locale.ROOT));
            if (value == null) throw new Invalid("expected " + expected + ", got \"" + answer + "\"");
            return value;
        });
    }

    /** y/n; llmauto's German j/ja/nein are understood too, so answer files written for it still work. */
    boolean yesNo(String question, boolean byDefault) {
        String shown = question + (byDefault ? " (Y/n)" : " (y/N)");
        return ask(shown, "", answer -> switch (answer.toLowerCase(Locale.ROOT)) {
            case "" -> byDefault;
            case "y", "yes", "j", "ja" -> true;
            case "n", "no", "nein" -> false;
            default -> throw new Invalid("expected y or n, got \"" + answer + "\"");
        });
    }

    /**
     * Text of several lines, ended by an empty line, lines kept as typed. At least one line is required: a chain
     * whose prompt file is empty would not run (llmauto wrote a reference to a file it never created).
     */
    String lines(String heading) {
        while (true) {
            err.println("  " + heading);
            err.println("  (an empty line ends it)");
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = read(prompts.askLine("  > "), heading);
                if (line.isEmpty()) break;
                lines.add(line);
            }
            if (!lines.isEmpty()) return String.join("\n", lines) + "\n";
            if (piped) throw doesNotFit(heading, "", "expected at least one line of prompt text");
            err.println("    expected at least one line of prompt text");
        }
    }

    static int wholeNumber(String answer, int least) throws Invalid {
        int value;
        try {
            value = Integer.parseInt(answer);
        } catch (NumberFormatException e) {
            throw new Invalid("expected a whole number, got \"" + answer + "\"");
        }
        if (value < least) throw new Invalid("expected a whole number of at least " + least + ", got " + value);
        return value;
    }

    /** A number of hours, 0 or more, whole or not (llmauto took whole numbers only). */
    static BigDecimal hours(String answer) throws Invalid {
        String expected = "expected a number of hours, 0 or more (such as 3 or 1.5), got \"" + answer + "\"";
        BigDecimal value;
        try {
            value = new BigDecimal(answer);
        } catch (NumberFormatException e) {
            throw new Invalid(expected);
        }
        if (value.signum() < 0) throw new Invalid(expected);
        if (value.compareTo(MAX_HOURS) > 0)
            throw new Invalid("expected at most " + MAX_HOURS + " hours (0 = unlimited), got " + answer);
        return value.stripTrailingZeros();
    }

    /**
     * After the last question: piped answers that go on (lines that are not blank) were written for other questions,
     * so the ones taken may have gone to the wrong questions. Nothing to check at a terminal.
     */
    void noAnswersLeft(String lastQuestion) {
        if (!piped) return;
        for (Optional<String> line = prompts.askLine(""); line.isPresent(); line = prompts.askLine("")) {
            lineNumber++;
            if (!line.get().isBlank()) {
                err.println(); // piped answers are not echoed: the last prompt's line is still open
                throw new UsageException("chain create: the answers go on after the last question (\"" + lastQuestion
                        + "\"): line " + lineNumber + ", \""
                        + PlainText.visible(line.get().strip())
                        + "\", answers none of them, so the answers do not fit the questions; nothing was written");
            }
        }
    }

    private UsageException doesNotFit(String question, String answer, String reason) {
        err.println(); // piped answers are not echoed: the prompt's line is still open
        return new UsageException("chain create: line " + lineNumber + " of the answers, \""
                + PlainText.visible(answer) + "\", does not answer \"" + question + "\": " + reason
                + "; nothing was written");
    }

    private String read(Optional<String> line, String question) {
        if (Thread.interrupted()) throw new Interrupted();
        if (line.isPresent()) lineNumber++;
        return line.orElseThrow(() -> new UsageException(
                "chain create: the input ended before \"" + question + "\" was answered; " + "nothing was written"));
    }
}
