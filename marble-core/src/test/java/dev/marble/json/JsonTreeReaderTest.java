package dev.marble.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/** The tree read without a mapper is the tree Marble's mapper reads, node type by node type. */
class JsonTreeReaderTest {

    private static final ObjectReader MAPPER =
            Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\": 1, \"b\": [true, false, null], \"c\": {\"d\": \"e\"}}",
                "[]",
                "{}",
                "[1, -1, 2147483647, 2147483648, -2147483649, 9223372036854775807, 9223372036854775808]",
                "[1.5, -0.0, 1e308, 2.5E-3, 0.1, 12345678901234567890.5]",
                "\"text with \\\"escapes\\\", \\u00e9, \\ud83d\\ude00 and \\n\"",
                "  {\"nested\": [[[{\"deep\": [1, {\"x\": []}]}]]]}  ",
                "42",
                "null",
                "{\"z\": 1, \"a\": 2, \"m\": 3}"
            })
    void theTreeIsTheMappersTree(String text) {
        JsonNode expected = MAPPER.readTree(text);
        JsonNode actual = JsonTreeReader.read(text);
        assertThat(actual).isEqualTo(expected);
        assertSameTypes(actual, expected);
        assertThat(actual.toString()).isEqualTo(expected.toString());
    }

    private static void assertSameTypes(JsonNode actual, JsonNode expected) {
        assertThat(actual.getClass()).isEqualTo(expected.getClass());
        if (expected.isContainer()) {
            assertThat(actual.size()).isEqualTo(expected.size());
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) assertSameTypes(actual.get(i), expected.get(i));
            } else {
                assertThat(actual.propertyNames()).containsExactlyElementsOf(expected.propertyNames());
                for (String name : expected.propertyNames()) assertSameTypes(actual.get(name), expected.get(name));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\": 1, \"a\": 2}",
                "{\"a\": 1} {\"b\": 2}",
                "{\"a\": 1}]",
                "{\"a\": ",
                "[1, 2",
                "{\"a\" 1}",
                "nope"
            })
    void whatTheMapperRefusesIsRefused(String text) {
        assertThatThrownBy(() -> MAPPER.readTree(text)).as("the mapper").isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> JsonTreeReader.read(text)).isInstanceOf(JacksonException.class);
    }

    /** The mapper reads blank text as a missing node; Marble's readers refuse it before either is asked. */
    @org.junit.jupiter.api.Test
    void blankTextIsNoValue() {
        assertThatThrownBy(() -> JsonTreeReader.read("  \n")).isInstanceOf(JacksonException.class);
    }

    /** A file nested past the parser's limit is refused by the parser, before the recursion here goes that deep. */
    @org.junit.jupiter.api.Test
    void nestingPastTheParsersLimitIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> JsonTreeReader.read(deep)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> MAPPER.readTree(deep)).isInstanceOf(JacksonException.class);
    }
}
