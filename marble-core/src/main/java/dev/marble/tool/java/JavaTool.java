package dev.marble.tool.java;

import static dev.marble.json.Json.mapper;

import dev.marble.error.UsageException;
import dev.marble.json.Json;
import dev.marble.model.ToolSpec;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import dev.marble.tool.annotation.ToolAnnotations;
import dev.marble.tool.annotation.ToolAnnotations.ParamMark;
import dev.marble.tool.annotation.ToolAnnotations.ToolMark;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One {@code @Tool} method as a {@link Tool}: its schema from its parameters, a call as an invocation. */
final class JavaTool implements Tool {

    /** What the providers accept as a function name. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ToolSpec spec;
    private final Method method;
    private final Object target;
    private final List<ToolParameter> parameters;
    private final ApprovalDefault approval;

    private JavaTool(
            ToolSpec spec, Method method, Object target, List<ToolParameter> parameters, ApprovalDefault approval) {
        this.spec = spec;
        this.method = method;
        this.target = target;
        this.parameters = parameters;
        this.approval = approval;
    }

    /**
     * Reads a method's annotations and parameters; {@code source} names the class for messages
     * ("Tools.java"). An instance method needs {@link #on(Object)} before it can be called.
     */
    static JavaTool of(Method method, String source) {
        ToolMark annotation = mark(method);
        String name = nameOf(method);
        String where = source + ": " + describe(method);
        if (!NAME.matcher(name).matches()) {
            throw new UsageException(where + ": tool name '" + name
                    + "' must be 1 to 64 letters, digits, _ or -; set one with @Tool(name = \"...\")");
        }
        ObjectNode properties = Json.object();
        ArrayNode required = Json.array();
        List<ToolParameter> parameters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Parameter[] declared = method.getParameters();
        for (int index = 0; index < declared.length; index++) {
            Parameter parameter = declared[index];
            if (parameter.getType() == ToolContext.class) {
                parameters.add(ToolParameter.context());
                continue;
            }
            ParamMark param = ToolAnnotations.param(parameter).orElse(null);
            String argument = argumentName(parameter, index, param, where);
            if (!names.add(argument)) {
                throw new UsageException(where + ": two parameters are named '" + argument + "'");
            }
            ObjectNode schema;
            try {
                schema = TypeSchemas.of(parameter.getParameterizedType());
            } catch (IllegalArgumentException e) {
                throw new UsageException(where + ": parameter '" + argument + "': " + e.getMessage(), e);
            }
            if (param != null && !param.description().isBlank()) schema.put("description", param.description());
            boolean isRequired =
                    (param == null || param.required()) && !TypeSchemas.isOptional(parameter.getParameterizedType());
            properties.set(argument, schema);
            if (isRequired) required.add(argument);
            parameters.add(
                    new ToolParameter(argument, mapper().constructType(parameter.getParameterizedType()), isRequired));
        }
        ObjectNode schema = Json.object().put("type", "object");
        schema.set("properties", properties);
        if (!required.isEmpty()) schema.set("required", required);
        schema.put("additionalProperties", false);
        ApprovalDefault approval = annotation.preApproved() ? ApprovalDefault.ALLOW : ApprovalDefault.ASK;
        return new JavaTool(
                new ToolSpec(name, annotation.description(), schema), method, null, List.copyOf(parameters), approval);
    }

    /** This tool, called on {@code instance}; a static method ignores it. */
    JavaTool on(Object instance) {
        Object target = Modifier.isStatic(method.getModifiers()) ? null : instance;
        return new JavaTool(spec, method, target, parameters, approval);
    }

    /** The tool's name: as {@code @Tool(name)} says, else the method's. */
    static String nameOf(Method method) {
        String name = mark(method).name();
        return name.isEmpty() ? method.getName() : name;
    }

    private static ToolMark mark(Method method) {
        return ToolAnnotations.tool(method)
                .orElseThrow(() -> new IllegalArgumentException(describe(method) + " has no @Tool"));
    }

    /** "add(int, int)", to tell overloads apart in messages. */
    static String describe(Method method) {
        List<String> types = new ArrayList<>();
        for (Class<?> type : method.getParameterTypes()) types.add(type.getSimpleName());
        return method.getName() + "(" + String.join(", ", types) + ")";
    }

    private static String argumentName(Parameter parameter, int index, ParamMark param, String where) {
        if (param != null && !param.name().isEmpty()) return param.name();
        if (parameter.isNamePresent()) return parameter.getName();
        // Without -parameters javac keeps no names, and arg0 would tell the model nothing.
        throw new UsageException(where + ": parameter " + (index + 1) + " ("
                + parameter.getType().getSimpleName()
                + ") has no name: compile the class with -parameters, or name it with @Param(name = \"...\")");
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
        Object[] values = new Object[parameters.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = parameters.get(i).valueFrom(arguments, context);
            } catch (IllegalArgumentException e) {
                return ToolResult.error(e.getMessage());
            }
        }
        Object result;
        try {
            result = method.invoke(target, values);
        } catch (InvocationTargetException e) {
            // The method's own exception (InterruptedException included), not reflection's wrapper.
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) throw exception;
            if (cause instanceof Error error) throw error;
            throw e;
        }
        return resultOf(result);
    }

    /** What the model is shown of a tool's return value (a void method returns null). */
    static ToolResult resultOf(Object value) {
        if (value == null) return ToolResult.ok("done");
        if (value instanceof ToolResult result) return result;
        if (value instanceof String text) return ToolResult.ok(text);
        return ToolResult.ok(mapper().writeValueAsString(value));
    }
}
