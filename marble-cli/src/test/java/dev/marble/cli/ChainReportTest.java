package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.RunEnding;
import dev.marble.event.Event;
import dev.marble.event.LinkOutcome;
import dev.marble.json.Json;
import dev.marble.json.JsonSchemas;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.StopReason;
import dev.marble.model.Usage;
import dev.marble.secret.SecretRedactor;
import dev.marble.store.ChainHistory;
import dev.marble.store.Journal;
import dev.marble.store.JournalSink;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** marble chain report: the report built from a real journal, and the command on a chain of Marble links. */
class ChainReportTest {

    @TempDir
    Path temp;

    private static final ModelRef SONNET = new ModelRef("anthropic", "claude-sonnet-4-6");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** Three rounds of one link each, ten minutes and $0.10 a round, then a fourth round of $0.40 and 20 minutes. */
    private void writeRounds(Journal journal) {
        try (JournalSink sink = new JournalSink(journal, new SecretRedactor(), e -> {
            throw e;
        })) {
            sink.accept(new Event.RunStarted("chain-1", T0, "chain", "c", SONNET, "", List.of()));
            Instant at = T0;
            for (int round = 1; round <= 4; round++) {
                Duration took = Duration.ofMinutes(round == 4 ? 20 : 10);
                String cost = round == 4 ? "0.40" : "0.10";
                String run = "link-" + round;
                sink.accept(new Event.LinkStarted("chain-1", at, round, 0, "worker", "w", SONNET, run, false));
                sink.accept(new Event.RunStarted(run, at, "link", "worker", SONNET, "go", List.of()));
                ChatResponse response = new ChatResponse(
                        Message.assistant("answer " + round + "\nmore"),
                        StopReason.END_TURN,
                        "end_turn",
                        new Usage(1000, 100, 0, 0),
                        SONNET,
                        "msg",
                        null,
                        new Cost(new BigDecimal(cost), Cost.Source.PRICING_TABLE),
                        List.of());
                sink.accept(new Event.ModelCallFinished(
                        run, at.plus(took), "call-" + round, SONNET, ChatRequest.of("s", "go"), response, took));
                sink.accept(new Event.RunFinished(
                        run,
                        at.plus(took),
                        RunEnding.ANSWERED,
                        null,
                        1,
                        Usage.ZERO,
                        Cost.UNKNOWN,
                        took,
                        "answer " + round + "\nmore"));
                sink.accept(new Event.LinkFinished(
                        "chain-1", at.plus(took), round, 0, "worker", LinkOutcome.OK, null, took, Cost.UNKNOWN));
                at = at.plus(took);
            }
        }
    }

    @Test
    void projectsTheLastRoundsRateToMaxRounds() {
        try (Journal journal = Journal.open(temp)) {
            writeRounds(journal);
            Instant now = Instant.parse("2026-12-01T11:00:00Z");
            ChainReport report = ChainReport.build(
                    new ChainHistory(journal),
                    "c",
                    new ChainReport.State("STOPPED", 4, 10, false, "MANUAL_STOP: x"),
                    now);

            assertThat(report.rounds()).hasSize(4);
            assertThat(report.rounds().getFirst().durationMs()).isEqualTo(600_000);
            assertThat(report.rounds().getFirst().links().getFirst().summary()).isEqualTo("answer 1");
            assertThat(report.totals().costUsd()).isEqualTo(0.70);
            assertThat(report.totals().calls()).isEqualTo(4);
            assertThat(report.stopReason()).isEqualTo("MANUAL_STOP: x");
            ChainReport.Projection p = report.projection();
            // the last four complete rounds (fewer than five exist): $0.70 / 4 and 50 minutes / 4 a round
            assertThat(p.rateRounds()).isEqualTo(4);
            assertThat(p.costPerRound()).isEqualTo(0.175);
            assertThat(p.timePerRound()).isEqualTo(Duration.ofSeconds(750));
            assertThat(p.remaining()).isEqualTo(6);
            assertThat(p.costAtEnd()).isCloseTo(0.70 + 6 * 0.175, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(p.endsAt()).isEqualTo(now.plus(Duration.ofSeconds(750 * 6)));
            assertThat(new ChainReportText(new SecretRedactor(), java.time.ZoneOffset.UTC).projection(p))
                    .startsWith("at the last 4 rounds' rate ($0.18 and 12m 30s a round), max_rounds 10 ends at $1.75");

            ChainReport done = ChainReport.build(
                    new ChainHistory(journal), "c", new ChainReport.State("STOPPED", 4, 4, false, null), now);
            assertThat(done.projection()).isNull();
            ChainReport allDone = ChainReport.build(
                    new ChainHistory(journal), "c", new ChainReport.State("ALL_DONE", 4, 10, false, null), now);
            assertThat(allDone.projection())
                    .as("ALL_DONE is final: no rounds are left to project, whatever max_rounds says")
                    .isNull();
            assertThat(done.stopReason())
                    .as("the state says nothing; the journal has no end for the run")
                    .isEqualTo("killed: the last run has no end in the journal");
        }
    }

    @Test
    void theCommandReportsAChainOfMarbleLinksAsTextJsonAndHtml() throws IOException {
        CliRunner cli = chainOfTwoRounds(temp, "planned it", "built it");
        var text = cli.run("chain", "report", "c");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.err()).startsWith("journal: ");
        assertThat(text.out())
                .contains("Chain c  (STOPPED)")
                .contains("round 1")
                .contains("round 2")
                .contains("planner")
                .contains("built it")
                .contains("Total: 2 rounds, 4 links, 4 model calls")
                .contains("Stopped: MAX_ROUNDS")
                .contains("Projection: none");

        var json = cli.run("chain", "report", "c", "--json", "-q");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.err()).isEmpty();
        JsonNode report = Json.parse(json.out());
        fitsTheSchema(report);
        assertThat(report.path("projection").isNull()).isTrue();
        assertThat(report.path("rounds")).hasSize(2);
        assertThat(report.path("rounds")
                        .get(1)
                        .path("links")
                        .get(1)
                        .path("summary")
                        .asString())
                .isEqualTo("built it");
        assertThat(report.path("totals").path("calls").asInt()).isEqualTo(4);
        assertThat(report.path("stop_reason").asString()).startsWith("MAX_ROUNDS");

        // more rounds allowed now: the report projects them
        cli.write(
                "chains/c.json",
                Files.readString(cli.project().resolve("chains/c.json"))
                        .replace("\"max_rounds\": 2", "\"max_rounds\": 5"));
        assertThat(cli.run("chain", "report", "c").out())
                .contains("Projection: at the last 2 rounds' rate ($0.00 and ")
                .contains("max_rounds 5 ends at $0.00");
        JsonNode projected =
                Json.parse(cli.run("chain", "report", "c", "--json", "-q").out());
        fitsTheSchema(projected);
        assertThat(projected.path("projection").path("max_rounds").asInt()).isEqualTo(5);

        var html = cli.run("chain", "report", "c", "--html", "report.html");
        assertThat(html.exit()).as(html.err()).isZero();
        String page = Files.readString(cli.project().resolve("report.html"));
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("built it");
        assertThat(page).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void theJournalsInstantsReadByHandAreTheInstantsInstantParseReads() {
        for (String text : List.of(
                "2026-01-01T00:00:00Z",
                "2026-12-31T23:59:59.999Z",
                "2024-02-29T12:00:00.5Z",
                "2026-03-04T05:06:07.123456Z",
                "2026-03-04T05:06:07.123456789Z",
                "1970-01-01T00:00:00Z"))
            assertThat(ChainReport.parse(text)).as(text).isEqualTo(Instant.parse(text));
        java.util.Random random = new java.util.Random(16);
        for (int i = 0; i < 2_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(4_000_000_000L), random.nextInt(1_000_000_000));
            if (i % 3 == 0) instant = instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            if (i % 5 == 0) instant = instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            assertThat(ChainReport.parse(instant.toString())).isEqualTo(instant);
        }
        // Other forms go to Instant.parse; what neither reads is null.
        assertThat(ChainReport.parse("2026-01-01T01:00:00+01:00")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(ChainReport.parse("+10000-01-01T00:00:00Z")).isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
        assertThat(ChainReport.parse("2026-02-30T00:00:00Z")).isNull();
        assertThat(ChainReport.parse("2026-01-01T00:00:00.Z")).isEqualTo(Instant.parse("2026-01-01T00:00:00.Z"));
        assertThat(ChainReport.parse("2026-01-0xT00:00:00Z")).isNull();
        assertThat(ChainReport.parse("yesterday")).isNull();
        assertThat(ChainReport.parse(null)).isNull();
    }

    /** The report fits docs/schemas/chain-report.schema.json, the schema docs/cli.md points users to. */
    private static void fitsTheSchema(JsonNode report) throws IOException {
        JsonNode schema = Json.parse(Files.readString(
                Path.of(System.getProperty("marble.root", "..")).resolve("docs/schemas/chain-report.schema.json")));
        assertThat(JsonSchemas.problems(schema, report)).as(report.toString()).isEmpty();
    }

    /** A chain of two scripted links run for two rounds; the builder answers {@code builderAnswer}. */
    static CliRunner chainOfTwoRounds(Path temp, String plannerAnswer, String builderAnswer) throws IOException {
        CliRunner cli = new CliRunner(temp);
        cli.write("r.yaml", """
                - text: %1$s
                - text: %2$s
                - text: %1$s
                - text: %2$s
                """.formatted(
                        Json.write(Json.mapper().valueToTree(plannerAnswer)),
                        Json.write(Json.mapper().valueToTree(builderAnswer))));
        cli.write("chains/c.json", """
                {"max_rounds": 2, "defaults": {"model": "scripted:r.yaml"},
                 "links": [{"name": "planner", "prompt": "Plan the work."},
                           {"name": "builder", "prompt": "Build the plan."}]}
                """);
        var result = cli.run("chain", "start", "c");
        assertThat(result.exit()).as(result.err()).isZero();
        return cli;
    }
}
