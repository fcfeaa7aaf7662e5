package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marble ui}'s mistakes: one line and exit 2, before anything listens. */
class UiCommandTest {

    @TempDir
    Path temp;

    @Test
    void aPortOutOfRangeIsAUsageError() throws Exception {
        var result = new CliRunner(temp).run("ui", "--port", "70000");
        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--port 70000: expected 0 to 65535").doesNotContain("at dev.marble");
    }

    @Test
    void aPortInUseSaysSoInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var result = new CliRunner(temp).run("ui", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err())
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("--port 0")
                    .doesNotContain("at dev.marble");
        }
    }

    @Test
    void helpNamesTheCommand() throws Exception {
        assertThat(new CliRunner(temp).run("help").out()).contains("ui");
        assertThat(new CliRunner(temp).run("ui", "--help").out())
                .contains("--bind")
                .contains("127.0.0.1");
    }
}
