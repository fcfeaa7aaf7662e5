package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import dev.marble.tool.approval.ApprovalGate;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class AgentRunTest {

    @TempDir
    Path temp;

    private RunFixture fixture;
    private final ApprovalGate allowAll = ApprovalGate.allowingEverything();

    @BeforeEach
    void setUp() {
        fixture = new RunFixture(temp);
    }

    @Test
    void anAnswerWithoutToolsEndsTheRun() {
        AgentResult result = fixture.run(
                "- {text: \"Nothing to do.\"}\n", RunLimits.DEFAULTS, allowAll, RunControl.HEADLESS, List.of());
        assertThat(result.ending()).isEqualTo(RunEnding.ANSWERED);
        assertThat(result.turns()).isEqualTo(1);
        assertThat(result.answer()).isEqualTo("Nothing to do.");
        assertThat(result.conversation()).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT);
        assertThat(fixture.eventTypes())
                .containsExactly(
                        "run_started", "turn_started", "model_call_started", "model_call_finished", "run_finished");
    }

    @Test
    void toolCallsRoundTripAndEveryStepIsAnEvent() {
        AgentResult result =
                fixture.run("""
                - text: Checking.
                  tool_calls: [{name: get_weather, arguments: {city: Paris}}]
                - text: It is sunny in Paris.
                """, RunLimits.DEFAULTS, allowAll, RunControl.HEADLESS, List.of(RunFixture.weather()));
        assertThat(result.ending()).isEqualTo(RunEnding.ANSWERED);
        assertThat(result.turns()).isEqualTo(2);
        Message toolAnswer = result.conversation().get(2);
        assertThat(toolAnswer.parts())
                .singleElement()
                .isEqualTo(new Part.ToolResult("call_1_1", "sunny in Paris", false));
        assertThat(fixture.eventTypes())
                .containsSubsequence(
                        "run_started",
                        "turn_started",
                        "model_call_finished",
                        "tool_called",
                        "approval_decided",
                        "tool_returned",
                        "turn_started",
                        "model_call_finished",
                        "run_finished");
    }

    @Test
    void parallelCallsRunInOrderAndAreAnsweredTogether() {
        List<String> order = new CopyOnWriteArrayList<>();
        var record = RunFixture.tool(
                "note",
                ApprovalDefault.ALLOW,
                (args, ctx) -> {
                    order.add(args.path("text").asString());
                    return ToolResult.ok("noted");
                },
                "text");
        AgentResult result = fixture.run("""
                - tool_calls:
                    - {name: note, arguments: {text: one}}
                    - {name: note, arguments: {text: two}}
                    - {name: note, arguments: {text: three}}
                - text: done
                """, RunLimits.DEFAULTS, allowAll, RunControl.HEADLESS, List.of(record));
        assertThat(order).containsExactly("one", "two", "three");
        assertThat(result.conversation().get(2).parts())
                .hasSize(3)
                .extracting(p -> ((Part.ToolResult) p).toolCallId())
                .containsExactly("call_1_1", "call_1_2", "call_1_3");
    }

    @Test
    void toolFailuresBecomeResultsTheModelSees() {
        var broken = RunFixture.tool("broken", ApprovalDefault.ALLOW, (args, ctx) -> {
            throw new IllegalStateException("disk on fire");
        });
        var hanging = RunFixture.tool("hanging", ApprovalDefault.ALLOW, (args, ctx) -> {
            Thread.sleep(60_000);
            return ToolResult.ok("never");
        });
        AgentResult result = fixture.run(
                """
                - tool_calls:
                    - {name: broken}
                    - {name: nonexistent}
                    - {name: get_weather, arguments: {town: Paris}}
                    - {name: hanging}
                - text: I saw the errors.
                """,
                RunLimits.DEFAULTS.withToolTimeout(Duration.ofMillis(300)),
                allowAll,
                RunControl.HEADLESS,
                List.of(broken, hanging, RunFixture.weather()));
        assertThat(result.ending()).isEqualTo(RunEnding.ANSWERED);
        List<Part.ToolResult> results = result.conversation().get(2).parts().stream()
                .map(Part.ToolResult.class::cast)
                .toList();
        assertThat(results).allMatch(Part.ToolResult::isError);
        assertThat(results.get(0).content()).isEqualTo("broken failed: disk on fire");
        assertThat(results.get(1).content())
                .startsWith("unknown tool 'nonexistent'; the tools are: broken, hanging, get_weather");
        assertThat(results.get(2).content())
                .startsWith("the arguments do not match the schema of get_weather:")
                .contains("city")
                .contains("town");
        assertThat(results.get(3).content()).isEqualTo("hanging did not finish within 300 ms and was stopped");
    }

    @Test
    void theCompletionMarkerEndsTheRunEvenAfterTools() {
        AgentResult result =
                fixture.run("""
                - text: "All done. task_complete"
                  tool_calls: [{name: get_weather, arguments: {city: Oslo}}]
                - text: never reached
                """, RunLimits.DEFAULTS, allowAll, RunControl.HEADLESS, List.of(RunFixture.weather()));
        assertThat(result.ending()).isEqualTo(RunEnding.COMPLETED);
        assertThat(result.detail()).isEqualTo("the model wrote TASK_COMPLETE");
        assertThat(result.conversation()).hasSize(3); // the tool still ran and was answered
    }

    @Test
    void maxTurnsStopsHeadlessRunsAndAsksOnATerminal() {
        String loop = "- tool_calls: [{name: get_weather, arguments: {city: X}}]\n".repeat(6) + "- text: finally\n";
        AgentResult headless = fixture.run(
                loop, RunLimits.DEFAULTS.withMaxTurns(2), allowAll, RunControl.HEADLESS, List.of(RunFixture.weather()));
        assertThat(headless.ending()).isEqualTo(RunEnding.MAX_TURNS);
        assertThat(headless.turns()).isEqualTo(2);
        assertThat(headless.detail()).isEqualTo("reached 2 turns (--max-turns 2)");

        AtomicInteger asked = new AtomicInteger();
        RunControl yes = new RunControl() {
            @Override
            public boolean continuePastMaxTurns(int turns) {
                asked.incrementAndGet();
                return true;
            }
        };
        AgentResult interactive =
                fixture.run(loop, RunLimits.DEFAULTS.withMaxTurns(2), allowAll, yes, List.of(RunFixture.weather()));
        assertThat(interactive.ending()).isEqualTo(RunEnding.ANSWERED);
        assertThat(interactive.turns()).isEqualTo(7);
        assertThat(asked.get()).isEqualTo(3);
    }

    @Test
    void toolCallsPastThePerTurnLimitAreAnsweredNotRun() {
        AtomicInteger runs = new AtomicInteger();
        var counted = RunFixture.tool("count", ApprovalDefault.ALLOW, (args, ctx) -> {
            runs.incrementAndGet();
            return ToolResult.ok("ok");
        });
        AgentResult result = fixture.run(
                """
                - tool_calls: [{name: count}, {name: count}, {name: count}]
                - text: fine
                """, RunLimits.DEFAULTS.withToolCallsPerTurn(2), allowAll, RunControl.HEADLESS, List.of(counted));
        assertThat(runs.get()).isEqualTo(2);
        assertThat(((Part.ToolResult) result.conversation().get(2).parts().get(2)).content())
                .isEqualTo("not run: at most 2 tool calls are run per answer; call fewer tools at once");
        assertThat(result.ending()).isEqualTo(RunEnding.ANSWERED);
    }

    @Test
    void aTokenBudgetStopsTheRunAndLeavesNoCallUnanswered() {
        AgentResult result = fixture.run(
                """
                - tool_calls: [{name: get_weather, arguments: {city: A}}]
                  usage: {input_tokens: 600, output_tokens: 100}
                - tool_calls: [{name: get_weather, arguments: {city: B}}]
                  usage: {input_tokens: 600, output_tokens: 100}
                - text: never
                """,
                RunLimits.DEFAULTS.withTokenBudget(1000),
                allowAll,
                RunControl.HEADLESS,
                List.of(RunFixture.weather()));
        assertThat(result.ending()).isEqualTo(RunEnding.TOKEN_BUDGET);
        assertThat(result.detail()).isEqualTo("used 1400 tokens of a budget of 1000");
        assertThat(result.usage().totalTokens()).isEqualTo(1400);
        Message last = result.conversation().getLast();
        assertThat(((Part.ToolResult) last.parts().getFirst()).content())
                .isEqualTo("not run: the run stopped (token_budget)");
    }

    @Test
    void aCostBudgetNeedsKnownPrices() {
        // The scripted provider is free (cost 0): the budget is kept, never exceeded.
        AgentResult free = fixture.run(
                "- {text: ok}\n",
                RunLimits.DEFAULTS.withCostBudget(new BigDecimal("0.01")),
                allowAll,
                RunControl.HEADLESS,
                List.of());
        assertThat(free.ending()).isEqualTo(RunEnding.ANSWERED);
        assertThat(free.cost().usd()).isEqualByComparingTo("0");
    }

    @Test
    void theWallClockEndsARun() {
        String slow = "- tool_calls: [{name: get_weather, arguments: {city: A}}]\n  delay_ms: 200\n".repeat(20);
        AgentResult result = fixture.run(
                slow,
                RunLimits.DEFAULTS.withTimeout(Duration.ofMillis(700)),
                allowAll,
                RunControl.HEADLESS,
                List.of(RunFixture.weather()));
        assertThat(result.ending()).isEqualTo(RunEnding.TIMEOUT);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void ctrlCEndsTheRunAndKeepsTheConversation() throws Exception {
        Thread runner = Thread.currentThread();
        Thread interrupter = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException ignored) {
                return;
            }
            runner.interrupt();
        });
        AgentResult result =
                fixture.run("""
                - tool_calls: [{name: get_weather, arguments: {city: A}}]
                - {text: too late, delay_ms: 10000}
                """, RunLimits.DEFAULTS, allowAll, RunControl.HEADLESS, List.of(RunFixture.weather()));
        interrupter.join();
        assertThat(result.ending()).isEqualTo(RunEnding.INTERRUPTED);
        assertThat(result.conversation()).hasSize(3); // goal, tool call, tool result: kept to continue later
        assertThat(Thread.currentThread().isInterrupted())
                .as("the interrupt is consumed by the run")
                .isFalse();
    }

    @Test
    void aFailedModelEndsTheRunWithItsError() {
        AgentResult result = fixture.run(
                "- {error: authentication, message: \"HTTP 401 bad key\"}\n",
                RunLimits.DEFAULTS,
                allowAll,
                RunControl.HEADLESS,
                List.of());
        assertThat(result.ending()).isEqualTo(RunEnding.MODEL_FAILED);
        assertThat(result.detail()).contains("HTTP 401 bad key");
    }

    @Test
    void aPersonCanGiveTheNextInstructionOrStop() {
        RunControl person = new RunControl() {
            int asked;

            @Override
            public NextInstruction nextInstruction(String answer) {
                return ++asked == 1 ? NextInstruction.send("Now the second part.") : NextInstruction.STOP;
            }
        };
        AgentResult result = fixture.run(
                "- {text: first part}\n- {text: second part}\n", RunLimits.DEFAULTS, allowAll, person, List.of());
        assertThat(result.ending()).isEqualTo(RunEnding.STOPPED);
        assertThat(result.ending().finished())
                .as("stopping at the prompt is not an error")
                .isTrue();
        assertThat(result.conversation())
                .extracting(Message::text)
                .containsExactly("Do the thing.", "first part", "Now the second part.", "second part");
    }

    @Test
    void longToolOutputKeepsHeadAndTail() {
        String long_ = "a".repeat(100) + "b".repeat(100);
        assertThat(ToolInvoker.limit(long_, 60))
                .startsWith("a".repeat(40))
                .endsWith("b".repeat(20))
                .contains("[... 140 of 200 characters cut ...]");
        assertThat(ToolInvoker.limit("short", 60)).isEqualTo("short");
    }
}
