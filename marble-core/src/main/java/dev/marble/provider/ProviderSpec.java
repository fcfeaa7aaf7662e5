package dev.marble.provider;

import java.util.Objects;

/**
 * A named provider: which protocol it speaks ({@code type}), and for HTTP providers where it lives
 * and which environment variable holds its key. Built-in ones ({@code anthropic}, {@code openai},
 * {@code ollama}, …) and those named in configuration look the same.
 *
 * @param local a server on this machine: nothing is paid per token, and it is probed, not assumed
 */
public record ProviderSpec(
        String name, String type, String baseUrl, String apiKeyEnv, String defaultModel, boolean local, String origin) {

    public ProviderSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
    }
}
