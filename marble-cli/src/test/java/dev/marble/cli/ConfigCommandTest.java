package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** marble config get, set and unset on real files: checked against the schema, written whole or not at all. */
class ConfigCommandTest {

    private static final String PROJECT = """
            {
              "_comment": "kept as written",
              "default_model": "openai:gpt-4.1",
              "retry": {
                "max_attempts": 5
              }
            }
            """;

    @TempDir
    Path temp;

    private CliRunner cli;
    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        file = cli.write("marble.json", PROJECT);
    }

    @Test
    void setChangesOneValueAndKeepsTheRestOfTheFileAsWritten() throws IOException {
        var result = cli.run("config", "set", "retry.max_attempts", "7");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(file).hasContent(PROJECT.replace("\"max_attempts\": 5", "\"max_attempts\": 7"));
        assertThat(cli.run("config", "get", "retry.max_attempts").out()).isEqualTo("7\n");
    }

    @Test
    void setAddsNewKeysInTheStyleOfTheirNeighbours() throws IOException {
        assertThat(cli.run("config", "set", "retry.initial_delay_ms", "0").exit())
                .isZero();
        assertThat(cli.run("config", "set", "telegram.chat_id", "4711").exit()).isZero();
        assertThat(cli.run("config", "set", "aliases.fast", "openai:gpt-4.1-mini")
                        .exit())
                .isZero();
        assertThat(cli.run("config", "set", "default_allowed_tools", "Read, Write")
                        .exit())
                .isZero();
        assertThat(cli.run("config", "set", "pricing.gpt-4.1.input", "2.5").exit())
                .isZero();

        assertThat(file).hasContent("""
                {
                  "_comment": "kept as written",
                  "default_model": "openai:gpt-4.1",
                  "retry": {
                    "max_attempts": 5,
                    "initial_delay_ms": 0
                  },
                  "telegram": {"chat_id": 4711},
                  "aliases": {"fast": "openai:gpt-4.1-mini"},
                  "default_allowed_tools": ["Read","Write"],
                  "pricing": {"gpt-4.1": {"input": 2.5}}
                }
                """);
        var config = Json.parse(cli.run("config", "--json").out()).path("settings");
        assertThat(config.path("pricing.gpt-4.1").path("value").path("input").asDouble())
                .isEqualTo(2.5);
        assertThat(cli.run("config", "get", "aliases.fast").out()).isEqualTo("openai:gpt-4.1-mini\n");
    }

    @Test
    void aValueThatDoesNotFitTheSchemaIsRefusedAndTheFileStaysAsItWas() throws IOException {
        var zero = cli.run("config", "set", "retry.max_attempts", "0");
        assertThat(zero.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err())
                .contains("marble: error: retry.max_attempts: expected an integer from 1")
                .contains("is unchanged");
        var word = cli.run("config", "set", "default_timeout_seconds", "soon");
        assertThat(word.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(word.err()).contains("default_timeout_seconds: expected an integer, got 'soon'");
        var provider = cli.run("config", "set", "providers.lab", "{\"type\": \"openai\"}");
        assertThat(provider.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(provider.err()).contains("missing required key \"base_url\"");
        var unknown = cli.run("config", "set", "retry.max_atempts", "3");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("unknown key 'retry.max_atempts' (did you mean 'retry.max_attempts'?)");
        assertThat(file).hasContent(PROJECT);
        try (var leftovers = Files.list(cli.project())) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void unsetRemovesTheKeyWithItsCommaAndAnObjectItLeavesEmpty() throws IOException {
        assertThat(cli.run("config", "unset", "retry.max_attempts").exit()).isZero();
        assertThat(file).hasContent("""
                {
                  "_comment": "kept as written",
                  "default_model": "openai:gpt-4.1"
                }
                """);
        assertThat(cli.run("config", "unset", "_comment").exit())
                .as("a comment is not a setting")
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("config", "unset", "default_model").exit()).isZero();
        assertThat(file).hasContent("""
                {
                  "_comment": "kept as written"
                }
                """);
        var again = cli.run("config", "unset", "default_model");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("not set");
        assertThat(cli.run("config", "get", "retry.max_attempts").out())
                .as("the default again")
                .isEqualTo("3\n");
    }

    @Test
    void globalWritesTheUsersConfigCreatingItAndKeepsALinkALink() throws IOException {
        Path global = cli.home().resolve(".config/marble/config.json");
        var created = cli.run("config", "set", "--global", "default_timeout_seconds", "60");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(global).hasContent("{\n  \"default_timeout_seconds\": 60\n}\n");
        assertThat(file).hasContent(PROJECT);

        Path dotfiles = Files.writeString(temp.resolve("dotfiles.json"), "{\"default_timeout_seconds\": 60}\n");
        Files.delete(global);
        Files.createSymbolicLink(global, dotfiles);
        assertThat(cli.run("config", "set", "--global", "default_timeout_seconds", "90")
                        .exit())
                .isZero();
        assertThat(Files.isSymbolicLink(global)).isTrue();
        assertThat(dotfiles).hasContent("{\"default_timeout_seconds\": 90}\n");
    }

    @Test
    void getSaysWhereAValueComesFromAndAnEnvironmentVariableThatOverridesIt() {
        var json =
                Json.parse(cli.run("config", "get", "--json", "default_model").out());
        assertThat(json.path("value").asString()).isEqualTo("openai:gpt-4.1");
        assertThat(json.path("source").asString()).contains("marble.json:3");
        assertThat(json.path("default").isNull()).isTrue();

        cli.env("MARBLE_MODEL", "anthropic:claude-haiku-4-5");
        assertThat(cli.run("config", "get", "default_model").out()).isEqualTo("anthropic:claude-haiku-4-5\n");
        var set = cli.run("config", "set", "default_model", "openai:gpt-4.1-mini");
        assertThat(set.err()).contains("MARBLE_MODEL").contains("overrides it");
    }

    @Test
    void theListingHasEveryKnownKeyWithItsDefaultSetOrNot() {
        var text = cli.run("config").out();
        assertThat(text)
                .containsPattern("telegram.chat_id +\"\" +\"\" +default")
                .containsPattern("local.models_dir +\\(not set\\) +- *\n")
                .containsPattern("claude_code.command +\"claude\" +\"claude\" +default")
                .containsPattern("aliases +\\(not set\\) +-")
                .containsPattern("retry.max_attempts +5 +3 +project config");
        var json = Json.parse(cli.run("config", "--json").out()).path("settings");
        assertThat(json.path("local.models_dir").path("value").isNull()).isTrue();
        assertThat(json.path("local.models_dir").path("source").isNull()).isTrue();
        assertThat(json.path("local.threads").path("default").asInt()).isEqualTo(1);
        assertThat(json.path("approvals.deny").path("description").asString()).contains("never run");
    }

    @Test
    void theSandboxSettingIsAKeyWrittenShortOrInFull() throws IOException {
        // sandbox may be "off" or {"mode": "off", ...}: set takes the word, or JSON, and the schema checks either.
        var word = cli.run("config", "set", "sandbox", "off");
        assertThat(word.exit()).as(word.err()).isZero();
        assertThat(cli.run("config", "get", "sandbox").out()).isEqualTo("off\n");
        var full = cli.run("config", "set", "sandbox", "{\"mode\": \"bwrap\", \"network\": \"loopback\"}");
        assertThat(full.exit()).as(full.err()).isZero();
        assertThat(Json.parse(Files.readString(file))
                        .path("sandbox")
                        .path("network")
                        .asString())
                .isEqualTo("loopback");
        String before = Files.readString(file);
        var wrong = cli.run("config", "set", "sandbox", "sometimes");
        assertThat(wrong.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(file).hasContent(before);
        assertThat(cli.run("config", "set", "tools.env.pass", "GITHUB_TOKEN").exit())
                .isZero();
        assertThat(Json.parse(Files.readString(file))
                        .path("tools")
                        .path("env")
                        .path("pass")
                        .get(0)
                        .asString())
                .isEqualTo("GITHUB_TOKEN");
    }
}
