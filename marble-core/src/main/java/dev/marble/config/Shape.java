package dev.marble.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The expected form of one value in a configuration file. {@link #expected()} is phrased for the
 * error message: "expected a positive whole number".
 */
public sealed interface Shape {

    String expected();

    /** Whether {@code node} has this shape, ignoring what is inside containers. */
    boolean accepts(JsonNode node);

    record Text() implements Shape {
        public String expected() {
            return "a string";
        }

        public boolean accepts(JsonNode node) {
            return node.isString();
        }
    }

    /** A string or a number, as chat ids and similar identifiers are written both ways. */
    record Identifier() implements Shape {
        public String expected() {
            return "a string or a number";
        }

        public boolean accepts(JsonNode node) {
            return node.isString() || node.isIntegralNumber();
        }
    }

    record Choice(Set<String> values) implements Shape {
        public String expected() {
            return "one of " + String.join(", ", values.stream().sorted().toList());
        }

        public boolean accepts(JsonNode node) {
            return node.isString() && values.contains(node.stringValue());
        }
    }

    /**
     * An integer from {@code min} to {@code max}. Every whole number Marble reads is kept in an
     * {@code int} (or becomes a duration computed from one), so {@code max} defaults to
     * {@link Integer#MAX_VALUE}: {@code max_rounds: 1e25} is a mistake to report, not a value to
     * overflow or to fail on deep in Jackson. Written as 5.0 or 1e3, a number is not an integer.
     */
    record WholeNumber(long min, long max) implements Shape {
        public WholeNumber {
            if (min > max) throw new IllegalArgumentException("empty range " + min + ".." + max);
        }

        public WholeNumber(long min) {
            this(min, Integer.MAX_VALUE);
        }

        public String expected() {
            return "an integer from " + min + " to " + max;
        }

        public boolean accepts(JsonNode node) {
            return node.isIntegralNumber()
                    && node.canConvertToLong()
                    && node.longValue() >= min
                    && node.longValue() <= max;
        }
    }

    /** A finite number of at least {@code min}: 1e400 reads as infinity, which no limit or price can be. */
    record Decimal(double min) implements Shape {
        public String expected() {
            return "a number of at least " + min;
        }

        public boolean accepts(JsonNode node) {
            return node.isNumber() && Double.isFinite(node.asDouble()) && node.asDouble() >= min;
        }
    }

    record Flag() implements Shape {
        public String expected() {
            return "true or false";
        }

        public boolean accepts(JsonNode node) {
            return node.isBoolean();
        }
    }

    record ListOf(Shape element) implements Shape {
        public String expected() {
            return "a list where each item is " + element.expected();
        }

        public boolean accepts(JsonNode node) {
            return node.isArray();
        }
    }

    /**
     * One of several shapes, the first that accepts a value deciding how it is checked: a setting that may be
     * written short or in full ({@code "off"} or {@code {"mode": "off", ...}}).
     */
    record OneOf(List<Shape> alternatives) implements Shape {
        public OneOf {
            alternatives = List.copyOf(alternatives);
        }

        public String expected() {
            return String.join(
                    ", or ", alternatives.stream().map(Shape::expected).toList());
        }

        public boolean accepts(JsonNode node) {
            return alternatives.stream().anyMatch(shape -> shape.accepts(node));
        }

        /** The alternative that is an object with known keys, if one is. */
        public Optional<Fields> fields() {
            return alternatives.stream()
                    .filter(Fields.class::isInstance)
                    .map(Fields.class::cast)
                    .findFirst();
        }
    }

    /** An object whose keys the user chooses (aliases, providers), each value of one shape. */
    record MapOf(Shape value, String keyMeaning) implements Shape {
        public String expected() {
            return "an object mapping each " + keyMeaning + " to " + value.expected();
        }

        public boolean accepts(JsonNode node) {
            return node.isObject();
        }
    }

    /** An object whose keys are someone else's (a tool's arguments): any key, any value, nothing checked inside. */
    record FreeObject(String meaning) implements Shape {
        public String expected() {
            return "an object (" + meaning + ")";
        }

        public boolean accepts(JsonNode node) {
            return node.isObject();
        }
    }

    /** An object with known keys; any other key draws a warning, not an error. */
    record Fields(Map<String, Field> fields) implements Shape {
        public Fields {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public String expected() {
            return "an object";
        }

        public boolean accepts(JsonNode node) {
            return node.isObject();
        }

        public static Fields of(Field... fields) {
            Map<String, Field> map = new LinkedHashMap<>();
            for (Field f : fields) map.put(f.name(), f);
            return new Fields(map);
        }
    }

    /**
     * One known key. {@code defaultValue} is what applies when no layer sets it (null: nothing).
     */
    record Field(String name, Shape shape, Object defaultValue, boolean required, String help) {
        public static Field optional(String name, Shape shape, Object defaultValue, String help) {
            return new Field(name, shape, defaultValue, false, help);
        }

        public static Field required(String name, Shape shape, String help) {
            return new Field(name, shape, null, true, help);
        }
    }
}
