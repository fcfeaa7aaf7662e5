package dev.marble.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.event.Event;
import dev.marble.json.Json;
import dev.marble.model.Attempt;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.StopReason;
import dev.marble.model.Usage;
import dev.marble.secret.SecretRedactor;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal against a real SQLite file. */
class JournalTest {

    @TempDir
    Path temp;

    private static final ModelRef MODEL = new ModelRef("anthropic", "claude-sonnet-4-6");

    private static Event.ModelCallFinished finished(String id, String prompt, String answer) {
        ChatResponse response = new ChatResponse(
                Message.assistant(answer),
                StopReason.END_TURN,
                "end_turn",
                new Usage(10, 5, 100, 0),
                MODEL,
                "msg_1",
                null,
                new Cost(new BigDecimal("0.000135"), Cost.Source.PRICING_TABLE),
                List.of(
                        new Attempt(MODEL, 1, Duration.ofMillis(40), "HTTP 529 overloaded", Duration.ZERO),
                        new Attempt(MODEL, 2, Duration.ofMillis(80), null, Duration.ofMillis(500))));
        return new Event.ModelCallFinished(
                "run-1",
                Instant.parse("2026-11-21T10:00:01Z"),
                id,
                MODEL,
                ChatRequest.of("be brief", prompt),
                response,
                Duration.ofMillis(620));
    }

    @Test
    void isSqliteInWalModeWithAVersionedSchema() throws SQLException {
        try (Journal journal = Journal.open(temp.resolve(".marble"))) {
            assertThat(journal.file()).exists();
        }
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve(".marble/journal.db"));
                var statement = connection.createStatement()) {
            var mode = statement.executeQuery("PRAGMA journal_mode");
            mode.next();
            assertThat(mode.getString(1)).isEqualTo("wal");
            var version = statement.executeQuery("PRAGMA user_version");
            version.next();
            assertThat(version.getInt(1)).isEqualTo(4);
        }
    }

    @Test
    void aFinishedCallIsRecordedWithEverythingAboutIt() {
        try (Journal journal = Journal.open(temp)) {
            JournalSink sink = new JournalSink(journal, new SecretRedactor(), e -> {
                throw e;
            });
            sink.accept(finished("c1", "what is 2+2?", "4"));
            sink.close();
            CallRecord record = new CallLog(journal).newest(10).getFirst();
            assertThat(record.id()).isEqualTo("c1");
            assertThat(record.runId()).isEqualTo("run-1");
            assertThat(record.startedAt()).isEqualTo("2026-11-21T10:00:00.380Z");
            assertThat(record.status()).isEqualTo("ok");
            assertThat(record.model()).isEqualTo("anthropic:claude-sonnet-4-6");
            assertThat(record.inputTokens()).isEqualTo(10);
            assertThat(record.cacheReadTokens()).isEqualTo(100);
            assertThat(record.costUsd()).isEqualTo(0.000135);
            assertThat(record.costSource()).isEqualTo("pricing_table");
            assertThat(record.latencyMs()).isEqualTo(620);
            assertThat(record.retries()).isEqualTo(1);
            assertThat(Json.parse(record.attemptsJson()).get(0).path("error").asString())
                    .isEqualTo("HTTP 529 overloaded");
            assertThat(Json.parse(record.requestJson()).path("system").asString())
                    .isEqualTo("be brief");
            assertThat(Json.parse(record.responseJson())
                            .path("parts")
                            .get(0)
                            .path("text")
                            .asString())
                    .isEqualTo("4");
        }
    }

    /** An idle writer does not wake 50 times a second for days: it waits until the next event wakes it. */
    @Test
    void anIdleWriterWaitsForTheNextEventAndWritesItWithoutBeingClosed() throws InterruptedException {
        try (Journal journal = Journal.open(temp);
                Journal reader = Journal.open(temp)) {
            JournalSink sink = new JournalSink(journal, new SecretRedactor(), e -> {
                throw e;
            });
            try {
                awaitWriter(sink, Thread.State.WAITING);
                sink.accept(finished("c1", "what is 2+2?", "4"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (new CallLog(reader).newest(10).isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
                assertThat(new CallLog(reader).newest(10))
                        .extracting(CallRecord::id)
                        .containsExactly("c1");
                awaitWriter(sink, Thread.State.WAITING); // and back to waiting once it was written
            } finally {
                sink.close();
            }
        }
    }

    private static void awaitWriter(JournalSink sink, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sink.writerState() != state && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(sink.writerState()).isEqualTo(state);
    }

    @Test
    void aFailedCallIsRecordedWithItsError() {
        try (Journal journal = Journal.open(temp)) {
            JournalSink sink = new JournalSink(journal, new SecretRedactor(), e -> {
                throw e;
            });
            sink.accept(new Event.ModelCallFailed(
                    "run-2",
                    Instant.now(),
                    "c2",
                    MODEL,
                    ChatRequest.of(null, "hi"),
                    List.of(new Attempt(MODEL, 1, Duration.ofMillis(5), "HTTP 401 bad key", Duration.ZERO)),
                    "model call failed: HTTP 401 bad key",
                    Duration.ofMillis(5)));
            sink.close();
            CallRecord record = new CallLog(journal).newest(1).getFirst();
            assertThat(record.status()).isEqualTo("error");
            assertThat(record.error()).isEqualTo("model call failed: HTTP 401 bad key");
            assertThat(record.responseJson()).isNull();
            assertThat(record.costUsd()).isNull();
        }
    }

    @Test
    void secretsNeverReachTheJournal() throws Exception {
        SecretRedactor redactor =
                SecretRedactor.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "sk-ant-api03-SECRETSECRET42"));
        try (Journal journal = Journal.open(temp)) {
            JournalSink sink = new JournalSink(journal, redactor, e -> {
                throw e;
            });
            sink.accept(finished("c3", "my key is sk-ant-api03-SECRETSECRET42", "noted sk-ant-api03-SECRETSECRET42"));
            sink.close();
        }
        byte[] everything = Files.readAllBytes(temp.resolve(Journal.FILE_NAME));
        Path wal = temp.resolve(Journal.FILE_NAME + "-wal");
        String all = new String(everything) + (Files.exists(wal) ? new String(Files.readAllBytes(wal)) : "");
        assertThat(all).doesNotContain("SECRETSECRET42").contains("[redacted:ANTHROPIC_API_KEY]");
    }

    @Test
    void newestReturnsTheLastCallsOldestFirst() {
        try (Journal journal = Journal.open(temp)) {
            JournalSink sink = new JournalSink(journal, new SecretRedactor(), e -> {
                throw e;
            });
            for (int i = 0; i < 5; i++) {
                var event = finished("c" + i, "q" + i, "a" + i);
                sink.accept(new Event.ModelCallFinished(
                        event.runId(),
                        event.at().plusSeconds(i),
                        event.callId(),
                        event.requested(),
                        event.request(),
                        event.response(),
                        event.latency()));
            }
            sink.close();
            CallLog log = new CallLog(journal);
            assertThat(log.count()).isEqualTo(5);
            assertThat(log.newest(2)).extracting(CallRecord::id).containsExactly("c3", "c4");
        }
    }

    @Test
    void twoWritersShareOneJournal() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            threads.add(Thread.ofPlatform().start(() -> {
                try (Journal journal = Journal.open(temp)) {
                    JournalSink sink = new JournalSink(journal, new SecretRedactor(), e -> {
                        throw e;
                    });
                    for (int i = 0; i < 50; i++) sink.accept(finished("w" + writer + "-" + i, "q", "a"));
                    sink.close();
                }
            }));
        }
        for (Thread t : threads) t.join();
        try (Journal journal = Journal.open(temp)) {
            assertThat(new CallLog(journal).count()).isEqualTo(100);
        }
    }

    @Test
    void aGrowingConversationIsStoredOnceNotOncePerTurn() {
        try (Journal journal = Journal.open(temp)) {
            JournalSink sink = new JournalSink(journal, new SecretRedactor(), e -> {
                throw e;
            });
            List<Message> conversation = new ArrayList<>();
            for (int turn = 1; turn <= 3; turn++) {
                conversation.add(Message.user("question " + turn));
                ChatRequest request = new ChatRequest("You are terse.", conversation, List.of(), null);
                ChatResponse response = new ChatResponse(
                        Message.assistant("answer " + turn),
                        StopReason.END_TURN,
                        null,
                        Usage.ZERO,
                        MODEL,
                        null,
                        null,
                        null,
                        null);
                sink.accept(new Event.ModelCallFinished(
                        "run",
                        Instant.parse("2026-11-21T10:00:00Z").plusSeconds(turn),
                        "turn" + turn,
                        MODEL,
                        request,
                        response,
                        Duration.ofMillis(1)));
                conversation.add(response.message());
            }
            sink.close();
            CallLog log = new CallLog(journal);
            // 3 questions, 3 answers and one system prompt, each stored once: a whole-request log would
            // hold 1 + 3 + 5 request messages and 3 answers.
            assertThat(log.blobCount()).isEqualTo(7);
            CallRecord last = log.newest(1).getFirst();
            var messages = Json.parse(last.requestJson()).path("messages");
            assertThat(messages).hasSize(5);
            assertThat(messages.get(3).path("parts").get(0).path("text").asString())
                    .isEqualTo("answer 2");
            assertThat(messages.get(4).path("parts").get(0).path("text").asString())
                    .isEqualTo("question 3");
            assertThat(Json.parse(last.requestJson()).path("system").asString()).isEqualTo("You are terse.");
            assertThat(Json.parse(last.responseJson())
                            .path("parts")
                            .get(0)
                            .path("text")
                            .asString())
                    .isEqualTo("answer 3");
        }
    }

    @Test
    void aJournalFromANewerMarbleIsRefused() throws Exception {
        Journal.open(temp).close();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve(Journal.FILE_NAME));
                var statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> Journal.open(temp)).hasMessageContaining("newer Marble");
    }

    @Test
    void anOpeningSinkOpensTheJournalOnlyWhenSomethingIsToBeRecorded() throws SQLException {
        Path state = temp.resolve("lazy/.marble");
        JournalSink idle = JournalSink.opening(() -> Journal.open(state), new SecretRedactor(), e -> {
            throw e;
        });
        idle.close();
        assertThat(state.resolve(Journal.FILE_NAME)).doesNotExist();

        JournalSink sink = JournalSink.opening(() -> Journal.open(state), new SecretRedactor(), e -> {
            throw e;
        });
        sink.accept(finished("c1", "what is 2+2?", "4"));
        sink.close();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + state.resolve(Journal.FILE_NAME));
                var rows = connection.createStatement().executeQuery("SELECT id FROM calls")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("id")).isEqualTo("c1");
        }
        // Closed by the sink that opened it: the file is free to be replaced.
        assertThat(state.resolve(Journal.FILE_NAME)
                        .toFile()
                        .renameTo(temp.resolve("moved.db").toFile()))
                .isTrue();
    }

    @Test
    void aJournalThatCannotBeOpenedIsSaidOnceAndTheCallStillEnds() throws Exception {
        Path blocked = Files.writeString(temp.resolve("not-a-folder"), "a file where .marble should be");
        List<RuntimeException> said = new ArrayList<>();
        JournalSink sink = JournalSink.opening(() -> Journal.open(blocked), new SecretRedactor(), said::add);
        sink.accept(finished("c1", "first", "1"));
        Thread.sleep(3 * JournalSink.DRAIN_MILLIS); // a batch of its own
        sink.accept(finished("c2", "second", "2"));
        sink.close();
        assertThat(said).hasSize(1);
        assertThat(said.getFirst())
                .hasMessageStartingWith("cannot open the journal " + blocked.resolve(Journal.FILE_NAME))
                .hasMessageEndingWith("; calls are not being recorded");
    }
}
