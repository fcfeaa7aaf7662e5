package dev.marble.format.worker;

import java.util.List;

/**
 * A tool the provider runs itself ({@code server_side_tools}). Only {@code web_search} takes settings.
 *
 * @param maxUses null when not limited
 */
public record ServerSideTool(String type, Integer maxUses, List<String> allowedDomains, List<String> blockedDomains) {

    public static final List<String> TYPES = List.of("web_search", "web_fetch", "code_execution", "image_generation");

    public ServerSideTool {
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
        blockedDomains = blockedDomains == null ? List.of() : List.copyOf(blockedDomains);
    }
}
