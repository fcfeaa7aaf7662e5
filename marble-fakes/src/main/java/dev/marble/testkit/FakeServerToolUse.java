package dev.marble.testkit;

import java.util.Objects;

/**
 * A tool the provider ran itself within one answer (Anthropic's server tools: {@code web_search}, {@code web_fetch},
 * {@code code_execution}): its {@code server_tool_use} block and the result block that follows it.
 *
 * @param id          the {@code srvtoolu_...} id; {@code null} lets the fake generate one
 * @param name        the tool's name, e.g. {@code web_search}
 * @param inputJson   what the model asked for, a JSON object as text, e.g. {@code {"query": "..."}}
 * @param resultType  the result block's type, e.g. {@code web_search_tool_result}; {@code null} for a use the API
 *                    has not run yet, with no result block (a turn paused with {@code pause_turn} may end so)
 * @param contentJson the result block's {@code content}, as the API sends it (a list of results, or an error object)
 */
public record FakeServerToolUse(String id, String name, String inputJson, String resultType, String contentJson) {
    public FakeServerToolUse {
        Objects.requireNonNull(name, "name");
        inputJson = inputJson == null ? "{}" : inputJson;
        contentJson = contentJson == null ? "[]" : contentJson;
    }

    /** A use the API has not run yet: its block alone, as a turn paused with {@code pause_turn} may end. */
    public static FakeServerToolUse pending(String id, String name, String inputJson) {
        return new FakeServerToolUse(id, name, inputJson, null, null);
    }
}
