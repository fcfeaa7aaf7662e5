package dev.marble.format.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [linked_programs]: the seed's program_linking example, the graph, cycles, and errors with file:line:column. */
class ProgramLinkingTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static String program(String links) {
        return "[model]\nname = \"m\"\nprovider = \"anthropic\"\n\n[linked_programs]\n" + links;
    }

    @Test
    void theSeedsProgramLinkingExampleLoadsTheExpertRelativeToMain() throws IOException {
        write("program_linking/repo_expert.toml", """
                [model]
                name = "claude-3-7-sonnet-20250219"
                provider = "anthropic"
                [prompt]
                system_prompt = "You are an expert on the LLMProc repository."
                """);
        Path main = write("program_linking/main.toml", """
                [model]
                name = "claude-3-haiku-20240307"
                provider = "anthropic"
                [prompt]
                system_prompt = "Delegate questions about LLMProc to repo_expert."
                [tools]
                enabled = ["spawn"]
                [linked_programs]
                repo_expert = "repo_expert.toml"
                helper = { path = "repo_expert.toml", description = "the same expert, described" }
                """);

        LoadedProgram loaded = ProgramLoader.load(main);

        Program program = loaded.program();
        assertThat(loaded.warnings()).isEmpty();
        assertThat(program.enabledTools()).containsExactly("spawn");
        assertThat(program.linkedPrograms()).containsOnlyKeys("repo_expert", "helper");
        LinkedProgram expert = program.linkedPrograms().get("repo_expert");
        assertThat(expert.description()).isEmpty();
        assertThat(expert.program().name()).isEqualTo("repo_expert");
        assertThat(expert.program().agent().instructions()).isEqualTo("You are an expert on the LLMProc repository.");
        assertThat(program.linkedPrograms().get("helper").description()).isEqualTo("the same expert, described");
        // One file, one program: linked twice, read once.
        assertThat(program.linkedPrograms().get("helper").program()).isSameAs(expert.program());
    }

    @Test
    void aCycleIsAnErrorNamingItAtTheLinkThatClosesIt() throws IOException {
        Path a = write("a.toml", program("b = \"b.toml\"\n"));
        Path b = write("b.toml", program("back = \"a.toml\"\n"));

        assertThatThrownBy(() -> ProgramLoader.load(a))
                .isInstanceOf(ProgramCycleException.class)
                .hasMessage(b.toAbsolutePath()
                        + ":6:8: linked_programs.back: linked programs form a cycle: a.toml → b.toml → a.toml");
    }

    @Test
    void aProgramLinkingItselfIsACycleToo() throws IOException {
        Path a = write("self.toml", program("me = { path = \"./self.toml\" }\n"));

        assertThatThrownBy(() -> ProgramLoader.load(a))
                .hasMessageEndingWith("linked programs form a cycle: self.toml → self.toml");
    }

    @Test
    void aDiamondIsNoCycle() throws IOException {
        write("d.toml", "[model]\nname = \"m\"\nprovider = \"openai\"\n");
        write("b.toml", program("d = \"d.toml\"\n"));
        write("c.toml", program("d = \"d.toml\"\n"));
        Path a = write("a.toml", program("b = \"b.toml\"\nc = \"c.toml\"\n"));

        Program root = ProgramLoader.load(a).program();

        assertThat(root.linkedPrograms()
                        .get("b")
                        .program()
                        .linkedPrograms()
                        .get("d")
                        .program())
                .isSameAs(root.linkedPrograms()
                        .get("c")
                        .program()
                        .linkedPrograms()
                        .get("d")
                        .program());
    }

    @Test
    void aMissingLinkedProgramIsAnErrorNamingBothFiles() throws IOException {
        Path a = write("a.toml", program("gone = \"gone.toml\"\n"));

        assertThatThrownBy(() -> ProgramLoader.load(a))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        a.toAbsolutePath() + ":6:8: linked_programs.gone: cannot load linked program \"gone\": ")
                .hasMessageEndingWith("gone.toml: file not found");
    }

    @Test
    void llmprocsOwnClaudeCodeExampleListIsAnErrorInsteadOfACrash() throws IOException {
        Path a = write("claude_code.toml", program("enabled = [\"a.toml\"]\n"));

        assertThatThrownBy(() -> ProgramLoader.load(a))
                .hasMessage(a.toAbsolutePath() + ":6:11: linked_programs.enabled: expected the path of a program file, "
                        + "or a table with path and description, got a list");
    }
}
