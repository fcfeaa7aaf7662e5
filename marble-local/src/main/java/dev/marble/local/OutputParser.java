package dev.marble.local;

import dev.marble.json.Json;
import dev.marble.model.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads generated text back into parts: prose as text, each {@code <tool_call>} block as a tool call.
 * The grammar makes the blocks well formed; this reads them exactly (a JSON string may itself contain
 * {@code </tool_call>}, so the JSON's end is found by scanning it, not by searching for the tag).
 */
final class OutputParser {

    private OutputParser() {}

    /** The parts, or null when the text holds a tool-call block that is not complete (generation was cut off). */
    static List<Part> parse(String text, boolean toolsOffered) {
        int open = toolsOffered ? text.indexOf(OutputGrammar.OPEN) : -1;
        if (open < 0) return text.isEmpty() ? List.of() : List.of(new Part.Text(text));
        List<Part> parts = new ArrayList<>();
        String prose = text.substring(0, open).strip();
        if (!prose.isEmpty()) parts.add(new Part.Text(prose));
        int at = open;
        while (true) {
            at = skipSpace(text, at);
            if (at >= text.length()) return parts;
            if (!text.startsWith(OutputGrammar.OPEN, at)) return null;
            int start = skipSpace(text, at + OutputGrammar.OPEN.length());
            int end = jsonEnd(text, start);
            if (end < 0) return null;
            JsonNode call;
            try {
                call = Json.parse(text.substring(start, end));
            } catch (RuntimeException e) {
                return null;
            }
            int close = skipSpace(text, end);
            if (!text.startsWith(OutputGrammar.CLOSE, close)
                    || !call.path("name").isString()) return null;
            parts.add(new Part.ToolCall(
                    "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                    call.get("name").asString(),
                    call.path("arguments").isObject() ? call.get("arguments") : null));
            at = close + OutputGrammar.CLOSE.length();
        }
    }

    private static int skipSpace(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
        return at;
    }

    /** The index just past the JSON object starting at {@code start}, or -1 when it does not end. */
    static int jsonEnd(String text, int start) {
        if (start >= text.length() || text.charAt(start) != '{') return -1;
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) return i + 1;
            }
        }
        return -1;
    }
}
