package dev.marble.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A tool the provider runs itself, on its own servers, within one answer (llm-do's {@code server_side_tools}):
 * Marble sends it in the request and shows what the provider reports of its use, but never runs it, so no approval
 * rule reaches it; naming it in an agent's file is the consent. Only some providers run them
 * ({@code dev.marble.provider.ServerToolSupport}).
 *
 * @param maxUses null when not limited
 */
public record ServerTool(Kind kind, Integer maxUses, List<String> allowedDomains, List<String> blockedDomains) {

    /** The kinds llm-do's front matter names, by their {@code tool_type}. */
    public enum Kind {
        WEB_SEARCH,
        WEB_FETCH,
        CODE_EXECUTION,
        IMAGE_GENERATION;

        /** The name files and tool calls use: {@code web_search}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind a {@code tool_type} names; null for none. */
        public static Kind of(String wireName) {
            for (Kind kind : values()) if (kind.wireName().equals(wireName)) return kind;
            return null;
        }
    }

    public ServerTool {
        Objects.requireNonNull(kind, "kind");
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
        blockedDomains = blockedDomains == null ? List.of() : List.copyOf(blockedDomains);
    }
}
