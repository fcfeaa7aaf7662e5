package dev.marble.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.RunEnding;
import dev.marble.event.Event;
import dev.marble.model.Cost;
import dev.marble.model.ModelRef;
import dev.marble.model.Usage;
import dev.marble.secret.SecretRedactor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RunLog#newestMatching}: SQLite narrows a search before the exact filter, and must never drop a run the
 * filter would take. A filter that takes everything shows what the narrowing alone let through.
 */
class RunSearchTest {

    @TempDir
    Path temp;

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static List<String> ids(List<RunLog.RunRecord> runs) {
        return runs.stream().map(RunLog.RunRecord::id).toList();
    }

    private void write(Journal journal) {
        try (JournalSink sink = new JournalSink(journal, new SecretRedactor(), e -> {
            throw e;
        })) {
            run(sink, "r1", T0, "fixer", new ModelRef("anthropic", "claude-sonnet-4-6"), "Fix 100% of the_build");
            run(sink, "r2", T0.plusSeconds(60), "teacher", new ModelRef("openai", "gpt-5"), "école du soir");
            run(sink, "r3", T0.plusSeconds(86_400), "fixer", new ModelRef("ollama", "qwen3"), "Fix 100 of the build");
        }
    }

    private static void run(JournalSink sink, String id, Instant at, String agent, ModelRef model, String goal) {
        sink.accept(new Event.RunStarted(id, at, "run", agent, model, goal, List.of()));
        sink.accept(new Event.RunFinished(
                id, at.plusSeconds(1), RunEnding.ANSWERED, null, 1, Usage.ZERO, Cost.UNKNOWN, Duration.ZERO, "ok"));
    }

    private static List<String> narrowed(RunLog log, String text, String model, LocalDate day) {
        return ids(log.newestMatching(new RunLog.Narrowing(text, model, day), run -> true, 10));
    }

    @Test
    void theNarrowingMatchesTextAndModelIgnoringAsciiCaseWithLikesWildcardsTakenLiterally() {
        try (Journal journal = Journal.open(temp)) {
            write(journal);
            RunLog log = new RunLog(journal);
            assertThat(narrowed(log, null, null, null)).containsExactly("r1", "r2", "r3");
            assertThat(narrowed(log, "  FIXER ", null, null)).containsExactly("r1", "r3");
            // % and _ are the needle's own characters, not LIKE's wildcards (which would take r3 too).
            assertThat(narrowed(log, "100%", null, null)).containsExactly("r1");
            assertThat(narrowed(log, "THE_BUILD", null, null)).containsExactly("r1");
            assertThat(narrowed(log, "r2", null, null)).containsExactly("r2");
            assertThat(narrowed(log, null, "Qwen", null)).containsExactly("r3");
            assertThat(narrowed(log, "fix", "sonnet", null)).containsExactly("r1");
            assertThat(narrowed(log, null, null, LocalDate.parse("2026-12-02"))).containsExactly("r3");
            assertThat(narrowed(log, "nobody", null, null)).isEmpty();
        }
    }

    @Test
    void aNeedleBeyondAsciiIsLeftToTheFilterSoNoMatchIsLost() {
        try (Journal journal = Journal.open(temp)) {
            write(journal);
            RunLog log = new RunLog(journal);
            // LIKE folds only ASCII case: "ÉCOLE" would miss "école". It is not given to SQLite at all.
            assertThat(narrowed(log, "ÉCOLE", null, null)).containsExactly("r1", "r2", "r3");
            var exact = log.newestMatching(
                    new RunLog.Narrowing("ÉCOLE", null, null),
                    run -> run.goal().toLowerCase(Locale.ROOT).contains("école"),
                    10);
            assertThat(ids(exact)).containsExactly("r2");
        }
    }

    @Test
    void theNewestMatchesAreKeptOldestFirstAndReadingStopsAtTheLimit() {
        try (Journal journal = Journal.open(temp)) {
            write(journal);
            RunLog log = new RunLog(journal);
            assertThat(ids(log.newestMatching(new RunLog.Narrowing("fix", null, null), run -> true, 1)))
                    .containsExactly("r3");
            assertThat(ids(log.newestMatching(new RunLog.Narrowing(null, null, null), run -> true, 2)))
                    .containsExactly("r2", "r3");
        }
    }
}
