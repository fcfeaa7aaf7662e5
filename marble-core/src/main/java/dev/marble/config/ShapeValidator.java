package dev.marble.config;

import dev.marble.error.ConfigException;
import dev.marble.error.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Checks a {@link LocatedDocument} against a {@link Shape}. A value of the wrong form is an error
 * at its line and column; an unknown key is a warning, so that a file written for a newer Marble
 * (or for llmauto, with its custom keys) still loads.
 */
public final class ShapeValidator {

    private final LocatedDocument document;
    private final List<ConfigWarning> warnings = new ArrayList<>();

    private ShapeValidator(LocatedDocument document) {
        this.document = document;
    }

    /** Validates the whole document; returns the warnings, throws {@link ConfigException} on the first error. */
    public static List<ConfigWarning> validate(LocatedDocument document, Shape shape) {
        ShapeValidator validator = new ShapeValidator(document);
        validator.check(document.root(), shape, JsonPointer.empty(), "");
        return List.copyOf(validator.warnings);
    }

    private void check(JsonNode node, Shape shape, JsonPointer pointer, String field) {
        if (!shape.accepts(node)) {
            throw new ConfigException(
                    document.valueAt(pointer, field.isEmpty() ? null : field),
                    "expected " + shape.expected() + ", got " + describe(node));
        }
        // instanceof, not a pattern switch: on JDK 25 each pattern switch makes a class the first time it runs
        // (a few ms of every start that reaches it; see docs/performance.md, "Start-up").
        if (shape instanceof Shape.ListOf list) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), list.element(), pointer.appendIndex(i), field + "[" + i + "]");
            }
        } else if (shape instanceof Shape.MapOf map) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                check(
                        entry.getValue(),
                        map.value(),
                        pointer.appendProperty(entry.getKey()),
                        join(field, entry.getKey()));
            }
        } else if (shape instanceof Shape.Fields fields) {
            checkFields(node, fields, pointer, field);
        } else if (shape instanceof Shape.OneOf oneOf) {
            check(
                    node,
                    oneOf.alternatives().stream()
                            .filter(option -> option.accepts(node))
                            .findFirst()
                            .orElseThrow(),
                    pointer,
                    field);
        }
    }

    private void checkFields(JsonNode node, Shape.Fields fields, JsonPointer pointer, String field) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            JsonPointer child = pointer.appendProperty(name);
            Shape.Field known = fields.fields().get(name);
            if (known != null) {
                check(entry.getValue(), known.shape(), child, join(field, name));
            } else if (!name.startsWith("_")) {
                // Keys starting with "_" are comments by llmauto convention ("_note", "_comment_x").
                warnings.add(new ConfigWarning(
                        document.keyAt(child, join(field, name)), "unknown key, ignored" + suggestion(name, fields)));
            }
        }
        for (Shape.Field f : fields.fields().values()) {
            if (f.required() && !node.has(f.name())) {
                throw new ConfigException(
                        document.valueAt(pointer, field.isEmpty() ? null : field),
                        "missing required key \"" + f.name() + "\" ("
                                + f.shape().expected() + ")");
            }
        }
    }

    private static String suggestion(String name, Shape.Fields fields) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : fields.fields().keySet()) {
            int d = editDistance(name.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }

    /** Edit distance (swapped neighbours count as one edit), for "did you mean" suggestions elsewhere too. */
    public static int editDistance(String a, String b) {
        return DidYouMean.distance(a, b);
    }

    private static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** A value as an error message quotes it: strings shortened, containers named. */
    public static String describe(JsonNode node) {
        if (node.isString()) {
            String text = node.stringValue();
            return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        if (node.isObject()) return "an object";
        if (node.isArray()) return "a list";
        if (node.isNull()) return "null";
        return node.toString();
    }
}
