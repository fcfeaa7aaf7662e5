package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** marble models, config, logs and version. */
class InfoCommandsTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
    }

    @Test
    void modelsSaysWhichProvidersAreUsableAndWhy() {
        cli.env("ANTHROPIC_API_KEY", "sk-ant-api03-abcdefghijkl");
        var result = cli.run("models");
        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .containsPattern("anthropic +anthropic +yes +https://api.anthropic.com; ANTHROPIC_API_KEY is set")
                .containsPattern("openai +openai +no .*OPENAI_API_KEY is not set")
                .containsPattern("claude-code +claude-code +no +'claude' is not on PATH")
                .contains("opus    claude-code:opus")
                .contains("Default model: anthropic:claude-sonnet-4-6 (ANTHROPIC_API_KEY is set)")
                .doesNotContain("abcdefghijkl");
        var json = Json.parse(cli.run("models", "--json").out());
        assertThat(json.path("default_model").path("model").asString()).isEqualTo("anthropic:claude-sonnet-4-6");
        assertThat(json.path("aliases").path("haiku").asString()).isEqualTo("claude-code:haiku");
    }

    @Test
    void modelsListsLocalModelsPulledOrConfiguredWithTheReferenceThatRunsThem() throws IOException {
        Path pulled = cli.home().resolve(".cache/marble/models/Qwen/Qwen2.5-GGUF/qwen-q4.gguf");
        Files.createDirectories(pulled.getParent());
        Files.write(pulled, new byte[2_000_000]);
        cli.write("marble.json", "{\"local\": {\"models\": {\"tiny\": {\"path\": \"models/tiny.gguf\"}}}}");

        var result = cli.run("models");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Local models (GGUF files run in-process; models folder "
                        + cli.home().resolve(".cache/marble/models") + "):")
                .containsPattern("tiny +missing +configured +-m local:tiny")
                .containsPattern(
                        "Qwen/Qwen2.5-GGUF/qwen-q4.gguf +2.0 MB +pulled +-m local:Qwen/Qwen2.5-GGUF/qwen-q4.gguf");
        assertThat(new CliRunner(temp.resolve("empty")).run("models").out()).contains("none yet: 'marble models pull");
    }

    @Test
    void modelsListsConfiguredServers() throws IOException {
        cli.write(
                "marble.json",
                "{\"providers\": {\"lab\": {\"type\": \"openai\", \"base_url\": \"http://127.0.0.1:9/v1\"}}}");
        assertThat(cli.run("models").out()).containsPattern("lab +openai +no +http://127.0.0.1:9/v1; nothing listens");
    }

    @Test
    void configShowsEachValueWithItsSourceAndMasksSecrets() throws IOException {
        Path file = cli.write(
                "marble.json", "{\n  \"default_model\": \"openai:gpt-4.1\",\n  \"retry\": {\"max_attempts\": 5}\n}\n");
        cli.env("OPENAI_API_KEY", "sk-proj-SHOULDNOTSHOW123456");
        var result = cli.run("config");
        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .containsPattern("default_model +\"openai:gpt-4.1\" +- +project config " + Pattern.quote(file + ":2"))
                .containsPattern("retry.max_attempts +5 +3 +project config")
                .containsPattern("default_timeout_seconds +1800 +1800 +default")
                .containsPattern("OPENAI_API_KEY +\\*+ \\(set, 27 characters\\)")
                .doesNotContain("SHOULDNOTSHOW");
        var json = Json.parse(cli.run("config", "--json").out());
        assertThat(json.path("settings").path("default_model").path("value").asString())
                .isEqualTo("openai:gpt-4.1");
    }

    @Test
    void configWarnsAboutUnknownKeys() throws IOException {
        cli.write("marble.json", "{\"defualt_model\": \"x\"}");
        var result = cli.run("config");
        assertThat(result.exit()).isZero();
        assertThat(result.err())
                .contains("warning:")
                .contains("defualt_model: unknown key, ignored (did you mean \"default_model\"?)");
    }

    @Test
    void logsWithoutAJournalSaySo() {
        var result = cli.run("logs");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("No calls yet");
        assertThat(cli.run("logs", "-n", "0").exit()).isEqualTo(2);
    }

    @Test
    void versionAndHelp() {
        assertThat(cli.run("version").out()).startsWith("marble ");
        assertThat(cli.run("--version").out()).startsWith("marble ");
        var help = cli.run();
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("pipe").contains("models").contains("Exit codes");
    }
}
