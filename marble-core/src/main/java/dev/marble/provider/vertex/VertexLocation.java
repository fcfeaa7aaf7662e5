package dev.marble.provider.vertex;

import dev.marble.config.Environment;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which Google Cloud project and region serve Claude, and the Vertex AI URL that follows from them:
 * {@code https://REGION-aiplatform.googleapis.com/v1}, or {@code https://aiplatform.googleapis.com/v1} for the
 * {@code global} region, then {@code /projects/P/locations/R/publishers/anthropic/models/M:rawPredict} (or
 * {@code :streamRawPredict} for a streamed answer).
 *
 * @param baseUrl the API root up to and including {@code /v1}
 */
public record VertexLocation(String project, String region, String baseUrl) {

    /** Read first to last: Anthropic's SDK reads the first, LLMProc's seed and gcloud the second. */
    public static final String[] PROJECT_VARIABLES = {"ANTHROPIC_VERTEX_PROJECT_ID", "GOOGLE_CLOUD_PROJECT"};

    public static final String[] REGION_VARIABLES = {"CLOUD_ML_REGION", "GOOGLE_CLOUD_LOCATION"};
    /** LLMProc's default, and the region where every Claude model has been offered. */
    public static final String DEFAULT_REGION = "us-central1";

    public static final String BASE_URL_VARIABLE = "ANTHROPIC_VERTEX_BASE_URL";

    /** The project from the environment, if one is set. */
    public static Optional<String> project(Environment environment) {
        return first(environment, PROJECT_VARIABLES);
    }

    public static String region(Environment environment) {
        return first(environment, REGION_VARIABLES).orElse(DEFAULT_REGION);
    }

    /** Google's host for {@code region}, unless the spec or {@code ANTHROPIC_VERTEX_BASE_URL} names another. */
    public static String baseUrl(String configured, String region) {
        if (configured != null && !configured.isBlank()) return stripSlash(configured);
        return "global".equals(region)
                ? "https://aiplatform.googleapis.com/v1"
                : "https://" + region + "-aiplatform.googleapis.com/v1";
    }

    public URI uri(String model, boolean stream) {
        return URI.create(baseUrl + "/projects/" + segment(project) + "/locations/" + segment(region)
                + "/publishers/anthropic/models/" + segment(model) + (stream ? ":streamRawPredict" : ":rawPredict"));
    }

    /** A path segment as written: {@code @} in model versions stays, anything that would change the path is escaped. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("%40", "@")
                .replace("+", "%20");
    }

    private static Optional<String> first(Environment environment, String... names) {
        return Stream.of(names).map(environment::get).flatMap(Optional::stream).findFirst();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
