package dev.marble.testkit;

import java.util.Objects;

/**
 * One tool call, provider-neutral. {@code argumentsJson} is the JSON text of the arguments, kept as text
 * because OpenAI carries it as a string (which may even be broken JSON) while Anthropic carries an object.
 *
 * @param id the call id; {@code null} in a reply lets the fake generate one in its provider's style
 *           ({@code toolu_...} or {@code call_...}), fresh for every response
 */
public record FakeToolCall(String id, String name, String argumentsJson) {
    public FakeToolCall {
        Objects.requireNonNull(name, "name");
        if (argumentsJson == null) {
            argumentsJson = "{}";
        }
    }
}
