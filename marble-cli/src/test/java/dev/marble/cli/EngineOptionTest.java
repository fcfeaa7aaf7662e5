package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine} of {@code marble loop} and {@code marble run}, and {@code marble approve}, where no Temporal server
 * is needed to tell: a misspelt engine, an option the engine cannot honour, the engine's jar missing. The runs on a
 * server are marble-temporal's AgentRunIT.
 */
class EngineOptionTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("write.yaml", "- text: done\n");
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        var result = cli.run("loop", "--engine", "celery", "-m", "scripted:write.yaml", "Write a note");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("marble: error: --engine celery: expected local or temporal");
    }

    @Test
    void anOptionTheEngineCannotHonourIsRefusedByName() {
        var result = cli.run(
                "loop",
                "--engine",
                "temporal",
                "-m",
                "scripted:write.yaml",
                "--export-conversation",
                "out.json",
                "Write a note");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip())
                .isEqualTo("marble: error: --export-conversation does not work with --engine temporal (yet); run"
                        + " locally");
    }

    @Test
    void theEngineFromMarbleJsonIsUsedAndItsMissingJarIsExitEight() throws IOException {
        cli.write("marble.json", "{\"engine\": \"temporal\"}");
        cli.env(DurableEngines.JAR_VARIABLE, temp.resolve("missing.jar").toString());

        var result = cli.run("loop", "-m", "scripted:write.yaml", "Write a note");

        assertThat(result.exit()).isEqualTo(8);
        assertThat(result.err()).contains("the temporal engine is not built").contains("missing.jar");
    }

    @Test
    void approveRefusesARunIdThatCannotBeOne() {
        var result = cli.run("approve", "run 1; rm -rf /");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("marble: error: RUN_ID run 1; rm -rf /: expected a run id");
    }

    @Test
    void approveWithoutTheEngineIsExitEight() {
        cli.env(DurableEngines.JAR_VARIABLE, temp.resolve("missing.jar").toString());

        var result = cli.run("approve", "run-01jq5c7m2w4x8y9z0a1b2c3d4e");

        assertThat(result.exit()).isEqualTo(8);
        assertThat(result.err()).contains("the temporal engine is not built");
    }
}
