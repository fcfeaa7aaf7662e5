package dev.marble.mcp;

import java.util.regex.Pattern;

/**
 * Marble's name for an MCP tool: {@code <server>__<tool>}, fitted to {@code ^[a-zA-Z0-9_-]{1,64}$},
 * which both the Anthropic and OpenAI APIs require of tool names. Any other character becomes
 * {@code _} and the name is cut at 64 characters; the toolset keeps the server's own name for calls.
 */
final class ToolNames {

    static final int MAX_LENGTH = 64;
    static final Pattern VALID = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private ToolNames() {}

    static String of(String server, String tool) {
        String raw = server + "__" + tool;
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
        for (int i = 0; i < raw.length() && out.length() < MAX_LENGTH; i++) {
            char c = raw.charAt(i);
            boolean allowed =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            out.append(allowed ? c : '_');
        }
        return out.toString();
    }
}
