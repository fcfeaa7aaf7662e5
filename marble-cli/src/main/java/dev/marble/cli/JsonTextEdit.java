package dev.marble.cli;

import dev.marble.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Changes one value of a JSON document as text, so that everything else in the file stays as its author wrote it:
 * the order of keys, indentation, line breaks, {@code _comment} keys. A new key goes after the last one of its
 * object, written in the same style (on a line of its own when its neighbours are); a removed key takes its comma
 * with it. Only well-formed JSON is edited; what is written is checked again by parsing it.
 */
final class JsonTextEdit {

    private JsonTextEdit() {}

    /** {@code text} with the value at {@code path} set to {@code valueJson}, creating the objects on the way. */
    static String set(String text, List<String> path, String valueJson) {
        String source = text.isBlank() ? "{}\n" : text;
        Value.Obj object = root(source);
        for (int i = 0; i < path.size(); i++) {
            Member member = object.find(path.get(i));
            List<String> rest = path.subList(i + 1, path.size());
            if (member == null) return insert(source, object, path.get(i), nested(rest, valueJson), i == 0);
            if (rest.isEmpty())
                return replace(source, member.value().start(), member.value().end(), valueJson);
            if (!(member.value() instanceof Value.Obj inner)) {
                return replace(source, member.value().start(), member.value().end(), nested(rest, valueJson));
            }
            object = inner;
        }
        throw new IllegalArgumentException("an empty key");
    }

    /** {@code text} without the key at {@code path} (and without objects that this leaves empty); empty when absent. */
    static Optional<String> unset(String text, List<String> path) {
        if (text.isBlank()) return Optional.empty();
        Value.Obj object = root(text);
        for (int i = 0; i < path.size() - 1; i++) {
            Member member = object.find(path.get(i));
            if (member == null || !(member.value() instanceof Value.Obj inner)) return Optional.empty();
            object = inner;
        }
        int index = object.indexOf(path.getLast());
        if (index < 0) return Optional.empty();
        String edited = remove(text, object, index);
        if (path.size() > 1 && object.members().size() == 1) {
            // The object held only this key: an empty "retry": {} says nothing, so it goes too.
            return Optional.of(unset(edited, path.subList(0, path.size() - 1)).orElse(edited));
        }
        return Optional.of(edited);
    }

    private static String remove(String text, Value.Obj object, int index) {
        List<Member> members = object.members();
        Member member = members.get(index);
        if (members.size() == 1) return replace(text, object.start() + 1, object.end() - 1, "");
        if (index + 1 < members.size())
            return replace(text, member.keyStart(), members.get(index + 1).keyStart(), "");
        return replace(
                text, members.get(index - 1).value().end(), member.value().end(), "");
    }

    private static String insert(String text, Value.Obj object, String key, String valueJson, boolean topLevel) {
        String member = quote(key) + ": " + valueJson;
        List<Member> members = object.members();
        if (members.isEmpty()) {
            String inside = topLevel ? "\n  " + member + "\n" : member;
            return replace(text, object.start() + 1, object.end() - 1, inside);
        }
        Member last = members.getLast();
        // The same separator as between the last two keys, or before the only one: a line break and indent, or a space.
        String gap = members.size() > 1
                ? text.substring(members.get(members.size() - 2).value().end(), last.keyStart())
                        .replaceFirst("^\\s*,", "")
                : text.substring(object.start() + 1, last.keyStart());
        if (gap.isEmpty()) gap = " ";
        return replace(text, last.value().end(), last.value().end(), "," + gap + member);
    }

    private static String nested(List<String> path, String valueJson) {
        if (path.isEmpty()) return valueJson;
        return "{" + quote(path.getFirst()) + ": " + nested(path.subList(1, path.size()), valueJson) + "}";
    }

    private static String quote(String key) {
        return Json.write(JsonNodeFactory.instance.stringNode(key));
    }

    private static String replace(String text, int start, int end, String with) {
        return text.substring(0, start) + with + text.substring(end);
    }

    private static Value.Obj root(String text) {
        Scanner scanner = new Scanner(text);
        scanner.skipSpace();
        Value value = scanner.value();
        scanner.skipSpace();
        if (scanner.at < text.length()) throw scanner.malformed("text after the document");
        if (!(value instanceof Value.Obj object))
            throw new IllegalArgumentException("the file does not hold a JSON object");
        return object;
    }

    /** A value's place in the text: {@code start} inclusive, {@code end} exclusive. */
    sealed interface Value {
        int start();

        int end();

        record Obj(int start, int end, List<Member> members) implements Value {
            Member find(String key) {
                int index = indexOf(key);
                return index < 0 ? null : members.get(index);
            }

            /** The last occurrence, as a JSON reader takes the last of duplicate keys. */
            int indexOf(String key) {
                for (int i = members.size() - 1; i >= 0; i--)
                    if (members.get(i).key().equals(key)) return i;
                return -1;
            }
        }

        record Other(int start, int end) implements Value {}
    }

    record Member(String key, int keyStart, Value value) {}

    /** Just enough of a JSON reader to know where each value starts and ends. */
    private static final class Scanner {
        private final String text;
        private int at;

        Scanner(String text) {
            this.text = text;
        }

        Value value() {
            if (at >= text.length()) throw malformed("a value");
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> {
                    int start = at;
                    string();
                    yield new Value.Other(start, at);
                }
                default -> literal();
            };
        }

        private Value.Obj object() {
            int start = at++;
            List<Member> members = new ArrayList<>();
            skipSpace();
            if (peek() == '}') return new Value.Obj(start, ++at, members);
            while (true) {
                skipSpace();
                int keyStart = at;
                if (peek() != '"') throw malformed("a key in quotes");
                string();
                String key = Json.parse(text.substring(keyStart, at)).asString();
                skipSpace();
                if (peek() != ':') throw malformed("':'");
                at++;
                skipSpace();
                members.add(new Member(key, keyStart, value()));
                skipSpace();
                char next = peek();
                at++;
                if (next == '}') return new Value.Obj(start, at, members);
                if (next != ',') throw malformed("',' or '}'");
            }
        }

        private Value array() {
            int start = at++;
            skipSpace();
            if (peek() == ']') return new Value.Other(start, ++at);
            while (true) {
                skipSpace();
                value();
                skipSpace();
                char next = peek();
                at++;
                if (next == ']') return new Value.Other(start, at);
                if (next != ',') throw malformed("',' or ']'");
            }
        }

        private void string() {
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '\\') at++;
                else if (c == '"') return;
            }
            throw malformed("the end of a string");
        }

        private Value literal() {
            int start = at;
            while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) at++;
            if (at == start) throw malformed("a value");
            return new Value.Other(start, at);
        }

        void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        IllegalArgumentException malformed(String expected) {
            return new IllegalArgumentException("not well-formed JSON: expected " + expected + " at character " + at);
        }
    }
}
