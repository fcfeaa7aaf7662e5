package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.UsageException;
import org.junit.jupiter.api.Test;

class TuiChoiceTest {

    private static final TuiChoice DEFAULT = new TuiChoice(false, false, false, false);
    private static final TuiChoice ASKED = new TuiChoice(true, false, false, false);

    @Test
    void aWorkerProjectAtATerminalGetsTheFullScreenByDefault() {
        assertThat(DEFAULT.fullScreen(true, true, true)).isTrue();
    }

    @Test
    void linesStayWhereNobodyWatchesOrTheFlagsSaySo() {
        assertThat(DEFAULT.fullScreen(false, true, true))
                .as("an LLMProc program")
                .isFalse();
        assertThat(DEFAULT.fullScreen(true, false, true)).as("stdin piped").isFalse();
        assertThat(DEFAULT.fullScreen(true, true, false)).as("stdout piped").isFalse();
        assertThat(new TuiChoice(false, true, false, false).fullScreen(true, true, true))
                .as("--headless")
                .isFalse();
        assertThat(new TuiChoice(false, false, true, false).fullScreen(true, true, true))
                .as("--json")
                .isFalse();
        assertThat(new TuiChoice(false, false, false, true).fullScreen(true, true, true))
                .as("-q")
                .isFalse();
    }

    @Test
    void tuiForcesItForAnyAgentFileAtATerminal() {
        assertThat(ASKED.fullScreen(false, true, true)).isTrue();
    }

    @Test
    void tuiWithoutATerminalOrWithAContradictingFlagIsAUsageError() {
        assertThatThrownBy(() -> ASKED.fullScreen(true, false, true))
                .isInstanceOf(UsageException.class)
                .hasMessage("--tui needs a terminal on standard input and output; use --headless in scripts and pipes");
        assertThatThrownBy(() -> ASKED.fullScreen(true, true, false)).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> new TuiChoice(true, true, false, false).fullScreen(true, true, true))
                .hasMessageContaining("--tui and --headless");
        assertThatThrownBy(() -> new TuiChoice(true, false, true, false).fullScreen(true, true, true))
                .hasMessageContaining("--tui and --json");
        assertThatThrownBy(() -> new TuiChoice(true, false, false, true).fullScreen(true, true, true))
                .hasMessageContaining("--tui and -q");
    }
}
