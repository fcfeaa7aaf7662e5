package dev.marble.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.error.ModelException;
import dev.marble.model.ModelRef;
import dev.marble.provider.ProviderSpec;
import dev.marble.provider.UnavailableChatModel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VertexProviderFactoryTest {

    private static final String USER = """
            {"type": "authorized_user", "client_id": "id.apps", "client_secret": "s3cret-client",
             "refresh_token": "1//refresh-0123456789"}""";

    @TempDir
    Path dir;

    private Marble marble(Map<String, String> variables) {
        return Marble.start(new Environment(variables, dir, dir), warning -> {});
    }

    private Map<String, String> withCredentials(Map<String, String> more) throws IOException {
        Files.writeString(dir.resolve("adc.json"), USER);
        Map<String, String> variables = new HashMap<>(more);
        variables.put("GOOGLE_APPLICATION_CREDENTIALS", dir.resolve("adc.json").toString());
        return variables;
    }

    @Test
    void vertexAndAnthropicVertexAreBuiltInAndTakeVersionedModelIds() {
        try (Marble marble = marble(Map.of())) {
            assertThat(marble.catalog().find("vertex")).map(ProviderSpec::type).hasValue("anthropic_vertex");
            assertThat(marble.catalog().find("anthropic_vertex"))
                    .map(ProviderSpec::type)
                    .hasValue("anthropic_vertex");
            assertThat(marble.resolver().resolve("vertex:claude-sonnet-4-5@20250929"))
                    .isEqualTo(new ModelRef("vertex", "claude-sonnet-4-5@20250929"));
            assertThat(marble.resolver().resolve("anthropic_vertex"))
                    .isEqualTo(new ModelRef("anthropic_vertex", "claude-sonnet-4-5@20250929"));
        }
    }

    @Test
    void withoutCredentialsTheModelIsUnavailableNamingTheVariable() {
        try (Marble marble = marble(Map.of("GOOGLE_CLOUD_PROJECT", "p"))) {
            var model = marble.providerModel(new ModelRef("vertex", "claude-sonnet-4-5@20250929"));
            assertThat(model).isInstanceOf(UnavailableChatModel.class);
            assertThat(((UnavailableChatModel) model).reason())
                    .isEqualTo("no Google credentials: set GOOGLE_APPLICATION_CREDENTIALS to a service-account key"
                            + " file, or run 'gcloud auth application-default login'");
        }
    }

    @Test
    void withoutAProjectTheModelIsUnavailableNamingTheVariable() throws IOException {
        try (Marble marble = marble(withCredentials(Map.of()))) {
            var model = marble.providerModel(new ModelRef("vertex", "claude-sonnet-4-5@20250929"));
            assertThat(((UnavailableChatModel) model).reason())
                    .isEqualTo("no Google Cloud project: set GOOGLE_CLOUD_PROJECT (or ANTHROPIC_VERTEX_PROJECT_ID)");
        }
    }

    @Test
    void projectAndRegionComeFromAnthropicsVariablesFirstThenGooglesThenTheDefault() {
        var both = new Environment(
                Map.of(
                        "ANTHROPIC_VERTEX_PROJECT_ID", "from-anthropic",
                        "GOOGLE_CLOUD_PROJECT", "from-google",
                        "CLOUD_ML_REGION", "europe-west1",
                        "GOOGLE_CLOUD_LOCATION", "us-east5"),
                dir,
                dir);
        assertThat(VertexLocation.project(both)).hasValue("from-anthropic");
        assertThat(VertexLocation.region(both)).isEqualTo("europe-west1");
        var google =
                new Environment(Map.of("GOOGLE_CLOUD_PROJECT", "g", "GOOGLE_CLOUD_LOCATION", "us-east5"), dir, dir);
        assertThat(VertexLocation.project(google)).hasValue("g");
        assertThat(VertexLocation.region(google)).isEqualTo("us-east5");
        assertThat(VertexLocation.region(new Environment(Map.of(), dir, dir))).isEqualTo("us-central1");
    }

    @Test
    void regionalAndGlobalHostsAndTheTwoMethods() {
        var regional = new VertexLocation("p", "us-east5", VertexLocation.baseUrl(null, "us-east5"));
        assertThat(regional.uri("claude-opus-4-1@20250805", false))
                .isEqualTo(URI.create("https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/"
                        + "publishers/anthropic/models/claude-opus-4-1@20250805:rawPredict"));
        var global = new VertexLocation("p", "global", VertexLocation.baseUrl(null, "global"));
        assertThat(global.uri("claude-sonnet-4-5@20250929", true))
                .isEqualTo(URI.create("https://aiplatform.googleapis.com/v1/projects/p/locations/global/"
                        + "publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict"));
        // a model name cannot leave its path segment
        assertThat(regional.uri("../../x?y", false).getRawPath()).endsWith("/models/..%2F..%2Fx%3Fy:rawPredict");
    }

    @Test
    void theProjectOfAServiceAccountKeyIsUsedWhenNoVariableNamesOne() throws Exception {
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        try (var google = dev.marble.testkit.FakeGoogleTokenServer.start()) {
            Files.writeString(
                    dir.resolve("sa.json"),
                    google.serviceAccountJson(
                            "a@b.iam.gserviceaccount.com",
                            generator.generateKeyPair().getPrivate(),
                            "key-project"));
            try (Marble marble = marble(Map.of(
                    "GOOGLE_APPLICATION_CREDENTIALS", dir.resolve("sa.json").toString()))) {
                var model = marble.providerModel(new ModelRef("vertex", "claude-sonnet-4-5@20250929"));
                assertThat(model).isNotInstanceOf(UnavailableChatModel.class);
            }
        }
    }

    @Test
    void aTokenEndpointOutOfReachIsAConnectionErrorAndARefusalAnAuthenticationError() throws IOException {
        try (var google = dev.marble.testkit.FakeGoogleTokenServer.start()
                .authorizedUser("id.apps", "the-right-secret", "1//refresh-0123456789")) {
            Files.writeString(
                    dir.resolve("refused.json"),
                    google.authorizedUserJson("id.apps", "a-wrong-secret", "1//refresh-0123456789"));
            Files.writeString(
                    dir.resolve("unreachable.json"),
                    google.authorizedUserJson("id.apps", "the-right-secret", "1//refresh-0123456789")
                            .replace(google.tokenUrl(), "http://127.0.0.1:9/token"));
            Map<String, ModelException.Kind> expected = Map.of(
                    "refused.json", ModelException.Kind.AUTHENTICATION,
                    "unreachable.json", ModelException.Kind.CONNECTION);
            for (var file : expected.entrySet()) {
                var variables = Map.of(
                        "GOOGLE_APPLICATION_CREDENTIALS",
                                dir.resolve(file.getKey()).toString(),
                        "GOOGLE_CLOUD_PROJECT", "p",
                        "ANTHROPIC_VERTEX_BASE_URL", "http://127.0.0.1:9/v1");
                try (Marble marble = marble(variables)) {
                    var model = marble.providerModel(new ModelRef("vertex", "claude-sonnet-4-5@20250929"));
                    var failure = catchThrowableOfType(
                            ModelException.class, () -> model.chat(dev.marble.model.ChatRequest.of(null, "hi")));
                    assertThat(failure.kind()).as(file.getKey()).isEqualTo(file.getValue());
                    assertThat(failure.getMessage()).startsWith("cannot get a Google access token: ");
                }
            }
        }
    }

    @Test
    void aProvidersEntryInMarbleJsonNamesItsOwnProjectAndLocation() throws IOException {
        try (var google = dev.marble.testkit.FakeGoogleTokenServer.start()
                        .authorizedUser("id.apps", "the-secret-0123", "1//refresh-0123456789");
                var vertex = dev.marble.testkit.FakeAnthropicServer.vertex(
                        "eu-project", "europe-west4", google::isCurrent)) {
            Files.writeString(
                    dir.resolve("adc.json"),
                    google.authorizedUserJson("id.apps", "the-secret-0123", "1//refresh-0123456789"));
            Files.writeString(dir.resolve("marble.json"), """
                    {"providers": {"vertex-eu": {"type": "anthropic_vertex", "base_url": "%s",
                                                 "project": "eu-project", "location": "europe-west4",
                                                 "default_model": "claude-opus-4-1@20250805"}}}
                    """.formatted(vertex.baseUrl()));
            var variables = Map.of(
                    "GOOGLE_APPLICATION_CREDENTIALS", dir.resolve("adc.json").toString(),
                    "GOOGLE_CLOUD_PROJECT", "the-environments-project",
                    "GOOGLE_CLOUD_LOCATION", "us-east5");
            try (Marble marble = marble(variables)) {
                var ref = marble.resolver().resolve("vertex-eu");
                var response = marble.providerModel(ref).chat(dev.marble.model.ChatRequest.of(null, "hi"));
                assertThat(response.message().text()).isEqualTo("echo: hi");
                assertThat(vertex.lastRequest().path())
                        .isEqualTo("/v1/projects/eu-project/locations/europe-west4/publishers/anthropic/models/"
                                + "claude-opus-4-1@20250805:rawPredict");
            }
        }
    }
}
