package dev.marble.provider.anthropic;

import dev.marble.json.Json;
import dev.marble.model.ServerTool;
import dev.marble.model.ServerToolUse;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's server tools on the wire: the tool definitions a request carries (with the beta headers the newer
 * ones need), and the {@code server_tool_use} blocks of an answer paired with the result blocks that follow them.
 */
final class AnthropicServerTools {

    private AnthropicServerTools() {}

    /** The versioned type Anthropic names each kind by, and the beta it needs (null when generally available). */
    private record Version(String type, String beta) {}

    private static final Map<ServerTool.Kind, Version> VERSIONS = Map.of(
            ServerTool.Kind.WEB_SEARCH, new Version("web_search_20250305", null),
            ServerTool.Kind.WEB_FETCH, new Version("web_fetch_20250910", "web-fetch-2025-09-10"),
            ServerTool.Kind.CODE_EXECUTION, new Version("code_execution_20250825", "code-execution-2025-08-25"));

    /** Appends each tool's definition; a kind Anthropic does not run is refused before a run starts. */
    static void write(List<ServerTool> tools, ArrayNode wire) {
        for (ServerTool tool : tools) {
            Version version = VERSIONS.get(tool.kind());
            if (version == null) continue;
            ObjectNode definition = wire.addObject();
            definition.put("type", version.type());
            definition.put("name", tool.kind().wireName());
            if (tool.maxUses() != null) definition.put("max_uses", tool.maxUses());
            if (tool.kind() == ServerTool.Kind.CODE_EXECUTION) continue; // takes no domain lists
            if (!tool.allowedDomains().isEmpty())
                tool.allowedDomains().forEach(definition.putArray("allowed_domains")::add);
            if (!tool.blockedDomains().isEmpty())
                tool.blockedDomains().forEach(definition.putArray("blocked_domains")::add);
        }
    }

    /** The {@code anthropic-beta} header value the tools need, or null. */
    static String betaHeader(List<ServerTool> tools) {
        Set<String> betas = new LinkedHashSet<>();
        for (ServerTool tool : tools) {
            Version version = VERSIONS.get(tool.kind());
            if (version != null && version.beta() != null) betas.add(version.beta());
        }
        return betas.isEmpty() ? null : String.join(",", betas);
    }

    /** Whether a content block is a server tool's use. */
    static boolean isUse(JsonNode block) {
        return "server_tool_use".equals(Json.text(block, "type"));
    }

    /**
     * Whether a content block is a server tool's result: {@code web_search_tool_result}, {@code
     * web_fetch_tool_result}, {@code bash_code_execution_tool_result} and the like (a client's {@code tool_result}
     * never comes from the model).
     */
    static boolean isResult(JsonNode block) {
        String type = Json.text(block, "type", "");
        return type.endsWith("_tool_result") && block.has("tool_use_id");
    }

    /** Pairs uses with their results, in the order the results came. */
    static final class Pairing {
        private final Map<String, JsonNode> uses = new LinkedHashMap<>();

        void use(String id, String name, JsonNode input) {
            ObjectNode use = Json.object().put("name", name);
            use.set("input", input == null ? Json.object() : input);
            uses.put(id, use);
        }

        /** The finished use a result block completes. */
        ServerToolUse result(JsonNode block) {
            String id = Json.text(block, "tool_use_id", "");
            JsonNode use = uses.remove(id);
            String name = use == null
                    ? Json.text(block, "type", "").replace("_tool_result", "")
                    : use.path("name").asString();
            JsonNode input = use == null ? Json.object() : use.path("input");
            JsonNode content = block.path("content");
            // Failures come as an object whose type ends in _error (web_search_tool_result_error, ...).
            boolean error = content.isObject() && Json.text(content, "type", "").endsWith("_error");
            return new ServerToolUse(id, name, input, content, error);
        }
    }
}
