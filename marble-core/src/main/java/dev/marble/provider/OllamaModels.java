package dev.marble.provider;

import dev.marble.json.Json;
import dev.marble.provider.http.HttpTransport;
import dev.marble.provider.http.LoopbackProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Asks a running Ollama which models it has ({@code GET /api/tags}), briefly, for automatic model choice. */
public final class OllamaModels {

    private final HttpTransport transport;

    public OllamaModels(HttpTransport transport) {
        this.transport = transport;
    }

    /** The first model Ollama lists, if a server answers at {@code baseUrl} within a moment. */
    public Optional<String> firstModel(String baseUrl) {
        if (!LoopbackProbe.listening(baseUrl, 200)) return Optional.empty();
        String root = baseUrl.endsWith("/v1") ? baseUrl.substring(0, baseUrl.length() - 3) : baseUrl;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(root + "/api/tags"))
                    .version(HttpClient.Version.HTTP_1_1)
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            HttpResponse<String> response = transport.client().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) return Optional.empty();
            JsonNode models = Json.parse(response.body()).path("models");
            return models.isEmpty() ? Optional.empty() : Optional.ofNullable(Json.text(models.get(0), "name"));
        } catch (Exception e) {
            // Anything other than a clean answer means "no usable Ollama here"; automatic choice moves on.
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
