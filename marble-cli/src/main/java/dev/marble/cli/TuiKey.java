package dev.marble.cli;

/**
 * A key pressed in the full-screen view, decoded from the bytes the terminal sent.
 *
 * @param text the character typed, for {@link Kind#CHAR}; empty otherwise
 */
record TuiKey(Kind kind, String text) {

    enum Kind {
        CHAR,
        ENTER,
        BACKSPACE,
        ESCAPE,
        UP,
        DOWN,
        PAGE_UP,
        PAGE_DOWN,
        /** A sequence the view has no use for (a function key, say): ignored, never typed as text. */
        OTHER
    }

    static TuiKey typed(String text) {
        return new TuiKey(Kind.CHAR, text);
    }

    static TuiKey of(Kind kind) {
        return new TuiKey(kind, "");
    }

    /** Keys that move a pane rather than answer a question. */
    boolean scrolls() {
        return kind == Kind.UP || kind == Kind.DOWN || kind == Kind.PAGE_UP || kind == Kind.PAGE_DOWN;
    }
}
