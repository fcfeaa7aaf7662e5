package dev.marble.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.testkit.StandInClaude;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandInFloorTest {

    @TempDir
    Path temp;

    @Test
    void replaysTheLoggedArgumentVectorsInTurnAndChecksEachRunAnswered() throws Exception {
        StandInClaude claude = StandInClaude.install(temp.resolve("bin"));
        Path log = Files.writeString(temp.resolve("argv.jsonl"), """
                {"argv":["--model","sonnet","-p","first"],"cwd":"/","claudecode":false}
                {"argv":["--model","opus","-p","second"],"cwd":"/","claudecode":false}
                """);
        List<List<String>> argvs = StandInFloor.argvsLogged(log, claude.executable());
        assertThat(argvs)
                .containsExactly(
                        List.of(claude.executable().toString(), "--model", "sonnet", "-p", "first"),
                        List.of(claude.executable().toString(), "--model", "opus", "-p", "second"));

        Path replayed = temp.resolve("replayed.jsonl");
        StandInFloor floor = new StandInFloor(
                argvs, Map.of("PATH", "/usr/bin:/bin", "STANDIN_CLAUDE_LOG", replayed.toString()), temp);
        for (int i = 0; i < 3; i++) assertThat(floor.runOnce()).isPositive();
        List<String> runs = Files.readAllLines(replayed);
        assertThat(runs).hasSize(3);
        assertThat(runs.get(0)).contains("\"first\"");
        assertThat(runs.get(1)).contains("\"second\"");
        assertThat(runs.get(2)).contains("\"first\"");
    }

    @Test
    void aRunWithoutAResultFailsLoudly() {
        StandInClaude claude = StandInClaude.install(temp.resolve("bin"));
        StandInFloor floor = new StandInFloor(
                List.of(List.of(claude.executable().toString(), "-p", "x")),
                Map.of("PATH", "/usr/bin:/bin", "STANDIN_CLAUDE_EXIT", "3"),
                temp);
        assertThatThrownBy(floor::runOnce)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited 3 without a result line");
    }
}
