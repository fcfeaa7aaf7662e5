package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import dev.marble.store.Journal;
import dev.marble.store.JournalSink;
import dev.marble.store.RunLog;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run, its turns, tool calls, approvals and results, all in the journal (real SQLite). */
class RunJournalTest {

    @TempDir
    Path temp;

    @Test
    void everyStepOfARunIsJournaled() {
        RunFixture fixture = new RunFixture(temp);
        try (Journal journal = Journal.open(temp.resolve(".marble"))) {
            JournalSink sink = new JournalSink(journal, new SecretRedactor(), e -> {
                throw e;
            });
            fixture.bus.subscribe(sink);
            fixture.run(
                    """
                    - tool_calls: [{name: get_weather, arguments: {city: Lima}}]
                      usage: {input_tokens: 30, output_tokens: 5}
                    - text: It is sunny in Lima.
                      usage: {input_tokens: 40, output_tokens: 8}
                    """,
                    RunLimits.DEFAULTS,
                    ApprovalGate.allowingEverything(),
                    RunControl.HEADLESS,
                    List.of(RunFixture.weather()));
            sink.close();

            RunLog runs = new RunLog(journal);
            RunLog.RunRecord run = runs.newest(1).getFirst();
            assertThat(run.id()).isEqualTo("run-1");
            assertThat(run.ending()).isEqualTo("answered");
            assertThat(run.turns()).isEqualTo(2);
            assertThat(run.inputTokens()).isEqualTo(70);
            assertThat(run.goal()).isEqualTo("Do the thing.");

            List<RunLog.EventRecord> events = runs.events("run-1");
            assertThat(events)
                    .extracting(RunLog.EventRecord::type)
                    .containsExactly(
                            "run_started",
                            "turn_started",
                            "model_call_finished",
                            "tool_called",
                            "approval_decided",
                            "tool_returned",
                            "turn_started",
                            "model_call_finished",
                            "run_finished");
            assertThat(events).extracting(RunLog.EventRecord::seq).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
            var approval = Json.parse(events.get(4).json());
            assertThat(approval.path("allowed").asBoolean()).isTrue();
            assertThat(approval.path("decided_by").asString()).isEqualTo("policy");
            assertThat(Json.parse(events.get(5).json()).path("content").asString())
                    .isEqualTo("sunny in Lima");
        }
    }
}
