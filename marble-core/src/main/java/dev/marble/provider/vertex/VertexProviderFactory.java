package dev.marble.provider.vertex;

import dev.marble.config.Environment;
import dev.marble.config.Setting;
import dev.marble.json.Json;
import dev.marble.model.ModelRef;
import dev.marble.provider.Availability;
import dev.marble.provider.BuiltInProvider;
import dev.marble.provider.ChatModel;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.ProviderFactory;
import dev.marble.provider.ProviderSpec;
import dev.marble.provider.UnavailableChatModel;
import dev.marble.provider.anthropic.AnthropicChatModel;
import dev.marble.secret.google.GoogleAccessTokens;
import dev.marble.secret.google.GoogleCredentials;
import dev.marble.secret.oauth.OAuthException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Claude on Google Vertex AI, named {@code vertex} (as LLMProc's seed programs name it) and
 * {@code anthropic_vertex} (as its later programs do), and any {@code providers} entry of that type in marble.json. The
 * project and region come from the model reference (an LLMProc program's {@code project_id} and {@code region}), else
 * from that entry ({@code project}, {@code location}), else from the environment where
 * Anthropic's SDK and gcloud read them ({@link VertexLocation}); the access token from the service-account key
 * {@code GOOGLE_APPLICATION_CREDENTIALS} names, else from gcloud's application-default login.
 */
public final class VertexProviderFactory implements ProviderFactory {

    public static final String TYPE = "anthropic_vertex";
    static final String DEFAULT_MODEL = "claude-sonnet-4-5@20250929";

    @Override
    public String type() {
        return TYPE;
    }

    /** Listed after Marble's other providers, so the order people know stays as it was. */
    @Override
    public List<BuiltInProvider> builtIns(Environment env) {
        Optional<String> base = env.get(VertexLocation.BASE_URL_VARIABLE);
        String origin = BuiltInProvider.ORIGIN
                + (base.isPresent() ? ", base URL from " + VertexLocation.BASE_URL_VARIABLE : "");
        return List.of(
                new BuiltInProvider(
                        new ProviderSpec("vertex", TYPE, base.orElse(null), null, DEFAULT_MODEL, false, origin), 95),
                new BuiltInProvider(
                        new ProviderSpec(
                                "anthropic_vertex", TYPE, base.orElse(null), null, DEFAULT_MODEL, false, origin),
                        96));
    }

    @Override
    public ChatModel create(ProviderSpec spec, String model, ProviderContext context) {
        return create(spec, new ModelRef(spec.name(), model), context);
    }

    /**
     * The project and region the reference itself gives ({@link ModelRef#settings} {@code project} and
     * {@code location}, from an LLMProc program) come first: they are the narrowest statement, about one model of one
     * file, as a worker's own model wins over configuration. Then this provider's marble.json entry, then the
     * environment.
     */
    @Override
    public ChatModel create(ProviderSpec spec, ModelRef ref, ProviderContext context) {
        Environment environment = context.environment();
        Optional<GoogleCredentials> credentials;
        try {
            credentials = GoogleCredentials.find(environment, context.redactor());
        } catch (OAuthException unreadable) {
            return new UnavailableChatModel(ref, context.redactor().redact(unreadable.getMessage()));
        }
        if (credentials.isEmpty()) return new UnavailableChatModel(ref, missingCredentials());
        Optional<String> project = ref.setting("project")
                .or(() -> configured(context, spec, "project"))
                .or(() -> VertexLocation.project(environment))
                .or(() -> credentials.get() instanceof GoogleCredentials.ServiceAccount account
                        ? Optional.ofNullable(account.projectId())
                        : Optional.empty());
        if (project.isEmpty()) return new UnavailableChatModel(ref, missingProject());
        String region = ref.setting("location")
                .or(() -> configured(context, spec, "location"))
                .orElseGet(() -> VertexLocation.region(environment));
        VertexLocation location =
                new VertexLocation(project.get(), region, VertexLocation.baseUrl(spec.baseUrl(), region));
        GoogleAccessTokens tokens = new GoogleAccessTokens(
                credentials.get(), HttpClient.newHttpClient(), Clock.systemUTC(), context.redactor());
        return new AnthropicChatModel(
                ref,
                new VertexEndpoint(location, tokens, context.redactor()),
                context.http(),
                context.defaultTimeout());
    }

    /** A setting of this provider's own {@code providers} entry in marble.json, which wins over the environment. */
    private static Optional<String> configured(ProviderContext context, ProviderSpec spec, String key) {
        Setting<JsonNode> entry = context.config().entries("providers").get(spec.name());
        if (entry == null) return Optional.empty();
        return Optional.ofNullable(Json.text(entry.value(), key)).filter(value -> !value.isBlank());
    }

    /** Cheap: whether a project and a credential file are there; the token exchange waits for the first call. */
    @Override
    public Availability availability(ProviderSpec spec, ProviderContext context) {
        Environment environment = context.environment();
        boolean named = environment.get(GoogleCredentials.VARIABLE).isPresent();
        boolean adc = Files.isRegularFile(
                GoogleCredentials.gcloudDirectory(environment).resolve("application_default_credentials.json"));
        if (!named && !adc) return Availability.no(missingCredentials());
        boolean project = VertexLocation.project(environment).isPresent()
                || configured(context, spec, "project").isPresent();
        if (!project && !named) return Availability.no(missingProject());
        return Availability.yes(named ? GoogleCredentials.VARIABLE + " is set" : "gcloud application-default login");
    }

    private static String missingCredentials() {
        return "no Google credentials: set " + GoogleCredentials.VARIABLE
                + " to a service-account key file, or run 'gcloud auth application-default login'";
    }

    private static String missingProject() {
        return "no Google Cloud project: set GOOGLE_CLOUD_PROJECT (or ANTHROPIC_VERTEX_PROJECT_ID)";
    }
}
