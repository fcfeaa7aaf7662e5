package dev.marble.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonPointer;

/**
 * Notes where each key and value of a TOML text stands. Jackson's TOML module builds its tree
 * without token locations, so this scanner walks the same text again. It runs only on text Jackson
 * has already accepted, and it is best effort: whatever it cannot place is reported at the file
 * alone, never as a wrong line.
 */
final class TomlPositions {

    private final String text;
    private int index;
    private int line = 1;
    private int column = 1;
    final Map<JsonPointer, LocatedDocument.Position> keys = new HashMap<>();
    final Map<JsonPointer, LocatedDocument.Position> values = new HashMap<>();
    private final Map<JsonPointer, Integer> arrayTableCounts = new HashMap<>();

    private TomlPositions(String text) {
        this.text = text;
    }

    static TomlPositions scan(String text) {
        TomlPositions positions = new TomlPositions(text);
        try {
            positions.document();
        } catch (RuntimeException partial) {
            // Positions are a courtesy: the values came from Jackson, which already accepted the text.
        }
        return positions;
    }

    private void document() {
        JsonPointer table = JsonPointer.empty();
        while (true) {
            skipBlankLinesAndComments();
            if (atEnd()) return;
            int before = index;
            if (peek(0) == '[') {
                table = header();
            } else {
                keyValue(table);
            }
            skipToLineEnd();
            if (index == before) advance();
        }
    }

    private JsonPointer header() {
        LocatedDocument.Position at = position();
        boolean arrayTable = peek(1) == '[';
        advance();
        if (arrayTable) advance();
        JsonPointer pointer = JsonPointer.empty();
        for (String part : keyPath()) {
            pointer = pointer.appendProperty(part);
            keys.putIfAbsent(pointer, at);
        }
        if (arrayTable) {
            int i = arrayTableCounts.merge(pointer, 1, Integer::sum) - 1;
            values.putIfAbsent(pointer, at);
            pointer = pointer.appendIndex(i);
            keys.putIfAbsent(pointer, at);
        }
        values.putIfAbsent(pointer, at);
        return pointer;
    }

    private void keyValue(JsonPointer base) {
        LocatedDocument.Position at = position();
        JsonPointer pointer = base;
        for (String part : keyPath()) {
            pointer = pointer.appendProperty(part);
            keys.putIfAbsent(pointer, at);
        }
        skipSpaces();
        if (peek(0) != '=') return;
        advance();
        skipSpaces();
        value(pointer);
    }

    private void value(JsonPointer pointer) {
        values.putIfAbsent(pointer, position());
        char c = peek(0);
        if (c == '"' || c == '\'') {
            string();
        } else if (c == '[') {
            advance();
            int i = 0;
            while (!atEnd()) {
                skipBlankLinesAndComments();
                if (peek(0) == ']') {
                    advance();
                    return;
                }
                int before = index;
                value(pointer.appendIndex(i++));
                skipBlankLinesAndComments();
                if (peek(0) == ',') advance();
                if (index == before) advance();
            }
        } else if (c == '{') {
            advance();
            while (!atEnd()) {
                skipSpaces();
                if (peek(0) == '}') {
                    advance();
                    return;
                }
                int before = index;
                keyValue(pointer);
                skipSpaces();
                if (peek(0) == ',') advance();
                if (index == before) advance();
            }
        } else {
            while (!atEnd() && ",]}#\n\r".indexOf(peek(0)) < 0) advance();
        }
    }

    private List<String> keyPath() {
        ArrayList<String> parts = new ArrayList<>();
        while (!atEnd()) {
            skipSpaces();
            char c = peek(0);
            if (c == '"' || c == '\'') {
                parts.add(quotedKey(c));
            } else {
                StringBuilder bare = new StringBuilder();
                while (!atEnd() && (Character.isLetterOrDigit(peek(0)) || peek(0) == '_' || peek(0) == '-')) {
                    bare.append(peek(0));
                    advance();
                }
                if (bare.isEmpty()) break;
                parts.add(bare.toString());
            }
            skipSpaces();
            if (peek(0) != '.') break;
            advance();
        }
        while (!atEnd() && peek(0) == ']') advance();
        return parts;
    }

    /** A quoted key; escapes are resolved only as far as keys in program files use them. */
    private String quotedKey(char quote) {
        advance();
        StringBuilder key = new StringBuilder();
        while (!atEnd() && peek(0) != quote && peek(0) != '\n') {
            if (quote == '"' && peek(0) == '\\' && index + 1 < text.length()) advance();
            key.append(peek(0));
            advance();
        }
        advance();
        return key.toString();
    }

    private void string() {
        char quote = peek(0);
        String triple = String.valueOf(quote).repeat(3);
        if (text.startsWith(triple, index)) {
            advanceBy(3);
            while (!atEnd() && !text.startsWith(triple, index)) {
                if (quote == '"' && peek(0) == '\\') advance();
                advance();
            }
            advanceBy(3);
            // Up to two more quotes may close a multi-line string ("""a""""").
            while (!atEnd() && peek(0) == quote) advance();
            return;
        }
        advance();
        while (!atEnd() && peek(0) != quote && peek(0) != '\n') {
            if (quote == '"' && peek(0) == '\\') advance();
            advance();
        }
        advance();
    }

    private void skipBlankLinesAndComments() {
        while (!atEnd()) {
            char c = peek(0);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                advance();
            } else if (c == '#') {
                while (!atEnd() && peek(0) != '\n') advance();
            } else {
                return;
            }
        }
    }

    private void skipSpaces() {
        while (!atEnd() && (peek(0) == ' ' || peek(0) == '\t')) advance();
    }

    private void skipToLineEnd() {
        while (!atEnd() && peek(0) != '\n') advance();
    }

    private LocatedDocument.Position position() {
        return new LocatedDocument.Position(line, column);
    }

    private boolean atEnd() {
        return index >= text.length();
    }

    private char peek(int ahead) {
        int at = index + ahead;
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void advanceBy(int n) {
        for (int i = 0; i < n; i++) advance();
    }

    private void advance() {
        if (atEnd()) return;
        if (text.charAt(index) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        index++;
    }
}
