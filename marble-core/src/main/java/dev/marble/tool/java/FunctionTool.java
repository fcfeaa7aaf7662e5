package dev.marble.tool.java;

import static dev.marble.json.Json.mapper;

import dev.marble.json.JsonSchemas;
import dev.marble.model.ToolSpec;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A one-off tool: a name, a description, a schema of its arguments and a function, for a tool too small for a
 * class of its own. The function's result is shown to the model as a {@code @Tool} method's is: a String as it
 * is, null as "done", a {@link ToolResult} as it is, anything else as JSON; what it throws becomes an error result.
 * Its calls are asked about like any tool that may write or reach outside, unless {@link #preApproved()} says it
 * reads and changes nothing; approval rules and approvers decide as for every other tool.
 *
 * <pre>{@code
 * Tool weather = FunctionTool.of("weather", "Today's weather in a city",
 *         JsonSchemas.object().string("city", "the city's name").build(),
 *         arguments -> forecasts.today(arguments.path("city").asString()));
 * Tool sum = FunctionTool.of("add", "Adds two numbers", Pair.class, pair -> pair.a() + pair.b());
 * }</pre>
 */
public final class FunctionTool implements Tool {

    /** The tool's work, given the model's arguments (already checked against the schema). */
    @FunctionalInterface
    public interface Body {
        Object call(JsonNode arguments) throws Exception;
    }

    /** The tool's work, given the model's arguments and the call's context (its workspace, its run). */
    @FunctionalInterface
    public interface ContextBody {
        Object call(JsonNode arguments, ToolContext context) throws Exception;
    }

    /** The tool's work, given the model's arguments as a value of its own type. */
    @FunctionalInterface
    public interface TypedBody<T> {
        Object call(T arguments) throws Exception;
    }

    private final ToolSpec spec;
    private final ContextBody body;
    private final ApprovalDefault approval;

    private FunctionTool(ToolSpec spec, ContextBody body, ApprovalDefault approval) {
        this.spec = spec;
        this.body = body;
        this.approval = approval;
    }

    /**
     * A tool whose arguments {@code schema} describes (see {@link JsonSchemas#object()}).
     *
     * @throws IllegalArgumentException for a name the providers do not accept or a schema that is no JSON object
     *     schema
     */
    public static FunctionTool of(String name, String description, JsonNode schema, Body body) {
        Objects.requireNonNull(body, "body");
        return of(name, description, schema, (arguments, context) -> body.call(arguments));
    }

    /** As {@link #of(String, String, JsonNode, Body)}, for a function that needs the call's context. */
    public static FunctionTool of(String name, String description, JsonNode schema, ContextBody body) {
        return new FunctionTool(
                spec(name, description, schema), Objects.requireNonNull(body, "body"), ApprovalDefault.ASK);
    }

    /**
     * A tool whose arguments are a value of {@code type} (a record, say): its schema is derived as for a
     * {@code @Tool} method's parameter, and the model's arguments are converted to it before {@code body} runs.
     *
     * @throws IllegalArgumentException when no JSON value can stand for {@code type}
     */
    public static <T> FunctionTool of(String name, String description, Class<T> type, TypedBody<T> body) {
        Objects.requireNonNull(body, "body");
        JsonNode schema = TypeSchemas.of(type);
        return of(name, description, schema, (arguments, context) -> {
            T value;
            try {
                value = mapper().convertValue(arguments, type);
            } catch (JacksonException | IllegalArgumentException e) {
                return ToolResult.error("the arguments do not fit " + type.getSimpleName() + ": " + e.getMessage());
            }
            return body.call(value);
        });
    }

    private static ToolSpec spec(String name, String description, JsonNode schema) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        if (!JavaTool.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name '" + name + "' must be 1 to 64 letters, digits, _ or -");
        }
        if (!schema.isObject() || !"object".equals(schema.path("type").asString("")) || !JsonSchemas.readable(schema)) {
            throw new IllegalArgumentException(name + ": the arguments' schema must be a JSON schema of type"
                    + " \"object\" (see JsonSchemas.object()), not " + schema);
        }
        return new ToolSpec(name, description, schema);
    }

    /** This tool, allowed to run without asking when no approval rule matches: only for tools that change nothing. */
    public FunctionTool preApproved() {
        return new FunctionTool(spec, body, ApprovalDefault.ALLOW);
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ApprovalDefault approvalDefault() {
        return approval;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws Exception {
        return JavaTool.resultOf(body.call(arguments, context));
    }
}
