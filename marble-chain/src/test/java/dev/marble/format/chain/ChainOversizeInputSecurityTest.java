package dev.marble.format.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.marble.chain.ChainFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain file too large to be one a person wrote is refused before it is parsed, as every definition file is (the
 * other kinds: marble-core's {@code OversizeInputSecurityTest}). The time bound proves the refusal came before the
 * parsing; it is not a speed test.
 */
class ChainOversizeInputSecurityTest {

    private static final Duration FAST = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private Path chainWithDescriptionOf(int size) throws IOException {
        return Files.writeString(
                temp.resolve("c.json"), "{\"description\": \"" + "a".repeat(size) + "\", \"links\": [{}]}");
    }

    @Test
    void aChainFileIsRefusedBeyondTheLimit() throws IOException {
        Path chain = chainWithDescriptionOf(2_000_000);

        assertTimeoutPreemptively(
                FAST,
                () -> assertThatThrownBy(() -> ChainLoader.load(chain, List.of(), temp))
                        .isInstanceOf(ChainFileException.class)
                        .hasMessageContaining("c.json: too large to read"));
    }

    @Test
    void aFileWithinTheLimitIsReadAsBefore() throws IOException {
        Path chain = chainWithDescriptionOf(500_000);
        assertThat(ChainLoader.load(chain, List.of(), temp).spec().description())
                .hasSize(500_000);
    }
}
