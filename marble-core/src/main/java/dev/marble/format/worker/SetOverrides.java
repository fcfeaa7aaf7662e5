package dev.marble.format.worker;

import dev.marble.error.UsageException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * llm-do's {@code --set KEY=VALUE}: a dot path into the entry worker's front matter and a value whose
 * type is guessed the way llm-do guesses it (JSON, then yes/no/on/off/true/false, then a number,
 * else the text), applied in order so that the last one wins. Applied to the front matter before it
 * is checked, so an override is checked exactly like the file.
 */
public record SetOverrides(List<Override> overrides) {

    /** One {@code --set}: the path split at dots, the typed value, and the text as given (for errors). */
    public record Override(List<String> path, JsonNode value, String spec) {
        public Override {
            path = List.copyOf(path);
        }

        public String key() {
            return String.join(".", path);
        }
    }

    public static final SetOverrides NONE = new SetOverrides(List.of());

    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    // Python's int() and float() as llm-do calls them, after JSON has failed ("007", "+5", "1.", ".5").
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+(_\\d+)*");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    public SetOverrides {
        overrides = List.copyOf(overrides);
    }

    public static SetOverrides parse(List<String> specs) {
        List<Override> parsed = new ArrayList<>(specs.size());
        for (String spec : specs) parsed.add(parseOne(spec));
        return new SetOverrides(parsed);
    }

    static Override parseOne(String spec) {
        int equals = spec.indexOf('=');
        if (equals < 0) {
            throw new UsageException("--set " + quote(spec) + ": expected KEY=VALUE (e.g. --set model=openai:gpt-4o)");
        }
        String key = spec.substring(0, equals).strip();
        if (key.isEmpty()) throw new UsageException("--set " + quote(spec) + ": the key before '=' is empty");
        List<String> path = Arrays.asList(key.split("\\.", -1));
        if (path.stream().anyMatch(String::isBlank)) {
            throw new UsageException("--set " + quote(spec)
                    + ": the key has an empty part; expected names joined by dots, " + "like toolsets.shell.default");
        }
        return new Override(
                path.stream().map(String::strip).toList(),
                value(spec.substring(equals + 1).strip()),
                spec);
    }

    /** llm-do's order: JSON first, then the YAML-ish booleans, then Python numbers, else the text itself. */
    static JsonNode value(String text) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (text.isEmpty()) return nodes.stringNode("");
        try {
            return STRICT_JSON.readTree(text);
        } catch (JacksonException notJson) {
            // fall through to the looser readings, as llm-do does
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> {
                return nodes.booleanNode(true);
            }
            case "false", "no", "off" -> {
                return nodes.booleanNode(false);
            }
            default -> {}
        }
        // Python's rule: a '.' or an 'e' makes it a float, otherwise an int is tried.
        boolean floatLike =
                text.indexOf('.') >= 0 || text.toLowerCase(Locale.ROOT).indexOf('e') >= 0;
        if (floatLike && DECIMAL.matcher(text).matches()) return nodes.numberNode(Double.parseDouble(text));
        if (!floatLike && INTEGER.matcher(text).matches()) {
            BigInteger value = new BigInteger(text.replace("_", ""));
            return value.bitLength() < 64 ? nodes.numberNode(value.longValue()) : nodes.numberNode(value);
        }
        return nodes.stringNode(text);
    }

    /** A copy of {@code frontMatter} with every override applied in order; the original is untouched. */
    public ObjectNode applyTo(ObjectNode frontMatter) {
        ObjectNode result = frontMatter.deepCopy();
        for (Override override : overrides) apply(result, override);
        return result;
    }

    private static void apply(ObjectNode root, Override override) {
        ObjectNode target = root;
        List<String> path = override.path();
        for (int i = 0; i < path.size() - 1; i++) {
            String name = path.get(i);
            JsonNode next = target.get(name);
            if (next == null || next.isNull()) {
                target = target.putObject(name);
            } else if (next.isObject()) {
                target = (ObjectNode) next;
            } else {
                throw new UsageException("--set " + quote(override.spec()) + ": cannot go through "
                        + String.join(".", path.subList(0, i + 1)) + ", which is " + kind(next) + ", not a mapping");
            }
        }
        target.set(path.getLast(), override.value());
    }

    /** Whether {@code field} (a dotted path) was written, or lies inside what was written, by an override. */
    public boolean touches(String field) {
        for (Override override : overrides) {
            String key = override.key();
            if (field.equals(key) || field.startsWith(key + ".") || field.startsWith(key + "[")) return true;
        }
        return false;
    }

    public boolean isEmpty() {
        return overrides.isEmpty();
    }

    private static String kind(JsonNode node) {
        if (node.isString()) return "a string";
        if (node.isArray()) return "a list";
        if (node.isBoolean()) return "true or false";
        if (node.isNumber()) return "a number";
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }
}
