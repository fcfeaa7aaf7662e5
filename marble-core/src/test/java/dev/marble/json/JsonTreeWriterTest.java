package dev.marble.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The text written without a mapper is the text Marble's mapper writes, escapes included. */
class JsonTreeWriterTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\": 1, \"b\": [true, false, null], \"c\": {\"d\": \"e\"}}",
                "[1, -1, 2147483648, 9223372036854775807, 9223372036854775808, 1.5, -0.0, 1e308, 0.1]",
                "\"quotes \\\" and \\\\ backslashes, \\u00e9, \\ud83d\\ude00, tab\\t and newline\\n\"",
                "\"controls \\u0001 \\u001b[31m, C1 \\u009b, invisible \\u200b \\u202e \\ufeff\"",
                "{\"z\": 1, \"a\": {}, \"m\": []}",
                "null"
            })
    void theTextIsTheMappersText(String json) {
        JsonNode tree = JsonTreeReader.read(json);
        assertThat(JsonTreeWriter.write(tree)).isEqualTo(Json.mapper().writeValueAsString(tree));
    }

    @Test
    void aNodeOnlyTheMapperWritesIsLeftToIt() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("plain", 1);
        tree.put("decimal", new java.math.BigDecimal("1.10"));
        tree.put("binary", new byte[] {1, 2, 3});
        assertThat(JsonTreeWriter.write(tree)).isNull();
        assertThat(Json.write(tree)).isEqualTo(Json.mapper().writeValueAsString(tree));

        ObjectNode plain = JsonNodeFactory.instance.objectNode().put("big", new BigInteger("123456789012345678901"));
        assertThat(JsonTreeWriter.write(plain)).isEqualTo("{\"big\":123456789012345678901}");
    }
}
