package dev.marble.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.api.EngineOptions;
import dev.marble.config.ConfigLoader;
import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.error.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalSettingsTest {

    @TempDir
    Path project;

    @Test
    void defaultsAreThoseOfADevServerOnThisMachine() {
        TemporalSettings settings = TemporalSettings.resolve(EngineOptions.NONE, Map.of(), config("{}", Map.of()));

        assertThat(settings.address()).isEqualTo("localhost:7233");
        assertThat(settings.namespace()).isEqualTo("default");
        assertThat(settings.taskQueue()).isEqualTo("marble");
        assertThat(settings.tls().enabled()).isFalse();
        assertThat(settings.timeouts()).isEqualTo(TemporalTimeouts.DEFAULT);
    }

    @Test
    void flagsBeatTheTemporalVariablesWhichBeatMarbleJson() {
        String json = "{\"temporal\": {\"address\": \"json:1\", \"namespace\": \"json-ns\", \"task_queue\": \"json-q\","
                + " \"timeouts\": {\"heartbeat\": 5}}}";
        Map<String, String> variables = Map.of("TEMPORAL_ADDRESS", "env:2", "TEMPORAL_NAMESPACE", "env-ns");

        TemporalSettings fromJson = TemporalSettings.resolve(EngineOptions.NONE, Map.of(), config(json, Map.of()));
        TemporalSettings fromEnv = TemporalSettings.resolve(EngineOptions.NONE, variables, config(json, variables));
        TemporalSettings fromFlags = TemporalSettings.resolve(
                new EngineOptions("flag:3", null, "flag-q"), variables, config(json, variables));

        assertThat(fromJson.address()).isEqualTo("json:1");
        assertThat(fromJson.namespace()).isEqualTo("json-ns");
        assertThat(fromJson.taskQueue()).isEqualTo("json-q");
        assertThat(fromJson.timeouts().heartbeat()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fromEnv.address()).isEqualTo("env:2");
        assertThat(fromEnv.namespace()).isEqualTo("env-ns");
        assertThat(fromFlags.address()).isEqualTo("flag:3");
        assertThat(fromFlags.namespace()).isEqualTo("env-ns");
        assertThat(fromFlags.taskQueue()).isEqualTo("flag-q");
    }

    @Test
    void anApiKeyTurnsTlsOnAsTheTemporalCliDoesAndIsNeverShown() {
        Map<String, String> variables = Map.of("TEMPORAL_API_KEY", "tk-secret-123456");

        TemporalSettings settings = TemporalSettings.resolve(EngineOptions.NONE, variables, config("{}", variables));

        assertThat(settings.tls().enabled()).isTrue();
        assertThat(settings.tls().apiKey()).isEqualTo("tk-secret-123456");
        assertThat(settings.toString()).doesNotContain("tk-secret-123456");
        assertThat(settings.describe()).doesNotContain("tk-secret-123456").contains("TLS");
    }

    @Test
    void theApiKeyCanComeFromTheVariableMarbleJsonNames() {
        Map<String, String> variables = Map.of("MY_TEMPORAL_KEY", "tk-other-7890");
        String json = "{\"temporal\": {\"api_key_env\": \"MY_TEMPORAL_KEY\"}}";

        TemporalSettings settings = TemporalSettings.resolve(EngineOptions.NONE, variables, config(json, variables));

        assertThat(settings.tls().apiKey()).isEqualTo("tk-other-7890");
    }

    @Test
    void tlsPathsTakeTheCliNewerAndOlderNamesAndMarbleJsonPathsAreRelativeToIt() {
        Map<String, String> newer =
                Map.of("TEMPORAL_TLS_CLIENT_CERT_PATH", "/n/cert.pem", "TEMPORAL_TLS_CLIENT_KEY_PATH", "/n/key.pem");
        Map<String, String> older = Map.of("TEMPORAL_TLS_CERT", "/o/cert.pem", "TEMPORAL_TLS_KEY", "/o/key.pem");
        String json = "{\"temporal\": {\"tls\": {\"cert\": \"certs/c.pem\", \"key\": \"certs/k.pem\"}}}";

        assertThat(TemporalSettings.resolve(EngineOptions.NONE, newer, config("{}", newer))
                        .tls()
                        .clientCert())
                .isEqualTo(Path.of("/n/cert.pem"));
        assertThat(TemporalSettings.resolve(EngineOptions.NONE, older, config("{}", older))
                        .tls()
                        .clientKey())
                .isEqualTo(Path.of("/o/key.pem"));
        TemporalTls fromJson = TemporalSettings.resolve(EngineOptions.NONE, Map.of(), config(json, Map.of()))
                .tls();
        assertThat(fromJson.clientCert()).isEqualTo(project.toAbsolutePath().resolve("certs/c.pem"));
        assertThat(fromJson.enabled()).isTrue();
    }

    @Test
    void TEMPORAL_TLS_falseTurnsItOffAndACertificateWithoutItsKeyIsRefused() {
        Map<String, String> off = Map.of("TEMPORAL_API_KEY", "k", "TEMPORAL_TLS", "false");
        Map<String, String> half = Map.of("TEMPORAL_TLS_CERT", "/c.pem");

        assertThat(TemporalSettings.resolve(EngineOptions.NONE, off, config("{}", off))
                        .tls()
                        .enabled())
                .isFalse();
        assertThatThrownBy(() -> TemporalSettings.resolve(EngineOptions.NONE, half, config("{}", half)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("needs its key");
    }

    @Test
    void anAddressThatIsNotHostAndPortIsRefusedWithAnExample() {
        assertThatThrownBy(() -> TemporalSettings.resolve(
                        new EngineOptions("http://x:7233", null, null), Map.of(), config("{}", Map.of())))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'http://x:7233' is not host:port (e.g. localhost:7233)");
    }

    private MarbleConfig config(String json, Map<String, String> variables) {
        try {
            Files.writeString(project.resolve("marble.json"), json);
            Path home = Files.createDirectories(project.resolve("home"));
            return ConfigLoader.load(new Environment(variables, project, home));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
