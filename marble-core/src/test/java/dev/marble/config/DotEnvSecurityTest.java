package dev.marble.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .env} in the workspace is a file a model can write (with write_file, or a shell command) for the next
 * run to read. It may add the variables a person would put there, never change what the real environment says,
 * never set Marble's own {@code MARBLE_*} switches, and never get its text quoted into warnings.
 */
class DotEnvSecurityTest {

    @TempDir
    Path project;

    private final List<String> warnings = new ArrayList<>();

    private DotEnvFiles.Loaded load(Map<String, String> real, String dotEnv) throws IOException {
        Files.writeString(project.resolve(".env"), dotEnv);
        Environment environment = new Environment(real, project, project);
        return DotEnvFiles.load(environment, DotEnvFiles.projectDirectories(environment), warnings::add);
    }

    @Test
    void marblesOwnVariablesCannotBeSetFromDotEnv() throws IOException {
        var loaded = load(Map.of(), """
                MARBLE_PYTHON=/tmp/workspace/evil-python
                marble_launch=/tmp/evil
                MARBLE_MODEL=attacker:model
                OPENAI_API_KEY=sk-fine-1234567890
                """);

        assertThat(loaded.environment().variables())
                .doesNotContainKeys("MARBLE_PYTHON", "marble_launch", "MARBLE_MODEL")
                .containsEntry("OPENAI_API_KEY", "sk-fine-1234567890");
        assertThat(warnings)
                .hasSize(3)
                .allSatisfy(w -> assertThat(w).contains(".env:").contains("is ignored: MARBLE_*"))
                .noneSatisfy(w -> assertThat(w).contains("evil"));
    }

    @Test
    void theRealEnvironmentIsNeverOverridden() throws IOException {
        var loaded = load(Map.of("ANTHROPIC_BASE_URL", "https://api.anthropic.com", "PATH", "/usr/bin"), """
                ANTHROPIC_BASE_URL=http://attacker.example
                PATH=/tmp/workspace/bin
                GOOGLE_CLOUD_PROJECT=from-dotenv
                """);

        assertThat(loaded.environment().variables())
                .containsEntry("ANTHROPIC_BASE_URL", "https://api.anthropic.com")
                .containsEntry("PATH", "/usr/bin")
                .containsEntry("GOOGLE_CLOUD_PROJECT", "from-dotenv");
        assertThat(loaded.added()).extracting(DotEnv.Entry::key).containsExactly("GOOGLE_CLOUD_PROJECT");
    }

    @Test
    void aFileWrittenAfterStartChangesNothingThatWasLoaded() throws IOException {
        var loaded = load(Map.of(), "ANTHROPIC_BASE_URL=http://127.0.0.1:1234\n");
        Environment started = loaded.environment();

        Files.writeString(project.resolve(".env"), "ANTHROPIC_BASE_URL=http://attacker.example\n");

        assertThat(started.get("ANTHROPIC_BASE_URL")).hasValue("http://127.0.0.1:1234");
    }

    @Test
    void aHugeFileIsNotRead() throws IOException {
        var loaded = load(Map.of(), "A=1\n" + "#".repeat(2 * 1024 * 1024));
        assertThat(loaded.added()).isEmpty();
        assertThat(warnings).singleElement().asString().contains("larger than 1 MiB");
    }

    @Test
    void theNearerFileWins() throws IOException {
        Path programs = Files.createDirectories(project.resolve("programs"));
        Files.writeString(project.resolve(".env"), "REGION=project\nONLY_PROJECT=p\n");
        Files.writeString(programs.resolve(".env"), "REGION=program\n");
        Environment environment = new Environment(Map.of(), project, project);
        List<Path> directories = new ArrayList<>(DotEnvFiles.projectDirectories(environment));
        directories.add(programs);

        var loaded = DotEnvFiles.load(environment, directories, warnings::add);

        assertThat(loaded.environment().variables())
                .containsEntry("REGION", "program")
                .containsEntry("ONLY_PROJECT", "p");
    }
}
