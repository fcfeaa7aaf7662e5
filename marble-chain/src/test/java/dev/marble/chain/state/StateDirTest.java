package dev.marble.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ConfigException;
import dev.marble.error.UsageException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private StateDir dir() {
        return StateDir.of(root.resolve("state"), "demo", ZoneOffset.UTC);
    }

    @Test
    void readingCreatesNothing() {
        StateDir dir = StateDir.of(root.resolve("state"), "no-such-chain");
        assertThat(dir.status()).isEqualTo("UNKNOWN");
        assertThat(dir.round()).isZero();
        assertThat(dir.handoff()).isEmpty();
        assertThat(dir.startTime()).isEmpty();
        assertThat(dir.stopRequest()).isEmpty();
        assertThat(dir.lastShutdown()).isEmpty();
        assertThat(dir.handoffSnapshot()).isEmpty();
        assertThat(new ProgressFile(dir).read()).isEqualTo(Progress.initial(0));
        assertThat(ChainLock.holder(dir)).isEmpty();
        assertThat(dir.exists()).isFalse();
        assertThat(root.resolve("state")).doesNotExist();
    }

    @Test
    void theLayoutIsLlmautos() throws Exception {
        StateDir dir = dir();
        dir.status("RUNNING");
        dir.round(3);
        dir.handoff("# Handoff\n");
        dir.linkHandoff("worker", "w");
        dir.requestStop("why");
        Path workspace = dir.workspace("controller");

        assertThat(dir.dir()).isEqualTo(root.resolve("state/demo"));
        assertThat(Files.readString(dir.dir().resolve("status.txt"))).isEqualTo("RUNNING");
        assertThat(Files.readString(dir.dir().resolve("round_counter.txt"))).isEqualTo("3");
        assertThat(Files.readString(dir.dir().resolve("handoff.md"))).isEqualTo("# Handoff\n");
        assertThat(Files.readString(dir.dir().resolve("handoff_worker.md"))).isEqualTo("w");
        assertThat(Files.readString(dir.dir().resolve("STOP"))).isEqualTo("why");
        assertThat(workspace)
                .isEqualTo(dir.dir().resolve("controller-workspace"))
                .isDirectory();
        assertThat(dir.handoffFile()).isEqualTo(dir.dir().resolve("handoff.md"));
    }

    @Test
    void filesWrittenByLlmautoAndByAgentsAreReadLeniently() throws Exception {
        StateDir dir = dir();
        Files.createDirectories(dir.dir());
        Files.writeString(dir.dir().resolve("status.txt"), "\uFEFFALL_DONE\r\n"); // PowerShell's UTF-8
        Files.writeString(dir.dir().resolve("round_counter.txt"), " 7\n");
        Files.writeString(dir.dir().resolve("STOP"), "Manuell gestoppt via llmauto\n");
        assertThat(dir.status()).isEqualTo("ALL_DONE");
        assertThat(dir.round()).isEqualTo(7);
        assertThat(dir.stopRequest()).contains("Manuell gestoppt via llmauto");

        Files.writeString(dir.dir().resolve("round_counter.txt"), ""); // llmauto killed mid-write
        assertThat(dir.round()).isZero();
        Files.write(dir.dir().resolve("handoff.md"), new byte[] {'o', 'k', (byte) 0xff, '\n'});
        assertThat(dir.handoff()).isEqualTo("ok\uFFFD\n");
    }

    @Test
    void startTimeIsPythonsIsoLocalTimeBothWays() throws Exception {
        StateDir berlin = StateDir.of(root.resolve("state"), "demo", ZoneId.of("Europe/Berlin"));
        berlin.startTime(Instant.parse("2026-03-01T13:05:09.123456789Z"));
        assertThat(Files.readString(berlin.dir().resolve("start_time.txt"))).isEqualTo("2026-03-01T14:05:09.123456");
        assertThat(berlin.startTime()).contains(Instant.parse("2026-03-01T13:05:09.123456Z"));

        // what llmauto's datetime.now().isoformat() writes, with and without microseconds
        Files.writeString(berlin.dir().resolve("start_time.txt"), "2026-03-01T14:05:09\n");
        assertThat(berlin.startTime()).contains(Instant.parse("2026-03-01T13:05:09Z"));
        Files.writeString(berlin.dir().resolve("start_time.txt"), "2026-03-01 14:05:09.5");
        assertThat(berlin.startTime()).contains(Instant.parse("2026-03-01T13:05:09.5Z"));
        Files.writeString(berlin.dir().resolve("start_time.txt"), "2026-03-01T14:05:09+01:00");
        assertThat(berlin.startTime()).contains(Instant.parse("2026-03-01T13:05:09Z"));
    }

    @Test
    void aBrokenFileIsNamedWithLineFieldAndWhatWasExpected() throws Exception {
        StateDir dir = dir();
        Files.createDirectories(dir.dir());
        Path rounds = dir.dir().resolve("round_counter.txt");
        Files.writeString(rounds, "three\n");
        assertThatThrownBy(dir::round)
                .isInstanceOf(ConfigException.class)
                .hasMessage(rounds + ":1:1: completed rounds: expected a whole number of at least 0, got \"three\"");
        Files.writeString(rounds, "-1");
        assertThatThrownBy(dir::round).hasMessageContaining("got \"-1\"");

        Path start = dir.dir().resolve("start_time.txt");
        Files.writeString(start, "yesterday");
        assertThatThrownBy(dir::startTime)
                .isInstanceOf(ConfigException.class)
                .hasMessage(start
                        + ":1:1: start time: expected an ISO date and time like 2026-03-01T14:05:09.123456, "
                        + "got \"yesterday\"");
    }

    @Test
    void namesThatWouldEscapeTheDirectoryAreRefused() {
        assertThatThrownBy(() -> StateDir.of(root, "../etc"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("chain name \"../etc\" cannot name a state directory");
        assertThatThrownBy(() -> StateDir.of(root, "..")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> StateDir.of(root, "")).isInstanceOf(UsageException.class);
        StateDir dir = dir();
        assertThatThrownBy(() -> dir.linkHandoff("a/b", "x"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("link name \"a/b\"");
        assertThatThrownBy(() -> dir.workspace("a\\b")).isInstanceOf(UsageException.class);
        assertThat(StateDir.isSafeName("opus-worker.2")).isTrue();
        assertThat(root.resolve("state")).doesNotExist();
    }

    @Test
    void aStatusIsOneWord() {
        assertThatThrownBy(() -> dir().status("ALL DONE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dir().status(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSnapshotIsNotTheCopyOfALinkNamedBefore() {
        StateDir dir = dir();
        dir.handoff("as the link found it");
        assertThat(dir.snapshotHandoff()).isEqualTo("as the link found it");
        dir.linkHandoff("before", "what the link named before wrote");
        dir.handoff("half written by a link that was kil");

        assertThat(dir.restoreHandoffSnapshot()).isTrue();
        assertThat(dir.handoff()).isEqualTo("as the link found it");
        assertThat(StateDir.of(root.resolve("state"), "other").restoreHandoffSnapshot())
                .isFalse();
    }

    @Test
    void resetAlsoClearsWhatLlmautoKept() throws Exception {
        StateDir dir = dir();
        dir.status("STOPPED");
        dir.round(12);
        dir.startTime(CLOCK.instant());
        dir.requestStop("old");
        dir.lastShutdown("MAX_ROUNDS: 12/12");
        dir.handoff("long story");
        dir.snapshotHandoff();
        dir.linkHandoff("worker", "w");
        dir.linkHandoff("controller", "c");
        Path workspace = dir.workspace("controller");
        Files.writeString(workspace.resolve(".session_marker"), "");
        Files.writeString(workspace.resolve("notes.md"), "the agent's own file");
        new ProgressFile(dir)
                .write(new Progress(
                        12,
                        1,
                        null,
                        Map.of("controller", new Progress.LinkSession("5f0c-session", true)),
                        2,
                        new BigDecimal("3.20"),
                        4000));

        dir.reset(CLOCK);

        assertThat(dir.status()).isEqualTo("READY");
        assertThat(dir.round()).isZero();
        assertThat(dir.handoff())
                .isEqualTo("# Handoff - Round 0\n## Date: 2026-03-01\n## Role: INITIAL (Reset)\n"
                        + "## Task: None\n## Status: READY\n");
        assertThat(new ProgressFile(dir).read()).isEqualTo(Progress.initial(0));
        assertThat(dir.startTime()).isEmpty();
        assertThat(dir.stopRequest()).isEmpty();
        assertThat(dir.lastShutdown()).isEmpty();
        assertThat(dir.handoffSnapshot()).isEmpty();
        assertThat(dir.linkHandoffFile("worker")).doesNotExist();
        assertThat(dir.linkHandoffFile("controller")).doesNotExist();
        assertThat(workspace.resolve(".session_marker")).doesNotExist();
        assertThat(workspace.resolve("notes.md")).hasContent("the agent's own file");
        assertThat(Handoff.last(dir.handoff(), Handoff.ROLE)).contains("INITIAL (Reset)");
    }

    @Test
    void resetOfANewChainMakesItsDirectory() {
        StateDir dir = dir();
        dir.reset(CLOCK);
        assertThat(dir.status()).isEqualTo("READY");
        assertThat(dir.dir().resolve("round_counter.txt")).hasContent("0");
    }

    @Test
    void writesLeaveNoTemporaryFiles() throws Exception {
        StateDir dir = dir();
        dir.status("RUNNING");
        dir.handoff("x".repeat(100_000));
        dir.snapshotHandoff();
        new ProgressFile(dir).write(Progress.initial(1));
        try (var entries = Files.list(dir.dir())) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "status.txt", "handoff.md", "handoff.before.md", "progress.json", "round_counter.txt");
        }
        assertThat(Files.readString(dir.handoffFile(), StandardCharsets.UTF_8)).hasSize(100_000);
    }
}
