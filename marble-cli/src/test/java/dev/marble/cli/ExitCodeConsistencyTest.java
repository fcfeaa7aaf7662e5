package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same malformed input gives the same exit code in every command that reads it: a malformed marble.json,
 * chain, worker, program or replay is 3 wherever it is read, one line naming the file. And no model reachable is 4
 * wherever a model is called.
 */
class ExitCodeConsistencyTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.stdin("");
        cli.write("done.yaml", "- {text: \"Done. TASK_COMPLETE\"}\n");
        cli.write("main.worker", "---\nname: main\nmodel: scripted:done.yaml\n---\nYou help.\n");
        cli.write(
                "chains/c.json",
                "{\"max_rounds\": 1, \"links\": [{\"name\": \"w\", \"model\": \"scripted:done.yaml\", \"prompt\": "
                        + "\"Do it.\"}]}\n");
    }

    private void assertMalformed(String file, List<String[]> commands) {
        for (String[] command : commands) {
            var result = cli.run(command);
            String which = "marble " + String.join(" ", command);
            assertThat(result.exit()).as(which + ": " + result.err()).isEqualTo(ExitCode.MALFORMED.code());
            assertThat(result.err()).as(which).doesNotContain("Exception").doesNotContain("internal error");
            assertThat(result.err().lines().filter(line -> line.startsWith("marble: error: ")))
                    .as(which + ": one error line, naming the file")
                    .singleElement()
                    .asString()
                    .contains(file);
        }
    }

    @Test
    void aMalformedMarbleJsonIsThreeForEveryCommandThatReadsIt() throws IOException {
        cli.write("marble.json", "{\"retry\": {\"max_attempts\": \"many\"}}\n");
        assertMalformed(
                "marble.json",
                List.of(
                        new String[] {"pipe", "-m", "scripted:done.yaml", "hi"},
                        new String[] {"loop", "--headless", "-m", "scripted:done.yaml", "hi"},
                        new String[] {"run", "main.worker", "hi"},
                        new String[] {"chat", "main.worker"},
                        new String[] {"chain", "start", "c"},
                        new String[] {"tools"},
                        new String[] {"models"}));
    }

    @Test
    void aMalformedChainIsThreeForStartAndStatusAlike() throws IOException {
        cli.write("chains/bad.json", "{\"max_rounds\": \"many\", \"links\": [{\"prompt\": \"Do it.\"}]}\n");
        assertMalformed(
                "bad.json", List.of(new String[] {"chain", "start", "bad"}, new String[] {"chain", "status", "bad"}));
    }

    @Test
    void aMalformedWorkerIsThreeForRunAndChatAlike() throws IOException {
        cli.write("broken.worker", "---\nname: broken\nmodel: [scripted:done.yaml\n---\nYou help.\n");
        assertMalformed(
                "broken.worker",
                List.of(new String[] {"run", "broken.worker", "hi"}, new String[] {"chat", "broken.worker"}));
    }

    @Test
    void aMalformedProgramIsThreeForRunAndChatAlike() throws IOException {
        cli.write("broken.toml", "[model]\nname = \"done.yaml\"\nprovider = \"scripted\"\n[prompt\n");
        assertMalformed(
                "broken.toml",
                List.of(new String[] {"run", "broken.toml", "hi"}, new String[] {"chat", "broken.toml"}));
    }

    @Test
    void aMalformedReplayIsThreeForEveryCommandThatCallsAModel() throws IOException {
        cli.write("bad.yaml", "- {text: [unclosed\n");
        cli.write("bad.worker", "---\nname: bad\nmodel: scripted:bad.yaml\n---\nYou help.\n");
        assertMalformed(
                "bad.yaml",
                List.of(
                        new String[] {"pipe", "-m", "scripted:bad.yaml", "hi"},
                        new String[] {"loop", "--headless", "-m", "scripted:bad.yaml", "hi"},
                        new String[] {"run", "bad.worker", "hi"}));
    }

    @Test
    void aMissingApiKeyIsFourAndNamesTheVariableToSet() throws IOException {
        cli.write("api.worker", "---\nname: api\nmodel: anthropic:claude-sonnet-4-6\n---\nYou help.\n");
        for (String[] command : List.of(
                new String[] {"pipe", "-m", "anthropic:claude-sonnet-4-6", "hi"},
                new String[] {"loop", "--headless", "-m", "anthropic:claude-sonnet-4-6", "hi"},
                new String[] {"run", "api.worker", "hi"})) {
            var result = cli.run(command);
            String which = "marble " + String.join(" ", command);
            assertThat(result.exit()).as(which + ": " + result.err()).isEqualTo(ExitCode.NO_MODEL.code());
            assertThat(result.err()).as(which).contains("ANTHROPIC_API_KEY is not set; set it");
        }
    }

    @Test
    void aBareClaudeIdWithAnApiKeyAndNoClaudeCliSuggestsTheApi() {
        cli.env("ANTHROPIC_API_KEY", "sk-ant-api03-test-key-0123456789");
        var result = cli.run("pipe", "-m", "claude-sonnet-4-6", "hi");
        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCode.NO_MODEL.code());
        assertThat(result.err())
                .contains("did you mean anthropic:claude-sonnet-4-6?")
                .doesNotContain("0123456789");
    }
}
