package dev.marble.cli;

/**
 * Text Marble did not write (the model's answers and streamed text, tool arguments and results, provider error
 * messages, file contents in a diff) on its way to one output stream. At a terminal every character that could steer
 * the terminal is made visible and inert, so a model cannot clear the screen, move the cursor over an approval
 * question, set the window title or write the clipboard; elsewhere (a pipe, a file) the text passes byte for byte,
 * since whoever reads it asked for exactly what the model wrote. Marble's own colours are added after this, to text
 * already made safe.
 */
enum TerminalText {
    /** The stream is a terminal: controls are shown, not obeyed. */
    SANITIZED,
    /** The stream is a pipe or a file: the text as it came. */
    VERBATIM;

    /** The treatment for a stream that is ({@code terminal}) or is not a terminal. */
    static TerminalText of(boolean terminal) {
        return terminal ? SANITIZED : VERBATIM;
    }

    /** The treatment for the command's standard output. */
    static TerminalText out(CliContext context) {
        return of(context.stdoutIsTerminal());
    }

    /** The treatment for the command's standard error (progress, approval questions, errors). */
    static TerminalText err(CliContext context) {
        return of(context.stderrIsTerminal());
    }

    /** {@code text} as this stream shows it; null as the empty string. */
    String show(String text) {
        if (text == null) return "";
        return this == SANITIZED ? sanitize(text) : text;
    }

    /**
     * The text with every character that could steer a terminal made visible: C0 controls and DEL (ESC starts colour
     * changes, cursor moves, title and clipboard writes, hyperlinks; CR and backspace overwrite what a line showed)
     * become caret notation such as {@code ^[}, {@code ^M}, {@code ^H}; C1 controls (a one-character CSI or OSC on
     * some terminals) become {@code ^?}; the invisible Unicode characters that reorder or hide text (bidi overrides
     * and isolates, zero-width marks, lone surrogates) become {@code ?}, since they can make a question read
     * differently from what runs. Line breaks and tabs stay. Each character is judged alone, so a sequence split
     * across two streamed pieces is caught in both.
     */
    static String sanitize(String text) {
        if (text == null) return "";
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            String shown = shown(c);
            if (shown != null && out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
            if (out != null) {
                if (shown != null) out.append(shown);
                else out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out == null ? text : out.toString();
    }

    /** What replaces {@code c}; null when it is shown as itself. */
    private static String shown(int c) {
        if (c == '\n' || c == '\t') return null;
        if (c < 0x20 || c == 0x7f) return "^" + (char) (c ^ 0x40);
        if (c >= 0x80 && c < 0xa0) return "^?";
        if (isInvisibleControl(c)) return "?";
        return null;
    }

    /** Unicode's format characters (bidi overrides and isolates, zero-width joiners and spaces, BOM), and surrogates. */
    private static boolean isInvisibleControl(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE;
    }
}
