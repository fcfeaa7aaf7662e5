package dev.marble.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.error.ModelException;
import dev.marble.model.ChatRequest;
import dev.marble.model.ModelRef;
import dev.marble.provider.UnavailableChatModel;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeGoogleTokenServer;
import dev.marble.testkit.FakeReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model is hostile and sees whatever Marble prints, journals or hands its tools: the service account's private
 * key, the access tokens and a gcloud refresh token must reach none of those.
 */
class VertexSecurityTest {

    private static final String ACCOUNT = "robot@proj.iam.gserviceaccount.com";
    private static final ModelRef MODEL = new ModelRef("vertex", "claude-sonnet-4-5@20250929");
    private static KeyPair keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    private Marble marble(FakeAnthropicServer vertex, Path credentials) {
        return Marble.start(
                new Environment(
                        Map.of(
                                "ANTHROPIC_VERTEX_BASE_URL",
                                vertex.baseUrl(),
                                "GOOGLE_APPLICATION_CREDENTIALS",
                                credentials.toString(),
                                "GOOGLE_CLOUD_PROJECT",
                                "proj",
                                "GOOGLE_CLOUD_LOCATION",
                                "us-east5"),
                        dir,
                        dir),
                warning -> {});
    }

    @Test
    void theKeyAndEveryAccessTokenAreRedactedAndToolsGetNoCredentialsVariable() throws Exception {
        try (var google = FakeGoogleTokenServer.start().serviceAccount(ACCOUNT, keys.getPublic());
                var vertex = FakeAnthropicServer.vertex("proj", "us-east5", google::isCurrent)) {
            Path file = dir.resolve("sa.json");
            String json = google.serviceAccountJson(ACCOUNT, keys.getPrivate(), "proj");
            Files.writeString(file, json);
            google.expiresIn(60); // a new token each call: every one must be known to the redactor
            try (Marble marble = marble(vertex, file)) {
                var model = marble.providerModel(MODEL);
                model.chat(ChatRequest.of(null, "one"));
                model.chat(ChatRequest.of(null, "two"));
                String keyBody = json.substring(json.indexOf("-----BEGIN"), json.indexOf("-----END"))
                        .replace("\\n", "\n");
                String leak = "key " + keyBody + " first " + google.accessToken(1) + " second " + google.accessToken(2);

                String shown = marble.redactor().redact(leak);

                assertThat(shown)
                        .doesNotContain(google.accessToken(1), google.accessToken(2))
                        .doesNotContain(keyBody.lines().skip(2).findFirst().orElseThrow());
                assertThat(marble.toolEnvironment().variables()).doesNotContainKey("GOOGLE_APPLICATION_CREDENTIALS");
            }
        }
    }

    @Test
    void aGcloudRefreshTokenAndClientSecretAreRedactedOnceTheFileIsRead() throws Exception {
        try (var google = FakeGoogleTokenServer.start()
                        .authorizedUser("id.apps", "client-secret-9876543210", "1//refresh-9876543210abcdef");
                var vertex = FakeAnthropicServer.vertex("proj", "us-east5", google::isCurrent)) {
            Path file = dir.resolve("adc.json");
            Files.writeString(
                    file,
                    google.authorizedUserJson("id.apps", "client-secret-9876543210", "1//refresh-9876543210abcdef"));
            try (Marble marble = marble(vertex, file)) {
                vertex.enqueue(FakeReply.text("ok"));
                marble.providerModel(MODEL).chat(ChatRequest.of(null, "hi"));
                assertThat(marble.redactor()
                                .redact("r=1//refresh-9876543210abcdef s=client-secret-9876543210 t="
                                        + google.accessToken(1)))
                        .doesNotContain("9876543210", google.accessToken(1));
            }
        }
    }

    @Test
    void aBrokenKeyFileIsNamedButItsContentIsNeverQuoted() throws Exception {
        try (var vertex = FakeAnthropicServer.vertex("proj", "us-east5", token -> false)) {
            Path file = dir.resolve("broken.json");
            // cut off mid-key: a JSON parser's message would quote the text around the error
            Files.writeString(
                    file,
                    "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN"
                            + "SECRETKEYMATERIALxyz");
            try (Marble marble = marble(vertex, file)) {
                var model = marble.providerModel(MODEL);
                String reason = ((UnavailableChatModel) model).reason();
                // the path is the value of a variable whose name marks it secret: the variable's name stands for it
                assertThat(reason)
                        .startsWith("[redacted:GOOGLE_APPLICATION_CREDENTIALS]: not a JSON object")
                        .doesNotContain("SECRETKEYMATERIAL", "MIIEvQ");
            }
            Files.writeString(
                    file,
                    "{\"type\": \"service_account\", \"client_email\": \"a@b\", \"private_key\":"
                            + " \"not a pem SECRETKEYMATERIAL\"}");
            try (Marble marble = marble(vertex, file)) {
                var failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                        ModelException.class, () -> marble.providerModel(MODEL).chat(ChatRequest.of(null, "hi")));
                assertThat(failure.getMessage())
                        .contains("field private_key is not a PEM")
                        .doesNotContain("SECRETKEYMATERIAL");
            }
        }
    }
}
