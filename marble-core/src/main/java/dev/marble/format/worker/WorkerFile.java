package dev.marble.format.worker;

import dev.marble.config.ConfigText;
import dev.marble.config.ConfigWarning;
import dev.marble.config.LocatedDocument;
import dev.marble.config.ShapeValidator;
import dev.marble.error.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads llm-do's {@code .worker} files: YAML front matter between {@code ---} lines, then the
 * instructions. A mistake is a {@link ConfigException} naming file, line, column and field; keys
 * Marble does not know are warnings with a "did you mean" where one is near.
 */
public final class WorkerFile {

    /** Providers accept tool names of this form, and a worker is a tool of the workers that call it. */
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private WorkerFile() {}

    public static WorkerDefinition load(Path file) {
        return load(file, SetOverrides.NONE);
    }

    /** Loads {@code file} with {@code overrides} applied to its front matter first, as llm-do did for its entry worker.
     * */
    public static WorkerDefinition load(Path file, SetOverrides overrides) {
        Path absolute = file.toAbsolutePath().normalize();
        FrontMatter frontMatter = FrontMatter.split(absolute, ConfigText.read(absolute));
        LocatedDocument parsed = FrontMatterDocument.parse(absolute, frontMatter);
        ObjectNode root = normalize(overrides.applyTo((ObjectNode) parsed.root()));
        LocatedDocument document = new LocatedDocument(
                absolute, root, forget(parsed.values(), overrides), forget(parsed.keys(), overrides));
        try {
            return build(document, frontMatter.body());
        } catch (ConfigException e) {
            String field = e.location().field();
            if (field == null || !overrides.touches(field)) throw e;
            throw new ConfigException(e.location(), FrontMatterDocument.problem(e) + " (set by --set)", e);
        }
    }

    private static WorkerDefinition build(LocatedDocument document, String instructions) {
        JsonNode root = document.root();
        List<String> toolsetNames = root.has("toolsets") && root.get("toolsets").isObject()
                ? List.copyOf(root.get("toolsets").propertyNames())
                : List.of();
        List<ConfigWarning> warnings =
                new ArrayList<>(ShapeValidator.validate(document, WorkerSchema.frontMatter(toolsetNames)));

        String name = root.get("name").stringValue();
        if (!TOOL_NAME.matcher(name).matches()) {
            throw new ConfigException(
                    document.valueAt(JsonPointer.compile("/name"), "name"),
                    "expected a name usable as a tool name (letters, digits, _ and -, at most 64), got "
                            + ShapeValidator.describe(root.get("name")));
        }
        List<ToolsetRef> toolsets = new ArrayList<>();
        for (String toolset : toolsetNames) {
            toolsets.add(ToolsetReader.read(document, toolset, warnings));
        }
        return new WorkerDefinition(
                document.file(),
                name,
                text(root, "description"),
                text(root, "model"),
                instructions,
                toolsets,
                serverSideTools(root.get("server_side_tools")),
                warnings);
    }

    /** llm-do read an empty value ({@code model:}) as absent and an empty toolset entry ({@code shell:}) as {@code {}}.
     * */
    private static ObjectNode normalize(ObjectNode root) {
        List<String> empty = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (entry.getValue().isNull()) empty.add(entry.getKey());
        }
        root.remove(empty);
        if (root.get("toolsets") instanceof ObjectNode toolsets) {
            Map<String, JsonNode> filled = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : toolsets.properties()) {
                filled.put(entry.getKey(), entry.getValue().isNull() ? root.objectNode() : entry.getValue());
            }
            filled.forEach(toolsets::set);
        }
        return root;
    }

    /** Positions of values an override replaced would point at the old text; without them, errors name the field only.
     * */
    private static Map<JsonPointer, LocatedDocument.Position> forget(
            Map<JsonPointer, LocatedDocument.Position> positions, SetOverrides overrides) {
        if (overrides.isEmpty()) return positions;
        Map<JsonPointer, LocatedDocument.Position> kept = new HashMap<>(positions);
        for (SetOverrides.Override override : overrides.overrides()) {
            JsonPointer written = JsonPointer.empty();
            for (String part : override.path()) written = written.appendProperty(part);
            String prefix = written.toString();
            kept.keySet()
                    .removeIf(p -> p.toString().equals(prefix) || p.toString().startsWith(prefix + "/"));
        }
        return kept;
    }

    private static List<ServerSideTool> serverSideTools(JsonNode list) {
        if (list == null) return List.of();
        List<ServerSideTool> tools = new ArrayList<>();
        for (JsonNode tool : list) {
            tools.add(new ServerSideTool(
                    tool.get("tool_type").stringValue(),
                    tool.has("max_uses") ? tool.get("max_uses").intValue() : null,
                    texts(tool.get("allowed_domains")),
                    texts(tool.get("blocked_domains"))));
        }
        return tools;
    }

    private static List<String> texts(JsonNode list) {
        if (list == null) return List.of();
        List<String> texts = new ArrayList<>();
        list.forEach(item -> texts.add(item.stringValue()));
        return texts;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null ? null : node.stringValue();
    }
}
