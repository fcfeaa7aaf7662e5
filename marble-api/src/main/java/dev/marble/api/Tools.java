package dev.marble.api;

import dev.marble.tool.Toolset;
import dev.marble.tool.builtin.BuiltinToolsets;
import dev.marble.tool.java.FunctionTool;
import dev.marble.tool.java.JavaToolset;
import tools.jackson.databind.JsonNode;

/**
 * Tools for an agent: one-off tools from a function, the {@link Tool} methods of an object, and Marble's own file and
 * shell tools. Every call of every tool passes the same approval rules and approver.
 * <pre>{@code
 * var weather = Tools.of("weather", "Today's weather in a city",
 *         JsonSchema.object().string("city", "the city").build(),
 *         arguments -> forecasts.today(arguments.path("city").asString()));
 * Agent.builder("helper").tool(weather).toolsets(Tools.files()).tools(new Calendar(database))
 * }</pre>
 */
public final class Tools {

    private Tools() {}

    /**
     * A tool from a function of the model's arguments (checked against {@code schema} before it runs). Its result is
     * shown as a {@link Tool} method's: a String as it is, null as "done", anything else as JSON; what it throws
     * becomes an error the model sees. Asked about like any tool that may write, unless {@code .preApproved()}.
     */
    public static FunctionTool of(String name, String description, JsonNode schema, FunctionTool.Body body) {
        return FunctionTool.of(name, description, schema, body);
    }

    /** As {@link #of(String, String, JsonNode, FunctionTool.Body)}, for a function that needs the call's context. */
    public static FunctionTool of(String name, String description, JsonNode schema, FunctionTool.ContextBody body) {
        return FunctionTool.of(name, description, schema, body);
    }

    /** A tool whose arguments are a value of {@code type} (a record, say), its schema derived from the type. */
    public static <T> FunctionTool of(String name, String description, Class<T> type, FunctionTool.TypedBody<T> body) {
        return FunctionTool.of(name, description, type, body);
    }

    /** The {@link Tool} methods of {@code instance}, called on it; the object stays yours to close. */
    public static Toolset from(Object instance) {
        return JavaToolset.of(instance);
    }

    /** Marble's file tools (read, list, glob, grep, write, edit, make directories, delete), in the workspace. */
    public static Toolset files() {
        return BuiltinToolsets.files();
    }

    /** Marble's shell tool ({@code run_command}), in the workspace and the configured sandbox. */
    public static Toolset shell() {
        return BuiltinToolsets.shell();
    }
}
