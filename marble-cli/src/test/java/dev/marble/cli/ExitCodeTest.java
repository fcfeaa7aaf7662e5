package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.RunEnding;
import dev.marble.chain.ChainFileException;
import dev.marble.chain.state.ChainBusyException;
import dev.marble.error.ConfigException;
import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.error.NoModelException;
import dev.marble.error.SourceLocation;
import dev.marble.error.UsageException;
import dev.marble.model.Attempt;
import dev.marble.model.ModelRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The exit codes: one table, the same in the code, the help and docs/cli.md. */
class ExitCodeTest {

    private static Path root() {
        return Path.of(System.getProperty("marble.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void theDocsTableIsTheEnum() throws IOException {
        String doc = Files.readString(root().resolve("docs/cli.md"));
        assertThat(doc)
                .as("docs/cli.md carries ExitCode.markdownTable() word for word")
                .contains(ExitCode.markdownTable());
    }

    @Test
    void theTableIsTheIssuesTable() {
        assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code))
                .as(
                        "the issues' table; 8 came with the Temporal engine (issue 17): nothing else said 'a server is down'")
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 70, 130);
    }

    @Test
    void everyKindOfFailureMapsToItsCode() {
        SourceLocation at = SourceLocation.of(Path.of("chains/c.json"));
        assertThat(ExitCodes.of(new UsageException("x"))).isEqualTo(2);
        assertThat(ExitCodes.of(new ChainFileException(at, "x")))
                .as("a malformed chain is malformed, as a worker is")
                .isEqualTo(3);
        assertThat(ExitCodes.of(new ConfigException(at, "x"))).isEqualTo(3);
        assertThat(ExitCodes.of(new NoModelException("x"))).isEqualTo(4);
        assertThat(ExitCodes.of(new ChainBusyException("c", OptionalLong.of(1))))
                .isEqualTo(7);
        assertThat(ExitCodes.of(new IllegalStateException("bug"))).isEqualTo(70);
        Attempt attempt = new Attempt(new ModelRef("anthropic", "m"), 1, Duration.ZERO, "x", Duration.ZERO);
        var missingKey = new ModelException(ModelException.Kind.UNAVAILABLE, "ANTHROPIC_API_KEY is not set");
        assertThat(ExitCodes.of(new ModelCallFailedException(List.of(attempt), missingKey)))
                .isEqualTo(4);
        var overloaded = new ModelException(ModelException.Kind.OVERLOADED, "busy");
        assertThat(ExitCodes.of(new ModelCallFailedException(List.of(attempt, attempt), missingKey, false)))
                .as("one model was reached and failed; the fallback had no key")
                .isEqualTo(1);
        assertThat(ExitCodes.of(new ModelCallFailedException(List.of(attempt), overloaded)))
                .isEqualTo(1);
        assertThat(ExitCodes.of(RunEnding.NO_MODEL)).isEqualTo(4);
        assertThat(ExitCodes.of(RunEnding.TIMEOUT)).isEqualTo(6);
    }
}
