package dev.marble.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path temp;

    private Environment environment(Map<String, String> variables) throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path project = Files.createDirectories(temp.resolve("project"));
        return new Environment(variables, project, home);
    }

    private Path globalFile(Environment env) throws IOException {
        return Files.createDirectories(env.home().resolve(".config/marble")).resolve("config.json");
    }

    @Test
    void defaultsApplyWhenNoFileExists() throws IOException {
        MarbleConfig config = ConfigLoader.load(environment(Map.of()));
        assertThat(config.callTimeout().value()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(config.callTimeout().source()).isEqualTo("default");
        assertThat(config.defaultModel()).isEmpty();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void projectOverridesGlobalAndEnvironmentOverridesBoth() throws IOException {
        Environment env = environment(Map.of());
        Files.writeString(globalFile(env), """
                {"default_model": "openai:gpt-4.1-mini", "default_timeout_seconds": 60,
                 "aliases": {"fast": "openai:gpt-4.1-nano", "smart": "anthropic:claude-opus-4-6"}}""");
        Files.writeString(env.workingDirectory().resolve("marble.json"), """
                {
                  "default_model": "anthropic:claude-sonnet-4-6",
                  "aliases": {"fast": "anthropic:claude-haiku-4-5"}
                }""");
        MarbleConfig config = ConfigLoader.load(env);
        assertThat(config.defaultModel().orElseThrow().value()).isEqualTo("anthropic:claude-sonnet-4-6");
        assertThat(config.defaultModel().orElseThrow().source())
                .startsWith("project config")
                .endsWith("marble.json:2");
        assertThat(config.callTimeout().value()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.callTimeout().source()).startsWith("global config");
        assertThat(config.aliases()).containsOnlyKeys("fast", "smart");
        assertThat(config.aliases().get("fast").value()).isEqualTo("anthropic:claude-haiku-4-5");
        assertThat(config.aliases().get("smart").value()).isEqualTo("anthropic:claude-opus-4-6");

        MarbleConfig withVariable = ConfigLoader.load(env.withVariable("MARBLE_MODEL", "ollama:qwen3"));
        assertThat(withVariable.defaultModel().orElseThrow().value()).isEqualTo("ollama:qwen3");
        assertThat(withVariable.defaultModel().orElseThrow().source()).isEqualTo("environment variable MARBLE_MODEL");
    }

    @Test
    void xdgConfigHomeIsHonoured() throws IOException {
        Path xdg = Files.createDirectories(temp.resolve("xdg/marble"));
        Files.writeString(xdg.resolve("config.json"), "{\"default_model\": \"openai:gpt-4.1\"}");
        Environment env =
                environment(Map.of("XDG_CONFIG_HOME", temp.resolve("xdg").toString()));
        assertThat(ConfigLoader.load(env).defaultModel().orElseThrow().value()).isEqualTo("openai:gpt-4.1");
    }

    @Test
    void llmautoConfigKeysAreAccepted() throws IOException {
        Environment env = environment(Map.of());
        Files.writeString(env.workingDirectory().resolve("marble.json"), """
                {
                  "default_model": "claude-sonnet-4-6",
                  "default_permission_mode": "dontAsk",
                  "default_allowed_tools": ["Read", "Edit"],
                  "default_timeout_seconds": 7200,
                  "telegram": {"enabled": false, "bot_token_env": "LLMAUTO_TELEGRAM_BOT_TOKEN", "chat_id": 12345},
                  "known_user_homes": ["C:\\\\Users\\\\Lukas\\\\"]
                }""");
        MarbleConfig config = ConfigLoader.load(env);
        assertThat(config.warnings()).isEmpty();
        assertThat(config.textList("default_allowed_tools").value()).containsExactly("Read", "Edit");
        assertThat(config.callTimeout().value()).isEqualTo(Duration.ofHours(2));
        assertThat(config.text("telegram.chat_id").orElseThrow().value()).isEqualTo("12345");
    }

    @Test
    void llmautosConfigJsonBesideTheChainsIsReadUnderMarbleJsonWithANote() throws IOException {
        Environment env = environment(Map.of());
        Files.createDirectories(env.workingDirectory().resolve("chains"));
        Path llmauto = env.workingDirectory().resolve("config.json");
        Files.writeString(llmauto, """
                {
                  "default_model": "claude-sonnet-4-6",
                  "default_permission_mode": "dontAsk",
                  "default_allowed_tools": ["Read", "Edit", "Write", "Bash", "Glob", "Grep"],
                  "default_timeout_seconds": 7200,
                  "telegram": {"enabled": false, "bot_token_env": "LLMAUTO_TELEGRAM_BOT_TOKEN", "chat_id": ""},
                  "known_user_homes": []
                }""");
        Files.writeString(globalFile(env), "{\"default_timeout_seconds\": 60, \"default_model\": \"g\"}");

        MarbleConfig config = ConfigLoader.load(env);
        assertThat(config.warnings())
                .extracting(ConfigWarning::toString)
                .containsExactly(
                        llmauto + ": llmauto's config.json, read; marble.json is the place for these settings");
        assertThat(config.defaultModel().orElseThrow().value()).isEqualTo("claude-sonnet-4-6");
        assertThat(config.defaultModel().orElseThrow().source()).isEqualTo("llmauto config " + llmauto + ":2");
        assertThat(config.callTimeout().value()).isEqualTo(Duration.ofHours(2));
        assertThat(config.textList("default_allowed_tools").value()).hasSize(6);
        assertThat(config.text("default_permission_mode").orElseThrow().value()).isEqualTo("dontAsk");

        Files.writeString(env.workingDirectory().resolve("marble.json"), "{\"default_model\": \"p\"}");
        config = ConfigLoader.load(env);
        assertThat(config.defaultModel().orElseThrow().value())
                .as("marble.json wins")
                .isEqualTo("p");
        assertThat(config.callTimeout().value()).as("over the global file").isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aConfigJsonInAFolderWithoutChainsIsNotLlmautosAndIsNotRead() throws IOException {
        Environment env = environment(Map.of());
        Files.writeString(env.workingDirectory().resolve("config.json"), "{\"default_model\": \"x\"}");
        MarbleConfig config = ConfigLoader.load(env);
        assertThat(config.defaultModel()).isEmpty();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() throws IOException {
        Environment env = environment(Map.of());
        Path file = env.workingDirectory().resolve("marble.json");
        Files.writeString(file, "{\n  \"default_model\": \"x\",\n  \"retry\": {\"max_attempts\": 3,,}\n}");
        assertThatThrownBy(() -> ConfigLoader.load(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3:")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void wrongTypeNamesFileLineColumnFieldAndExpectation() throws IOException {
        Environment env = environment(Map.of());
        Path file = env.workingDirectory().resolve("marble.json");
        Files.writeString(file, "{\n  \"retry\": {\n    \"max_attempts\": \"three\"\n  }\n}\n");
        assertThatThrownBy(() -> ConfigLoader.load(env))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        file + ":3:21: retry.max_attempts: expected an integer from 1 to 2147483647, got \"three\"");
    }

    @Test
    void wrongElementInListIsLocated() throws IOException {
        Environment env = environment(Map.of());
        Path file = env.workingDirectory().resolve("marble.json");
        Files.writeString(file, "{\"fallback_models\": [\"openai:gpt-4.1\", 7]}");
        assertThatThrownBy(() -> ConfigLoader.load(env))
                .hasMessage(file + ":1:40: fallback_models[1]: expected a string, got 7");
    }

    @Test
    void unknownKeysWarnWithASuggestionAndDoNotFail() throws IOException {
        Environment env = environment(Map.of());
        Path file = env.workingDirectory().resolve("marble.json");
        Files.writeString(file, "{\n  \"default_modle\": \"x\",\n  \"_note\": \"comments are fine\"\n}");
        MarbleConfig config = ConfigLoader.load(env);
        assertThat(config.warnings()).hasSize(1);
        assertThat(config.warnings().getFirst().toString())
                .isEqualTo(file + ":2:3: default_modle: unknown key, ignored (did you mean \"default_model\"?)");
    }

    @Test
    void duplicateKeysAreAnError() throws IOException {
        Environment env = environment(Map.of());
        Files.writeString(
                env.workingDirectory().resolve("marble.json"), "{\"default_model\": \"a\", \"default_model\": \"b\"}");
        assertThatThrownBy(() -> ConfigLoader.load(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Duplicate");
    }

    @Test
    void topLevelMustBeAnObject() throws IOException {
        Environment env = environment(Map.of());
        Files.writeString(env.workingDirectory().resolve("marble.json"), "[1, 2]");
        assertThatThrownBy(() -> ConfigLoader.load(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected a JSON object at the top level");
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Environment env = environment(Map.of());
        Files.writeString(env.workingDirectory().resolve("marble.json"), "  \n");
        assertThatThrownBy(() -> ConfigLoader.load(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the file is empty");
    }

    @Test
    void projectRootIsFoundFromASubdirectory() throws IOException {
        Environment env = environment(Map.of());
        Files.writeString(env.workingDirectory().resolve("marble.json"), "{\"default_model\": \"openai:gpt-4.1\"}");
        Path nested = Files.createDirectories(env.workingDirectory().resolve("src/deep"));
        MarbleConfig config = ConfigLoader.load(env.withWorkingDirectory(nested));
        assertThat(config.projectRoot()).isEqualTo(env.workingDirectory());
        assertThat(config.defaultModel()).isPresent();
    }
}
