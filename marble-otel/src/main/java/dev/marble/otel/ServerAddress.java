package dev.marble.otel;

import java.net.URI;
import java.util.Optional;

/** {@code server.address} and {@code server.port} of a provider, from its base URL; nothing else of the URL. */
record ServerAddress(String host, int port) {

    static Optional<ServerAddress> of(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) return Optional.empty();
        try {
            URI uri = URI.create(baseUrl.trim());
            if (uri.getHost() == null) return Optional.empty();
            int port = uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
            return Optional.of(new ServerAddress(uri.getHost(), port));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
