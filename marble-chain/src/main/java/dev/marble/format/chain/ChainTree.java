package dev.marble.format.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prepares a chain file's tree for validation: what llmauto documents but never reads is dropped so
 * that it is neither checked nor reported, and {@code null} values count as absent (llmauto's schema
 * writes {@code "fallback_model": null}). The {@code prompts} object is split off, since its values
 * are either strings or objects and are checked by {@link PromptsReader}.
 */
record ChainTree(ObjectNode forValidation, JsonNode prompts) {

    /** Top-level keys llmauto's docs and wizard write but its runner ignores; accepted silently. */
    static final Set<String> IGNORED_CHAIN_KEYS =
            Set.of("chain_name", "task_pools", "version", "stop_criterion", "after_agent", "shutdown");
    /** Link keys llmauto ignores. */
    static final Set<String> IGNORED_LINK_KEYS = Set.of("description", "task_pool");

    static ChainTree of(ObjectNode root) {
        ObjectNode copy = root.deepCopy();
        dropNulls(copy);
        JsonNode prompts = copy.remove("prompts");
        copy.remove(IGNORED_CHAIN_KEYS);
        JsonNode links = copy.get("links");
        if (links != null && links.isArray()) {
            for (JsonNode link : links) {
                if (link instanceof ObjectNode object) object.remove(IGNORED_LINK_KEYS);
            }
        }
        return new ChainTree(copy, prompts);
    }

    private static void dropNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (entry.getValue().isNull()) nulls.add(entry.getKey());
                else dropNulls(entry.getValue());
            }
            object.remove(nulls);
        } else if (node.isArray()) {
            for (JsonNode item : node) dropNulls(item);
        }
    }
}
