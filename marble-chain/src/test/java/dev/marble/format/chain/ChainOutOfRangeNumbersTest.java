package dev.marble.format.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole numbers too large for their field in a chain file are the usual one-line error at the value's line and
 * column with the range expected (the other kinds of file: marble-core's {@code OutOfRangeNumbersTest}).
 */
class ChainOutOfRangeNumbersTest {

    private static final String INT_RANGE_FROM_0 = "expected an integer from 0 to 2147483647";

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"1e25", "10000000000000000000000000", "2147483648", "5.0"})
    void aChainsMaxRounds(String value) throws IOException {
        Path file = Files.writeString(
                temp.resolve("c.json"), "{\"links\": [{\"prompt\": \"x\"}],\n \"max_rounds\": " + value + "}\n");

        assertThatThrownBy(() -> ChainLoader.load(file, List.of(), temp))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2:16: max_rounds: " + INT_RANGE_FROM_0 + ", got ");
    }

    @Test
    void aChainsRuntimeThatReadsAsInfinity() throws IOException {
        Path file = Files.writeString(temp.resolve("c.json"), "{\"links\": [{}], \"runtime_hours\": 1e400}\n");

        assertThatThrownBy(() -> ChainLoader.load(file, List.of(), temp))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":1:34: runtime_hours: expected a number of at least 0.0");
    }

    @Test
    void aNumberInRangeStillLoads() throws IOException {
        Path file = Files.writeString(temp.resolve("c.json"), "{\"links\": [{}], \"max_rounds\": 2147483647}\n");
        assertThat(ChainLoader.load(file, List.of(), temp).spec().maxRounds()).isEqualTo(Integer.MAX_VALUE);
    }
}
