package dev.marble.agent.delegate;

import static dev.marble.agent.delegate.DelegationFixture.MINI;
import static dev.marble.agent.delegate.DelegationFixture.answered;
import static dev.marble.agent.delegate.DelegationFixture.spec;
import static dev.marble.agent.delegate.DelegationFixture.toolResult;
import static dev.marble.agent.delegate.DelegationFixture.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.AgentResult;
import dev.marble.store.Journal;
import dev.marble.store.RunLog;
import dev.marble.testkit.FakeReply;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Child runs in the journal (real SQLite): linked to their parent, whose totals include them. */
class DelegationJournalTest {

    @TempDir
    Path temp;

    @Test
    void theJournalLinksChildRunsToTheirParentAndTheParentsTotalsIncludeThem() {
        Path state;
        String parentId;
        try (DelegationFixture fixture = new DelegationFixture(temp)) {
            fixture.marble.openJournal();
            state = fixture.marble.stateDirectory();
            Delegation delegation = new Delegation(fixture.marble);
            Delegate helper =
                    new Delegate("helper", "Helps.", null, List.of(), "You help.", null, null, ToolRegistry::empty);
            fixture.agent(
                    "You lead.",
                    request -> answered(request)
                            ? FakeReply.text("lead: " + toolResult(request)).withUsage(20, 2, 0, 0)
                            : FakeReply.toolCall("helper", "{\"input\": \"help me\"}")
                                    .withUsage(10, 1, 0, 0));
            fixture.agent("You help.", request -> FakeReply.text("helped").withUsage(300, 30, 0, 0));

            AgentResult result = fixture.run(
                    spec("lead", MINI, "You lead."),
                    tools(() -> List.of(new DelegateTool(helper, delegation))),
                    ApprovalGate.allowingEverything(),
                    "Go.");
            parentId = result.runId();
        }

        try (Journal journal = Journal.open(state)) {
            RunLog runs = new RunLog(journal);
            RunLog.RunRecord parent = runs.newest(10).stream()
                    .filter(r -> r.id().equals(parentId))
                    .findFirst()
                    .orElseThrow();
            List<RunLog.RunRecord> children = runs.children(parentId);

            assertThat(parent.parentRunId()).isNull();
            assertThat(children).singleElement().satisfies(child -> {
                assertThat(child.parentRunId()).isEqualTo(parentId);
                assertThat(child.kind()).isEqualTo("delegate");
                assertThat(child.agent()).isEqualTo("helper");
                assertThat(child.goal()).isEqualTo("help me"); // the input the caller gave it
                assertThat(child.inputTokens()).isEqualTo(300);
            });
            assertThat(parent.inputTokens()).isEqualTo(10 + 20 + 300);
            assertThat(runs.newestTopLevel(10)).extracting(RunLog.RunRecord::id).containsExactly(parentId);
            RunLog.RunTree tree = runs.tree(runs.run(parentId).orElseThrow());
            assertThat(tree.run()).isEqualTo(parent);
            assertThat(tree.children()).singleElement().satisfies(child -> {
                assertThat(child.run()).isEqualTo(children.getFirst());
                assertThat(child.children()).isEmpty();
            });
            assertThat(runs.run("nope")).isEmpty();
            assertThat(runs.events(children.getFirst().id()).getFirst().json())
                    .contains("\"parent_run_id\":\"" + parentId + "\"");
        }
    }

    @Test
    void aJournalWrittenBeforeDelegationGainsTheParentColumn() throws Exception {
        Path state = temp.resolve(".marble");
        Files.createDirectories(state);
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + state.resolve(Journal.FILE_NAME));
                var statement = connection.createStatement()) {
            // Schema 2 as an earlier Marble left it, with one run in it.
            statement.execute("CREATE TABLE runs (id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, agent TEXT,"
                    + " model TEXT NOT NULL, goal TEXT, started_at TEXT NOT NULL, ended_at TEXT, ending TEXT, "
                    + "detail TEXT,"
                    + " turns INTEGER, input_tokens INTEGER, output_tokens INTEGER, cache_read_tokens INTEGER,"
                    + " cache_write_tokens INTEGER, cost_usd REAL, cost_source TEXT) WITHOUT ROWID");
            statement.execute(
                    "INSERT INTO runs (id, kind, model, started_at) VALUES ('old', 'loop', 'openai:x', '2026-01-01')");
            statement.execute("PRAGMA user_version = 2");
        }

        try (Journal journal = Journal.open(state)) {
            RunLog runs = new RunLog(journal);
            assertThat(runs.newest(5)).singleElement().satisfies(old -> {
                assertThat(old.id()).isEqualTo("old");
                assertThat(old.parentRunId()).isNull();
            });
            assertThat(runs.children("old")).isEmpty();
        }
    }
}
