package dev.marble.cli;

import java.util.Locale;

/**
 * Whether a name typed into a wizard is plain printable text. Such names become file names and
 * appear in logs and notifications; a byte order mark, a U+FFFD left by a bad decoding, a control
 * character, a bidirectional override or a zero-width space would make two names that look the
 * same differ, or make a name look like another. Letters of every script are plain; so is the space.
 */
final class PlainText {

    private PlainText() {}

    static boolean isPlain(String text) {
        return text.codePoints().allMatch(PlainText::isPlain);
    }

    /** {@code text} with every code point that is not plain shown as {@code <U+FEFF>}, so an error can quote it. */
    static String visible(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (isPlain(c)) out.appendCodePoint(c);
            else out.append(String.format(Locale.ROOT, "<U+%04X>", c));
        });
        return out.toString();
    }

    private static boolean isPlain(int c) {
        if (c == ' ') return true;
        if (c == 0xFFFD || (c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF))
            return false; // replacement, noncharacters
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
