package dev.marble.chain.state;

import java.util.Locale;
import java.util.Optional;

/**
 * What the engine reads from the handoff, which otherwise belongs to the agents. Pure functions over
 * its text, so {@code status}, the shutdown check and skip-unless-assigned read it the same way.
 */
public final class Handoff {

    /** The headings {@code status} shows, llmauto's German ones first, then the English ones of Marble's reset. */
    public static final String[] ROLE = {"## Rolle:", "## Role:"};

    public static final String[] TASK = {"## Task:", "## Aufgabe:"};
    public static final String[] STATUS = {"## Status:", "## Urteil:", "## Verdict:"};

    private static final String[] ASSIGNMENT = {"ASSIGNED:", "ZUGEWIESEN:"};

    private Handoff() {}

    /**
     * The value of the last line that starts with one of {@code headings} (as llmauto's {@code status}:
     * the line as written, no leading space allowed), the text after the heading's colon, trimmed.
     */
    public static Optional<String> last(String text, String... headings) {
        String found = null;
        for (String line : text.split("\n", -1)) {
            for (String heading : headings) {
                if (line.startsWith(heading)) {
                    int colon = line.indexOf(':');
                    found = (colon < 0 ? line.substring(heading.length()) : line.substring(colon + 1)).strip();
                    break;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Whom the controller assigned the next task: the value of the last {@code ASSIGNED:} (older
     * prompts: {@code ZUGEWIESEN:}) line, e.g. {@code opus}. Agents decorate it as Markdown, so
     * {@code ## ASSIGNED: opus}, {@code - **ASSIGNED:** opus} and {@code assigned: opus} all count;
     * the value is returned as written, minus the decoration.
     */
    public static Optional<String> assigned(String text) {
        String found = null;
        for (String line : text.split("\n", -1)) {
            String bare = stripDecoration(line);
            for (String marker : ASSIGNMENT) {
                if (bare.regionMatches(true, 0, marker, 0, marker.length())) {
                    String value = stripDecoration(bare.substring(marker.length()));
                    found = trimEnd(value);
                    break;
                }
            }
        }
        return Optional.ofNullable(found).filter(v -> !v.isEmpty());
    }

    /**
     * llmauto's BLOCKED count (SEEDS-SPEC 1.8, item 6): walking the handoff's lines from the end,
     * blank lines are passed over, each line containing {@code BLOCKED} in any case counts, and the
     * first other line ends the walk.
     */
    public static int trailingBlocked(String text) {
        if (text.isEmpty()) return 0;
        String[] lines = text.strip().split("\n", -1);
        int count = 0;
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i];
            if (line.toUpperCase(Locale.ROOT).contains("BLOCKED")) {
                count++;
            } else if (!line.isBlank()) {
                break;
            }
        }
        return count;
    }

    private static String stripDecoration(String line) {
        int start = 0;
        while (start < line.length()
                && (Character.isWhitespace(line.charAt(start)) || "#*->_`".indexOf(line.charAt(start)) >= 0)) {
            start++;
        }
        return line.substring(start);
    }

    private static String trimEnd(String value) {
        int end = value.length();
        while (end > 0 && (Character.isWhitespace(value.charAt(end - 1)) || "*_`".indexOf(value.charAt(end - 1)) >= 0))
            end--;
        return value.substring(0, end);
    }
}
