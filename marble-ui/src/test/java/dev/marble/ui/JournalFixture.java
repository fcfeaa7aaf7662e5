package dev.marble.ui;

import dev.marble.agent.RunEnding;
import dev.marble.event.Event;
import dev.marble.json.Json;
import dev.marble.model.Cost;
import dev.marble.model.ModelRef;
import dev.marble.model.Usage;
import dev.marble.secret.SecretRedactor;
import dev.marble.store.Journal;
import dev.marble.store.JournalSink;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A real journal (SQLite) written through core's own sink, as a run would write it. */
final class JournalFixture {

    static final String SECRET = "sk-ant-api03-fixture-secret-0123456789abcdef";

    private JournalFixture() {}

    /** One loop run with a tool call whose argument is {@code argument}, and one finished run of another model. */
    static void write(Path stateDirectory, String argument) {
        SecretRedactor redactor = SecretRedactor.fromEnvironment(Map.of("ANTHROPIC_API_KEY", SECRET));
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        try (JournalSink sink = new JournalSink(Journal.open(stateDirectory), redactor, e -> {
            throw e;
        })) {
            ModelRef model = new ModelRef("anthropic", "claude-sonnet-4-5");
            sink.accept(new Event.RunStarted("run-tool", at, "loop", "fixer", model, "fix the build", List.of("bash")));
            sink.accept(new Event.ToolCalled(
                    "run-tool",
                    at.plusSeconds(1),
                    "call-1",
                    "bash",
                    "builtin",
                    Json.parse(Json.write(Json.object().put("command", argument)))));
            sink.accept(new Event.ApprovalDecided(
                    "run-tool", at.plusSeconds(2), "call-1", "bash", true, "policy", "allowed"));
            sink.accept(new Event.RunFinished(
                    "run-tool",
                    at.plusSeconds(3),
                    RunEnding.ANSWERED,
                    null,
                    1,
                    new Usage(120, 30, 0, 0),
                    new Cost(new BigDecimal("0.0021"), Cost.Source.PRICING_TABLE),
                    Duration.ofSeconds(3),
                    "done"));
            ModelRef other = new ModelRef("openai", "gpt-5");
            sink.accept(new Event.RunStarted(
                    "run-other", at.plusSeconds(86_400), "run", "writer", other, "write a poem", List.of()));
        }
    }
}
