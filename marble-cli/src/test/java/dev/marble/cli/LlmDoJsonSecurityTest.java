package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json-format llm-do} against a hostile scripted model that spreads a key everywhere an llm-do event
 * carries text: the arguments of its calls, the results of the tools it reads through, its streamed and final text,
 * an approval's arguments. No line on either stream may hold the key; every event line must still be JSON.
 */
class LlmDoJsonSecurityTest {

    /** A value no vendor shape matches: only knowing the variable can redact it. */
    private static final String KEY = "plainAnthropicValue0123456789";

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp).env("PATH", "/usr/bin:/bin").env("ANTHROPIC_API_KEY", KEY);
        cli.stdin("");
        cli.write("notes.txt", "the key is " + KEY + "\n");
        cli.write("leak.yaml", """
                - text: "Reading. The key might be %1$s"
                  tool_calls: [{name: read_file, arguments: {path: notes.txt}}]
                - tool_calls: [{name: write_file, arguments: {path: out.txt, content: "%1$s"}}]
                - tool_calls: [{name: list_files, arguments: {pattern: "%1$s*"}}]
                - text: "The key is %1$s"
                """.formatted(KEY));
        cli.write(
                "leak.worker",
                "---\nname: leak\nmodel: scripted:leak.yaml\ntoolsets:\n  filesystem: {}\n---\nHelp with notes.\n");
    }

    @Test
    void noEventNorTheAnswerCarriesTheKey() {
        var run = cli.run("run", "--json-format", "llm-do", "-vv", "--headless", "leak.worker", "Use " + KEY);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain(KEY).contains("[redacted:ANTHROPIC_API_KEY]");
        assertThat(run.out()).doesNotContain(KEY).isEqualTo("The key is [redacted:ANTHROPIC_API_KEY]\n");
        for (String line : run.err().lines().toList()) {
            assertThat(Json.parse(line).path("type").isString()).as(line).isTrue();
        }
        assertThat(run.err())
                .contains("\"type\":\"approval_request\"")
                .contains("\"user_input\":\"Use [redacted:ANTHROPIC_API_KEY]\"");
        assertThat(cli.project().resolve("out.txt"))
                .as("the write was refused headless")
                .doesNotExist();
    }
}
