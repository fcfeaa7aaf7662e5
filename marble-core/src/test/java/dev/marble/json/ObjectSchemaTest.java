package dev.marble.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ObjectSchemaTest {

    @Test
    void propertiesAreRequiredUnlessMadeOptionalAndUnknownOnesAreRefused() {
        JsonNode schema = JsonSchemas.object()
                .string("path", "the file")
                .integer("limit", "how many lines", 1, 100)
                .optional()
                .bool("all", null)
                .optional()
                .strings("tags", "labels")
                .oneOf("unit", "which unit", "C", "F")
                .number("scale", "a factor")
                .optional()
                .build();

        assertThat(schema).isEqualTo(Json.parse("""
                {"type":"object","properties":{
                   "path":{"type":"string","description":"the file"},
                   "limit":{"type":"integer","description":"how many lines","minimum":1,"maximum":100},
                   "all":{"type":"boolean"},
                   "tags":{"type":"array","description":"labels","items":{"type":"string"}},
                   "unit":{"type":"string","description":"which unit","enum":["C","F"]},
                   "scale":{"type":"number","description":"a factor"}},
                 "required":["path","tags","unit"],
                 "additionalProperties":false}"""));
        assertThat(JsonSchemas.problems(schema, Json.parse("{\"path\":\"a\",\"tags\":[],\"unit\":\"C\"}")))
                .isEmpty();
        assertThat(JsonSchemas.problems(schema, Json.parse("{\"path\":\"a\",\"tags\":[],\"unit\":\"K\"}")))
                .isPresent();
        assertThat(JsonSchemas.problems(schema, Json.parse("{\"path\":\"a\",\"tags\":[],\"unit\":\"C\",\"pth\":1}")))
                .hasValueSatisfying(problem -> assertThat(problem).contains("pth"));
    }

    @Test
    void anyOtherShapeIsACopyOfItsSchemaWithTheDescription() {
        JsonNode points = Json.parse("{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"minItems\":2}");
        JsonNode schema =
                JsonSchemas.object().property("points", "at least two", points).build();

        assertThat(schema.path("properties").path("points").path("description").asString())
                .isEqualTo("at least two");
        assertThat(points.has("description"))
                .as("the caller's node is left alone")
                .isFalse();
        assertThat(JsonSchemas.problems(schema, Json.parse("{\"points\":[1]}"))).isPresent();
    }

    @Test
    void anObjectWithoutPropertiesStillSaysNoneAreRequired() {
        assertThat(JsonSchemas.object().build())
                .isEqualTo(Json.parse(
                        "{\"type\":\"object\",\"properties\":{},\"required\":[],\"additionalProperties\":false}"));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> JsonSchemas.object().string("a", "x").integer("a", "y"))
                .hasMessageContaining("two properties are named 'a'");
        assertThatThrownBy(() -> JsonSchemas.object().optional()).hasMessageContaining("follows the property");
        assertThatThrownBy(() -> JsonSchemas.object().property("p", null, Json.parse("true")))
                .hasMessageContaining("a JSON object");
        assertThatThrownBy(() -> JsonSchemas.object().oneOf("u", "unit")).hasMessageContaining("at least one value");
    }
}
