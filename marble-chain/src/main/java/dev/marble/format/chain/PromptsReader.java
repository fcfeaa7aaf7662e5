package dev.marble.format.chain;

import dev.marble.chain.PromptSource;
import dev.marble.config.LocatedDocument;
import dev.marble.config.ShapeValidator;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Reads a chain's {@code prompts} object. Each value is inline text (a string, or
 * {@code {"type": "inline", "content"}}), a file ({@code {"type": "file", "path"}}) or a template
 * ({@code {"type": "template", "template"}} whose other keys are its {@code {{variables}}}). An
 * object of any other type is an error here, where llmauto silently sent the prompt's key instead.
 */
final class PromptsReader {

    private static final String TYPES = "one of file, inline, template";
    /** Keys an entry may carry besides its content; llmauto's files describe prompts this way. */
    private static final Set<String> DESCRIPTIVE = Set.of("type", "description");

    private final UnknownKeys unknown;

    private PromptsReader(UnknownKeys unknown) {
        this.unknown = unknown;
    }

    static Map<String, PromptSource> read(LocatedDocument document, JsonNode prompts, UnknownKeys unknown) {
        Map<String, PromptSource> out = new LinkedHashMap<>();
        if (prompts == null) return out;
        FieldReader section =
                new FieldReader(document, prompts, JsonPointer.empty().appendProperty("prompts"), "prompts");
        if (!prompts.isObject()) {
            throw section.error(
                    "expected an object mapping each prompt key to a string or a {\"type\": ...} object, got "
                            + ShapeValidator.describe(prompts));
        }
        PromptsReader reader = new PromptsReader(unknown);
        for (Map.Entry<String, JsonNode> entry : prompts.properties()) {
            if (entry.getKey().startsWith("_")) continue; // a comment, by llmauto convention
            out.put(entry.getKey(), reader.entry(section.child(entry.getKey())));
        }
        return out;
    }

    private PromptSource entry(FieldReader entry) {
        JsonNode node = entry.node();
        if (node.isString()) return new PromptSource.Inline(node.stringValue());
        if (!node.isObject()) {
            throw entry.error("expected a string or an object with \"type\" (" + TYPES + "), got "
                    + ShapeValidator.describe(node));
        }
        JsonNode type = node.get("type");
        if (type == null) throw entry.error("missing required key \"type\" (" + TYPES + ")");
        if (!type.isString()) throw entry.error("type", "expected " + TYPES + ", got " + ShapeValidator.describe(type));
        return switch (type.stringValue()) {
            case "file" -> {
                Path path = path(entry, requiredText(entry, "path"));
                reportOtherKeys(entry, "path");
                yield new PromptSource.FromFile(path);
            }
            case "inline" -> {
                String content = requiredText(entry, "content");
                reportOtherKeys(entry, "content");
                yield new PromptSource.Inline(content);
            }
            case "template" -> template(entry);
            default -> throw entry.error("type", "expected " + TYPES + ", got " + ShapeValidator.describe(type));
        };
    }

    private String requiredText(FieldReader entry, String key) {
        JsonNode value = entry.node().get(key);
        if (value == null) throw entry.error("missing required key \"" + key + "\" (a string)");
        if (!value.isString()) throw entry.error(key, "expected a string, got " + ShapeValidator.describe(value));
        return value.stringValue();
    }

    /** File and inline entries know one content key; anything else in them is reported, not used. */
    private void reportOtherKeys(FieldReader entry, String contentKey) {
        for (String name : entry.node().propertyNames()) {
            if (!name.equals(contentKey) && !DESCRIPTIVE.contains(name) && !name.startsWith("_")) {
                unknown.add(entry.keyLocationOf(name));
            }
        }
    }

    private static Path path(FieldReader entry, String text) {
        if (text.isBlank()) throw entry.error("path", "expected a file path, got \"\"");
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw entry.error(
                    "path",
                    "expected a file path, got "
                            + ShapeValidator.describe(entry.node().get("path")) + " (" + e.getReason() + ")");
        }
    }

    /** A template's variables are its other keys, plus the entries of a {@code variables} object if present. */
    private PromptSource template(FieldReader entry) {
        JsonNode template = entry.node().get("template");
        if (template == null) throw entry.error("missing required key \"template\" (a string with {{name}} variables)");
        if (!template.isString())
            throw entry.error("template", "expected a string, got " + ShapeValidator.describe(template));
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : entry.node().properties()) {
            String name = property.getKey();
            if (name.equals("template") || DESCRIPTIVE.contains(name) || name.startsWith("_")) continue;
            if (name.equals("variables") && property.getValue().isObject()) {
                FieldReader nested = entry.child("variables");
                for (Map.Entry<String, JsonNode> variable : property.getValue().properties()) {
                    variables.put(variable.getKey(), variable(nested, variable.getKey(), variable.getValue()));
                }
            } else {
                variables.put(name, variable(entry, name, property.getValue()));
            }
        }
        return new PromptSource.Template(template.stringValue(), variables);
    }

    private static String variable(FieldReader owner, String name, JsonNode value) {
        if (value.isString()) return value.stringValue();
        if (value.isNumber() || value.isBoolean()) return value.asString();
        throw owner.error(
                name,
                "expected a template variable's value (a string, number or true/false), got "
                        + ShapeValidator.describe(value));
    }
}
