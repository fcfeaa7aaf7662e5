package dev.marble.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a fake understood of one request, parsed from its own wire format, independently of Marble. Every request
 * is recorded, also the ones the fake refused (400, 401, 404); parsing is lenient so a broken request still shows.
 *
 * @param headers header names in lower case; repeated headers joined with ", "
 * @param body    the parsed JSON body, or {@code null} when the body is empty or not JSON
 * @param system  the system prompt (Anthropic {@code system}; OpenAI system and developer messages, joined with
 *                a newline), or {@code null} when there is none
 * @param messages the conversation without system/developer messages
 */
public record SeenRequest(
        String method,
        String path,
        Map<String, String> headers,
        JsonNode body,
        boolean stream,
        String system,
        List<SeenMessage> messages,
        List<String> toolNames) {
    public SeenRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        messages = List.copyOf(messages);
        toolNames = List.copyOf(toolNames);
    }

    /** A header's value by case-insensitive name, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The text of the last {@code user} message, or "" when there is none; what the echo reply repeats. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).text();
            }
        }
        return "";
    }
}
