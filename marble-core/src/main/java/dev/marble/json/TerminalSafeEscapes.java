package dev.marble.json;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * JSON's own escapes, plus {@code \}{@code uXXXX} for the characters JSON lets through raw that can steer a terminal
 * or hide text from the person reading it: C1 controls (U+0080–U+009F, which some terminals take as CSI or OSC),
 * Unicode format characters (bidi overrides and isolates, zero-width spaces and joiners, the BOM) and the line and
 * paragraph separators. {@code marble … --json} printed to a terminal then shows them as escapes, and a program that
 * parses it gets the same text back: the escape decodes to the character.
 */
final class TerminalSafeEscapes extends CharacterEscapes {

    private static final int[] ASCII = standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return steersOrHides(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }

    static boolean steersOrHides(int ch) {
        if (ch >= 0x80 && ch <= 0x9f) return true;
        int type = Character.getType(ch);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
