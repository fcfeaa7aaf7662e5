package dev.marble.temporal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.marble.Marble;
import dev.marble.chain.run.SteppedChainRun;
import dev.marble.config.Environment;
import dev.marble.event.LinkOutcome;
import dev.marble.testkit.StandInClaude;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link and its bookkeeping as one step, against a worker lost between the link's end and its answer: the link
 * activity is repeated on another worker (a session of its own on the same state files, as a restarted or moved
 * worker opens one), which must neither run the link again nor skip or repeat its update and round line. Real
 * parts: the chain's files, the stand-in {@code claude} as each link's agent, a webhook receiver on 127.0.0.1.
 */
class LinkStepsTest {

    @TempDir
    Path temp;

    private Path project;
    private HttpServer receiver;
    private final List<String> updates = new CopyOnWriteArrayList<>();
    private final LinkSteps steps = new LinkSteps(ChainWorkspace.of(ChainWorkspace.PINNED));

    @BeforeEach
    void chain() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            updates.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve("chains"));
        Files.writeString(project.resolve("marble.json"), "{}");
        // Two links a round, each asking for an update after it, sent to the receiver.
        Files.writeString(project.resolve("chains/c.json"), """
                {"max_rounds": 3,
                 "webhook": {"url": "http://127.0.0.1:%d/hook"},
                 "links": [
                  {"name": "a", "model": "sonnet", "prompt": "{STATE_DIR} a {ROUND}", "telegram_update": true},
                  {"name": "b", "model": "sonnet", "prompt": "{STATE_DIR} b {ROUND}", "telegram_update": true}]}
                """.formatted(
                        receiver.getAddress().getPort()));
        StandInClaude.install(temp.resolve("bin"));
        Files.createDirectories(temp.resolve("home"));
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void aLinkFinishedByALostWorkerIsReportedOnceAndNotRunAgain() throws Exception {
        ChainRef chain = ChainRef.of(project, project.resolve("chains/c.json"), "c");
        try (ChainSessions first = worker("w1")) {
            assertThat(steps.run(first.session(chain), 1, 0).acted()).isTrue();
            // Link b, the last of round 1, runs to its end (the cursor is past it), and the worker is lost before
            // its bookkeeping: no update for b, no round line.
            SteppedChainRun.Step b = steps.take(first.session(chain), 1, 1);
            assertThat(b.outcome()).isEqualTo(LinkOutcome.OK);
        }
        assertThat(starts()).containsExactly("a 1", "b 1");
        assertThat(linkUpdates()).containsExactly("a");
        assertThat(roundLines()).isZero();

        // The repeated activity, on another worker: b is not run again, and its bookkeeping is done now.
        LinkResult repeated;
        try (ChainSessions second = worker("w2")) {
            repeated = steps.run(second.session(chain), 1, 1);
        }
        assertThat(repeated.acted()).isTrue();
        assertThat(repeated.found()).isTrue();
        assertThat(repeated.outcome()).isEqualTo("OK");
        assertThat(repeated.view().round()).isEqualTo(1);
        assertThat(repeated.view().nextLink()).isZero();
        assertThat(starts()).containsExactly("a 1", "b 1");
        assertThat(linkUpdates()).containsExactly("a", "b");
        assertThat(roundLines()).isEqualTo(1);

        // That worker is lost too, after the bookkeeping and before its answer: the next repeat does neither again.
        try (ChainSessions third = worker("w3")) {
            LinkResult again = steps.run(third.session(chain), 1, 1);
            assertThat(again.acted()).isTrue();
            assertThat(again.found()).isTrue();
            assertThat(again.outcome()).isEqualTo("OK");
            // and the chain goes on from there: round 2's first link runs, with its own bookkeeping
            LinkResult next = steps.run(third.session(chain), 2, 0);
            assertThat(next.acted()).isTrue();
            assertThat(next.found()).isFalse();
        }
        assertThat(starts()).containsExactly("a 1", "b 1", "a 2");
        assertThat(linkUpdates()).containsExactly("a", "b", "a");
        assertThat(roundLines()).isEqualTo(1);
    }

    @Test
    void aLinkAskedForAgainInTheSameSessionIsNeitherRunNorReportedTwice() throws Exception {
        ChainRef chain = ChainRef.of(project, project.resolve("chains/c.json"), "c");
        try (ChainSessions worker = worker("w1")) {
            LinkResult first = steps.run(worker.session(chain), 1, 0);
            LinkResult second = steps.run(worker.session(chain), 1, 0);
            assertThat(first.found()).isFalse();
            assertThat(second.acted()).isTrue();
            assertThat(second.found()).isTrue();
            // a link the cursor is not just past is one the state moved on without: not acted
            LinkResult ahead = steps.run(worker.session(chain), 2, 1);
            assertThat(ahead.acted()).isFalse();
        }
        assertThat(starts()).containsExactly("a 1");
        assertThat(linkUpdates()).containsExactly("a");
    }

    @Test
    void aReportFileTheAgentsRewroteIsNoReport() throws Exception {
        ChainRef chain = ChainRef.of(project, project.resolve("chains/c.json"), "c");
        try (ChainSessions worker = worker("w1")) {
            steps.run(worker.session(chain), 1, 0);
            Files.writeString(project.resolve("state/c/" + LinkReport.FILE), "not json {");
            LinkResult again = steps.run(worker.session(chain), 1, 0);
            assertThat(again.acted()).isFalse();
        }
        assertThat(linkUpdates()).containsExactly("a");
    }

    private ChainSessions worker(String name) {
        Map<String, String> variables = Map.of(
                "PATH",
                temp.resolve("bin") + ":/usr/bin:/bin",
                "HOME",
                temp.resolve("home").toString(),
                // the agent notes its start and appends to the handoff, as an agent would
                "STANDIN_CLAUDE_AGENT",
                "set -- $STANDIN_CLAUDE_PROMPT; echo \"$2 $3\" >> " + temp.resolve("starts.txt")
                        + "; printf '%s\\n' \"$2 $3\" >> \"$1/handoff.md\"");
        Marble marble = Marble.start(new Environment(variables, project, temp.resolve("home")), warning -> {});
        return new ChainSessions(marble, name);
    }

    private List<String> starts() throws IOException {
        Path file = temp.resolve("starts.txt");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** The links named by the LINK_DONE updates the receiver got, in order (sessions flush theirs when closed). */
    private List<String> linkUpdates() {
        return updates.stream()
                .filter(body -> body.contains("\"event\":\"link_done\""))
                .map(body -> body.replaceAll("(?s).*\"link\":\"([^\"]*)\".*", "$1"))
                .toList();
    }

    private long roundLines() throws IOException {
        return Files.readAllLines(project.resolve("logs/c.log")).stream()
                .filter(line -> line.contains("ROUND 1 COMPLETE"))
                .count();
    }
}
