package dev.marble.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The server tool blocks one fake Messages API has answered with. The real API wants them back unchanged in later
 * requests (their results carry encrypted content it checks), and a paused turn goes on from them; a client that
 * drops a field, turns a block into text or edits it is caught here.
 */
final class AnthropicServedBlocks {

    private final Map<String, JsonNode> served = new ConcurrentHashMap<>();

    /** A {@code server_tool_use} block or a server tool's result block, as it went on the wire. */
    void add(JsonNode block) {
        served.put(key(block), block.deepCopy());
    }

    /** Whether a content block is one of a server tool's: its use or its result (a client's tool_result is not). */
    static boolean isServerBlock(JsonNode block) {
        return isUse(block) || isResult(block);
    }

    static boolean isUse(JsonNode block) {
        return "server_tool_use".equals(Json.string(block, "type"));
    }

    static boolean isResult(JsonNode block) {
        String type = Json.string(block, "type");
        return type != null && type.endsWith("_tool_result") && !type.equals("tool_result");
    }

    /** The id that ties a result to its use. */
    static String id(JsonNode block) {
        return String.valueOf(Json.string(block, isUse(block) ? "id" : "tool_use_id"));
    }

    /** Null when {@code block} is exactly what this server sent; otherwise what is wrong with it. */
    String problem(JsonNode block, String where) {
        JsonNode sent = served.get(key(block));
        String type = Json.string(block, "type");
        if (sent == null) {
            return where + ": `" + type + "` block " + id(block) + " was not sent by this API; server tool blocks "
                    + "must be passed back as they were received";
        }
        if (!sent.equals(block)) {
            return where + ": `" + type + "` block " + id(block) + " differs from the one the API sent; server tool "
                    + "blocks must be passed back unchanged";
        }
        return null;
    }

    private static String key(JsonNode block) {
        return Json.string(block, "type") + ":" + id(block);
    }
}
