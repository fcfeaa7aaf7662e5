package dev.marble.format.program;

import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunLimits;
import dev.marble.config.ConfigWarning;
import dev.marble.config.LocatedDocument;
import dev.marble.config.LocatedDocumentReader;
import dev.marble.config.ShapeValidator;
import dev.marble.config.TomlDocumentReader;
import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import dev.marble.model.ChatOptions;
import dev.marble.model.ModelRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one program file (SEEDS-SPEC 3.1). Wrong values are {@link ConfigException}s at their line
 * and column; what LLMProc merely warned about (unknown sections and parameters, missing preload
 * files, a missing MCP servers file) is a {@link ConfigWarning}. Paths are relative to the file.
 */
final class ProgramReader {

    /**
     * LLMProc ran up to 10 model calls per {@code run()} and ended on the model's own end of turn,
     * not on a marker in its text.
     */
    static final RunLimits LIMITS = RunLimits.DEFAULTS.withMaxTurns(10).withCompletionMarker(null);

    private final LocatedDocument document;
    private final Path directory;
    private final List<ConfigWarning> warnings = new ArrayList<>();

    private ProgramReader(LocatedDocument document) {
        this.document = document;
        this.directory = document.file().getParent();
    }

    static ProgramFile read(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        LocatedDocument document = isYaml(absolute)
                ? LocatedDocumentReader.read(absolute, LocatedDocumentReader.Format.YAML)
                : TomlDocumentReader.read(absolute);
        return new ProgramReader(document).read();
    }

    /** Whether a program file is YAML (LLMProc v0.9's {@code from_yaml}) rather than TOML, by its name. */
    static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private ProgramFile read() {
        warnings.addAll(ShapeValidator.validate(forValidation(), ProgramSchema.ROOT));
        JsonNode root = document.root();

        JsonNode model = root.get("model");
        String modelName = model.get("name").asString();
        String provider = model.get("provider").asString();
        requireNonBlank(modelName, "/model/name", "model.name", "a model name");
        requireNonBlank(provider, "/model/provider", "model.provider", "a provider name such as openai or anthropic");
        if (provider.contains(":")) {
            throw error(
                    "/model/provider",
                    "model.provider",
                    "expected a provider name without \":\", got \"" + provider + "\"");
        }
        String displayName = text(model, "display_name", null);
        String stem = stem(document.file());

        JsonNode prompt = root.get("prompt");
        String systemPrompt = systemPrompt(prompt);
        Preload preload = preload(root.get("preload"));
        JsonNode parameters = root.get("parameters");
        RunLimits limits = model.has("max_iterations")
                ? LIMITS.withMaxTurns(model.get("max_iterations").intValue())
                : LIMITS;
        CloudSettings cloud =
                new CloudSettings(cloudValue(model, parameters, "project_id"), cloudValue(model, parameters, "region"));
        AgentSpec agent = new AgentSpec(
                displayName == null ? stem : displayName,
                new ModelRef(provider, modelName, cloud.providerSettings()),
                List.of(),
                preload.appendTo(systemPrompt),
                options(parameters),
                limits);
        boolean debugTools =
                parameters != null && parameters.path("debug_tools").asBoolean(false);

        List<ProgramFile.Link> links = links(root.get("linked_programs"));
        List<ToolConfig> tools = builtinTools(root.get("tools"), !links.isEmpty());
        return new ProgramFile(
                agent.name(),
                displayName == null ? defaultDisplayName(provider, modelName) : displayName,
                document.file(),
                agent,
                systemPrompt,
                preload,
                mcp(root.get("mcp"), root.path("tools").get("mcp")),
                tools,
                debugTools,
                links,
                new ProgramFile.Later(oneOf(prompt, "user", "user_prompt", null), demo(root.get("demo")), cloud),
                warnings);
    }

    /** The tree the schema checks: entries that may be a string or a table are checked by hand. */
    private LocatedDocument forValidation() {
        ObjectNode copy = (ObjectNode) document.root().deepCopy();
        if (copy.path("linked_programs").isObject()) copy.putObject("linked_programs");
        for (String section : List.of("mcp", "tools")) {
            if (!copy.path(section).isObject()) continue;
            ObjectNode table = (ObjectNode) copy.get(section);
            for (String key : List.of("tools", "servers", "mcp")) {
                if (table.path(key).isObject()) table.putObject(key);
            }
        }
        return new LocatedDocument(document.file(), copy, document.values(), document.keys());
    }

    private String systemPrompt(JsonNode prompt) {
        if (prompt == null) return "";
        JsonNode file = prompt.get("system_prompt_file");
        if (file != null) {
            Path path = directory.resolve(file.asString()).normalize();
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw error(
                        "/prompt/system_prompt_file",
                        "prompt.system_prompt_file",
                        "cannot read the system prompt file " + path
                                + (Files.exists(path) ? ": " + e.getMessage() : ": not found"));
            }
        }
        return oneOf(prompt, "system", "system_prompt", "");
    }

    /**
     * {@code [model] project_id} or {@code region}, else the same key under {@code [parameters]}, where LLMProc's
     * Vertex code looked for them; two different values are a mistake, not a choice.
     */
    private String cloudValue(JsonNode model, JsonNode parameters, String key) {
        String own = text(model, key, null);
        String parameter = parameters == null ? null : text(parameters, key, null);
        if (own != null && parameter != null && !own.equals(parameter)) {
            throw error(
                    "/parameters/" + key,
                    "parameters." + key,
                    "expected the same value as model." + key + " (\"" + own + "\") or none, got \"" + parameter
                            + "\"");
        }
        return own != null ? own : parameter;
    }

    /** A value v0.9 let a file give under either of two names; both at once is a mistake, not a choice. */
    private String oneOf(JsonNode table, String name, String other, String fallback) {
        if (table == null) return fallback;
        if (table.has(name) && table.has(other)) {
            throw error(
                    "/prompt/" + other,
                    "prompt." + other,
                    "expected one of prompt." + name + " and prompt." + other + ", not both");
        }
        return table.has(name) ? table.get(name).asString() : text(table, other, fallback);
    }

    private Preload preload(JsonNode section) {
        JsonNode files = section == null ? null : section.get("files");
        if (files == null) return Preload.NONE;
        // v0.9's relative_to = "cwd": the files are where the program is run from, not where it is kept.
        Path base = section.path("relative_to").asString("program").equals("cwd")
                ? Path.of("").toAbsolutePath()
                : directory;
        List<PreloadedFile> read = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path path = base.resolve(files.get(i).asString()).normalize();
            SourceLocation at =
                    document.valueAt(JsonPointer.compile("/preload/files/" + i), "preload.files[" + i + "]");
            if (!Files.isRegularFile(path)) {
                warnings.add(new ConfigWarning(at, "preload file " + path + " does not exist; skipped"));
                continue;
            }
            try {
                read.add(new PreloadedFile(path, Files.readString(path, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                warnings.add(new ConfigWarning(
                        at, "cannot read preload file " + path + " (" + e.getMessage() + "); skipped"));
            }
        }
        return new Preload(read);
    }

    /** Named parameters become options; the penalties and top_k travel in {@code extra}, as providers send them. */
    private ChatOptions options(JsonNode parameters) {
        ChatOptions.Builder options = ChatOptions.builder();
        if (parameters == null) return options.build();
        if (parameters.has("temperature"))
            options.temperature(parameters.get("temperature").asDouble());
        if (parameters.has("top_p")) options.topP(parameters.get("top_p").asDouble());
        if (parameters.has("max_tokens")) {
            JsonNode value = parameters.get("max_tokens");
            if (!value.canConvertToInt()) {
                throw error(
                        "/parameters/max_tokens",
                        "parameters.max_tokens",
                        "expected a whole number up to " + Integer.MAX_VALUE + ", got " + value);
            }
            options.maxTokens(value.intValue());
        }
        for (String extra : List.of("top_k", "frequency_penalty", "presence_penalty")) {
            if (parameters.has(extra)) options.extra(extra, parameters.get(extra));
        }
        return options.build();
    }

    /**
     * The MCP servers ({@code [mcp] config_path} and/or {@code [mcp.servers]}) and what is taken from each: the
     * seed era's {@code [mcp.tools]} and v0.9's {@code [tools.mcp]} together, a server selected in both being a
     * mistake.
     */
    private McpSettings mcp(JsonNode mcp, JsonNode toolsMcp) {
        Map<String, ToolSelection> selections = new LinkedHashMap<>();
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        selections(mcp == null ? null : mcp.get("tools"), "/mcp/tools", "mcp.tools", selections, locations);
        selections(toolsMcp, "/tools/mcp", "tools.mcp", selections, locations);
        JsonNode configPath = mcp == null ? null : mcp.get("config_path");
        LocatedDocument inline = mcp == null ? null : inlineServers(mcp.get("servers"));
        Path path = null;
        if (configPath != null) {
            path = directory.resolve(configPath.asString()).normalize();
            if (!Files.isRegularFile(path)) {
                warnings.add(new ConfigWarning(
                        document.valueAt(JsonPointer.compile("/mcp/config_path"), "mcp.config_path"),
                        "MCP servers file " + path + " does not exist; "
                                + (inline == null ? "MCP is off" : "only [mcp.servers] are used")));
                path = null;
            }
        } else if (inline == null && !selections.isEmpty()) {
            warnings.add(new ConfigWarning(
                    locations.values().iterator().next(),
                    "MCP tools are selected but [mcp] names no servers (config_path or servers); MCP is off"));
        }
        if (path == null && inline == null) return null;
        return new McpSettings(path, inline, selections, locations);
    }

    /**
     * {@code [mcp.servers]} as an {@code mcpServers} document whose positions are the program file's, so that the
     * MCP reader's errors name the program's lines.
     */
    private LocatedDocument inlineServers(JsonNode servers) {
        if (servers == null) return null;
        ObjectNode root = ((ObjectNode) document.root()).objectNode();
        root.set("mcpServers", servers.deepCopy());
        return new LocatedDocument(document.file(), root, moved(document.values()), moved(document.keys()));
    }

    private static Map<JsonPointer, LocatedDocument.Position> moved(Map<JsonPointer, LocatedDocument.Position> all) {
        Map<JsonPointer, LocatedDocument.Position> moved = new HashMap<>();
        all.forEach((pointer, position) -> {
            String text = pointer.toString();
            if (text.startsWith("/mcp/servers")) {
                moved.put(JsonPointer.compile("/mcpServers" + text.substring("/mcp/servers".length())), position);
            }
        });
        return moved;
    }

    private void selections(
            JsonNode table,
            String pointer,
            String field,
            Map<String, ToolSelection> selections,
            Map<String, SourceLocation> locations) {
        if (table == null) return;
        for (Map.Entry<String, JsonNode> entry : table.properties()) {
            String server = entry.getKey();
            String at = pointer + "/" + escape(server);
            String name = field + "." + server;
            if (selections.containsKey(server)) {
                throw error(
                        at,
                        name,
                        "expected each MCP server selected once, but '" + server
                                + "' is selected in both [mcp.tools] and [tools.mcp]");
            }
            selections.put(server, selection(at, name, entry.getValue()));
            locations.put(server, document.valueAt(JsonPointer.compile(at), name));
        }
    }

    /** {@code "all"}, a list of names or tool tables, or (v0.9) a table of tool name to its settings. */
    private ToolSelection selection(String pointer, String field, JsonNode value) {
        if (value.isString() && value.stringValue().equals("all")) return new ToolSelection.All();
        if (value.isArray()) {
            List<ToolConfig> tools = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                tools.add(toolConfig(value.get(i), pointer + "/" + i, field + "[" + i + "]"));
            }
            return new ToolSelection.Named(tools);
        }
        if (value.isObject()) {
            List<ToolConfig> tools = new ArrayList<>();
            for (Map.Entry<String, JsonNode> tool : value.properties()) {
                String at = pointer + "/" + escape(tool.getKey());
                String name = field + "." + tool.getKey();
                if (!tool.getValue().isObject()) {
                    throw error(
                            at,
                            name,
                            "expected a table of access and description, got "
                                    + ShapeValidator.describe(tool.getValue()));
                }
                ObjectNode withName = ((ObjectNode) tool.getValue()).deepCopy();
                withName.put("name", tool.getKey());
                tools.add(toolConfig(withName, at, name));
            }
            return new ToolSelection.Named(tools);
        }
        throw error(pointer, field, "expected \"all\" or a list of tool names, got " + ShapeValidator.describe(value));
    }

    /** A tool as a name or as a table; the table's keys are checked here, as they may stand in MCP selections too. */
    private ToolConfig toolConfig(JsonNode value, String pointer, String field) {
        if (value.isString()) {
            requireNonBlank(value.stringValue(), pointer, field, "a tool name");
            return ToolConfig.named(value.stringValue());
        }
        if (!value.isObject() || !value.path("name").isString()) {
            throw error(
                    pointer,
                    field,
                    "expected a tool name or a table with name (and alias, description), got "
                            + ShapeValidator.describe(value));
        }
        Map<String, String> params = new LinkedHashMap<>();
        ToolConfig.Access access = null;
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String key = entry.getKey();
            JsonNode item = entry.getValue();
            String at = pointer + "/" + escape(key);
            String name = field + "." + key;
            switch (key) {
                case "name", "alias", "description" -> {
                    if (!item.isString())
                        throw error(at, name, "expected a string, got " + ShapeValidator.describe(item));
                    requireNonBlank(item.stringValue(), at, name, "a " + key);
                }
                case "access" -> {
                    String level = item.asString("");
                    try {
                        access = ToolConfig.Access.valueOf(level.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw error(at, name, "expected read, write or admin, got " + ShapeValidator.describe(item));
                    }
                }
                case "param_descriptions" -> {
                    if (!item.isObject()) {
                        throw error(
                                at,
                                name,
                                "expected a table of parameter name to description, got "
                                        + ShapeValidator.describe(item));
                    }
                    for (Map.Entry<String, JsonNode> param : item.properties()) {
                        if (!param.getValue().isString()) {
                            throw error(
                                    at + "/" + escape(param.getKey()),
                                    name + "." + param.getKey(),
                                    "expected a string, got " + ShapeValidator.describe(param.getValue()));
                        }
                        params.put(param.getKey(), param.getValue().stringValue());
                    }
                }
                default ->
                    warnings.add(new ConfigWarning(
                            document.keyAt(JsonPointer.compile(at), name),
                            "unknown key, ignored (a tool has name, alias, description, access, param_descriptions)"));
            }
        }
        return new ToolConfig(
                value.get("name").stringValue(),
                text(value, "alias", null),
                text(value, "description", null),
                access,
                params);
    }

    /**
     * {@code [tools] builtin} (v0.9) or {@code enabled} (seed era): known tools in file order, each exposed name
     * once. A name Marble does not know is a warning, as before: a file for a later LLMProc still loads.
     */
    private List<ToolConfig> builtinTools(JsonNode tools, boolean hasLinks) {
        if (tools == null) return List.of();
        if (tools.has("builtin") && tools.has("enabled")) {
            throw error("/tools/enabled", "tools.enabled", "expected one of tools.builtin and tools.enabled, not both");
        }
        String key = tools.has("builtin") ? "builtin" : "enabled";
        JsonNode list = tools.get(key);
        if (list == null) return List.of();
        List<ToolConfig> configs = new ArrayList<>();
        Map<String, String> exposed = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String pointer = "/tools/" + key + "/" + i;
            String field = "tools." + key + "[" + i + "]";
            ToolConfig tool = toolConfig(list.get(i), pointer, field);
            SourceLocation at = document.valueAt(JsonPointer.compile(pointer), field);
            if (!KnownTools.isKnown(tool.name())) {
                warnings.add(new ConfigWarning(at, KnownTools.unknown(tool.name())));
                continue;
            }
            if (tool.name().equals("spawn") && !hasLinks) {
                warnings.add(
                        new ConfigWarning(at, "spawn is enabled but there are no [linked_programs] for it to call"));
            }
            String before = exposed.putIfAbsent(tool.exposedName(), tool.name());
            if (before != null) {
                if (before.equals(tool.name()) && tool.equals(ToolConfig.named(tool.name()))) continue;
                throw error(
                        pointer,
                        field,
                        "expected each tool name once, but the model would see two tools named \"" + tool.exposedName()
                                + "\"; give one an alias");
            }
            configs.add(tool);
        }
        return configs;
    }

    private List<ProgramFile.Link> links(JsonNode linked) {
        if (linked == null) return List.of();
        List<ProgramFile.Link> links = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : linked.properties()) {
            String name = entry.getKey();
            String pointer = "/linked_programs/" + escape(name);
            String field = "linked_programs." + name;
            JsonNode value = entry.getValue();
            String path;
            String description = "";
            if (value.isString()) {
                path = value.stringValue();
            } else if (value.isObject() && value.path("path").isString()) {
                path = value.get("path").stringValue();
                JsonNode about = value.get("description");
                if (about != null && !about.isString()) {
                    throw error(
                            pointer + "/description",
                            field + ".description",
                            "expected a string, got " + ShapeValidator.describe(about));
                }
                description = about == null ? "" : about.stringValue();
                for (String key : value.propertyNames()) {
                    if (!key.equals("path") && !key.equals("description")) {
                        warnings.add(new ConfigWarning(
                                document.keyAt(JsonPointer.compile(pointer + "/" + key), field + "." + key),
                                "unknown key, ignored (a linked program has path and description)"));
                    }
                }
            } else {
                // LLMProc's own claude_code.toml wrote `enabled = [...]` here and failed at construction.
                throw error(
                        pointer,
                        field,
                        "expected the path of a program file, or a table with path and description, got "
                                + ShapeValidator.describe(value));
            }
            requireNonBlank(path, pointer, field, "the path of a program file");
            links.add(new ProgramFile.Link(
                    name,
                    directory.resolve(path).normalize(),
                    description,
                    document.valueAt(JsonPointer.compile(pointer), field)));
        }
        return links;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** {@code [demo]}: prompts run one after another, as v0.9's {@code llmproc-demo} ran them. */
    private static Demo demo(JsonNode demo) {
        if (demo == null) return Demo.NONE;
        List<String> prompts = new ArrayList<>();
        demo.path("prompts").forEach(prompt -> prompts.add(prompt.asString()));
        return new Demo(prompts, demo.path("pause_between_prompts").asBoolean(true), text(demo, "display_name", null));
    }

    private void requireNonBlank(String value, String pointer, String field, String expected) {
        if (value.isBlank()) throw error(pointer, field, "expected " + expected + ", got an empty string");
    }

    private ConfigException error(String pointer, String field, String problem) {
        return new ConfigException(document.valueAt(JsonPointer.compile(pointer), field), problem);
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode value = node.get(key);
        return value == null ? fallback : value.asString();
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        for (String extension : List.of(".toml", ".yaml", ".yml")) {
            if (name.endsWith(extension)) return name.substring(0, name.length() - extension.length());
        }
        return name;
    }

    /** LLMProc's default: the provider title-cased as Python's {@code str.title()} does it, then the model. */
    static String defaultDisplayName(String provider, String model) {
        StringBuilder title = new StringBuilder();
        boolean startOfWord = true;
        for (char c : provider.toCharArray()) {
            title.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
            startOfWord = !Character.isLetter(c);
        }
        return title + " " + model;
    }
}
