package dev.marble.tool;

import dev.marble.model.ToolSpec;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool under another name or with other argument names, as prompts written for llm-loop call Marble's tools
 * ({@code run_shell_command(command)} for {@code run_command}, {@code write_file(file_path, ...)} for
 * {@code write_file(path, ...)}). The approval gate judges a call of an alias as the call of the tool it stands for
 * ({@link #target()} with {@link #translate translated} arguments), so an alias can do nothing that tool's rules
 * refuse: the same allow, ask and deny rules, the same protected files, the same shell hard blocks.
 */
public final class ToolAlias implements Tool {

    private final ToolSpec spec;
    private final Tool target;
    private final Tool implementation;
    /** The alias's argument name to the target's. */
    private final Map<String, String> renames;

    private ToolAlias(ToolSpec spec, Tool target, Tool implementation, Map<String, String> renames) {
        this.spec = spec;
        this.target = target;
        this.implementation = implementation;
        this.renames = Map.copyOf(renames);
    }

    /** {@code target} under {@code name}, taking {@code renames}' argument names instead of its own. */
    public static ToolAlias renamed(String name, String description, Tool target, Map<String, String> renames) {
        return new ToolAlias(
                new ToolSpec(name, description, schema(target.spec().inputSchema(), renames, false)),
                target,
                target,
                renames);
    }

    /** {@code target} under its own name, taking {@code renames}' argument names as well as its own. */
    public static ToolAlias widened(Tool target, Map<String, String> renames) {
        ToolSpec own = target.spec();
        String also = String.join(", ", renames.keySet());
        return new ToolAlias(
                new ToolSpec(
                        own.name(),
                        own.description() + " (" + also + " is taken for " + String.join(", ", renames.values())
                                + ", as llm-loop named it.)",
                        schema(own.inputSchema(), renames, true)),
                target,
                target,
                renames);
    }

    /**
     * {@code implementation}, which does less than {@code target} (tells whether a file exists, where the target
     * reads it), judged by the gate as a call of {@code target}; it takes {@code renames}' argument names too.
     */
    public static ToolAlias judgedAs(Tool implementation, Tool target, Map<String, String> renames) {
        ToolSpec own = implementation.spec();
        return new ToolAlias(
                new ToolSpec(own.name(), own.description(), schema(own.inputSchema(), renames, true)),
                target,
                implementation,
                renames);
    }

    /**
     * {@code target} as a program's tool configuration shows it (LLMProc's ToolConfig): under {@code name}, with
     * {@code description} (null: its own) and other descriptions of some parameters; its arguments unchanged.
     */
    public static ToolAlias configured(
            Tool target, String name, String description, Map<String, String> parameterDescriptions) {
        ToolSpec own = target.spec();
        ObjectNode schema = ((ObjectNode) own.inputSchema()).deepCopy();
        JsonNode properties = schema.path("properties");
        parameterDescriptions.forEach((parameter, text) -> {
            if (properties.get(parameter) instanceof ObjectNode property) property.put("description", text);
        });
        return new ToolAlias(
                new ToolSpec(name, description == null ? own.description() : description, schema),
                target,
                target,
                Map.of());
    }

    /** The tool the approval gate judges a call of this alias as. */
    public Tool target() {
        return target;
    }

    /** The arguments with the alias's names replaced by the target's; a target's own name wins over an alias's. */
    public JsonNode translate(JsonNode arguments) {
        if (!(arguments instanceof ObjectNode object)) return arguments;
        ObjectNode out = object.deepCopy();
        renames.forEach((alias, own) -> {
            JsonNode value = out.remove(alias);
            if (value != null && !out.has(own)) out.set(own, value);
        });
        return out;
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws Exception {
        return implementation.call(translate(arguments), context);
    }

    @Override
    public boolean needsMessageIds() {
        return implementation.needsMessageIds();
    }

    @Override
    public ApprovalDefault approvalDefault() {
        return target.approvalDefault();
    }

    @Override
    public String approvalSubject(JsonNode arguments, Path workspace) {
        return target.approvalSubject(translate(arguments), workspace);
    }

    /**
     * The schema with each renamed property also (or only) under its alias name. A property that may now come under
     * either name is no longer required by the schema: the tool itself says when neither is there.
     */
    private static JsonNode schema(JsonNode original, Map<String, String> renames, boolean keepOwnNames) {
        ObjectNode schema = ((ObjectNode) original).deepCopy();
        ObjectNode properties = (ObjectNode) schema.path("properties");
        JsonNode required = schema.path("required");
        ArrayNode newRequired = schema.arrayNode();
        ObjectNode newProperties = schema.objectNode();
        properties.forEachEntry((own, property) -> {
            String alias = aliasOf(renames, own);
            if (alias == null || keepOwnNames) newProperties.set(own, property);
            if (alias != null) newProperties.set(alias, property);
        });
        for (JsonNode name : required) {
            String alias = aliasOf(renames, name.asString());
            if (alias == null) newRequired.add(name);
            else if (!keepOwnNames) newRequired.add(alias);
        }
        schema.set("properties", newProperties);
        if (schema.has("required")) schema.set("required", newRequired);
        return schema;
    }

    private static String aliasOf(Map<String, String> renames, String own) {
        return renames.entrySet().stream()
                .filter(e -> e.getValue().equals(own))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }
}
