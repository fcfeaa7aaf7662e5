package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.process.SandboxChooser;
import dev.marble.testkit.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code --sandbox}, marble.json's {@code sandbox}, and {@code marble doctor}, through the real commands. */
class SandboxCommandTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    /** The model runs one command that records what process 1 is: bwrap inside the sandbox's PID namespace. */
    private static final String WHO_IS_INIT = """
            - text: Looking.
              tool_calls: [{name: run_command, arguments: {command: "cat /proc/1/comm > init.txt"}}]
            - text: "Done. TASK_COMPLETE"
            """;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("who.yaml", WHO_IS_INIT);
    }

    private void requireBwrap() {
        Environment environment = new Environment(Map.of("PATH", "/usr/bin:/bin"), temp, temp);
        Peers.requireThat(
                "bubblewrap",
                SandboxChooser.problem(environment).isEmpty(),
                SandboxChooser.problem(environment).orElse("") + " (CI installs the Debian package bubblewrap)");
    }

    private CliRunner.Result loop(String... sandbox) {
        String[] args = new String[sandbox.length + 6];
        args[0] = "loop";
        System.arraycopy(sandbox, 0, args, 1, sandbox.length);
        System.arraycopy(
                new String[] {"--headless", "--approve-all", "-m", "scripted:who.yaml", "Look"},
                0,
                args,
                sandbox.length + 1,
                5);
        return cli.run(args);
    }

    @Test
    void theFlagAndTheConfigurationDecideWhereCommandsRun() throws IOException {
        requireBwrap();
        cli.env("PATH", "/usr/bin:/bin");
        assertThat(loop().exit()).isZero();
        assertThat(cli.project().resolve("init.txt"))
                .as("auto, with bwrap here")
                .hasContent("bwrap");

        assertThat(loop("--sandbox", "off").exit()).isZero();
        assertThat(Files.readString(cli.project().resolve("init.txt")).strip())
                .as("--sandbox off")
                .isNotEqualTo("bwrap");

        cli.write("marble.json", "{\"sandbox\": \"off\"}");
        assertThat(loop().exit()).isZero();
        assertThat(Files.readString(cli.project().resolve("init.txt")).strip())
                .as("sandbox off")
                .isNotEqualTo("bwrap");
        assertThat(loop("--sandbox", "bwrap").exit()).isZero();
        assertThat(cli.project().resolve("init.txt"))
                .as("the flag over the file")
                .hasContent("bwrap");
    }

    @Test
    void withoutBwrapAutoRunsCommandsAndSaysSoOnce() {
        var result = loop();
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err().split("shell commands are not sandboxed", -1))
                .as("said once")
                .hasSize(2);
        assertThat(result.err()).contains("note: shell commands are not sandboxed: bwrap is not on PATH.");
    }

    @Test
    void bwrapAskedForAndMissingStopsTheCommandBeforeAnythingRuns() throws IOException {
        var flagged = loop("--sandbox", "bwrap");
        assertThat(flagged.exit()).isEqualTo(2);
        assertThat(flagged.err()).contains("marble: error: --sandbox bwrap: bwrap is not on PATH; install bubblewrap");
        assertThat(cli.project().resolve("init.txt")).doesNotExist();

        Path file = cli.write("marble.json", "{\"sandbox\": {\"mode\": \"bwrap\"}}");
        var configured = loop();
        assertThat(configured.exit()).isEqualTo(3);
        assertThat(configured.err())
                .contains("marble: error: " + file + ":1:22: sandbox.mode: bubblewrap cannot run here:"
                        + " bwrap is not on PATH");
        assertThat(cli.project().resolve("init.txt")).doesNotExist();

        assertThat(loop("--sandbox", "sometimes").err())
                .contains("--sandbox: expected auto, bwrap or off, got 'sometimes'");
    }

    @Test
    void doctorSaysWhetherTheSandboxIsActiveAndWhyNot() {
        var off = cli.run("doctor");
        assertThat(off.exit()).isZero();
        assertThat(off.out())
                .containsPattern("sandbox +off +bwrap is not on PATH; mode auto \\(default\\)")
                .containsPattern("containment +yes +a session per command")
                .containsPattern("java compiler +(yes|no)")
                .containsPattern("claude code +no +not on PATH");

        var required = cli.run("doctor", "--sandbox", "bwrap");
        assertThat(required.exit())
                .as("the doctor reports a problem; it is not one")
                .isZero();
        assertThat(required.out()).containsPattern("sandbox +PROBLEM +--sandbox bwrap: bwrap is not on PATH");

        JsonNode json = Json.parse(cli.run("doctor", "--json").out());
        assertThat(json.path("sandbox").path("active").asBoolean()).isFalse();
        assertThat(json.path("sandbox").path("mode").asString()).isEqualTo("auto");
        assertThat(json.path("sandbox").path("reason").asString()).isEqualTo("bwrap is not on PATH");
        assertThat(json.path("java").path("version").asString())
                .isEqualTo(Runtime.version().toString());
        assertThat(json.path("containment").path("in_use").isArray()).isTrue();
    }

    @Test
    void doctorShowsAnActiveSandbox() {
        requireBwrap();
        cli.env("PATH", "/usr/bin:/bin");
        var result = cli.run("doctor");
        assertThat(result.out())
                .containsPattern("sandbox +active +bwrap \\(/usr/bin/bwrap\\), network none; mode auto");
        JsonNode json = Json.parse(cli.run("doctor", "--json").out());
        assertThat(json.path("sandbox").path("active").asBoolean()).isTrue();
        assertThat(json.path("sandbox").path("network").asString()).isEqualTo("none");
        assertThat(json.path("sandbox").path("bwrap").asString()).isEqualTo("/usr/bin/bwrap");
    }
}
