package dev.marble.agent.delegate;

import static dev.marble.agent.delegate.DelegationFixture.MINI;
import static dev.marble.agent.delegate.DelegationFixture.answered;
import static dev.marble.agent.delegate.DelegationFixture.spec;
import static dev.marble.agent.delegate.DelegationFixture.toolResult;
import static dev.marble.agent.delegate.DelegationFixture.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.AgentResult;
import dev.marble.event.Event;
import dev.marble.testkit.FakeReply;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LLMProc's spawn over linked programs; the seed's program-linking tests as acceptance cases. */
class SpawnToolTest {

    @TempDir
    Path temp;

    DelegationFixture fixture;
    Delegation delegation;
    final Map<String, Delegate> programs = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        fixture = new DelegationFixture(temp);
        delegation = new Delegation(fixture.marble);
        programs.put("alpha", linked("alpha", "You are alpha.", "Knows about A."));
        programs.put("beta", linked("beta", "You are beta.", ""));
        fixture.agent("You are alpha.", request -> FakeReply.text("alpha says: " + request.lastUserText()));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static Delegate linked(String name, String instructions, String description) {
        return new Delegate(name, description, null, List.of(), instructions, null, null, ToolRegistry::empty);
    }

    private AgentResult spawnFromMain(String arguments) {
        fixture.agent(
                "You are main.",
                request -> answered(request)
                        ? FakeReply.text("main got: " + toolResult(request))
                        : FakeReply.toolCall("spawn", arguments));
        return fixture.run(
                spec("main", MINI, "You are main."),
                tools(() -> List.of(new SpawnTool(programs, delegation))),
                ApprovalGate.allowingEverything(),
                "Ask around.");
    }

    @Test
    void spawnRunsTheLinkedProgramOnceAndReturnsItsResponse() {
        AgentResult result = spawnFromMain("{\"program_name\": \"alpha\", \"query\": \"what is A?\"}");

        assertThat(result.answer()).isEqualTo("main got: alpha says: what is A?");
        assertThat(fixture.server.requests())
                .filteredOn(r -> "You are alpha.".equals(r.system()))
                .hasSize(1);
        assertThat(fixture.runsStarted()).extracting(Event.RunStarted::kind).containsExactly("run", "spawn");
    }

    @Test
    void anUnknownProgramIsAnErrorListingTheAvailableOnes() {
        AgentResult result = spawnFromMain("{\"program_name\": \"gamma\", \"query\": \"hi\"}");

        assertThat(result.answer())
                .isEqualTo("main got: Error: Program 'gamma' not found. Available programs: alpha, beta");
        assertThat(fixture.runsStarted()).hasSize(1);
    }

    @Test
    void aChildThatFailsIsAnErrorForTheCaller() {
        fixture.agent("You are alpha.", request -> FakeReply.error(400, "invalid_request_error", "alpha is broken"));

        AgentResult result = spawnFromMain("{\"program_name\": \"alpha\", \"query\": \"hi\"}");

        assertThat(result.answer())
                .startsWith("main got: Error: 'alpha' ended without finishing (model_failed:")
                .contains("alpha is broken");
        Event.ToolReturned returned = fixture.events.stream()
                .filter(Event.ToolReturned.class::isInstance)
                .map(Event.ToolReturned.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(returned.isError()).isTrue();
    }

    @Test
    void everySpawnIsAFreshRunNotTheSeedsLongLivedInstance() {
        fixture.agent("You are main.", request -> {
            long spawned = request.messages().stream()
                    .filter(m -> m.role().equals("tool"))
                    .count();
            return spawned < 2
                    ? FakeReply.toolCall("spawn", "{\"program_name\": \"alpha\", \"query\": \"q" + spawned + "\"}")
                    : FakeReply.text("done");
        });
        fixture.run(
                spec("main", MINI, "You are main."),
                tools(() -> List.of(new SpawnTool(programs, delegation))),
                ApprovalGate.allowingEverything(),
                "Ask twice.");

        assertThat(fixture.server.requests())
                .filteredOn(r -> "You are alpha.".equals(r.system()))
                .extracting(r -> r.messages().size())
                .containsExactly(1, 1);
    }

    @Test
    void theToolHasTheSeedsSchemaAndListsTheProgramsInItsDescription() {
        SpawnTool spawn = new SpawnTool(programs, delegation);

        assertThat(spawn.name()).isEqualTo("spawn");
        assertThat(spawn.spec().description())
                .startsWith(
                        "Execute a query with a linked LLM program that may be" + " specialized for specific tasks.")
                .contains("- alpha: Knows about A.")
                .contains("- beta");
        assertThat(spawn.spec().inputSchema().path("required").toString()).isEqualTo("[\"program_name\",\"query\"]");
    }
}
