package dev.marble.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ConfigException;
import dev.marble.format.program.ProgramLoader;
import dev.marble.format.worker.WorkerFile;
import dev.marble.provider.scripted.ScriptFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole numbers too large for their field, in every kind of file Marble reads, are the usual one-line error at the
 * value's line and column with the range expected. Before, a literal beyond 64 bits failed inside Jackson (an
 * internal error, exit 70) and one beyond 32 bits was silently truncated ({@code retry.max_attempts: 10000000000}
 * became 1410065408 attempts).
 */
class OutOfRangeNumbersTest {

    private static final String INT_RANGE_FROM_0 = "expected an integer from 0 to 2147483647";
    private static final String INT_RANGE_FROM_1 = "expected an integer from 1 to 2147483647";

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"1e25", "10000000000000000000000000", "10000000000"})
    void retryMaxAttemptsInMarbleJson(String value) throws IOException {
        Path project = Files.createDirectories(temp.resolve("project"));
        Path file = Files.writeString(project.resolve("marble.json"), "{\"retry\": {\"max_attempts\": " + value + "}}");
        Environment environment = new Environment(Map.of(), project, Files.createDirectories(temp.resolve("home")));

        assertThatThrownBy(() -> ConfigLoader.load(environment))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1:28: retry.max_attempts: " + INT_RANGE_FROM_1 + ", got "
                        + (value.contains("e") ? "1.0E25" : value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e20", "100000000000000000000"})
    void aReplaysDelay(String value) throws IOException {
        Path file =
                Files.writeString(temp.resolve("r.yaml"), "- {text: hi}\n- {text: done, delay_ms: " + value + "}\n");

        assertThatThrownBy(() -> ScriptFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2:26: [1].delay_ms: " + INT_RANGE_FROM_0 + ", got ");
    }

    @Test
    void aProgramsMaxTokens() throws IOException {
        Path file = Files.writeString(temp.resolve("p.toml"), """
                [model]
                name = "gpt-4o-mini"
                provider = "openai"

                [parameters]
                max_tokens = 100000000000000000000
                """);

        assertThatThrownBy(() -> ProgramLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":6:14: parameters.max_tokens: " + INT_RANGE_FROM_1);
    }

    @Test
    void aWorkersServerSideToolLimit() throws IOException {
        Path file = Files.writeString(temp.resolve("w.worker"), """
                ---
                name: w
                server_side_tools:
                  - tool_type: web_search
                    max_uses: 100000000000000000000
                ---
                Search.
                """);

        assertThatThrownBy(() -> WorkerFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":5:")
                .hasMessageContaining("max_uses: " + INT_RANGE_FROM_1);
    }
}
