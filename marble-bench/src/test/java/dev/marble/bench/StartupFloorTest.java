package dev.marble.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The floor does what it claims: picocli parses, Jackson reads a setting and writes the answer. */
class StartupFloorTest {

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(StartupFloor.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), args))
                .isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void greetsInJsonOrInText() {
        assertThat(run("--json")).isEqualTo("{\"text\":\"hello, world\"}\n");
        assertThat(run("you")).isEqualTo("hello, you\n");
    }
}
