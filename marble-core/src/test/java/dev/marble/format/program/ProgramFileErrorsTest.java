package dev.marble.format.program;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake in a program file is one line naming file:line:column, the field and what was expected. */
class ProgramFileErrorsTest {

    @TempDir
    Path dir;

    private String errorOf(String text) throws IOException {
        Path file = dir.resolve("p.toml");
        Files.writeString(file, text);
        try {
            ProgramLoader.load(file);
        } catch (ConfigException e) {
            return e.getMessage().replace(file.toAbsolutePath().toString(), "p.toml");
        }
        throw new AssertionError("no error for:\n" + text);
    }

    @Test
    void aMissingModelSectionOrKey() throws IOException {
        Assertions.assertThat(errorOf("[prompt]\nsystem_prompt = \"x\"\n"))
                .isEqualTo("p.toml: missing required key \"model\" (an object)");
        Assertions.assertThat(errorOf("[model]\nname = \"m\"\n"))
                .isEqualTo("p.toml:1:1: model: missing required key \"provider\" (a string)");
    }

    @Test
    void aValueOfTheWrongForm() throws IOException {
        Assertions.assertThat(
                        errorOf("[model]\nname = \"m\"\nprovider = \"openai\"\n[parameters]\ntemperature = \"hot\"\n"))
                .isEqualTo("p.toml:5:15: parameters.temperature: expected a number of at least 0.0, got \"hot\"");
        Assertions.assertThat(errorOf("[model]\nname = \"m\"\nprovider = \"anthropic\"\n[mcp.tools]\ngithub = 3\n"))
                .isEqualTo("p.toml:5:10: mcp.tools.github: expected \"all\" or a list of tool names, got 3");
        Assertions.assertThat(
                        errorOf("[model]\nname = \"m\"\nprovider = \"anthropic\"\n[mcp.tools]\ngithub = \"some\"\n"))
                .isEqualTo("p.toml:5:10: mcp.tools.github: expected \"all\" or a list of tool names, got \"some\"");
        Assertions.assertThat(errorOf("[model]\nname = \"\"\nprovider = \"openai\"\n"))
                .isEqualTo("p.toml:2:8: model.name: expected a model name, got an empty string");
    }

    @Test
    void aMissingSystemPromptFile() throws IOException {
        Assertions.assertThat(errorOf(
                        "[model]\nname = \"m\"\nprovider = \"openai\"\n[prompt]\nsystem_prompt_file = \"no.md\"\n"))
                .startsWith("p.toml:5:22: prompt.system_prompt_file: cannot read the system prompt file ")
                .endsWith("no.md: not found");
    }

    @Test
    void brokenTomlIsReportedWhereTheParserStopped() throws IOException {
        assertThatThrownBy(() -> {
                    Path file = dir.resolve("broken.toml");
                    Files.writeString(file, "[model]\nname = \"m\nprovider = \"openai\"\n");
                    ProgramLoader.load(file);
                })
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("broken.toml:2:")
                .hasMessageContaining("not valid TOML");
    }
}
