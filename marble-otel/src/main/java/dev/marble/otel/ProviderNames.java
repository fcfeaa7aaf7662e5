package dev.marble.otel;

import java.util.Locale;
import java.util.Map;

/**
 * {@code gen_ai.provider.name} for a Marble provider: the conventions' well-known value where one applies (they
 * say it MUST then be used), else the provider's name as marble.json spells it (a local server, a proxy).
 */
final class ProviderNames {

    private static final Map<String, String> WELL_KNOWN = Map.of(
            "gemini", "gcp.gemini",
            "google", "gcp.gemini",
            "mistral", "mistral_ai",
            "xai", "x_ai",
            "bedrock", "aws.bedrock",
            "moonshot", "moonshot_ai");

    private ProviderNames() {}

    static String of(String marbleProvider) {
        if (marbleProvider == null) return "_OTHER";
        String name = marbleProvider.toLowerCase(Locale.ROOT);
        return WELL_KNOWN.getOrDefault(name, name);
    }
}
