package dev.marble.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes (/bin/sh), measured as the start-up bench measures Marble. */
class TimedProcessTest {

    @TempDir
    Path temp;

    @Test
    void aRunIsTimedAndItsOutputKept() throws Exception {
        TimedProcess timer = TimedProcess.in(temp.resolve("timing"));
        TimedProcess.Sample sample = timer.run(
                List.of("/bin/sh", "-c", "echo out; echo err >&2; echo \"$GREETING\""),
                temp,
                Map.of("GREETING", "only this"),
                30);
        assertThat(sample.out()).isEqualTo("out\nonly this\n");
        assertThat(sample.err()).isEqualTo("err\n");
        assertThat(sample.wallMs()).isPositive();
        if (timer.hasGnuTime()) assertThat(sample.peakKb()).isPositive();
        else assertThat(sample.peakKb()).isEqualTo(-1);
    }

    @Test
    void theCpuOfTheProcessAndItsChildrenIsCounted() throws Exception {
        TimedProcess timer = TimedProcess.in(temp.resolve("timing"));
        // A busy child of the shell: its CPU, which only the reaping parent's records show, must be counted.
        TimedProcess.Sample sample = timer.run(
                List.of("/bin/sh", "-c", "/bin/sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'"),
                temp,
                Map.of(),
                60);
        assertThat(timer.how()).isNotEqualTo("CPU and peak memory not measured (no GNU time, no /proc)");
        assertThat(sample.cpuMs()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void aFailedRunIsAnErrorThatSaysWhy() throws Exception {
        TimedProcess timer = TimedProcess.in(temp.resolve("timing"));
        assertThatThrownBy(() -> timer.run(List.of("/bin/sh", "-c", "echo broken >&2; exit 3"), temp, Map.of(), 30))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("/bin/sh -c echo broken >&2; exit 3 exited 3: broken");
    }
}
