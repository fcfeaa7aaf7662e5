package dev.marble.format.chain;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * llmauto's cross-machine trick: chain files written on one Windows account name paths under
 * {@code C:\Users\User\}; every string value that contains a known home prefix gets this machine's
 * home instead, so the same file runs elsewhere. Keys are left alone, as llmauto did.
 */
final class UserHomeRewriter {

    /** The prefix llmauto always knows; {@code known_user_homes} in the configuration adds more. */
    static final String BUILT_IN_HOME = "C:\\Users\\User\\";

    private final List<String> knownHomes = new ArrayList<>();
    private final String actualHome;

    UserHomeRewriter(List<String> knownUserHomes, Path home) {
        String separator = File.separator;
        String text = home.toString();
        this.actualHome = text.endsWith(separator) ? text : text + separator;
        addKnown(BUILT_IN_HOME);
        knownUserHomes.forEach(this::addKnown);
    }

    private void addKnown(String prefix) {
        // A blank prefix would match between every two characters and garble every string.
        if (prefix == null || prefix.isBlank() || prefix.equals(actualHome) || knownHomes.contains(prefix)) return;
        knownHomes.add(prefix);
    }

    String rewrite(String text) {
        String out = text;
        for (String known : knownHomes) {
            if (out.contains(known)) out = out.replace(known, actualHome);
        }
        return out;
    }

    /** A copy of {@code node} with every string value rewritten. */
    JsonNode rewrite(JsonNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isString()) return nodes.stringNode(rewrite(node.stringValue()));
        if (node.isArray()) {
            ArrayNode copy = nodes.arrayNode();
            for (JsonNode item : node) copy.add(rewrite(item));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = nodes.objectNode();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                copy.set(entry.getKey(), rewrite(entry.getValue()));
            }
            return copy;
        }
        return node;
    }
}
