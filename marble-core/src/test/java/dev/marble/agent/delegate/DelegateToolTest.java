package dev.marble.agent.delegate;

import static dev.marble.agent.delegate.DelegationFixture.FULL;
import static dev.marble.agent.delegate.DelegationFixture.MINI;
import static dev.marble.agent.delegate.DelegationFixture.answered;
import static dev.marble.agent.delegate.DelegationFixture.spec;
import static dev.marble.agent.delegate.DelegationFixture.toolResult;
import static dev.marble.agent.delegate.DelegationFixture.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.AgentResult;
import dev.marble.agent.RunEnding;
import dev.marble.error.SourceLocation;
import dev.marble.event.Event;
import dev.marble.model.Cost;
import dev.marble.model.ModelRef;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Approver;
import dev.marble.tool.approval.Decision;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker offered to another agent as a tool: fresh child runs, roll-up, depth, models, approvals. */
class DelegateToolTest {

    @TempDir
    Path temp;

    DelegationFixture fixture;
    Delegation delegation;

    @BeforeEach
    void start() {
        fixture = new DelegationFixture(temp);
        delegation = new Delegation(fixture.marble);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** The boss asks the researcher once and reports what came back. */
    private void boss(String call) {
        fixture.agent(
                "You are the boss.",
                request -> answered(request)
                        ? FakeReply.text("boss reports: " + toolResult(request)).withUsage(200, 20, 0, 0)
                        : FakeReply.toolCall("researcher", call).withUsage(100, 10, 0, 0));
    }

    private void researcher() {
        fixture.agent(
                "You research.",
                request -> FakeReply.text("found it for '" + request.lastUserText() + "'")
                        .withUsage(1000, 100, 0, 0));
    }

    private AgentResult runBoss(Delegate researcher, ApprovalGate gate) {
        return fixture.run(
                spec("boss", MINI, "You are the boss."),
                tools(() -> List.of(new DelegateTool(researcher, delegation))),
                gate,
                "Find the invoice.");
    }

    private static Delegate researcherOn(ModelRef model) {
        return new Delegate(
                "researcher", "Finds things.", model, List.of(), "You research.", null, null, ToolRegistry::empty);
    }

    @Test
    void theChildsAnswerIsTheResultAndItsUsageAndCostAreRolledUpIntoTheCaller() {
        boss("{\"input\": \"where is invoice 7?\"}");
        researcher();

        AgentResult result = runBoss(researcherOn(FULL), ApprovalGate.allowingEverything());

        assertThat(result.ending()).isEqualTo(RunEnding.ANSWERED);
        assertThat(result.answer()).isEqualTo("boss reports: found it for 'where is invoice 7?'");
        // The boss's two calls (100+200 in, 10+20 out) and the researcher's one (1000 in, 100 out).
        assertThat(result.usage().inputTokens()).isEqualTo(1300);
        assertThat(result.usage().outputTokens()).isEqualTo(130);
        // gpt-4.1-mini $0.40/$1.60 per million for the boss, gpt-4.1 $2/$8 for the researcher.
        BigDecimal boss = new BigDecimal("0.40")
                .multiply(BigDecimal.valueOf(300))
                .add(new BigDecimal("1.60").multiply(BigDecimal.valueOf(30)));
        BigDecimal researcher = new BigDecimal("2.00")
                .multiply(BigDecimal.valueOf(1000))
                .add(new BigDecimal("8.00").multiply(BigDecimal.valueOf(100)));
        assertThat(result.cost().source()).isEqualTo(Cost.Source.PRICING_TABLE);
        assertThat(result.cost().usd())
                .isEqualByComparingTo(boss.add(researcher).movePointLeft(6));
        assertThat(result.cost().usd()).isEqualByComparingTo("0.002968");
        // The child ran with its own model and its own (empty) tools, from a fresh conversation.
        SeenRequest child = fixture.server.requests().stream()
                .filter(r -> "You research.".equals(r.system()))
                .findFirst()
                .orElseThrow();
        assertThat(child.body().path("model").asString()).isEqualTo("gpt-4.1");
        assertThat(child.toolNames()).isEmpty();
        assertThat(child.messages()).hasSize(1);
    }

    @Test
    void aDelegateWithoutAModelRunsOnItsCallersModel() {
        boss("{\"input\": \"anything\"}");
        researcher();

        runBoss(researcherOn(null), ApprovalGate.allowingEverything());

        assertThat(fixture.server.requests())
                .extracting(r -> r.body().path("model").asString())
                .containsExactly("gpt-4.1-mini", "gpt-4.1-mini", "gpt-4.1-mini");
        assertThat(fixture.runsStarted())
                .extracting(e -> e.model().toString())
                .containsExactly("openai:gpt-4.1-mini", "openai:gpt-4.1-mini");
    }

    @Test
    void delegationStopsAtTheDepthLimitWithAnErrorThatNamesIt() {
        delegation = new Delegation(fixture.marble, 2);
        fixture.agent(
                "You go deeper.",
                request -> answered(request)
                        ? FakeReply.text("below me: " + toolResult(request))
                        : FakeReply.toolCall("deep", "{\"input\": \"go deeper\"}"));
        AtomicReference<Delegate> deep = new AtomicReference<>();
        Supplier<ToolRegistry> deepTools = tools(() -> List.of(new DelegateTool(deep.get(), delegation)));
        deep.set(new Delegate("deep", "Goes deeper.", null, List.of(), "You go deeper.", null, null, deepTools));

        AgentResult result =
                fixture.run(spec("deep", MINI, "You go deeper."), deepTools, ApprovalGate.allowingEverything(), "Go.");

        // The top run (depth 0) and two levels of children; the third call is refused, not run.
        assertThat(fixture.runsStarted())
                .extracting(Event.RunStarted::parentRunId)
                .hasSize(3)
                .first()
                .isNull();
        assertThat(result.answer())
                .isEqualTo("below me: below me: below me: Error: not run: delegation is limited"
                        + " to 2 levels and this run is already 2 deep (max_delegation_depth); do the work "
                        + "here instead");
        Event.ToolReturned refused = fixture.events.stream()
                .filter(Event.ToolReturned.class::isInstance)
                .map(Event.ToolReturned.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(refused.isError()).isTrue();
    }

    @Test
    void theDefaultDepthLimitIsLlmDosFive() {
        assertThat(new Delegation(fixture.marble).maxDepth()).isEqualTo(5);
    }

    @Test
    void aDenialOfTheDelegationReachesTheCallerAsAResultAndNoChildRuns() {
        boss("{\"input\": \"where is invoice 7?\"}");
        researcher();
        ApprovalRule deny =
                ApprovalRule.parse(Decision.DENY, "researcher", SourceLocation.of(temp.resolve("marble.toml")));
        ApprovalGate gate = new ApprovalGate(new ApprovalPolicy(List.of(deny), false), Approver.approveAll());

        AgentResult result = runBoss(researcherOn(FULL), gate);

        assertThat(result.answer()).startsWith("boss reports: Error: not run:").contains("researcher");
        assertThat(fixture.server.requests()).extracting(SeenRequest::system).containsOnly("You are the boss.");
        assertThat(fixture.runsStarted()).hasSize(1);
    }

    @Test
    void theChildsToolsPassItsCallersGateSoAHeadlessCallerHasHeadlessChildren() {
        boss("{\"input\": \"write it down\"}");
        fixture.agent(
                "You write.",
                request -> answered(request)
                        ? FakeReply.text("writer saw: " + toolResult(request))
                        : FakeReply.toolCall("write_note", "{\"path\": \"note.txt\"}"));
        var writeNote = TestTools.asking("write_note");
        Delegate writer = new Delegate(
                "researcher", "Writes.", null, List.of(), "You write.", null, null, tools(() -> List.of(writeNote)));
        ApprovalGate headless =
                new ApprovalGate(new ApprovalPolicy(List.of(), false), Approver.refuseAll("no terminal to ask"));

        AgentResult result = runBoss(writer, headless);

        // The delegation itself is allowed by default; the child's write is asked about, and refused.
        assertThat(result.answer())
                .isEqualTo("boss reports: writer saw: Error: not run: denied: no terminal to ask"
                        + " (asked because write_note needs approval by default)");
        assertThat(TestTools.calls(writeNote)).isZero();
    }

    @Test
    void attachedTextFilesAreAppendedToTheInput() throws Exception {
        Files.writeString(temp.resolve("notes.txt"), "invoice 7 is in March");
        boss("{\"input\": \"summarize\", \"attachments\": [\"notes.txt\"]}");
        researcher();

        runBoss(researcherOn(null), ApprovalGate.allowingEverything());

        SeenRequest child = fixture.server.requests().get(1);
        assertThat(child.lastUserText()).isEqualTo("""
                summarize

                <attachments>
                <file path="notes.txt">
                invoice 7 is in March
                </file>
                </attachments>""");
    }

    @Test
    void aMissingAttachmentIsAnErrorForTheCallerAndStartsNoChild() {
        boss("{\"input\": \"summarize\", \"attachments\": [\"missing.txt\"]}");
        researcher();

        AgentResult result = runBoss(researcherOn(null), ApprovalGate.allowingEverything());

        assertThat(result.answer()).isEqualTo("boss reports: Error: attachment 'missing.txt' is not a file");
        assertThat(fixture.runsStarted()).hasSize(1);
    }

    @Test
    void delegationsAskedForInOneAnswerRunAtOnceAndAnswerInOrder() {
        // Each child's request is held until both have arrived: run one after the other, the first
        // would wait in vain.
        CountDownLatch bothArrived = new CountDownLatch(2);
        AtomicInteger sawBoth = new AtomicInteger();
        fixture.agent(
                "You are the boss.",
                request -> answered(request)
                        ? FakeReply.text("boss reports: "
                                + request.messages().stream()
                                        .filter(m -> m.role().equals("tool"))
                                        .map(m -> m.toolResults().getFirst().content())
                                        .toList())
                        : FakeReply.toolCall("researcher", "{\"input\": \"first\"}")
                                .withToolCall("researcher", "{\"input\": \"second\"}"));
        fixture.agent("You research.", request -> {
            bothArrived.countDown();
            try {
                if (bothArrived.await(10, TimeUnit.SECONDS)) sawBoth.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeReply.text("did " + request.lastUserText());
        });

        AgentResult result = runBoss(researcherOn(null), ApprovalGate.allowingEverything());

        assertThat(sawBoth.get()).isEqualTo(2);
        assertThat(result.answer()).isEqualTo("boss reports: [did first, did second]");
    }

    @Test
    void theToolIsNamedAfterTheDelegateAndTakesInputAndAttachments() {
        DelegateTool tool = new DelegateTool(researcherOn(null), delegation);

        assertThat(tool.name()).isEqualTo("researcher");
        assertThat(tool.spec().description()).isEqualTo("Finds things.");
        assertThat(tool.spec().inputSchema().path("required").toString()).isEqualTo("[\"input\"]");
        assertThat(tool.spec()
                        .inputSchema()
                        .path("properties")
                        .path("attachments")
                        .path("items")
                        .path("type")
                        .asString())
                .isEqualTo("string");
        Delegate undescribed = new Delegate("w", "", null, List.of(), "x".repeat(300), null, null, ToolRegistry::empty);
        assertThat(new DelegateTool(undescribed, delegation).spec().description())
                .hasSize(200);
    }
}
