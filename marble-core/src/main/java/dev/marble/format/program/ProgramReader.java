package dev.marble.format.program;

import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunLimits;
import dev.marble.config.ConfigWarning;
import dev.marble.config.LocatedDocument;
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
import java.util.LinkedHashMap;
import java.util.List;
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
        return new ProgramReader(TomlDocumentReader.read(absolute)).read();
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

        String systemPrompt = systemPrompt(root.get("prompt"));
        Preload preload = preload(root.path("preload").get("files"));
        JsonNode parameters = root.get("parameters");
        AgentSpec agent = new AgentSpec(
                displayName == null ? stem : displayName,
                new ModelRef(provider, modelName),
                List.of(),
                preload.appendTo(systemPrompt),
                options(parameters),
                LIMITS);
        boolean debugTools =
                parameters != null && parameters.path("debug_tools").asBoolean(false);

        List<ProgramFile.Link> links = links(root.get("linked_programs"));
        List<String> enabled = enabledTools(root.path("tools").get("enabled"), !links.isEmpty());
        return new ProgramFile(
                agent.name(),
                displayName == null ? defaultDisplayName(provider, modelName) : displayName,
                document.file(),
                agent,
                systemPrompt,
                preload,
                mcp(root.get("mcp")),
                enabled,
                debugTools,
                links,
                warnings);
    }

    /** The tree the schema checks: entries that may be a string or a table are checked by hand. */
    private LocatedDocument forValidation() {
        ObjectNode copy = (ObjectNode) document.root().deepCopy();
        if (copy.path("linked_programs").isObject()) copy.putObject("linked_programs");
        if (copy.path("mcp").path("tools").isObject()) ((ObjectNode) copy.get("mcp")).putObject("tools");
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
        return text(prompt, "system_prompt", "");
    }

    private Preload preload(JsonNode files) {
        if (files == null) return Preload.NONE;
        List<PreloadedFile> read = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path path = directory.resolve(files.get(i).asString()).normalize();
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

    private McpSettings mcp(JsonNode mcp) {
        if (mcp == null) return null;
        Map<String, ToolSelection> selections = new LinkedHashMap<>();
        JsonNode tools = mcp.get("tools");
        if (tools != null) {
            for (Map.Entry<String, JsonNode> entry : tools.properties()) {
                selections.put(entry.getKey(), selection(entry.getKey(), entry.getValue()));
            }
        }
        JsonNode configPath = mcp.get("config_path");
        if (configPath == null) {
            if (!selections.isEmpty()) {
                warnings.add(new ConfigWarning(
                        document.keyAt(JsonPointer.compile("/mcp/tools"), "mcp.tools"),
                        "MCP tools are selected but [mcp] has no config_path naming the servers; MCP is off"));
            }
            return null;
        }
        Path path = directory.resolve(configPath.asString()).normalize();
        if (!Files.isRegularFile(path)) {
            warnings.add(new ConfigWarning(
                    document.valueAt(JsonPointer.compile("/mcp/config_path"), "mcp.config_path"),
                    "MCP servers file " + path + " does not exist; MCP is off"));
            return null;
        }
        return new McpSettings(path, selections);
    }

    private ToolSelection selection(String server, JsonNode value) {
        String pointer = "/mcp/tools/" + server.replace("~", "~0").replace("/", "~1");
        String field = "mcp.tools." + server;
        if (value.isString() && value.stringValue().equals("all")) return new ToolSelection.All();
        if (value.isArray()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isString()) {
                    throw error(
                            pointer + "/" + i,
                            field + "[" + i + "]",
                            "expected a tool name, got " + ShapeValidator.describe(value.get(i)));
                }
                names.add(value.get(i).stringValue());
            }
            return new ToolSelection.Named(names);
        }
        throw error(pointer, field, "expected \"all\" or a list of tool names, got " + ShapeValidator.describe(value));
    }

    private List<String> enabledTools(JsonNode enabled, boolean hasLinks) {
        if (enabled == null) return List.of();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < enabled.size(); i++) {
            String name = enabled.get(i).asString();
            SourceLocation at =
                    document.valueAt(JsonPointer.compile("/tools/enabled/" + i), "tools.enabled[" + i + "]");
            if (!KnownTools.isKnown(name)) {
                warnings.add(new ConfigWarning(at, KnownTools.unknown(name)));
                continue;
            }
            if (name.equals("spawn") && !hasLinks) {
                warnings.add(
                        new ConfigWarning(at, "spawn is enabled but there are no [linked_programs] for it to call"));
            }
            if (!names.contains(name)) names.add(name);
        }
        return names;
    }

    private List<ProgramFile.Link> links(JsonNode linked) {
        if (linked == null) return List.of();
        List<ProgramFile.Link> links = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : linked.properties()) {
            String name = entry.getKey();
            String pointer = "/linked_programs/" + name.replace("~", "~0").replace("/", "~1");
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
        return name.endsWith(".toml") ? name.substring(0, name.length() - ".toml".length()) : name;
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
