package dev.marble.secret.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.config.Environment;
import dev.marble.secret.SecretRedactor;
import dev.marble.secret.oauth.OAuthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleCredentialsTest {

    private static final String USER = """
            {"type": "authorized_user", "client_id": "id.apps", "client_secret": "s3cret-client",
             "refresh_token": "1//refresh-0123456789"}""";

    @TempDir
    Path dir;

    private final SecretRedactor redactor = new SecretRedactor();

    private Environment env(Map<String, String> variables) {
        return new Environment(variables, dir.resolve("work"), dir.resolve("home"));
    }

    @Test
    void googleApplicationCredentialsIsReadFromTheWorkingDirectory() throws IOException {
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(dir.resolve("work/adc.json"), USER);

        var found = GoogleCredentials.find(env(Map.of("GOOGLE_APPLICATION_CREDENTIALS", "adc.json")), redactor);

        assertThat(found).containsInstanceOf(GoogleCredentials.AuthorizedUser.class);
        assertThat(found.get().tokenUri()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(found.get().toString()).doesNotContain("s3cret-client", "1//refresh");
    }

    @Test
    void gcloudsApplicationDefaultCredentialsAreFoundInTheHomeOrCloudsdkConfig() throws IOException {
        Path gcloud = Files.createDirectories(dir.resolve("home/.config/gcloud"));
        Files.writeString(gcloud.resolve("application_default_credentials.json"), USER);
        assertThat(GoogleCredentials.find(env(Map.of()), redactor)).isPresent();

        Path elsewhere = Files.createDirectories(dir.resolve("gcloud-config"));
        assertThat(GoogleCredentials.find(env(Map.of("CLOUDSDK_CONFIG", elsewhere.toString())), redactor))
                .isEmpty();
    }

    @Test
    void aMissingFileOrFieldIsOneLineNamingFileAndField() throws IOException {
        assertThatThrownBy(() -> GoogleCredentials.find(
                        env(Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/nowhere/key.json")), redactor))
                .isInstanceOf(OAuthException.class)
                .hasMessage("GOOGLE_APPLICATION_CREDENTIALS names /nowhere/key.json, which is not a file");

        Path file = dir.resolve("partial.json");
        Files.writeString(file, "{\"type\": \"service_account\", \"client_email\": \"a@b\"}");
        assertThatThrownBy(() -> GoogleCredentials.read(file, redactor))
                .hasMessage(file + ": field private_key is missing or empty");

        Files.writeString(file, "{\"type\": \"external_account\"}");
        assertThatThrownBy(() -> GoogleCredentials.read(file, redactor))
                .hasMessage(file + ": field type is \"external_account\"; expected service_account or authorized_user");
    }
}
