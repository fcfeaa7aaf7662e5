package dev.marble.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Questions to the person at the terminal: a prompt on standard error, one line read from standard
 * input. Line-based on purpose: it works over ssh, in tmux and when answers are piped in.
 */
final class TerminalPrompts {

    /** Shows a prompt and reads one line; null at the end of input. */
    @FunctionalInterface
    interface LineSource {
        String readLine(String prompt) throws IOException;
    }

    private final LineSource lines;
    private final PrintStream err;
    private final TerminalText shown;

    TerminalPrompts(CliContext context) {
        BufferedReader in = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
        this.err = context.err();
        this.shown = TerminalText.err(context);
        this.lines = prompt -> {
            err.print(prompt);
            err.flush();
            return in.readLine();
        };
    }

    /** Questions asked through another reader of the terminal (the chat's line editor), so the two do not compete. */
    TerminalPrompts(LineSource lines, PrintStream err, TerminalText shown) {
        this.lines = lines;
        this.err = err;
        this.shown = shown;
    }

    /** Questions asked through another reader that a person sees: untrusted text in them is made inert. */
    TerminalPrompts(LineSource lines, PrintStream err) {
        this(lines, err, TerminalText.SANITIZED);
    }

    /**
     * {@code untrusted} (a tool call's arguments, a path, a diff line) as the questions show it; a caller puts it
     * through this before adding its own colours, since the prompt as a whole is printed as given.
     */
    String shown(String untrusted) {
        return shown.show(untrusted);
    }

    /** The answer, stripped; empty at the end of input (then callers take the safe choice). */
    Optional<String> ask(String prompt) {
        return askLine(prompt).map(String::strip);
    }

    /**
     * The line as typed, spaces kept (a line of a multi-line prompt keeps its indentation); empty at the end
     * of input.
     */
    synchronized Optional<String> askLine(String prompt) {
        try {
            return Optional.ofNullable(lines.readLine(prompt));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A yes/no question; Enter takes {@code byDefault}; the end of input takes the safe no. */
    boolean confirm(String question, boolean byDefault) {
        String choices = byDefault ? " [Y/n] " : " [y/N] ";
        while (true) {
            Optional<String> answer = ask(question + choices);
            if (answer.isEmpty()) return false;
            switch (answer.get().toLowerCase(Locale.ROOT)) {
                case "" -> {
                    return byDefault;
                }
                case "y", "yes" -> {
                    return true;
                }
                case "n", "no" -> {
                    return false;
                }
                default -> err.println("Please answer y or n.");
            }
        }
    }
}
