package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.model.ToolSpec;
import org.junit.jupiter.api.Test;

/** Compiled schemas are shared by every run of the process, so they must be told apart by content, not name. */
class ArgumentValidatorTest {

    @Test
    void twoToolsOfOneNameInDifferentRunsKeepTheirOwnSchemas() {
        ToolSpec numbers = new ToolSpec(
                "lookup",
                "",
                Json.parse(
                        "{\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"integer\"}},\"required\":[\"step\"]}"));
        ToolSpec words = new ToolSpec(
                "lookup",
                "",
                Json.parse(
                        "{\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"string\"}},\"required\":[\"step\"]}"));

        assertThat(new ArgumentValidator().problems(numbers, Json.parse("{\"step\":1}")))
                .isEmpty();
        assertThat(new ArgumentValidator().problems(words, Json.parse("{\"step\":1}")))
                .hasValueSatisfying(
                        problem -> assertThat(problem).contains("/step").contains("string"));
        assertThat(new ArgumentValidator().problems(words, Json.parse("{\"step\":\"one\"}")))
                .isEmpty();
    }
}
