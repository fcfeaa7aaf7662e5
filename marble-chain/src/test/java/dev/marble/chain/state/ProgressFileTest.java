package dev.marble.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ConfigException;
import dev.marble.event.LinkOutcome;
import dev.marble.process.ProcessIdentity;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressFileTest {

    static final Instant T = Instant.parse("2026-03-01T12:00:00.250Z");

    @TempDir
    Path root;

    private StateDir dir() {
        return StateDir.of(root, "c", ZoneOffset.UTC);
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        Progress p = new Progress(
                3,
                2,
                new Progress.InFlight(2, "reviewer", "run-7", T),
                Map.of(
                        "controller",
                        new Progress.LinkSession("a1b2", true),
                        "weird \"name\"/x",
                        new Progress.LinkSession("c3", false)),
                1,
                new BigDecimal("0.123456789"),
                98_765);
        ProgressFile file = new ProgressFile(dir());
        file.write(p);
        assertThat(file.read()).isEqualTo(p);
        assertThat(file.read().costUsd()).isEqualByComparingTo("0.123456789");
    }

    @Test
    void theProcessesALinkStartedSurviveTheRoundTrip() {
        Progress p = Progress.initial(0)
                .starting(new Progress.InFlight(0, "worker", "r1", T))
                .withChild(new Progress.Child(new ProcessIdentity(4242, T), "17-99-3"))
                .withChild(new Progress.Child(new ProcessIdentity(4243, T.plusSeconds(1)), null));
        ProgressFile file = new ProgressFile(dir());
        file.write(p);
        assertThat(file.read()).isEqualTo(p);
        assertThat(file.read().inFlight().children())
                .extracting(child -> child.process().pid())
                .containsExactly(4242L, 4243L);
        assertThat(p.finished(1, LinkOutcome.OK, null).inFlight())
                .as("done: nothing left to end")
                .isNull();
    }

    @Test
    void aBadChildIsALocatedError() throws Exception {
        StateDir dir = dir();
        Files.createDirectories(dir.dir());
        Files.writeString(dir.dir().resolve("progress.json"), """
                {"version": 1, "in_flight": {"link": 0, "link_name": "w", "started_at": "2026-03-01T12:00:00Z",
                  "children": [{"pid": 12, "started_at": "yesterday"}]}}""");
        assertThatThrownBy(() -> new ProgressFile(dir).read())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("progress.json:2:")
                .hasMessageContaining("started_at: expected an instant");
    }

    @Test
    void theRoundIsMirroredToLlmautosCounter() {
        StateDir dir = dir();
        new ProgressFile(dir).write(Progress.initial(4));
        assertThat(dir.round()).isEqualTo(4);
        assertThat(dir.dir().resolve("round_counter.txt")).hasContent("4");
    }

    @Test
    void llmautosStateDirectoryContinuesAtItsRound() throws Exception {
        StateDir dir = dir();
        Files.createDirectories(dir.dir());
        Files.writeString(dir.dir().resolve("round_counter.txt"), "6\n");
        assertThat(new ProgressFile(dir).read()).isEqualTo(Progress.initial(6));
    }

    @Test
    void theCursorMovesLinkByLinkAndIntoTheNextRound() {
        Progress p = Progress.initial(0);
        p = p.starting(new Progress.InFlight(0, "worker", "r1", T));
        assertThat(p.inFlight()).isNotNull();
        p = p.finished(3, LinkOutcome.FAILED, new BigDecimal("0.10"));
        assertThat(p)
                .extracting(Progress::round, Progress::nextLink, Progress::inFlight, Progress::consecutiveFailures)
                .containsExactly(0, 1, null, 1);
        p = p.finished(3, LinkOutcome.SKIPPED, null);
        assertThat(p.consecutiveFailures()).isEqualTo(1);
        p = p.finished(3, LinkOutcome.OK, new BigDecimal("0.05"));
        assertThat(p)
                .extracting(Progress::round, Progress::nextLink, Progress::consecutiveFailures)
                .containsExactly(1, 0, 0);
        assertThat(p.costUsd()).isEqualByComparingTo("0.15");
        Progress atLinkZero = p;
        assertThatThrownBy(() -> atLinkZero.starting(new Progress.InFlight(2, "x", null, T)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the next link is 0");
    }

    /**
     * The protocol on {@link ProgressFile}, followed by hand for a three-link round and interrupted at
     * each step: whatever the point, a restart runs every link of the round exactly once to completion,
     * and the interrupted link sees the handoff it first saw.
     */
    @Test
    void aRestartAtAnyStepRunsEachLinkOnceFromTheHandoffItSaw() {
        List<String> links = List.of("worker", "reviewer", "controller");
        for (int killedAtLink = 0; killedAtLink < links.size(); killedAtLink++) {
            for (int killedAtStep = 1; killedAtStep <= 4; killedAtStep++) {
                StateDir dir = StateDir.of(root, "kill-" + killedAtLink + "-" + killedAtStep, ZoneOffset.UTC);
                ProgressFile file = new ProgressFile(dir);
                dir.handoff("start\n");
                List<String> completed = new ArrayList<>();
                List<String> seen = new ArrayList<>();

                boolean killed = runRound(dir, file, links, completed, seen, killedAtLink, killedAtStep);
                assertThat(killed).isTrue();
                // restart
                Progress p = file.read();
                if (p.inFlight() != null)
                    assertThat(dir.restoreHandoffSnapshot()).isTrue();
                runRound(dir, file, links, completed, seen, -1, -1);

                String where = "killed at link " + killedAtLink + " step " + killedAtStep;
                assertThat(completed).as(where).containsExactlyElementsOf(links);
                assertThat(dir.handoff()).as(where).isEqualTo("start\nworker\nreviewer\ncontroller\n");
                assertThat(file.read())
                        .as(where)
                        .extracting(Progress::round, Progress::nextLink, Progress::inFlight)
                        .containsExactly(1, 0, null);
                assertThat(seen)
                        .as(where)
                        .containsSubsequence("start\n", "start\nworker\n", "start\nworker\nreviewer\n");
            }
        }
    }

    /** One round as the runner will do it; returns true when "killed" before {@code step} of link {@code killAt}. */
    private static boolean runRound(
            StateDir dir,
            ProgressFile file,
            List<String> links,
            List<String> completed,
            List<String> seen,
            int killAt,
            int step) {
        Progress p = file.read();
        for (int i = p.nextLink(); i < links.size(); i++) {
            String link = links.get(i);
            if (i == killAt && step == 1) return true;
            dir.snapshotHandoff();
            if (i == killAt && step == 2) return true;
            p = file.read();
            if (p.inFlight() == null) p = p.starting(new Progress.InFlight(i, link, "run", T));
            file.write(p);
            seen.add(dir.handoff());
            dir.handoff(dir.handoff() + (i == killAt && step == 3 ? "half of " : "") + link + "\n");
            if (i == killAt && step == 3) return true;
            dir.linkHandoff(link, dir.handoff());
            if (i == killAt && step == 4) return true;
            p = p.finished(links.size(), LinkOutcome.OK, null);
            file.write(p);
            completed.add(link);
        }
        return false;
    }

    @Test
    void aBrokenFileNamesLineAndField() throws Exception {
        StateDir dir = dir();
        Path file = dir.dir().resolve("progress.json");
        Files.createDirectories(dir.dir());

        Files.writeString(file, "{\n  \"round\": 2,\n  \"next_link\": \"one\"\n}\n");
        assertThatThrownBy(() -> new ProgressFile(dir).read())
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3:16: next_link: expected a whole number of at least 0, got \"one\"");

        Files.writeString(file, "{\n  \"in_flight\": {\"link\": 1, \"link_name\": \"w\", \"started_at\": \"noon\"}\n}");
        assertThatThrownBy(() -> new ProgressFile(dir).read())
                .hasMessageStartingWith(file + ":2:")
                .hasMessageContaining("in_flight.started_at: expected an instant");

        Files.writeString(file, "{\"sessions\": {\"w\": {\"started\": true}}}");
        assertThatThrownBy(() -> new ProgressFile(dir).read())
                .hasMessageContaining("sessions.w.session_id: is missing");

        Files.writeString(file, "{\"cost_usd\": -1}");
        assertThatThrownBy(() -> new ProgressFile(dir).read())
                .hasMessageContaining("cost_usd: expected a number of dollars");

        Files.writeString(file, "{\"version\": 2}");
        assertThatThrownBy(() -> new ProgressFile(dir).read()).hasMessageContaining("version: expected 1");

        Files.writeString(file, "{\"round\": ");
        assertThatThrownBy(() -> new ProgressFile(dir).read())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid JSON");
    }
}
