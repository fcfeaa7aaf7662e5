package dev.marble.testkit;

import java.util.Objects;

/**
 * A tool the provider ran itself within one answer (Anthropic's server tools: {@code web_search}, {@code web_fetch},
 * {@code code_execution}): its {@code server_tool_use} block and the result block that follows it.
 *
 * @param id          the {@code srvtoolu_...} id; {@code null} lets the fake generate one
 * @param name        the tool's name, e.g. {@code web_search}
 * @param inputJson   what the model asked for, a JSON object as text, e.g. {@code {"query": "..."}}
 * @param resultType  the result block's type, e.g. {@code web_search_tool_result}
 * @param contentJson the result block's {@code content}, as the API sends it (a list of results, or an error object)
 */
public record FakeServerToolUse(String id, String name, String inputJson, String resultType, String contentJson) {
    public FakeServerToolUse {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resultType, "resultType");
        inputJson = inputJson == null ? "{}" : inputJson;
        contentJson = contentJson == null ? "[]" : contentJson;
    }
}
