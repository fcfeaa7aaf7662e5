package dev.marble.cli;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.WCWidth;

/**
 * Text made fit for the full-screen view: control characters made visible, lines wrapped to a pane's width in
 * terminal columns. Pure, so both can be tested without a terminal.
 */
final class TuiText {

    private static final int TAB = 4;

    private TuiText() {}

    /**
     * The text with every character that could steer the terminal made visible and inert, as the line output shows
     * it ({@link TerminalText#sanitize}), and tabs as spaces, so a pane's columns are counted right.
     */
    static String sanitize(String text) {
        return TerminalText.sanitize(text).replace("\t", " ".repeat(TAB));
    }

    /**
     * {@code text} (already sanitized) as the lines a pane {@code width} columns wide shows: its own lines, each
     * broken at the last space that fits, or inside a word longer than the width. Wide characters count two columns.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        int columns = Math.max(1, width);
        for (String line : text.split("\n", -1)) wrapLine(line, columns, lines);
        return lines;
    }

    private static void wrapLine(String line, int width, List<String> lines) {
        String rest = line;
        while (columns(rest) > width) {
            int cut = fitting(rest, width);
            int space = rest.lastIndexOf(' ', cut);
            if (space > 0) {
                lines.add(rest.substring(0, space));
                rest = rest.substring(space + 1);
            } else {
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
        }
        lines.add(rest);
    }

    /** How many chars of {@code text} fit in {@code width} columns (at least one code point, so wrapping ends). */
    private static int fitting(String text, int width) {
        int used = 0;
        int index = 0;
        while (index < text.length()) {
            int c = text.codePointAt(index);
            int w = Math.max(0, WCWidth.wcwidth(c));
            if (used + w > width) break;
            used += w;
            index += Character.charCount(c);
        }
        return index == 0 ? Character.charCount(text.codePointAt(0)) : index;
    }

    /** The columns {@code text} takes on a terminal. */
    static int columns(String text) {
        return text.codePoints().map(c -> Math.max(0, WCWidth.wcwidth(c))).sum();
    }

    /** {@code text} cut to {@code width} columns, with an ellipsis when it was longer. */
    static String fit(String text, int width) {
        if (columns(text) <= width) return text;
        if (width <= 1) return text.substring(0, fitting(text, Math.max(0, width)));
        return text.substring(0, fitting(text, width - 1)) + "…";
    }

    /** {@code text} cut to its last {@code width} columns, with an ellipsis first when it was longer. */
    static String fitEnd(String text, int width) {
        if (columns(text) <= width) return text;
        int start = text.length();
        int used = 1; // the ellipsis
        while (start > 0) {
            int c = text.codePointBefore(start);
            int w = Math.max(0, WCWidth.wcwidth(c));
            if (used + w > width) break;
            used += w;
            start -= Character.charCount(c);
        }
        return "…" + text.substring(start);
    }
}
