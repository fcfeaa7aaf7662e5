package dev.marble.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Json.value makes the nodes the mapper's valueToTree makes, without the mapper for the simple values. */
class JsonValueTest {

    @Test
    void theSameNodesAsTheMapper() {
        for (Object value : List.of(
                "text",
                "",
                0,
                -7,
                30000,
                1L << 40,
                true,
                false,
                List.of(),
                List.of("Read", "Edit"),
                List.of(1, "a"),
                new BigDecimal("0.25"),
                Map.of("a", 1))) {
            assertThat(Json.value(value))
                    .as(String.valueOf(value))
                    .isEqualTo(Json.mapper().valueToTree(value));
            assertThat(Json.value(value).getNodeType())
                    .isEqualTo(Json.mapper()
                            .<tools.jackson.databind.JsonNode>valueToTree(value)
                            .getNodeType());
        }
        assertThat(Json.value(null).isNull()).isTrue();
    }
}
