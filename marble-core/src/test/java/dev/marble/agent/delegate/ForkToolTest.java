package dev.marble.agent.delegate;

import static dev.marble.agent.delegate.DelegationFixture.MINI;
import static dev.marble.agent.delegate.DelegationFixture.answered;
import static dev.marble.agent.delegate.DelegationFixture.last;
import static dev.marble.agent.delegate.DelegationFixture.spec;
import static dev.marble.agent.delegate.DelegationFixture.toolResult;
import static dev.marble.agent.delegate.DelegationFixture.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.AgentResult;
import dev.marble.config.Environment;
import dev.marble.event.Event;
import dev.marble.json.Json;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenMessage;
import dev.marble.testkit.SeenRequest;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fork: parallel copies of the conversation; LLMProc's fork contract tests as acceptance cases. */
class ForkToolTest {

    static final String INSTRUCTIONS = "You split work.";

    @TempDir
    Path temp;

    DelegationFixture fixture;
    Delegation delegation;
    Delegate self;
    Supplier<ToolRegistry> selfTools;

    @BeforeEach
    void start() {
        fixture = new DelegationFixture(temp);
        delegation = new Delegation(fixture.marble);
        AtomicReference<Delegate> holder = new AtomicReference<>();
        selfTools = tools(() -> List.of(new ForkTool(holder.get(), delegation)));
        self = new Delegate("splitter", "", MINI, List.of(), INSTRUCTIONS, null, null, selfTools);
        holder.set(self);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private AgentResult run(String goal) {
        return fixture.run(spec("splitter", MINI, INSTRUCTIONS), selfTools, ApprovalGate.allowingEverything(), goal);
    }

    /** A copy's request ends with the user's prompt, after the fork call's stub result. */
    private static boolean isCopy(SeenRequest request) {
        return request.messages().stream()
                .anyMatch(
                        m -> m.toolResults().stream().anyMatch(r -> r.content().equals(ForkTool.CHILD_NOTICE)));
    }

    @Test
    void threeCopiesRunInParallelAndTheirAnswersComeBackInOrder() {
        fixture.server.withLatency(Duration.ofMillis(200));
        // Each copy's request is held until all three have arrived: with copies run one after the
        // other, the first would wait in vain and the test would see it.
        CountDownLatch allArrived = new CountDownLatch(3);
        AtomicInteger sawAllThree = new AtomicInteger();
        fixture.agent(INSTRUCTIONS, request -> {
            if (isCopy(request)) {
                allArrived.countDown();
                try {
                    if (allArrived.await(10, TimeUnit.SECONDS)) sawAllThree.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return FakeReply.text("answer to " + request.lastUserText()).withUsage(50, 5, 0, 0);
            }
            return answered(request)
                    ? FakeReply.text("merged: " + toolResult(request))
                    : FakeReply.toolCall("fork", "{\"prompts\": [\"part one\", \"part two\", \"part three\"]}");
        });

        AgentResult result = run("Do three things.");

        assertThat(sawAllThree.get()).isEqualTo(3);
        var merged = Json.parse(result.answer().substring("merged: ".length()));
        assertThat(merged.toString())
                .isEqualTo("[{\"id\":0,\"message\":\"answer to part one\"},"
                        + "{\"id\":1,\"message\":\"answer to part two\"},{\"id\":2,\"message\":\"answer to "
                        + "part three\"}]");
        // Two calls of the original (10 in each by default) and three copies (50 in each).
        assertThat(result.usage().inputTokens()).isEqualTo(2 * 10 + 3 * 50);
    }

    @Test
    void eachCopySeesTheConversationSoFarAndOnlyItsOwnPrompt() {
        fixture.agent(
                INSTRUCTIONS,
                request -> isCopy(request)
                        ? FakeReply.text("ok")
                        : answered(request)
                                ? FakeReply.text("merged")
                                : FakeReply.toolCall("fork", "{\"prompts\": [\"left\", \"right\"]}"));

        run("Remember the word banana.");

        List<SeenRequest> copies =
                fixture.server.requests().stream().filter(ForkToolTest::isCopy).toList();
        assertThat(copies).hasSize(2);
        for (SeenRequest copy : copies) {
            assertThat(copy.messages())
                    .extracting(SeenMessage::role)
                    .containsExactly("user", "assistant", "tool", "user");
            assertThat(copy.messages().getFirst().text()).isEqualTo("Remember the word banana.");
            assertThat(copy.messages().get(1).toolCalls().getFirst().name()).isEqualTo("fork");
        }
        assertThat(copies).extracting(r -> last(r).text()).containsExactlyInAnyOrder("left", "right");
        assertThat(fixture.runsStarted()).extracting(Event.RunStarted::kind).containsExactly("run", "fork", "fork");
    }

    @Test
    void aCopyCannotForkAgain() {
        fixture.agent(INSTRUCTIONS, request -> {
            if (isCopy(request)) {
                return answered(request)
                        ? FakeReply.text("copy saw: " + toolResult(request))
                        : FakeReply.toolCall("fork", "{\"prompts\": [\"deeper\"]}");
            }
            return answered(request)
                    ? FakeReply.text("merged: " + toolResult(request))
                    : FakeReply.toolCall("fork", "{\"prompts\": [\"try forking\"]}");
        });

        AgentResult result = run("Go.");

        assertThat(result.answer()).contains("copy saw: Error: not run: a forked copy cannot fork again");
        assertThat(fixture.runsStarted()).hasSize(2);
    }

    @Test
    void moreThanTenPromptsAreRefused() {
        var prompts = Json.array();
        for (int i = 0; i < 11; i++) prompts.add("p" + i);
        String eleven = Json.write(prompts);
        fixture.agent(
                INSTRUCTIONS,
                request -> answered(request)
                        ? FakeReply.text("got: " + toolResult(request))
                        : FakeReply.toolCall("fork", "{\"prompts\": " + eleven + "}"));

        AgentResult result = run("Go.");

        // The schema says so (maxItems), and the engine checks it before the tool runs.
        assertThat(result.answer())
                .isEqualTo("got: Error: the arguments do not match the schema of fork:"
                        + " /prompts: must have at most 10 items but found 11");
        assertThat(fixture.runsStarted()).hasSize(1);
    }

    @Test
    void aForkOutsideARunHasNoConversationToCopy() throws Exception {
        ToolContext outside = new ToolContext() {
            public String runId() {
                return "none";
            }

            public String toolCallId() {
                return "call-1";
            }

            public Path workspace() {
                return temp;
            }

            public Environment environment() {
                return new Environment(Map.of(), temp, temp);
            }

            public Duration remaining() {
                return Duration.ofMinutes(1);
            }
        };
        var arguments = Json.parse("{\"prompts\": [\"a\"]}");

        var result = new ForkTool(self, delegation).call(arguments, outside);

        assertThat(result.isError()).isTrue();
        assertThat(result.content())
                .isEqualTo("fork copies the conversation of the run that calls it, and this call has none");
    }

    @Test
    void theContinuationAnswersEveryCallOfTheForkingMessage() {
        Message calls = new Message(
                Role.ASSISTANT,
                List.of(
                        new Part.ToolCall("c1", "read_file", Json.object()),
                        new Part.ToolCall("c2", "fork", Json.object())));

        Message next = ForkTool.continuation(calls, "c2", "do it");

        assertThat(next.parts())
                .containsExactly(
                        new Part.ToolResult("c1", "not run in this forked copy", true),
                        new Part.ToolResult("c2", ForkTool.CHILD_NOTICE, false),
                        new Part.Text("do it"));
    }
}
