package dev.marble.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.RunEnding;
import dev.marble.event.Event;
import dev.marble.event.LinkOutcome;
import dev.marble.json.Json;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.StopReason;
import dev.marble.model.Usage;
import dev.marble.secret.SecretRedactor;
import dev.marble.store.Journal;
import dev.marble.store.JournalSink;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain's timeline on the dashboard comes from the journal's indexed {@code links} table: a chain that ran before
 * thousands of other runs still shows its links (and the runs search still finds its runs), and a chain with more
 * links than a page holds shows its newest and says where the older ones are. A real journal written through core's
 * sink, served over loopback HTTP.
 */
class ChainTimelineTest {

    private static final ModelRef SONNET = new ModelRef("anthropic", "claude-sonnet-4-6");
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    @TempDir
    Path temp;

    private Dashboard dashboard;

    @AfterEach
    void stop() {
        if (dashboard != null) dashboard.close();
    }

    private URI serve() {
        dashboard = Dashboard.start(
                InetAddress.getLoopbackAddress(),
                0,
                new FixedBoard(temp.resolve("state")),
                new JournalRunHistory(temp.resolve(".marble")));
        return URI.create("http://127.0.0.1:" + dashboard.port());
    }

    private JournalSink sink() {
        return new JournalSink(Journal.open(temp.resolve(".marble")), new SecretRedactor(), e -> {
            throw e;
        });
    }

    @Test
    void aChainOlderThanTheNewestTwoThousandRunsStillShowsItsLinks() throws Exception {
        try (JournalSink sink = sink()) {
            sink.accept(new Event.RunStarted("chain-old", T0, "chain", "nightly", SONNET, "a chain", List.of()));
            link(sink, "chain-old", 1, 0, "builder", LinkOutcome.OK, null, T0.plusSeconds(1));
            link(
                    sink,
                    "chain-old",
                    1,
                    1,
                    "checker",
                    LinkOutcome.FAILED,
                    "max_turns: gave up\nsecond",
                    T0.plusSeconds(20));
            sink.accept(new Event.RunFinished(
                    "chain-old",
                    T0.plusSeconds(40),
                    RunEnding.COMPLETED,
                    "one round",
                    1,
                    Usage.ZERO,
                    Cost.UNKNOWN,
                    Duration.ofSeconds(40),
                    null));
            // More runs after it than the dashboard once looked through (the newest 2,000).
            for (int i = 0; i < 2_050; i++) {
                Instant at = T0.plusSeconds(3_600 + i);
                String id = "later-" + i;
                sink.accept(new Event.RunStarted(id, at, "run", "other", SONNET, "something else", List.of()));
                sink.accept(finished(id, at.plusMillis(500)));
            }
        }
        URI base = serve();

        String page = Http.get(base.resolve("/chains/nightly")).body();
        assertThat(page)
                .contains("href=\"/runs/run-chain-old-1-0\">builder</a>")
                .contains("href=\"/runs/run-chain-old-1-1\">checker</a>")
                .contains("max_turns: gave up")
                .contains("120 in / 30 out")
                .contains("$0.0150")
                .doesNotContain("No link has run yet")
                .doesNotContain("older-links");

        var api = Json.parse(Http.get(base.resolve("/api/chains/nightly")).body());
        assertThat(api.path("links").size()).isEqualTo(2);
        assertThat(api.path("last_outcome").asString()).isEqualTo("failed");
        var chains = Json.parse(Http.get(base.resolve("/api/chains")).body());
        assertThat(chains.get(0).path("last_outcome").asString()).isEqualTo("failed");
        // And the runs search finds the chain's runs behind the 2,050 later ones, as it finds the later ones.
        String found = Http.get(base.resolve("/runs?q=do%20the%20work")).body();
        assertThat(found)
                .contains("run-chain-old-1-0")
                .contains("run-chain-old-1-1")
                .doesNotContain("later-");
        var api2 = Json.parse(Http.get(base.resolve("/api/runs?q=checker")).body());
        assertThat(api2.size()).isEqualTo(1);
        assertThat(Http.get(base.resolve("/runs?date=2026-11-01&q=chain-old")).body())
                .contains("href=\"/runs/chain-old\"");
        assertThat(Http.get(base.resolve("/runs?date=2026-11-02&q=chain-old")).body())
                .doesNotContain("href=\"/runs/chain-old\"");
    }

    @Test
    void aLongChainShowsItsNewestLinksAndSaysWhereTheOlderOnesAre() throws Exception {
        int links = Dashboard.CHAIN_LINKS + 3;
        try (JournalSink sink = sink()) {
            sink.accept(new Event.RunStarted("chain-long", T0, "chain", "nightly", SONNET, "a chain", List.of()));
            for (int round = 1; round <= links; round++)
                link(sink, "chain-long", round, 0, "worker", LinkOutcome.OK, null, T0.plusSeconds(10L * round));
        }
        URI base = serve();

        String page = Http.get(base.resolve("/chains/nightly")).body();
        assertThat(page).contains("id=\"older-links\"").contains("marble chain report nightly");
        assertThat(page).contains("href=\"/runs/run-chain-long-" + links + "-0\"");
        assertThat(page).doesNotContain("href=\"/runs/run-chain-long-3-0\"");
        assertThat(page.split("<tr class=").length - 1).isEqualTo(Dashboard.CHAIN_LINKS);
        var api = Json.parse(Http.get(base.resolve("/api/chains/nightly")).body());
        assertThat(api.path("links").size()).isEqualTo(Dashboard.CHAIN_LINKS);
        assertThat(api.path("links")
                        .get(Dashboard.CHAIN_LINKS - 1)
                        .path("round")
                        .asInt())
                .isEqualTo(links);
    }

    /** One link: its agent run with one model call of 120 in / 30 out at $0.015, then its end. */
    private static void link(
            JournalSink sink,
            String chainRunId,
            int round,
            int link,
            String name,
            LinkOutcome outcome,
            String detail,
            Instant at) {
        String runId = "run-" + chainRunId + "-" + round + "-" + link;
        sink.accept(new Event.LinkStarted(chainRunId, at, round, link, name, null, SONNET, runId, false));
        sink.accept(new Event.RunStarted(runId, at, "link", name, SONNET, "do the work", List.of()));
        Cost cost = new Cost(new BigDecimal("0.015"), Cost.Source.PRICING_TABLE);
        ChatResponse response = new ChatResponse(
                Message.assistant("done"),
                StopReason.END_TURN,
                "end_turn",
                new Usage(120, 30, 0, 0),
                SONNET,
                "msg-" + runId,
                null,
                cost,
                List.of());
        sink.accept(new Event.ModelCallFinished(
                runId,
                at.plusSeconds(1),
                "call-" + runId,
                SONNET,
                ChatRequest.of("sys", "go"),
                response,
                Duration.ofMillis(900)));
        sink.accept(finished(runId, at.plusSeconds(2)));
        sink.accept(new Event.LinkFinished(
                chainRunId, at.plusSeconds(3), round, link, name, outcome, detail, Duration.ofSeconds(3), cost));
    }

    private static Event.RunFinished finished(String runId, Instant at) {
        return new Event.RunFinished(
                runId, at, RunEnding.ANSWERED, null, 1, Usage.ZERO, Cost.UNKNOWN, Duration.ofSeconds(1), "ok");
    }
}
