package dev.marble.format.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.ConfigWarning;
import dev.marble.error.ConfigException;
import dev.marble.model.ModelRef;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Programs of LLMProc's later (v0.9) era, TOML and YAML: every section and key, read from fixtures written for
 * Marble, and each user mistake as one line naming file, line, key and what was expected.
 */
class LaterProgramFormatTest {

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(LaterProgramFormatTest.class
                    .getResource("/programs/" + name)
                    .toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource programs/" + name + " is missing", e);
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private String errorOf(String name, String text) throws IOException {
        Path file = write(name, text);
        try {
            ProgramLoader.load(file);
        } catch (ConfigException e) {
            return e.getMessage().replace(file.toAbsolutePath().toString(), name);
        }
        throw new AssertionError("no error for:\n" + text);
    }

    private static final String MODEL = "[model]\nname = \"m\"\nprovider = \"anthropic\"\n";

    @Test
    void everyV09SectionOfTheTomlFixtureIsRead() {
        LoadedProgram loaded = ProgramLoader.load(fixture("v09/analyst.toml"));
        Program program = loaded.program();

        assertThat(loaded.warnings()).isEmpty();
        assertThat(program.name()).isEqualTo("Ledger Analyst");
        assertThat(program.agent().model())
                .isEqualTo(new ModelRef(
                        "anthropic",
                        "claude-3-5-haiku-20241022",
                        Map.of("project", "ledger-project", "location", "europe-west1")));
        assertThat(program.agent().limits().maxTurns()).isEqualTo(6);
        assertThat(program.cloud()).isEqualTo(new CloudSettings("ledger-project", "europe-west1"));
        assertThat(program.systemPrompt()).isEqualTo("You check ledgers. Use the calculator for every sum.");
        assertThat(program.agent().instructions())
                .startsWith("You check ledgers.")
                .contains("<file path=\"policy.md\">\nTotals are rounded to cents.");
        assertThat(program.userPrompt()).isEqualTo("Add up the March column of ledger.csv.");
        assertThat(program.agent().options().temperature()).isEqualTo(0.2);
        assertThat(program.agent().options().maxTokens()).isEqualTo(2048);

        assertThat(program.tools())
                .containsExactly(
                        ToolConfig.named("read_file"),
                        new ToolConfig("calculator", "add_up", "Sums and products, exactly.", null, Map.of()),
                        new ToolConfig(
                                "list_dir",
                                null,
                                null,
                                ToolConfig.Access.READ,
                                Map.of("directory_path", "Folder under the ledgers root")),
                        ToolConfig.named("goto"),
                        ToolConfig.named("spawn"));
        assertThat(program.enabledTools()).containsExactly("read_file", "calculator", "list_dir", "goto", "spawn");

        McpSettings mcp = program.mcp();
        assertThat(mcp.configPath()).isEqualTo(fixture("v09/mcp/servers.json"));
        JsonNode sheets = mcp.inlineServers().root().path("mcpServers").path("sheets");
        assertThat(sheets.path("command").asString()).isEqualTo("sheets-server");
        assertThat(mcp.tools())
                .containsExactly(
                        Map.entry("archive", ToolSelection.Named.of("search_ledgers", "Fetch-Ledger")),
                        Map.entry("sheets", new ToolSelection.All()));
        assertThat(mcp.locationOf("archive", program.file()).line()).isEqualTo(41);

        LinkedProgram auditor = program.linkedPrograms().get("auditor");
        assertThat(auditor.description()).isEqualTo("Double-checks totals");
        assertThat(auditor.program().systemPrompt()).isEqualTo("You re-add every total and report differences.\n");
        assertThat(auditor.program().mcp().tools().get("archive"))
                .isEqualTo(new ToolSelection.Named(List.of(new ToolConfig(
                        "search_ledgers", null, "Find a ledger by name", ToolConfig.Access.READ, Map.of()))));

        assertThat(program.demo())
                .isEqualTo(new Demo(
                        List.of("List the ledgers.", "Total the March column.", "Now go back and only total April."),
                        false,
                        "Ledger tour"));
    }

    @Test
    void projectAndRegionUnderParametersAreReadAsUnderModelAndStayOutOfTheRequestOptions() throws IOException {
        Path file = write("params.toml", MODEL + """
                [parameters]
                temperature = 0.3
                project_id = "param-project"
                region = "asia-southeast1"
                """);
        LoadedProgram loaded = ProgramLoader.load(file);

        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.program().cloud()).isEqualTo(new CloudSettings("param-project", "asia-southeast1"));
        assertThat(loaded.program().agent().model().settings())
                .isEqualTo(Map.of("project", "param-project", "location", "asia-southeast1"));
        assertThat(loaded.program().agent().options().extra()).isEmpty();
    }

    @Test
    void aProjectUnderModelAndADifferentOneUnderParametersIsAnErrorNamingTheLine() throws IOException {
        assertThat(errorOf("both.toml", MODEL + """
                        project_id = "one"
                        [parameters]
                        project_id = "two"
                        """))
                .isEqualTo("both.toml:6:14: parameters.project_id: expected the same value as model.project_id"
                        + " (\"one\") or none, got \"two\"");
    }

    @Test
    void theYamlFixtureReadsAsTheTomlOne() {
        Program toml = ProgramLoader.load(fixture("v09/analyst.toml")).program();
        LoadedProgram yaml = ProgramLoader.load(fixture("v09/analyst.yaml"));

        assertThat(yaml.warnings()).isEmpty();
        Program program = yaml.program();
        assertThat(program.file().getFileName().toString()).isEqualTo("analyst.yaml");
        assertThat(program.agent()).isEqualTo(toml.agent());
        assertThat(program.systemPrompt()).isEqualTo(toml.systemPrompt());
        assertThat(program.userPrompt()).isEqualTo(toml.userPrompt());
        assertThat(program.tools()).isEqualTo(toml.tools());
        assertThat(program.mcp().tools()).isEqualTo(toml.mcp().tools());
        assertThat(program.mcp().inlineServers().root())
                .isEqualTo(toml.mcp().inlineServers().root());
        assertThat(program.linkedPrograms().get("auditor").program())
                .isSameAs(program.linkedPrograms().get("auditor").program());
        assertThat(program.demo()).isEqualTo(toml.demo());
        assertThat(program.cloud()).isEqualTo(toml.cloud());
    }

    @Test
    void everySeedEraSectionStillReads() {
        LoadedProgram loaded = ProgramLoader.load(fixture("seed/researcher.toml"));
        Program program = loaded.program();

        assertThat(loaded.warnings()).isEmpty();
        assertThat(program.displayName()).isEqualTo("Researcher");
        assertThat(program.systemPrompt()).isEqualTo("You research questions and cite the files you read.");
        assertThat(program.preload().files())
                .singleElement()
                .extracting(PreloadedFile::content)
                .isEqualTo("The brief: compare three caching strategies.\n");
        assertThat(program.agent().options().topP()).isEqualTo(0.9);
        assertThat(program.debugTools()).isTrue();
        assertThat(program.mcp().configPath()).isEqualTo(fixture("seed/servers.json"));
        assertThat(program.mcp().tools())
                .containsExactly(Map.entry("library", ToolSelection.Named.of("lookup", "cite")));
        assertThat(program.enabledTools()).containsExactly("spawn");
        assertThat(program.linkedPrograms().get("summarizer").program().systemPrompt())
                .isEqualTo("You summarise in three sentences.\n");
        assertThat(program.userPrompt()).isNull();
        assertThat(program.demo()).isEqualTo(Demo.NONE);
        assertThat(program.agent().limits().maxTurns()).isEqualTo(10);
    }

    @Test
    void promptSystemAndSystemPromptAreOneKeyUnderTwoNames() throws IOException {
        assertThat(ProgramLoader.load(write("a.toml", MODEL + "[prompt]\nsystem = \"S\"\n"))
                        .program()
                        .systemPrompt())
                .isEqualTo("S");
        assertThat(errorOf("b.toml", MODEL + "[prompt]\nsystem = \"S\"\nsystem_prompt = \"T\"\n"))
                .isEqualTo("b.toml:6:17: prompt.system_prompt: expected one of prompt.system and"
                        + " prompt.system_prompt, not both");
        write("prompt.md", "From a file");
        assertThat(ProgramLoader.load(write(
                                "c.toml", MODEL + "[prompt]\nsystem = \"S\"\nsystem_prompt_file = \"prompt.md\"\n"))
                        .program()
                        .systemPrompt())
                .isEqualTo("From a file");
    }

    @Test
    void promptUserAndUserPromptAreOneKeyUnderTwoNames() throws IOException {
        assertThat(ProgramLoader.load(write("a.toml", MODEL + "[prompt]\nuser_prompt = \"Go\"\n"))
                        .program()
                        .userPrompt())
                .isEqualTo("Go");
        assertThat(errorOf("b.toml", MODEL + "[prompt]\nuser = \"A\"\nuser_prompt = \"B\"\n"))
                .isEqualTo("b.toml:6:15: prompt.user_prompt: expected one of prompt.user and prompt.user_prompt,"
                        + " not both");
    }

    @Test
    void builtinAndEnabledAreOneKeyUnderTwoNames() throws IOException {
        assertThat(ProgramLoader.load(write("a.toml", MODEL + "[tools]\nenabled = [\"calculator\"]\n"))
                        .program()
                        .enabledTools())
                .containsExactly("calculator");
        assertThat(errorOf("b.toml", MODEL + "[tools]\nbuiltin = [\"goto\"]\nenabled = [\"goto\"]\n"))
                .isEqualTo("b.toml:6:11: tools.enabled: expected one of tools.builtin and tools.enabled, not both");
    }

    @Test
    void aToolEntryOfTheWrongFormIsOneLine() throws IOException {
        assertThat(errorOf("a.toml", MODEL + "[tools]\nbuiltin = [3]\n"))
                .isEqualTo("a.toml:5:12: tools.builtin[0]: expected a string, or an object, got 3");
        assertThat(errorOf("b.toml", MODEL + "[tools]\nbuiltin = [{alias = \"x\"}]\n"))
                .isEqualTo("b.toml:5:12: tools.builtin[0]: missing required key \"name\" (a string)");
        assertThat(errorOf("c.toml", MODEL + "[tools]\nbuiltin = [{name = \"goto\", access = \"root\"}]\n"))
                .isEqualTo("c.toml:5:37: tools.builtin[0].access: expected one of admin, read, write, got \"root\"");
        assertThat(errorOf("d.toml", MODEL + "[tools]\nbuiltin = [{name = \"goto\", alias = 7}]\n"))
                .isEqualTo("d.toml:5:36: tools.builtin[0].alias: expected a string, got 7");
    }

    @Test
    void twoToolsTheModelWouldSeeUnderOneNameAreAnError() throws IOException {
        assertThat(errorOf(
                        "a.toml",
                        MODEL + "[tools]\nbuiltin = [\"read_file\", {name = \"list_dir\", alias = \"read_file\"}]\n"))
                .isEqualTo("a.toml:5:25: tools.builtin[1]: expected each tool name once, but the model would see"
                        + " two tools named \"read_file\"; give one an alias");
        // The same plain name twice is harmless and kept once, as before.
        assertThat(ProgramLoader.load(write("b.toml", MODEL + "[tools]\nbuiltin = [\"goto\", \"goto\"]\n"))
                        .program()
                        .enabledTools())
                .containsExactly("goto");
    }

    @Test
    void mcpSelectionsOfBothErasMeetAndAServerSelectedTwiceIsAnError() throws IOException {
        write("servers.json", "{\"mcpServers\": {}}");
        String both = MODEL + "[mcp]\nconfig_path = \"servers.json\"\n[mcp.tools]\ngit = \"all\"\n[tools.mcp]\n"
                + "web = [\"fetch\"]\n";
        Program program = ProgramLoader.load(write("a.toml", both)).program();
        assertThat(program.mcp().tools().keySet()).containsExactly("git", "web");

        assertThat(errorOf("b.toml", both + "git = [\"log\"]\n"))
                .isEqualTo("b.toml:10:7: tools.mcp.git: expected each MCP server selected once, but 'git' is"
                        + " selected in both [mcp.tools] and [tools.mcp]");
        assertThat(errorOf("c.toml", MODEL + "[tools.mcp]\nweb = 3\n"))
                .isEqualTo("c.toml:5:7: tools.mcp.web: expected \"all\" or a list of tool names, got 3");
        assertThat(errorOf("d.toml", MODEL + "[tools.mcp]\nweb = {fetch = \"yes\"}\n"))
                .isEqualTo("d.toml:5:16: tools.mcp.web.fetch: expected a table of access and description, got \"yes\"");
    }

    @Test
    void mcpToolsWithoutAnyServerAreAWarningAndMcpIsOff() throws IOException {
        LoadedProgram loaded = ProgramLoader.load(write("a.toml", MODEL + "[tools.mcp]\nweb = \"all\"\n"));
        assertThat(loaded.program().mcp()).isNull();
        assertThat(loaded.warnings())
                .extracting(ConfigWarning::toString)
                .containsExactly(dir.resolve("a.toml") + ":5:7: tools.mcp.web: MCP tools are selected but [mcp]"
                        + " names no servers (config_path or servers); MCP is off");
    }

    @Test
    void inlineServersKeepTheProgramsLines() throws IOException {
        Program program = ProgramLoader.load(write(
                        "a.toml", MODEL + "[mcp.servers.web]\ncommand = \"web-server\"\n[tools.mcp]\nweb = \"all\"\n"))
                .program();
        var servers = program.mcp().inlineServers();
        assertThat(servers.file()).isEqualTo(dir.resolve("a.toml"));
        assertThat(servers.valueAt(tools.jackson.core.JsonPointer.compile("/mcpServers/web/command"), "c")
                        .line())
                .isEqualTo(5);
    }

    @Test
    void maxIterationsIsTheRunsTurnLimit() throws IOException {
        assertThat(errorOf("a.toml", "[model]\nname = \"m\"\nprovider = \"openai\"\nmax_iterations = 0\n"))
                .isEqualTo("a.toml:4:18: model.max_iterations: expected an integer from 1 to 2147483647, got 0");
    }

    @Test
    void preloadRelativeToTheWorkingDirectory() throws IOException {
        // Surefire runs in the module's directory, where pom.xml is.
        Program program = ProgramLoader.load(
                        write("sub/a.toml", MODEL + "[preload]\nfiles = [\"pom.xml\"]\nrelative_to = \"cwd\"\n"))
                .program();
        assertThat(program.preload().files())
                .singleElement()
                .extracting(PreloadedFile::path)
                .isEqualTo(Path.of("pom.xml").toAbsolutePath());
        assertThat(errorOf("b.toml", MODEL + "[preload]\nrelative_to = \"home\"\n"))
                .isEqualTo("b.toml:5:15: preload.relative_to: expected one of cwd, program, got \"home\"");
    }

    @Test
    void demoPromptsAreStringsInOrder() throws IOException {
        assertThat(ProgramLoader.load(write("a.toml", MODEL + "[demo]\nprompts = [\"one\", \"two\"]\n"))
                        .program()
                        .demo())
                .isEqualTo(new Demo(List.of("one", "two"), true, null));
        assertThat(errorOf("b.toml", MODEL + "[demo]\nprompts = [\"one\", 2]\n"))
                .isEqualTo("b.toml:5:19: demo.prompts[1]: expected a string, got 2");
    }

    @Test
    void yamlMistakesNameTheirLine() throws IOException {
        assertThat(errorOf(
                        "a.yaml",
                        "model:\n  name: m\n  provider: anthropic\ntools:\n  builtin:\n    - goto\n"
                                + "    - {name: calculator, alias: [x]}\n"))
                .isEqualTo("a.yaml:7:33: tools.builtin[1].alias: expected a string, got a list");
        assertThat(errorOf("b.yml", "model: {name: m, provider: anthropic}\nprompt:\n  system: [oops]\n"))
                .isEqualTo("b.yml:3:11: prompt.system: expected a string, got a list");
        assertThat(errorOf("c.yaml", "model: {name: m, provider: anthropic\n")).startsWith("c.yaml:");
    }
}
