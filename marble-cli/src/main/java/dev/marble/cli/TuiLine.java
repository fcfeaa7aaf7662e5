package dev.marble.cli;

/**
 * One row of the full-screen view: its text, already sanitized and cut to the screen's width, and what it is, which
 * the screen turns into a colour. Keeping the style a kind rather than escape codes lets the layout stay pure.
 */
record TuiLine(String text, Style style) {

    enum Style {
        /** A pane's title bar. */
        HEADER,
        /** The model's answer. */
        ANSWER,
        /** A tool call, as the model asked for it. */
        CALL,
        /** What a tool returned. */
        RESULT,
        /** A tool error or a denial. */
        ERROR,
        /** The status line: model, turn, tokens, cost. */
        STATUS,
        /** The bottom line: a question to answer, or the keys that work. */
        PROMPT
    }
}
