package dev.marble.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.Marble;
import dev.marble.agent.RunEnding;
import dev.marble.config.Environment;
import dev.marble.event.Event;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.model.Usage;
import dev.marble.provider.ChatModel;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenMessage;
import dev.marble.testkit.SeenToolResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent builder as a library user holds it, against the fake OpenAI-compatible server. */
class AgentBuilderTest {

    @TempDir
    Path temp;

    private FakeOpenAiServer server;
    private Marble marble;

    /** Tools with a dependency handed in, which a class Marble instantiates could not have. */
    public static class Notes {
        private final Map<String, String> store;
        final AtomicInteger calls = new AtomicInteger();

        Notes(Map<String, String> store) {
            this.store = store;
        }

        @Tool(value = "Reads a note", preApproved = true)
        public String readNote(@Param("the note's title") String title) {
            calls.incrementAndGet();
            return store.getOrDefault(title, "no such note");
        }

        @Tool("Deletes a note")
        public String deleteNote(@Param("the note's title") String title) {
            calls.incrementAndGet();
            store.remove(title);
            return "deleted";
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        server = FakeOpenAiServer.start();
        Files.writeString(temp.resolve("marble.json"), """
                {"pricing": {"gpt-test": {"input": 1000, "output": 1000}}}
                """);
        Environment environment = new Environment(
                Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test-builder-0123456789"),
                temp,
                temp);
        marble = Marble.start(environment, warning -> {});
    }

    @AfterEach
    void tearDown() {
        marble.close();
        server.close();
    }

    private AgentBuilder agent(String name) {
        return Agent.builder(name).marble(marble).model("openai:gpt-test");
    }

    @Test
    void anAgentWithInstanceToolsAndAOneOffToolKeepsItsConversationBetweenRuns() {
        Notes notes = new Notes(new HashMap<>(Map.of("milk", "buy two")));
        var shout = Tools.of(
                "shout",
                "Shouts a word",
                JsonSchema.object().string("word", "the word").build(),
                arguments -> arguments.path("word").asString().toUpperCase() + "!");
        server.enqueue(
                FakeReply.toolCall("readNote", "{\"title\":\"milk\"}"),
                FakeReply.toolCall("shout", "{\"word\":\"milk\"}"),
                FakeReply.text("Buy two, loudly.").withUsage(10, 2, 0, 0),
                FakeReply.text("Still two."));

        try (Agent helper = agent("helper")
                .instructions("You are terse.")
                .tools(notes)
                .tool(shout)
                .approver(Approver.approveAll())
                .build()) {
            RunResult first = helper.run("What does the milk note say?");
            RunResult second = helper.run("And now?");

            assertThat(first.answer()).isEqualTo("Buy two, loudly.");
            assertThat(first.ending()).isEqualTo(RunEnding.ANSWERED);
            assertThat(first.finished()).isTrue();
            assertThat(first.turns()).isEqualTo(3);
            assertThat(first.usage().inputTokens()).isEqualTo(30);
            assertThat(first.cost().usd()).isPositive();
            assertThat(second.answer()).isEqualTo("Still two.");
            assertThat(helper.name()).isEqualTo("helper");
        }
        assertThat(notes.calls.get()).isEqualTo(1);
        assertThat(server.requests().getFirst().system()).isEqualTo("You are terse.");
        assertThat(server.requests().getFirst().toolNames())
                .containsExactlyInAnyOrder("readNote", "deleteNote", "shout");
        assertThat(server.requests().get(2).messages())
                .flatExtracting(SeenMessage::toolResults)
                .extracting(SeenToolResult::content)
                .containsExactly("buy two", "MILK!");
        assertThat(server.lastRequest().messages())
                .extracting(SeenMessage::text)
                .endsWith("Buy two, loudly.", "And now?");
    }

    @Test
    void withoutAnApproverACallThatNeedsOneIsRefusedAndBothTheModelAndTheResultAreToldHow() {
        Notes notes = new Notes(new HashMap<>(Map.of("milk", "buy two")));
        server.enqueue(FakeReply.toolCall("deleteNote", "{\"title\":\"milk\"}"), FakeReply.text("Could not."));

        RunResult result;
        try (Agent agent = agent("tidy").tools(notes).build()) {
            result = agent.run("Delete the milk note");
        }

        assertThat(notes.calls.get()).as("the tool never ran").isZero();
        String refusal = server.lastRequest()
                .messages()
                .getLast()
                .toolResults()
                .getFirst()
                .content();
        assertThat(refusal)
                .startsWith("Error: not run: denied: no approver was chosen for this agent")
                .contains(".approver(Approver.approveAll())", ".allow(\"deleteNote\")");
        assertThat(result.ending()).isEqualTo(RunEnding.ANSWERED);
        assertThat(result.detail())
                .contains(
                        "tool calls of deleteNote were refused",
                        ".approver(Approver.approveAll())",
                        ".allow(\"deleteNote\")");
    }

    @Test
    void anAllowRuleLetsACallRunWithoutAnApproverAndTheNextRunsDetailIsClean() {
        Notes notes = new Notes(new HashMap<>(Map.of("milk", "buy two")));
        server.enqueue(
                FakeReply.toolCall("deleteNote", "{\"title\":\"milk\"}"),
                FakeReply.text("Deleted."),
                FakeReply.text("Nothing else."));

        try (Agent agent = agent("tidy").tools(notes).allow("deleteNote").build()) {
            RunResult deleted = agent.run("Delete the milk note");
            assertThat(deleted.detail()).doesNotContain("refused");
            assertThat(agent.run("Anything else?").detail()).doesNotContain("refused");
        }
        assertThat(notes.calls.get()).isEqualTo(1);
    }

    @Test
    void aCostBudgetEndsTheRunOnceThePricedCallsReachIt() {
        server.enqueue(FakeReply.toolCall("shout", "{\"word\":\"a\"}").withUsage(10, 2, 0, 0), FakeReply.text("never"));
        var shout = Tools.of(
                        "shout",
                        "Shouts",
                        JsonSchema.object().string("word", "the word").build(),
                        arguments -> "A!")
                .preApproved();

        try (Agent agent = agent("spender")
                .tool(shout)
                .limits(l -> l.costBudgetUsd("0.01"))
                .build()) {
            RunResult result = agent.run("Shout");

            assertThat(result.ending()).isEqualTo(RunEnding.COST_BUDGET);
            assertThat(result.cost().usd()).isEqualByComparingTo(new BigDecimal("0.012"));
            assertThat(result.detail()).contains("of a budget of $0.01");
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aStopConditionOfOneselfEndsTheRunWithItsOwnDetail() {
        server.enqueue(
                FakeReply.toolCall("shout", "{\"word\":\"a\"}"),
                FakeReply.toolCall("shout", "{\"word\":\"b\"}"),
                FakeReply.text("never"));
        var shout = Tools.of(
                        "shout",
                        "Shouts",
                        JsonSchema.object().string("word", "the word").build(),
                        arguments -> "ok")
                .preApproved();

        try (Agent agent = agent("brief")
                .tool(shout)
                .limits(l -> l.maxTurns(10))
                .stopWhen(StopCondition.when(state -> state.turns() >= 2, "two turns are enough"))
                .build()) {
            RunResult result = agent.run("Go");

            assertThat(result.ending()).isEqualTo(RunEnding.COMPLETED);
            assertThat(result.detail()).isEqualTo("two turns are enough");
            assertThat(result.turns()).isEqualTo(2);
        }
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aModelInstanceAnswersAndTwoAgentsOnOneMarbleKeepTheirOwn() {
        try (Agent first = Agent.builder("twin")
                        .marble(marble)
                        .model(new Constant("one"))
                        .build();
                Agent second = Agent.builder("twin")
                        .marble(marble)
                        .model(new Constant("two"))
                        .build()) {
            RunResult one = first.run("Hi");
            RunResult two = second.run("Hi");

            assertThat(one.answer()).isEqualTo("one");
            assertThat(two.answer()).isEqualTo("two");
            assertThat(first.session().spec().model()).isEqualTo(new ModelRef("twin-model", "constant"));
            assertThat(second.session().spec().model()).isEqualTo(new ModelRef("twin-model-2", "constant"));
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aListenerHearsItsOwnAgentsRunsAndNoOneElses() {
        List<String> heard = new CopyOnWriteArrayList<>();
        List<Event> events = new CopyOnWriteArrayList<>();
        AgentListener listener = new AgentListener() {
            @Override
            public void onModelCall(ModelCall call) {
                heard.add("model call " + call.model());
            }

            @Override
            public void onModelResponse(ModelResponse response) {
                heard.add("response " + response.toolCalls() + " " + response.text());
            }

            @Override
            public void onToolCall(ToolCall call) {
                heard.add("tool " + call.tool() + " " + call.arguments());
            }

            @Override
            public void onApproval(Approval approval) {
                heard.add("approval " + approval.allowed() + " by " + approval.decidedBy());
            }

            @Override
            public void onToolResult(ToolOutcome outcome) {
                heard.add("result " + outcome.content());
            }

            @Override
            public void onFinished(RunResult result) {
                heard.add("finished " + result.ending());
            }

            @Override
            public void onEvent(Event event) {
                events.add(event);
            }
        };
        var echo = Tools.of(
                "echo",
                "Echoes",
                JsonSchema.object().string("text", "").build(),
                arguments -> arguments.path("text").asString());
        server.enqueue(
                FakeReply.toolCall("echo", "{\"text\":\"hi\"}"), FakeReply.text("Done."), FakeReply.text("Other."));

        try (Agent heardOne = agent("heard")
                        .tool(echo)
                        .approver(Approver.approveAll())
                        .listener(listener)
                        .build();
                Agent other = agent("other").build()) {
            heardOne.run("Echo hi");
            other.run("Say something");
        }

        assertThat(heard)
                .containsExactly(
                        "model call openai:gpt-test",
                        "response 1 ",
                        "tool echo {\"text\":\"hi\"}",
                        "approval true by --approve-all",
                        "result hi",
                        "model call openai:gpt-test",
                        "response 0 Done.",
                        "finished ANSWERED");
        assertThat(events)
                .extracting(Event::runId)
                .containsOnly(events.getFirst().runId());
        assertThat(events.getFirst()).isInstanceOf(Event.RunStarted.class);
        assertThat(events.getLast()).isInstanceOf(Event.RunFinished.class);
    }

    @Test
    void aListenerOfTextMakesTheModelStreamAndHearsThePieces() {
        StringBuilder text = new StringBuilder();
        server.enqueue(FakeReply.text("Streamed answer."));
        try (Agent agent = agent("streamer")
                .listener(new AgentListener() {
                    @Override
                    public void onText(String delta) {
                        text.append(delta);
                    }
                })
                .build()) {
            agent.run("Go");
        }
        assertThat(server.lastRequest().stream()).isTrue();
        assertThat(text.toString()).isEqualTo("Streamed answer.");
    }

    @Test
    void aConversationSavedByOneAgentLoadsIntoAnother() {
        server.enqueue(FakeReply.text("Noted."), FakeReply.text("Milk."));
        Path saved = temp.resolve("conversation.json");
        try (Agent first = agent("notes").build()) {
            first.run("Remember milk");
            first.save(saved);
        }
        try (Agent second = agent("notes").build()) {
            second.load(saved);
            second.run("What?");
            assertThat(second.conversation()).hasSize(4);
            second.reset();
            assertThat(second.conversation()).isEmpty();
        }
        assertThat(server.lastRequest().messages())
                .extracting(SeenMessage::text)
                .containsExactly("Remember milk", "Noted.", "What?");
    }

    @Test
    void mistakesAreCaughtWhenTheAgentIsDescribed() {
        assertThatThrownBy(() -> Agent.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Agent.builder("x").tools(Tools.files()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give it with toolsets(...)");
        assertThatThrownBy(() -> Agent.builder("x").tools(new Object()))
                .hasMessageContaining("has no method marked @Tool");
        assertThatThrownBy(() -> Agent.builder("x").allow("write_file(")).hasMessageContaining("approval rule");
        assertThatThrownBy(() -> Agent.builder("x").limits(l -> l.costBudgetUsd("-1")))
                .hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> agent("x").model("nowhere:model").build()).hasMessageContaining("unknown provider");
    }

    /** A model of the caller's own: answers every call with one text. */
    private record Constant(String text) implements ChatModel {
        @Override
        public ModelRef ref() {
            return new ModelRef("mine", "constant");
        }

        @Override
        public ChatResponse chat(ChatRequest request, StreamListener listener) {
            return new ChatResponse(
                    Message.assistant(text),
                    StopReason.END_TURN,
                    "end_turn",
                    new Usage(1, 1, 0, 0),
                    ref(),
                    null,
                    null,
                    null,
                    null);
        }
    }
}
