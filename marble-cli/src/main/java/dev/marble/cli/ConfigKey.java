package dev.marble.cli;

import dev.marble.config.ConfigSchema;
import dev.marble.config.Shape;
import dev.marble.config.ShapeValidator;
import dev.marble.error.UsageException;
import dev.marble.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A configuration key as the command line names it ({@code retry.max_attempts}, {@code aliases.fast},
 * {@code pricing.gpt-4.1.input}), found in {@link ConfigSchema}: its path of JSON object keys, its shape and
 * default. A key under an object whose keys users choose (aliases, providers, pricing, local.models) may itself
 * hold dots, as model ids do; the known field names after it tell where it ends.
 *
 * @param path         the JSON object keys from the top of the file down to the value
 * @param defaultValue what applies when no file sets it; null when nothing does
 */
record ConfigKey(String name, List<String> path, Shape shape, Object defaultValue, String help) {

    ConfigKey {
        path = List.copyOf(path);
    }

    /** The key {@code dotted} names, or a usage error naming the nearest known key. */
    static ConfigKey parse(String dotted) {
        if (dotted.isBlank()) throw new UsageException("no key given; 'marble config' lists them");
        List<String> segments = Arrays.asList(dotted.strip().split("\\.", -1));
        if (segments.stream().anyMatch(String::isEmpty))
            throw new UsageException("key '" + dotted + "': an empty part between dots");
        ConfigKey key = resolve(ConfigSchema.ROOT, segments, new ArrayList<>(), null, "");
        if (key == null)
            throw new UsageException(
                    "unknown key '" + dotted + "'" + suggestion(dotted) + "; 'marble config' lists them");
        return key;
    }

    /** Every key a file can set, in the schema's order; a user-keyed object is one key (its entries are its values). */
    static List<ConfigKey> all() {
        List<ConfigKey> out = new ArrayList<>();
        collect(ConfigSchema.ROOT, new ArrayList<>(), out);
        return out;
    }

    private static void collect(Shape.Fields fields, List<String> prefix, List<ConfigKey> out) {
        for (Shape.Field field : fields.fields().values()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(field.name());
            if (field.shape() instanceof Shape.Fields nested) collect(nested, path, out);
            else
                out.add(new ConfigKey(String.join(".", path), path, field.shape(), field.defaultValue(), field.help()));
        }
    }

    private static ConfigKey resolve(
            Shape shape, List<String> rest, List<String> path, Object defaultValue, String help) {
        if (rest.isEmpty()) return new ConfigKey(String.join(".", path), path, shape, defaultValue, help);
        return switch (shape) {
            case Shape.Fields fields -> {
                Shape.Field field = fields.fields().get(rest.getFirst());
                if (field == null) yield null;
                yield resolve(
                        field.shape(),
                        rest.subList(1, rest.size()),
                        append(path, field.name()),
                        field.defaultValue(),
                        field.help());
            }
            case Shape.MapOf map -> {
                // The entry's name is the longest run of parts after which what is left names a field of the entry.
                if (map.value() instanceof Shape.Fields entry) {
                    for (int end = rest.size() - 1; end >= 1; end--) {
                        if (!entry.fields().containsKey(rest.get(end))) continue;
                        ConfigKey found = resolve(
                                entry,
                                rest.subList(end, rest.size()),
                                append(path, String.join(".", rest.subList(0, end))),
                                null,
                                help);
                        if (found != null) yield found;
                    }
                }
                yield new ConfigKey(
                        String.join(".", append(path, String.join(".", rest))),
                        append(path, String.join(".", rest)),
                        map.value(),
                        null,
                        map.keyMeaning() + " entry: " + help);
            }
            // A setting written short or in full ("sandbox": "off" or {"mode": "off"}): its fields are keys too.
            case Shape.OneOf oneOf ->
                oneOf.fields()
                        .map(fields -> resolve(fields, rest, path, defaultValue, help))
                        .orElse(null);
            default -> null;
        };
    }

    private static List<String> append(List<String> path, String segment) {
        List<String> out = new ArrayList<>(path);
        out.add(segment);
        return out;
    }

    private static String suggestion(String dotted) {
        String best = null;
        int bestDistance = 4;
        for (ConfigKey key : all()) {
            int distance = ShapeValidator.editDistance(dotted.toLowerCase(Locale.ROOT), key.name());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = key.name();
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /**
     * {@code text} as this key's value. A text key takes the words as they are; numbers, true/false and choices are
     * read as such; a list takes a JSON array or comma-separated words; an object takes JSON. Whether the value then
     * fits (a range, a required field) is for {@link ShapeValidator}, on the whole file as it would be written.
     */
    JsonNode value(String text) {
        return switch (shape) {
            case Shape.Text t -> JsonNodeFactory.instance.stringNode(text);
            case Shape.Choice c -> JsonNodeFactory.instance.stringNode(text);
            case Shape.Identifier i ->
                text.strip().matches("-?\\d{1,18}")
                        ? JsonNodeFactory.instance.numberNode(Long.parseLong(text.strip()))
                        : JsonNodeFactory.instance.stringNode(text);
            case Shape.WholeNumber n -> json(text, "an integer");
            case Shape.Decimal d -> json(text, "a number");
            case Shape.Flag f ->
                switch (text.strip().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> JsonNodeFactory.instance.booleanNode(true);
                    case "false", "no", "off" -> JsonNodeFactory.instance.booleanNode(false);
                    default -> throw new UsageException(name + ": expected true or false, got '" + text + "'");
                };
            case Shape.ListOf list -> text.strip().startsWith("[") ? json(text, "a JSON array") : words(text, list);
            case Shape.MapOf m -> json(text, "a JSON object");
            case Shape.Fields f -> json(text, "a JSON object");
            case Shape.FreeObject o -> json(text, "a JSON object");
            case Shape.OneOf oneOf -> oneOf(text, oneOf);
        };
    }

    /** JSON when it looks like an object or array, else the words as the first alternative written as words takes them.
     * */
    private JsonNode oneOf(String text, Shape.OneOf oneOf) {
        String stripped = text.strip();
        if (stripped.startsWith("{") || stripped.startsWith("[")) return json(text, oneOf.expected());
        Shape written = oneOf.alternatives().stream()
                .filter(shape -> !(shape instanceof Shape.Fields
                        || shape instanceof Shape.MapOf
                        || shape instanceof Shape.ListOf))
                .findFirst()
                .orElse(oneOf.alternatives().getFirst());
        return new ConfigKey(name, path, written, null, help).value(text);
    }

    private JsonNode json(String text, String expected) {
        try {
            return Json.parse(text);
        } catch (RuntimeException notJson) {
            throw new UsageException(name + ": expected " + expected + ", got '" + text + "'");
        }
    }

    private JsonNode words(String text, Shape.ListOf list) {
        var array = Json.array();
        for (String word : text.split(",")) {
            if (!word.isBlank()) array.add(new ConfigKey(name, path, list.element(), null, help).value(word.strip()));
        }
        return array;
    }

    /** The default as JSON; null when there is none. */
    JsonNode defaultJson() {
        return defaultValue == null ? null : Json.value(defaultValue);
    }

    /** Whether this key holds entries users name (aliases, providers, pricing, local.models). */
    boolean userKeyed() {
        return shape instanceof Shape.MapOf;
    }
}
