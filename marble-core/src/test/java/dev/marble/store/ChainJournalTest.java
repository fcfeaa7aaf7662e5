package dev.marble.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.RunEnding;
import dev.marble.event.Event;
import dev.marble.event.LinkOutcome;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.StopReason;
import dev.marble.model.Usage;
import dev.marble.secret.SecretRedactor;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chain's story in a real SQLite journal: the tree of runs, the links and totals that add up at every level. */
class ChainJournalTest {

    @TempDir
    Path temp;

    private static final ModelRef SONNET = new ModelRef("anthropic", "claude-sonnet-4-6");
    private static final ModelRef LOCAL = new ModelRef("ollama", "qwen3");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Event.ModelCallFinished call(String runId, String callId, ModelRef model, Usage usage, Cost cost) {
        ChatResponse response = new ChatResponse(
                Message.assistant("done"), StopReason.END_TURN, "end_turn", usage, model, "msg", null, cost, List.of());
        return new Event.ModelCallFinished(
                runId, at(5), callId, model, ChatRequest.of("sys", "go"), response, Duration.ofMillis(100));
    }

    private static Cost dollars(String usd) {
        return new Cost(new BigDecimal(usd), Cost.Source.PRICING_TABLE);
    }

    private static Event.RunFinished runFinished(String runId, int turns) {
        return new Event.RunFinished(
                runId, at(50), RunEnding.ANSWERED, null, turns, Usage.ZERO, Cost.UNKNOWN, Duration.ofSeconds(1), "ok");
    }

    /** One chain run of two rounds: a worker link that delegates, a local-model link, and a skipped link. */
    private void writeChain(Journal journal) {
        try (JournalSink sink = new JournalSink(journal, new SecretRedactor(), e -> {
            throw e;
        })) {
            sink.accept(new Event.RunStarted("chain-1", at(0), "chain", "nightly", SONNET, "a chain", List.of()));
            // round 1, link 1: the link run and a worker it delegates to
            sink.accept(new Event.LinkStarted("chain-1", at(1), 1, 1, "builder", "build", SONNET, "link-1", false));
            sink.accept(new Event.RunStarted("link-1", at(1), "link", "builder", SONNET, "build it", List.of()));
            sink.accept(call("link-1", "c1", SONNET, new Usage(100, 20, 1000, 50), dollars("0.0100")));
            sink.accept(
                    new Event.RunStarted("worker-1", at(2), "delegate", "helper", SONNET, "help", List.of(), "link-1"));
            sink.accept(call("worker-1", "c2", SONNET, new Usage(10, 2, 0, 0), dollars("0.0020")));
            sink.accept(runFinished("worker-1", 1));
            sink.accept(call("link-1", "c3", SONNET, new Usage(200, 40, 0, 0), dollars("0.0300")));
            sink.accept(runFinished("link-1", 2));
            sink.accept(new Event.LinkFinished(
                    "chain-1", at(10), 1, 1, "builder", LinkOutcome.OK, null, Duration.ofSeconds(9), dollars("0.042")));
            // round 1, link 2: a model with no price
            sink.accept(new Event.LinkStarted("chain-1", at(11), 1, 2, "checker", "check", LOCAL, "link-2", false));
            sink.accept(new Event.RunStarted("link-2", at(11), "link", "checker", LOCAL, "check it", List.of()));
            sink.accept(call("link-2", "c4", LOCAL, new Usage(7, 3, 0, 0), Cost.UNKNOWN));
            sink.accept(runFinished("link-2", 1));
            sink.accept(new Event.LinkFinished(
                    "chain-1",
                    at(20),
                    1,
                    2,
                    "checker",
                    LinkOutcome.FAILED,
                    "max_turns: gave up\nsecond line",
                    Duration.ofSeconds(9),
                    Cost.UNKNOWN));
            // round 2, link 1 skipped: it never started
            sink.accept(new Event.LinkFinished(
                    "chain-1", at(21), 2, 1, "builder", LinkOutcome.SKIPPED, "skipped", Duration.ZERO, Cost.UNKNOWN));
            sink.accept(new Event.RunFinished(
                    "chain-1",
                    at(30),
                    dev.marble.agent.RunEnding.COMPLETED,
                    "one round done",
                    2,
                    Usage.ZERO,
                    Cost.UNKNOWN,
                    Duration.ofSeconds(30),
                    null));
        }
    }

    @Test
    void linkRunsAreChildrenOfTheirChainRunAndDelegatedRunsOfTheirLink() {
        try (Journal journal = Journal.open(temp)) {
            writeChain(journal);
            RunLog runs = new RunLog(journal);
            RunLog.RunTree tree = runs.tree(runs.run("chain-1").orElseThrow());
            assertThat(tree.children()).extracting(t -> t.run().id()).containsExactly("link-1", "link-2");
            assertThat(tree.children().getFirst().children())
                    .extracting(t -> t.run().id())
                    .containsExactly("worker-1");
            assertThat(runs.newestTopLevel(10)).extracting(RunLog.RunRecord::id).containsExactly("chain-1");
        }
    }

    @Test
    void tokensAndDollarsRollUpExactlyAtEveryLevel() {
        try (Journal journal = Journal.open(temp)) {
            writeChain(journal);
            RunLog runs = new RunLog(journal);
            // the worker: its own call
            assertThat(runs.run("worker-1").orElseThrow().totals()).isEqualTo(new Totals(1, 10, 2, 0, 0, 0.002, null));
            // the link: its two calls and its worker's
            Totals link1 = new Totals(3, 310, 62, 1000, 50, 0.042, null);
            assertThat(runs.run("link-1").orElseThrow().totals()).isEqualTo(link1);
            // the chain: every call below, the dollars of the priced ones, and which model had no price
            Totals chain = runs.run("chain-1").orElseThrow().totals();
            assertThat(chain).isEqualTo(new Totals(4, 317, 65, 1000, 50, 0.042, "ollama:qwen3"));
            assertThat(chain.costKnown()).isFalse();

            List<ChainHistory.Link> links = new ChainHistory(journal).linksOfRun("chain-1");
            assertThat(links).hasSize(3);
            assertThat(links.getFirst().totals()).isEqualTo(link1);
            assertThat(links.get(1).totals().unpriced()).containsExactly("ollama:qwen3");
            // the rounds add up their links
            List<ChainHistory.Round> rounds = ChainHistory.rounds(links);
            assertThat(rounds).extracting(ChainHistory.Round::round).containsExactly(1, 2);
            assertThat(rounds.getFirst().totals()).isEqualTo(chain);
            assertThat(rounds.get(1).totals()).isEqualTo(Totals.ZERO);
        }
    }

    @Test
    void linkRowsNameTheirChainRoundOutcomeAndRun() {
        try (Journal journal = Journal.open(temp)) {
            writeChain(journal);
            ChainHistory history = new ChainHistory(journal);
            List<ChainHistory.Link> links = history.links("nightly", ChainHistory.Filter.newest(20));
            assertThat(links)
                    .extracting(l -> l.chain() + " " + l.round() + "." + l.link() + " " + l.name() + " " + l.outcome()
                            + " " + l.linkRunId())
                    .containsExactly(
                            "nightly 1.1 builder ok link-1",
                            "nightly 1.2 checker failed link-2",
                            "nightly 2.1 builder skipped null");
            assertThat(links.get(1).detail()).startsWith("max_turns: gave up");
            assertThat(history.links("nightly", new ChainHistory.Filter(null, null, true, 20)))
                    .extracting(ChainHistory.Link::name)
                    .containsExactly("checker");
            assertThat(history.links("nightly", new ChainHistory.Filter(null, "qwen3", false, 20)))
                    .extracting(ChainHistory.Link::name)
                    .containsExactly("checker");
            assertThat(history.links("nightly", new ChainHistory.Filter(at(11), null, false, 20)))
                    .extracting(ChainHistory.Link::name)
                    .containsExactly("checker", "builder");
            assertThat(history.links("nightly", ChainHistory.Filter.newest(1)))
                    .extracting(ChainHistory.Link::round)
                    .containsExactly(2);
            assertThat(history.links("other", ChainHistory.Filter.newest(20))).isEmpty();
            assertThat(history.chainRuns("nightly", 5))
                    .extracting(RunLog.RunRecord::turns)
                    .containsExactly(2);
            assertThat(history.answer("link-1")).contains("ok");
        }
    }

    @Test
    void answersOfManyRunsComeInBatchesAndMatchTheirRuns() {
        try (Journal journal = Journal.open(temp)) {
            writeChain(journal);
            try (JournalSink sink = new JournalSink(journal, new SecretRedactor(), e -> {
                throw e;
            })) {
                sink.accept(new Event.RunStarted("silent", at(60), "run", "x", SONNET, "g", List.of()));
                sink.accept(new Event.RunFinished(
                        "silent",
                        at(61),
                        RunEnding.MODEL_FAILED,
                        "no",
                        1,
                        Usage.ZERO,
                        Cost.UNKNOWN,
                        Duration.ZERO,
                        null));
            }
            // More ids than one query takes, the known runs at both ends and past the first batch.
            List<String> ids = new java.util.ArrayList<>();
            ids.add("link-1");
            for (int i = 0; i < ChainHistory.ANSWERS_PER_QUERY * 2; i++) ids.add("missing-" + i);
            ids.add("worker-1");
            ids.add("silent");
            ids.add("chain-1");
            var answers = new ChainHistory(journal).answers(ids);
            assertThat(answers)
                    .containsOnly(java.util.Map.entry("link-1", "ok"), java.util.Map.entry("worker-1", "ok"));
            assertThat(new ChainHistory(journal).answers(List.of())).isEmpty();
        }
    }

    @Test
    void everyChainQueryUsesAnIndex() {
        try (Journal journal = Journal.open(temp)) {
            writeChain(journal);
            var plans = new ChainHistory(journal).plans();
            assertThat(plans).hasSize(ChainHistory.PLANS.size());
            plans.forEach((sql, steps) -> assertThat(String.join("\n", steps))
                    .as(sql)
                    .contains("USING INDEX")
                    .doesNotContain("SCAN links")
                    .doesNotContain("SCAN runs")
                    .doesNotContain("SCAN events"));
        }
    }

    @Test
    void aJournalOfTheLastSchemaIsMigratedKeepingItsRuns() throws Exception {
        Path file = temp.resolve(Journal.FILE_NAME);
        // a journal as Marble wrote it before links were kept: schema 3, with one run
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE blobs (hash TEXT PRIMARY KEY, content TEXT NOT NULL) WITHOUT ROWID");
            statement.execute("CREATE TABLE runs (id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, agent TEXT,"
                    + " model TEXT NOT NULL, goal TEXT, started_at TEXT NOT NULL, ended_at TEXT, ending TEXT,"
                    + " detail TEXT, turns INTEGER, input_tokens INTEGER, output_tokens INTEGER,"
                    + " cache_read_tokens INTEGER, cache_write_tokens INTEGER, cost_usd REAL, cost_source TEXT,"
                    + " parent_run_id TEXT) WITHOUT ROWID");
            statement.execute("CREATE TABLE calls (id TEXT PRIMARY KEY NOT NULL, run_id TEXT, started_at TEXT NOT"
                    + " NULL, provider TEXT NOT NULL, model TEXT NOT NULL, model_used TEXT, status TEXT NOT NULL,"
                    + " system_hash TEXT, tools_hash TEXT, options_json TEXT, message_hashes TEXT NOT NULL,"
                    + " response_hash TEXT, response_meta_json TEXT, input_tokens INTEGER, output_tokens INTEGER,"
                    + " cache_read_tokens INTEGER, cache_write_tokens INTEGER, cost_usd REAL, cost_source TEXT,"
                    + " latency_ms INTEGER NOT NULL, retries INTEGER NOT NULL, attempts_json TEXT NOT NULL,"
                    + " error TEXT) WITHOUT ROWID");
            statement.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, seq INTEGER NOT"
                    + " NULL, at TEXT NOT NULL, type TEXT NOT NULL, json TEXT NOT NULL)");
            statement.execute("INSERT INTO runs (id, kind, agent, model, started_at, turns) VALUES"
                    + " ('old-run', 'loop', 'a', 'anthropic/x', '2026-01-01T00:00:00Z', 3)");
            statement.execute("PRAGMA user_version = 3");
        }
        try (Journal journal = Journal.open(temp)) {
            RunLog.RunRecord old = new RunLog(journal).run("old-run").orElseThrow();
            assertThat(old.turns()).isEqualTo(3);
            assertThat(old.totals()).as("never added up").isNull();
            writeChain(journal);
            assertThat(new ChainHistory(journal).linksOfRun("chain-1")).hasSize(3);
        }
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                var statement = connection.createStatement();
                var version = statement.executeQuery("PRAGMA user_version")) {
            version.next();
            assertThat(version.getInt(1)).isEqualTo(4);
        }
    }
}
