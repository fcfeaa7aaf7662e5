package dev.marble.tool.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.json.Json;
import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.TestContext;
import dev.marble.tool.ToolResult;
import dev.marble.tool.annotation.Param;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionToolTest {

    public record Pair(
            @Param("first") int a, @Param("second") int b) {}

    private static final TestContext CONTEXT = TestContext.of("run-3");

    @Test
    void aFunctionWithAHandWrittenSchemaIsAToolThatIsAskedAbout() throws Exception {
        var schema = JsonSchemas.object().string("city", "the city").build();
        FunctionTool weather = FunctionTool.of(
                "weather",
                "Weather in a city",
                schema,
                arguments -> "sunny in " + arguments.path("city").asString());

        assertThat(weather.spec().name()).isEqualTo("weather");
        assertThat(weather.spec().description()).isEqualTo("Weather in a city");
        assertThat(weather.spec().inputSchema()).isEqualTo(schema);
        assertThat(weather.approvalDefault()).isEqualTo(ApprovalDefault.ASK);
        assertThat(weather.preApproved().approvalDefault()).isEqualTo(ApprovalDefault.ALLOW);
        assertThat(weather.call(Json.parse("{\"city\":\"Oslo\"}"), CONTEXT).content())
                .isEqualTo("sunny in Oslo");
    }

    @Test
    void resultsAreShownAsAToolMethodsAre() throws Exception {
        var schema = JsonSchemas.object().build();
        assertThat(FunctionTool.of("n", "", schema, arguments -> null).call(Json.object(), CONTEXT))
                .isEqualTo(ToolResult.ok("done"));
        assertThat(FunctionTool.of("m", "", schema, arguments -> Map.of("k", List.of(1)))
                        .call(Json.object(), CONTEXT))
                .isEqualTo(ToolResult.ok("{\"k\":[1]}"));
        assertThat(FunctionTool.of("e", "", schema, arguments -> ToolResult.error("no"))
                        .call(Json.object(), CONTEXT))
                .isEqualTo(ToolResult.error("no"));
        assertThat(FunctionTool.of("c", "", schema, (arguments, context) -> context.runId())
                        .call(Json.object(), CONTEXT))
                .isEqualTo(ToolResult.ok("run-3"));
        FunctionTool failing = FunctionTool.of("f", "", schema, arguments -> {
            throw new IOException("disk on fire");
        });
        assertThatThrownBy(() -> failing.call(Json.object(), CONTEXT)).isInstanceOf(IOException.class);
    }

    @Test
    void aTypedFunctionGetsItsSchemaFromTheTypeAndItsArgumentsAsAValue() throws Exception {
        FunctionTool add = FunctionTool.of("add", "Adds two numbers", Pair.class, pair -> pair.a() + pair.b());

        assertThat(add.spec().inputSchema()).isEqualTo(TypeSchemas.of(Pair.class));
        assertThat(add.spec()
                        .inputSchema()
                        .path("properties")
                        .path("a")
                        .path("description")
                        .asString())
                .isEqualTo("first");
        assertThat(add.call(Json.parse("{\"a\":2,\"b\":3}"), CONTEXT).content()).isEqualTo("5");
        assertThat(add.call(Json.parse("{\"a\":\"two\",\"b\":3}"), CONTEXT).isError())
                .isTrue();
    }

    @Test
    void aNameTheProvidersRefuseOrASchemaThatIsNoObjectIsRefusedAtOnce() {
        var schema = JsonSchemas.object().build();
        assertThatThrownBy(() -> FunctionTool.of("read note", "", schema, arguments -> ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'read note'");
        assertThatThrownBy(() -> FunctionTool.of("x", "", Json.parse("{\"type\":\"string\"}"), arguments -> ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type \"object\"");
    }
}
