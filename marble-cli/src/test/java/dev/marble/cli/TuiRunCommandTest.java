package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marble run --tui} where the full-screen view cannot be, in-process: one-line usage errors, exit 2. (At a
 * real terminal the view is tested through tmux, in {@link TuiTerminalIT}.)
 */
class TuiRunCommandTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("hello.yaml", "- text: Hello.\n");
        cli.write("main.worker", "---\nname: main\nmodel: scripted:hello.yaml\n---\nYou greet.\n");
    }

    @Test
    void tuiWithoutATerminalIsAOneLineUsageError() {
        var result = cli.stdin("").run("run", "--tui", "main.worker", "Hi");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip())
                .isEqualTo(
                        "marble: error: --tui needs a terminal on standard input and output; use --headless in scripts"
                                + " and pipes")
                .doesNotContain("\n");
    }

    @Test
    void tuiAtATerminalWhoseOutputIsPipedIsAUsageErrorToo() {
        var result = cli.typing("").run("run", "--tui", "main.worker", "Hi");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--tui needs a terminal");
    }

    @Test
    void tuiContradictingAnotherFlagIsAUsageError() {
        assertThat(cli.stdin("")
                        .run("run", "--tui", "--json", "main.worker", "Hi")
                        .err())
                .contains("--tui and --json do not go together");
        assertThat(cli.stdin("")
                        .run("run", "--tui", "--headless", "main.worker", "Hi")
                        .exit())
                .isEqualTo(2);
        assertThat(cli.stdin("").run("run", "--tui", "--chat", "main.worker").err())
                .contains("--chat and --tui do not go together");
    }

    @Test
    void withoutATerminalTheRunKeepsItsLineOutput() {
        var result = cli.stdin("").run("run", "main.worker", "Hi");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Hello.\n");
    }
}
