package dev.marble.local;

import dev.marble.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes JSON schemas as GBNF rules, so llama.cpp can only sample JSON that fits. This is done in Java,
 * not by llama.cpp's own converter, because that one throws a C++ exception on a schema it does not
 * understand (a regex it cannot translate, a remote {@code $ref}), which aborts the whole JVM. Keywords
 * outside the subset here ({@code pattern}, {@code format}, numeric bounds, {@code allOf}) widen rather than
 * fail: the rule accepts what the type allows, and Marble's argument check still runs before any tool.
 */
final class SchemaGrammar {

    /** The primitives every grammar shares, as llama.cpp's converter writes them. */
    private static final String PRIMITIVES = """
            space ::= | " " | "\\n"{1,2} [ \\t]{0,20}
            boolean ::= ("true" | "false") space
            null ::= "null" space
            integral-part ::= [0] | [1-9] [0-9]{0,15}
            decimal-part ::= [0-9]{1,16}
            integer ::= "-"? integral-part space
            number ::= "-"? integral-part ("." decimal-part)? ([eE] [-+]? integral-part)? space
            char ::= [^"\\\\\\x7F\\x00-\\x1F] | [\\\\] (["\\\\/bfnrt] | "u" [0-9a-fA-F]{4})
            string ::= "\\"" char* "\\"" space
            value ::= object | array | string | number | boolean | null
            object ::= "{" space ( string ":" space value ("," space string ":" space value)* )? "}" space
            array ::= "[" space ( value ("," space value)* )? "]" space
            """;

    private final Map<String, String> rules = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>(Set.of(
            "space",
            "boolean",
            "null",
            "integral-part",
            "decimal-part",
            "integer",
            "number",
            "char",
            "string",
            "value",
            "object",
            "array",
            "root"));
    private final Map<String, String> refRules = new LinkedHashMap<>();
    private JsonNode document;

    /** Adds the rules for {@code schema} and returns the name of the rule that matches it. */
    String add(String name, JsonNode schema) {
        JsonNode previous = document;
        document = schema;
        try {
            return visit(schema, name);
        } finally {
            document = previous;
        }
    }

    /** Adds a rule with a fixed body (the caller's own structure around the schema rules). */
    void rule(String name, String body) {
        rules.put(name, body);
        names.add(name);
    }

    String grammar() {
        StringBuilder out = new StringBuilder(PRIMITIVES);
        rules.forEach(
                (name, body) -> out.append(name).append(" ::= ").append(body).append('\n'));
        return out.toString();
    }

    /** A GBNF string literal for {@code text}. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02X", c));
                    else out.appendCodePoint(c);
                }
            }
        });
        return out.append('"').toString();
    }

    /** The GBNF for a JSON value written exactly as {@code node} (const and enum). */
    private static String jsonLiteral(JsonNode node) {
        return literal(Json.write(node)) + " space";
    }

    private String visit(JsonNode schema, String name) {
        if (schema == null || schema.isMissingNode() || schema.isBoolean() && schema.asBoolean()) return "value";
        if (!schema.isObject()) return "value";
        if (schema.has("$ref")) return ref(schema.get("$ref").asString(), name);
        if (schema.has("const")) return define(name, jsonLiteral(schema.get("const")));
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            List<String> options = new ArrayList<>();
            schema.get("enum").forEach(option -> options.add(jsonLiteral(option)));
            return define(name, String.join(" | ", options));
        }
        for (String key : List.of("anyOf", "oneOf")) {
            if (schema.path(key).isArray() && !schema.path(key).isEmpty()) {
                List<String> options = new ArrayList<>();
                int i = 0;
                for (JsonNode option : schema.get(key)) options.add(visit(option, name + "-" + i++));
                return define(name, String.join(" | ", options));
            }
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            List<String> options = new ArrayList<>();
            for (JsonNode single : type) {
                var copy = ((ObjectNode) schema).deepCopy();
                copy.set("type", single);
                options.add(visit(copy, name + "-" + single.asString()));
            }
            return options.isEmpty() ? "value" : define(name, String.join(" | ", options));
        }
        String kind = type == null
                ? (schema.has("properties") ? "object" : schema.has("items") ? "array" : "")
                : type.asString();
        return switch (kind) {
            case "object" -> object(schema, name);
            case "array" -> array(schema, name);
            case "string" -> string(schema, name);
            case "integer", "number", "boolean", "null" -> kind;
            default -> "value";
        };
    }

    private String object(JsonNode schema, String name) {
        JsonNode properties = schema.path("properties");
        if (!properties.isObject() || properties.isEmpty()) return "object";
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        List<String> mandatory = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        for (String property : properties.propertyNames()) {
            String valueRule = visit(properties.get(property), name + "-" + property);
            String pair = literal("\"" + escapeJson(property) + "\"") + " space \":\" space " + valueRule;
            (required.contains(property) ? mandatory : optional).add(define(name + "-" + property + "-kv", pair));
        }
        StringBuilder body = new StringBuilder("\"{\" space ");
        body.append(String.join(" \",\" space ", mandatory));
        if (!optional.isEmpty()) {
            String rest = optionalChain(name, optional);
            body.append(mandatory.isEmpty() ? " (" + rest + ")?" : " (\",\" space " + rest + ")?");
        }
        body.append(" \"}\" space");
        return define(name, body.toString());
    }

    /** Optional properties in schema order, each at most once, with commas only between them. */
    private String optionalChain(String name, List<String> optional) {
        String next = null;
        for (int i = optional.size() - 1; i >= 0; i--) {
            String body = next == null ? optional.get(i) : optional.get(i) + " (\",\" space " + next + ")? | " + next;
            next = define(name + "-rest-" + i, body);
        }
        return next;
    }

    private String array(JsonNode schema, String name) {
        String item = visit(schema.get("items"), name + "-item");
        long min = schema.path("minItems").asLong(0);
        long max = schema.has("maxItems") ? schema.get("maxItems").asLong() : -1;
        String more = max < 0
                ? "(\",\" space " + item + ")*"
                : "(\",\" space " + item + "){" + Math.max(0, min - 1) + "," + Math.max(0, max - 1) + "}";
        if (max == 0) return define(name, "\"[\" space \"]\" space");
        String items = item + " " + more;
        return define(name, "\"[\" space " + (min > 0 ? items : "(" + items + ")?") + " \"]\" space");
    }

    private String string(JsonNode schema, String name) {
        if (!schema.has("minLength") && !schema.has("maxLength")) return "string";
        long min = schema.path("minLength").asLong(0);
        String max =
                schema.has("maxLength") ? String.valueOf(schema.get("maxLength").asLong()) : "";
        return define(name, "\"\\\"\" char{" + min + "," + max + "} \"\\\"\" space");
    }

    /** Local references only ({@code #/$defs/X}, {@code #/definitions/X}); anything else is any value. */
    private String ref(String ref, String name) {
        if (!ref.startsWith("#/")) return "value";
        String existing = refRules.get(ref);
        if (existing != null) return existing;
        JsonNode target = document.at(ref.substring(1));
        if (target.isMissingNode()) return "value";
        String ruleName = unique(sanitize("ref-" + ref.substring(ref.lastIndexOf('/') + 1)));
        refRules.put(ref, ruleName);
        names.add(ruleName);
        String inner = visit(target, ruleName + "-body");
        rules.put(ruleName, inner);
        return ruleName;
    }

    private String define(String name, String body) {
        String rule = unique(sanitize(name));
        rules.put(rule, body);
        return rule;
    }

    private String unique(String base) {
        String candidate = base;
        for (int i = 1; names.contains(candidate); i++) candidate = base + "-" + i;
        names.add(candidate);
        return candidate;
    }

    private static String sanitize(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9-]+", "-").replaceAll("-{2,}", "-");
        return clean.isEmpty() ? "r" : clean;
    }

    private static String escapeJson(String text) {
        String written = Json.write(JsonNodeFactory.instance.stringNode(text));
        return written.substring(1, written.length() - 1);
    }
}
