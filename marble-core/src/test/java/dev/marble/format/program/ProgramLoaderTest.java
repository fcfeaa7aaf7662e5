package dev.marble.format.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.ConfigWarning;
import dev.marble.model.ModelRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading programs: SEEDS-SPEC 3.1's from_toml tests and the seed README's examples, on real files. */
class ProgramLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theSeedReadmesMinimalProgramIsAnAgentWithItsSystemPrompt() throws IOException {
        Path file = write("minimal.toml", """
                [model]
                name = "gpt-4o-mini"
                provider = "openai"

                [prompt]
                system_prompt = "You are a helpful assistant."
                """);

        LoadedProgram loaded = ProgramLoader.load(file);

        Program program = loaded.program();
        assertThat(loaded.warnings()).isEmpty();
        assertThat(program.name()).isEqualTo("minimal");
        assertThat(program.displayName()).isEqualTo("Openai gpt-4o-mini");
        assertThat(program.agent().model()).isEqualTo(new ModelRef("openai", "gpt-4o-mini"));
        assertThat(program.agent().instructions()).isEqualTo("You are a helpful assistant.");
        assertThat(program.agent().limits().maxTurns()).isEqualTo(10);
        assertThat(program.agent().limits().completionMarker()).isNull();
        assertThat(program.file()).isEqualTo(file.toAbsolutePath().normalize());
        // from_toml's state was [system]: a fresh conversation is the system prompt and nothing else.
        ProgramConversation conversation = program.startConversation();
        assertThat(conversation.system()).contains("You are a helpful assistant.");
        assertThat(conversation.messages()).isEmpty();
    }

    @Test
    void parametersBecomeCallOptionsAndUnknownOnesAWarningAtTheirLine() throws IOException {
        Path file = write("complex.toml", """
                [model]
                name = "claude-3-haiku-20240307"
                provider = "anthropic"
                display_name = "Haiku"

                [parameters]
                temperature = 0.7
                max_tokens = 300
                top_p = 0.9
                frequency_penalty = 0.5
                presence_penalty = -0.5
                top_k = 40
                debug_tools = true
                project_idd = "x"
                """);

        LoadedProgram loaded = ProgramLoader.load(file);

        Program program = loaded.program();
        assertThat(program.name()).isEqualTo("Haiku");
        assertThat(program.displayName()).isEqualTo("Haiku");
        assertThat(program.agent().options().temperature()).isEqualTo(0.7);
        assertThat(program.agent().options().maxTokens()).isEqualTo(300);
        assertThat(program.agent().options().topP()).isEqualTo(0.9);
        assertThat(program.agent().options().extra())
                .containsOnlyKeys("frequency_penalty", "presence_penalty", "top_k");
        assertThat(program.agent().options().extra().get("frequency_penalty").asDouble())
                .isEqualTo(0.5);
        assertThat(program.agent().options().extra().get("presence_penalty").asDouble())
                .isEqualTo(-0.5);
        assertThat(program.agent().options().extra().get("top_k").asInt()).isEqualTo(40);
        assertThat(program.debugTools()).isTrue();
        assertThat(program.agent().instructions()).isEmpty();
        assertThat(loaded.warnings())
                .extracting(ConfigWarning::toString)
                .containsExactly(file.toAbsolutePath()
                        + ":14:1: parameters.project_idd: unknown key, ignored (did you mean \"project_id\"?)");
    }

    @Test
    void aSystemPromptFileIsReadRelativeToTheProgramAndWinsOverTheInlinePrompt() throws IOException {
        write("prompts/expert.md", "You know this repository.");
        Path file = write("programs/expert.toml", """
                [model]
                name = "m"
                provider = "anthropic"
                [prompt]
                system_prompt = "ignored"
                system_prompt_file = "../prompts/expert.md"
                """);

        assertThat(ProgramLoader.load(file).program().agent().instructions()).isEqualTo("You know this repository.");
    }

    @Test
    void everyMarbleProviderAndLlmprocsVertexAreAccepted() throws IOException {
        for (String provider : new String[] {"vertex", "ollama", "claude-code", "scripted"}) {
            Path file = write(provider + ".toml", "[model]\nname = \"some-model\"\nprovider = \"" + provider + "\"\n");
            assertThat(ProgramLoader.load(file).program().agent().model())
                    .isEqualTo(new ModelRef(provider, "some-model"));
        }
    }

    @Test
    void preloadedFilesAreRenderedAsLlmprocsPreloadBlockAndAMissingOneIsAWarning() throws IOException {
        write("docs/readme.md", "# Read me");
        write("notes.txt", "secret flag: 42");
        Path file = write("preload.toml", """
                [model]
                name = "m"
                provider = "openai"
                [prompt]
                system_prompt = "Answer from the files."
                [preload]
                files = [
                  "docs/readme.md",
                  "missing.md",
                  "notes.txt",
                ]
                """);

        LoadedProgram loaded = ProgramLoader.load(file);

        assertThat(loaded.program().agent().instructions()).isEqualTo("""
                Answer from the files.

                <preload>
                <file path="readme.md">
                # Read me
                </file>
                <file path="notes.txt">
                secret flag: 42
                </file>
                </preload>""");
        assertThat(loaded.program().systemPrompt()).isEqualTo("Answer from the files.");
        assertThat(loaded.program().preload().files())
                .extracting(PreloadedFile::path)
                .containsExactly(dir.resolve("docs/readme.md"), dir.resolve("notes.txt"));
        assertThat(loaded.warnings())
                .singleElement()
                .asString()
                .startsWith(file.toAbsolutePath() + ":9:3: preload.files[1]: preload file ")
                .endsWith("missing.md does not exist; skipped");
    }

    @Test
    void unknownSectionsAndToolsAreOneWarningEachWithASuggestion() throws IOException {
        Path file = write("typos.toml", """
                [model]
                name = "m"
                provider = "openai"

                [promt]
                system_prompt = "x"

                [tools]
                enabled = ["read_fil", "files", "abacus"]

                [env_info]
                variables = "all"
                """);

        LoadedProgram loaded = ProgramLoader.load(file);

        assertThat(loaded.warnings())
                .extracting(ConfigWarning::toString)
                .containsExactlyInAnyOrder(
                        file.toAbsolutePath() + ":5:1: promt: unknown key, ignored (did you mean \"prompt\"?)",
                        file.toAbsolutePath() + ":11:1: env_info: unknown key, ignored",
                        file.toAbsolutePath()
                                + ":9:12: tools.enabled[0]: unknown tool \"read_fil\", ignored (did you mean "
                                + "\"read_file\"?)",
                        file.toAbsolutePath() + ":9:33: tools.enabled[2]: unknown tool \"abacus\", ignored");
        assertThat(loaded.program().enabledTools()).containsExactly("files");
    }

    @Test
    void mcpSettingsAreKeptAsDataBesideTheEnabledTools() throws IOException {
        write("config/mcp_servers.json", "{\"mcpServers\": {}}");
        write("expert.toml", "[model]\nname = \"m\"\nprovider = \"anthropic\"\n");
        Path file = write("claude_code.toml", """
                [model]
                name = "claude-3-7-sonnet-20250219"
                provider = "anthropic"

                [mcp]
                config_path = "config/mcp_servers.json"

                [mcp.tools]
                github = ["search_repositories", "get_file_contents"]
                codemcp = "all"

                [tools]
                enabled = ["spawn"]

                [linked_programs]
                expert = "expert.toml"
                """);

        Program program = ProgramLoader.load(file).program();

        assertThat(program.mcp().configPath()).isEqualTo(dir.resolve("config/mcp_servers.json"));
        assertThat(program.mcp().tools())
                .containsExactly(
                        Map.entry("github", ToolSelection.Named.of("search_repositories", "get_file_contents")),
                        Map.entry("codemcp", new ToolSelection.All()));
        // LLMProc defect 1: [mcp.tools] overwrote [tools] and spawn was lost.
        assertThat(program.enabledTools()).containsExactly("spawn");
    }

    @Test
    void aMissingMcpServersFileIsAWarningAndMcpIsOff() throws IOException {
        Path file = write("p.toml", """
                [model]
                name = "m"
                provider = "anthropic"
                [mcp]
                config_path = "nowhere.json"
                """);

        LoadedProgram loaded = ProgramLoader.load(file);

        assertThat(loaded.program().mcp()).isNull();
        assertThat(loaded.warnings())
                .singleElement()
                .asString()
                .startsWith(file.toAbsolutePath() + ":5:15: mcp.config_path: MCP servers file ")
                .endsWith("MCP is off");
    }

    @Test
    void spawnWithoutLinkedProgramsIsAWarning() throws IOException {
        Path file = write("p.toml", "[model]\nname = \"m\"\nprovider = \"openai\"\n[tools]\nenabled = [\"spawn\"]\n");

        assertThat(ProgramLoader.load(file).warnings())
                .singleElement()
                .asString()
                .contains(":5:12: tools.enabled[0]: spawn is enabled but there are no [linked_programs]");
    }
}
