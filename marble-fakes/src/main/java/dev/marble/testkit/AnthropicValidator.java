package dev.marble.testkit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The checks the real Messages API makes that a client is likely to get wrong, with the real API's messages.
 * Returns the problem, or {@code null} for a valid request.
 */
final class AnthropicValidator {

    private final AnthropicServedBlocks served;

    AnthropicValidator(AnthropicServedBlocks served) {
        this.served = served;
    }

    String problem(RawRequest request, JsonNode body) {
        if (request.header("anthropic-version") == null) {
            return "anthropic-version: header is required";
        }
        if (body == null || !body.isObject()) {
            return "There was an error parsing the body of your request: the body must be a JSON object";
        }
        if (!body.path("model").isString()) {
            return "model: Field required";
        }
        return messagesProblem(request, body);
    }

    /** The checks of the body past its model, which every host of the API makes alike. */
    String messagesProblem(RawRequest request, JsonNode body) {
        JsonNode maxTokens = body.path("max_tokens");
        if (!maxTokens.isIntegralNumber()) {
            return "max_tokens: Field required";
        }
        if (maxTokens.asLong() < 1) {
            return "max_tokens: Input should be greater than or equal to 1";
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            return "messages: Field required";
        }
        if (messages.isEmpty()) {
            return "messages: at least one message is required";
        }
        for (int i = 0; i < messages.size(); i++) {
            String problem = shape(messages.get(i), "messages." + i);
            if (problem != null) {
                return problem;
            }
        }
        String tools = tools(request, body.path("tools"));
        if (tools != null) {
            return tools;
        }
        String serverBlocks = serverBlocks(messages);
        return serverBlocks != null ? serverBlocks : pairing(messages);
    }

    /** A server tool's type, the name it must carry, the fields it takes and the beta header it needs (or null). */
    private record ServerTool(String type, String name, Set<String> fields, String beta) {}

    private static final List<ServerTool> SERVER_TOOLS = List.of(
            new ServerTool(
                    "web_search_20250305",
                    "web_search",
                    Set.of(
                            "type",
                            "name",
                            "max_uses",
                            "allowed_domains",
                            "blocked_domains",
                            "user_location",
                            "cache_control"),
                    null),
            new ServerTool(
                    "web_fetch_20250910",
                    "web_fetch",
                    Set.of(
                            "type",
                            "name",
                            "max_uses",
                            "allowed_domains",
                            "blocked_domains",
                            "citations",
                            "max_content_tokens",
                            "cache_control"),
                    "web-fetch-2025-09-10"),
            new ServerTool(
                    "code_execution_20250825",
                    "code_execution",
                    Set.of("type", "name", "cache_control"),
                    "code-execution-2025-08-25"));

    /** Client tools need a name and an input_schema; server tools a known type, its name, its fields, its beta. */
    private static String tools(RawRequest request, JsonNode tools) {
        if (tools.isMissingNode()) {
            return null;
        }
        if (!tools.isArray()) {
            return "tools: Input should be a valid list";
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String where = "tools." + i;
            String type = Json.string(tool, "type");
            if (type == null || type.equals("custom")) {
                if (!tool.path("name").isString()) {
                    return where + ".custom.name: Field required";
                }
                if (!tool.path("input_schema").isObject()) {
                    return where + ".custom.input_schema: Field required";
                }
                continue;
            }
            ServerTool known = SERVER_TOOLS.stream()
                    .filter(t -> t.type().equals(type))
                    .findFirst()
                    .orElse(null);
            if (known == null) {
                return where + ": Input tag '" + type + "' found using 'type' does not match any of the expected tags";
            }
            String problem = serverTool(request, tool, known, where + "." + type);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String serverTool(RawRequest request, JsonNode tool, ServerTool known, String where) {
        if (!known.name().equals(Json.string(tool, "name"))) {
            return where + ".name: Input should be '" + known.name() + "'";
        }
        for (String field : tool.propertyNames()) {
            if (!known.fields().contains(field)) {
                return where + "." + field + ": Extra inputs are not permitted";
            }
        }
        JsonNode maxUses = tool.path("max_uses");
        if (!maxUses.isMissingNode() && (!maxUses.isIntegralNumber() || maxUses.asLong() < 1)) {
            return where + ".max_uses: Input should be greater than 0";
        }
        for (String list : List.of("allowed_domains", "blocked_domains")) {
            JsonNode domains = tool.path(list);
            if (domains.isMissingNode()) {
                continue;
            }
            if (!domains.isArray()) {
                return where + "." + list + ": Input should be a valid list";
            }
            for (JsonNode domain : domains) {
                if (!domain.isString()) {
                    return where + "." + list + ": Input should be a valid string";
                }
            }
        }
        if (tool.has("allowed_domains") && tool.has("blocked_domains")) {
            return where + ": Cannot specify both allowed_domains and blocked_domains";
        }
        if (known.beta() != null) {
            String betas = request.header("anthropic-beta");
            if (betas == null || !List.of(betas.split("\\s*,\\s*")).contains(known.beta())) {
                return where + ": this tool requires the beta header anthropic-beta: " + known.beta();
            }
        }
        return null;
    }

    private static String shape(JsonNode message, String where) {
        String role = Json.string(message, "role");
        if (!"user".equals(role) && !"assistant".equals(role)) {
            return where + ".role: Input should be 'user' or 'assistant'";
        }
        JsonNode content = message.path("content");
        if (!content.isString() && !content.isArray()) {
            return where + ".content: Input should be a valid string or a valid list";
        }
        for (int b = 0; b < content.size(); b++) {
            if (!content.get(b).path("type").isString()) {
                return where + ".content." + b + ".type: Field required";
            }
        }
        return null;
    }

    /**
     * Every tool_use must be answered by a tool_result in the very next message (a user message), and every
     * tool_result must answer a tool_use of the message just before it.
     */
    private static String pairing(JsonNode messages) {
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if ("assistant".equals(Json.string(message, "role"))) {
                Set<String> unanswered = ids(message, "tool_use", "id");
                JsonNode next = i + 1 < messages.size() ? messages.get(i + 1) : null;
                if (next != null && "user".equals(Json.string(next, "role"))) {
                    unanswered.removeAll(ids(next, "tool_result", "tool_use_id"));
                }
                if (!unanswered.isEmpty()) {
                    return "messages." + i + ": `tool_use` ids were found without `tool_result` blocks immediately "
                            + "after: " + String.join(", ", unanswered) + ". Each `tool_use` block must have a "
                            + "corresponding `tool_result` block in the next message.";
                }
            } else {
                Set<String> orphans = ids(message, "tool_result", "tool_use_id");
                if (i > 0 && "assistant".equals(Json.string(messages.get(i - 1), "role"))) {
                    orphans.removeAll(ids(messages.get(i - 1), "tool_use", "id"));
                }
                if (!orphans.isEmpty()) {
                    return "messages." + i + ".content: unexpected `tool_use_id` found in `tool_result` blocks: "
                            + String.join(", ", orphans) + ". Each `tool_result` block must have a corresponding "
                            + "`tool_use` block in the previous message.";
                }
            }
        }
        return null;
    }

    /**
     * Server tool blocks come back in assistant messages only, each result after its use in the same message, and
     * each exactly as this API sent it.
     */
    private String serverBlocks(JsonNode messages) {
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            boolean assistant = "assistant".equals(Json.string(message, "role"));
            Set<String> uses = new LinkedHashSet<>();
            int b = 0;
            for (JsonNode block : Json.elements(message, "content")) {
                String where = "messages." + i + ".content." + b++;
                if (!AnthropicServedBlocks.isServerBlock(block)) {
                    continue;
                }
                String type = Json.string(block, "type");
                if (!assistant) {
                    return where + ": `" + type + "` blocks are only allowed in assistant messages";
                }
                String id = AnthropicServedBlocks.id(block);
                if (AnthropicServedBlocks.isUse(block)) {
                    uses.add(id);
                } else if (!uses.contains(id)) {
                    return where + ": `" + type + "` block " + id + " has no `server_tool_use` block before it";
                }
                String problem = served.problem(block, where);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static Set<String> ids(JsonNode message, String blockType, String idField) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode block : Json.elements(message, "content")) {
            if (blockType.equals(Json.string(block, "type"))) {
                ids.add(String.valueOf(Json.string(block, idField)));
            }
        }
        return ids;
    }
}
