package dev.marble.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marble.tool.annotation.Param;
import dev.marble.tool.java.TypeSchemas;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

class JsonSchemasTest {

    public enum Colour {
        RED,
        GREEN
    }

    public enum Size {
        @JsonProperty("s")
        SMALL,
        @JsonProperty("l")
        LARGE
    }

    public record Point(
            @Param("across") int x,
            int y,
            Optional<String> label,
            @Param(value = "extra", required = false) String note) {}

    public static class Settings {
        public String mode;

        @Param(value = "how many", required = false)
        public int count;

        @Param("must be given")
        private boolean strict;

        private String hidden;

        public boolean isStrict() {
            return strict;
        }

        public void setStrict(boolean strict) {
            this.strict = strict;
        }

        public String getComputed() {
            return "nobody can set this";
        }
    }

    public record Node(String name, List<Node> children) {}

    public record Page<T>(List<T> items) {}

    public static class Empty {}

    public class Inner {
        public String value;
    }

    public record Renamed(@Param(name = "other") String value) {}

    private static JsonNode schema(Type type) {
        return TypeSchemas.of(type);
    }

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    @Test
    void scalars() {
        assertThat(schema(String.class)).isEqualTo(json("{\"type\":\"string\"}"));
        assertThat(schema(char.class)).isEqualTo(json("{\"type\":\"string\",\"minLength\":1,\"maxLength\":1}"));
        assertThat(schema(Character.class)).isEqualTo(schema(char.class));
        for (Type type : List.of(
                int.class, Integer.class, long.class, Long.class, short.class, Short.class, byte.class, Byte.class)) {
            assertThat(schema(type)).as(type.getTypeName()).isEqualTo(json("{\"type\":\"integer\"}"));
        }
        for (Type type : List.of(double.class, Double.class, float.class, Float.class, BigDecimal.class)) {
            assertThat(schema(type)).as(type.getTypeName()).isEqualTo(json("{\"type\":\"number\"}"));
        }
        assertThat(schema(boolean.class)).isEqualTo(json("{\"type\":\"boolean\"}"));
        assertThat(schema(Boolean.class)).isEqualTo(json("{\"type\":\"boolean\"}"));
        assertThat(schema(Object.class)).isEqualTo(json("{}"));
        assertThat(schema(JsonNode.class)).isEqualTo(json("{}"));
    }

    @Test
    void stringsJacksonReadsGetAFormat() {
        assertThat(schema(LocalDate.class)).isEqualTo(json("{\"type\":\"string\",\"format\":\"date\"}"));
        assertThat(schema(Instant.class)).isEqualTo(json("{\"type\":\"string\",\"format\":\"date-time\"}"));
        assertThat(schema(UUID.class)).isEqualTo(json("{\"type\":\"string\",\"format\":\"uuid\"}"));
        assertThat(schema(Duration.class)).isEqualTo(json("{\"type\":\"string\",\"format\":\"duration\"}"));
    }

    @Test
    void enumsListTheirValuesAsJacksonWritesThem() {
        assertThat(schema(Colour.class)).isEqualTo(json("{\"type\":\"string\",\"enum\":[\"RED\",\"GREEN\"]}"));
        assertThat(schema(Size.class)).isEqualTo(json("{\"type\":\"string\",\"enum\":[\"s\",\"l\"]}"));
    }

    @Test
    void listsSetsAndArrays() {
        assertThat(schema(new TypeReference<List<String>>() {}.getType()))
                .isEqualTo(json("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"));
        assertThat(schema(new TypeReference<Set<Colour>>() {}.getType())).isEqualTo(json("""
                {"type":"array","uniqueItems":true,"items":{"type":"string","enum":["RED","GREEN"]}}"""));
        assertThat(schema(int[].class)).isEqualTo(json("{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}"));
        assertThat(schema(new TypeReference<List<List<Double>>>() {}.getType())).isEqualTo(json("""
                {"type":"array","items":{"type":"array","items":{"type":"number"}}}"""));
    }

    @Test
    void mapsWithStringKeys() {
        assertThat(schema(new TypeReference<Map<String, Integer>>() {}.getType()))
                .isEqualTo(json("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}"));
        assertThat(schema(new TypeReference<Map<String, Object>>() {}.getType()))
                .isEqualTo(json("{\"type\":\"object\",\"additionalProperties\":{}}"));
        assertThatThrownBy(() -> schema(new TypeReference<Map<Point, String>>() {}.getType()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs String keys");
    }

    @Test
    void optionalIsItsContentAndNotRequired() {
        Type optional = new TypeReference<Optional<Integer>>() {}.getType();
        assertThat(schema(optional)).isEqualTo(json("{\"type\":\"integer\"}"));
        assertThat(TypeSchemas.isOptional(optional)).isTrue();
        assertThat(TypeSchemas.isOptional(Integer.class)).isFalse();
    }

    @Test
    void recordsRequireTheirComponentsUnlessOptional() {
        assertThat(schema(Point.class)).isEqualTo(json("""
                {"type":"object",
                 "properties":{
                   "x":{"type":"integer","description":"across"},
                   "y":{"type":"integer"},
                   "label":{"type":"string"},
                   "note":{"type":"string","description":"extra"}},
                 "required":["x","y"],
                 "additionalProperties":false}"""));
    }

    @Test
    void classesOfferWhatJacksonCanSetAndRequireOnlyWhatIsMarked() {
        assertThat(schema(Settings.class)).isEqualTo(json("""
                {"type":"object",
                 "properties":{
                   "mode":{"type":"string"},
                   "count":{"type":"integer","description":"how many"},
                   "strict":{"type":"boolean","description":"must be given"}},
                 "required":["strict"],
                 "additionalProperties":false}"""));
    }

    @Test
    void genericRecordsAreResolved() {
        assertThat(schema(new TypeReference<Page<LocalDate>>() {}.getType())).isEqualTo(json("""
                {"type":"object",
                 "properties":{"items":{"type":"array","items":{"type":"string","format":"date"}}},
                 "required":["items"],
                 "additionalProperties":false}"""));
    }

    @Test
    void aTypeInsideItselfEndsAsAnyObject() {
        assertThat(schema(Node.class)).isEqualTo(json("""
                {"type":"object",
                 "properties":{
                   "name":{"type":"string"},
                   "children":{"type":"array","items":{"type":"object"}}},
                 "required":["name","children"],
                 "additionalProperties":false}"""));
    }

    @Test
    void typesWithoutAJsonFormAreRefusedWithWhere() {
        assertThatThrownBy(() -> schema(Runnable.class)).hasMessageContaining("java.lang.Runnable cannot be");
        assertThatThrownBy(() -> schema(Thread.class)).hasMessageContaining("java.lang.Thread cannot be");
        assertThatThrownBy(() -> schema(Empty.class)).hasMessageContaining("no public fields or setters");
        assertThatThrownBy(() -> schema(Inner.class)).hasMessageContaining("make it static");
        assertThatThrownBy(() -> schema(new TypeReference<List<Page<Runnable>>>() {}.getType()))
                .hasMessageContaining("(at [].items[])");
        assertThatThrownBy(() -> schema(Renamed.class)).hasMessageContaining("@JsonProperty");
    }

    public record ApiPoint(
            @dev.marble.api.Param("across") int x,

            @dev.marble.api.Param(value = "up", required = false)
            Integer y) {}

    @Test
    void theLibraryApisParamDescribesPropertiesToo() {
        assertThat(schema(ApiPoint.class)).isEqualTo(Json.parse("""
                {"type":"object",
                 "properties":{"x":{"type":"integer","description":"across"},
                               "y":{"type":"integer","description":"up"}},
                 "required":["x"],"additionalProperties":false}"""));
    }
}
