package dev.marble.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.model.Usage;
import dev.marble.provider.resilience.ResilientChatModel;
import dev.marble.provider.resilience.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeChatModelTest {

    @Test
    void answersStepByStepAndRecordsEveryRequest() {
        FakeChatModel model = new FakeChatModel()
                .thenCall("get_weather", "{\"city\": \"Paris\"}")
                .thenReply("Sunny in Paris.");

        ChatResponse asked = model.chat(ChatRequest.of("You help with weather.", "Weather in Paris?"));
        Part.ToolCall call = asked.message().toolCalls().getFirst();
        List<Message> history = List.of(
                Message.user("Weather in Paris?"),
                asked.message(),
                new Message(Role.USER, List.of(new Part.ToolResult(call.id(), "sunny", false))));
        ChatResponse answered = model.chat(new ChatRequest("You help with weather.", history, List.of(), null));

        assertThat(asked.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(call.id()).isEqualTo("call_1");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments().path("city").asString()).isEqualTo("Paris");
        assertThat(answered.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(answered.text()).isEqualTo("Sunny in Paris.");
        assertThat(model.requests())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.system()).isEqualTo("You help with weather."));
        assertThat(model.lastRequest().messages().getLast().parts())
                .singleElement()
                .isEqualTo(new Part.ToolResult("call_1", "sunny", false));
        assertThat(model.remaining()).isZero();
    }

    @Test
    void aCallPastTheScriptFailsNamingIt() {
        FakeChatModel model = FakeChatModel.replying("only one");
        model.chat(ChatRequest.of(null, "first"));

        assertThatThrownBy(() -> model.chat(ChatRequest.of(null, "second")))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.PROVIDER_FAILED);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessage("the fake model's script has 1 steps and call 2 asked for another");
        assertThat(model.requests())
                .extracting(r -> r.messages().getLast().text())
                .containsExactly("first", "second");
    }

    @Test
    void streamsTextInPiecesAndEachToolCall() {
        FakeChatModel model = new FakeChatModel()
                .thenAnswer(
                        new Message(
                                Role.ASSISTANT,
                                List.of(
                                        new Part.Text("Let me look that up."),
                                        new Part.ToolCall("t1", "search", null))),
                        new Usage(10, 5, 0, 0));
        List<String> deltas = new ArrayList<>();
        List<Part.ToolCall> calls = new ArrayList<>();

        ChatResponse response = model.chat(ChatRequest.of(null, "Find it"), new StreamListener() {
            @Override
            public void onText(String delta) {
                deltas.add(delta);
            }

            @Override
            public void onToolCall(Part.ToolCall call) {
                calls.add(call);
            }
        });

        assertThat(deltas).hasSizeGreaterThan(1);
        assertThat(String.join("", deltas)).isEqualTo(response.text()).isEqualTo("Let me look that up.");
        assertThat(calls).containsExactlyElementsOf(response.message().toolCalls());
        assertThat(response.usage()).isEqualTo(new Usage(10, 5, 0, 0));
        assertThat(response.cost().usd()).isZero();
    }

    @Test
    void aScriptedFailureMeetsMarblesRetriesAsAProvidersWould() {
        FakeChatModel model = new FakeChatModel(new ModelRef("fake", "flaky"))
                .thenFail(new ModelException(ModelException.Kind.OVERLOADED, "overloaded"))
                .thenReply("made it");
        List<Duration> waits = new ArrayList<>();
        ResilientChatModel resilient = new ResilientChatModel(
                List.of(model),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMinutes(1)),
                waits::add,
                () -> 1.0);

        ChatResponse response = resilient.chat(ChatRequest.of(null, "hi"), StreamListener.NONE);

        assertThat(response.text()).isEqualTo("made it");
        assertThat(response.retries()).isEqualTo(1);
        assertThat(model.requests()).hasSize(2);

        FakeChatModel refusing =
                new FakeChatModel().thenFail(ModelException.terminal(ModelException.Kind.BAD_REQUEST, "no", 400));
        assertThatThrownBy(() -> new ResilientChatModel(
                                List.of(refusing),
                                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMinutes(1)))
                        .chat(ChatRequest.of(null, "hi")))
                .isInstanceOf(ModelCallFailedException.class)
                .hasMessageContaining("no");
        assertThat(refusing.requests()).as("not retried").hasSize(1);
    }

    @Test
    void aResponderAnswersFromTheRequest() {
        FakeChatModel model = new FakeChatModel()
                .thenRespond(request -> new ChatResponse(
                        Message.assistant(
                                "you said: " + request.messages().getLast().text()),
                        StopReason.END_TURN,
                        "end_turn",
                        null,
                        new ModelRef("fake", "model"),
                        null,
                        null,
                        null,
                        null));

        assertThat(model.chat(ChatRequest.of(null, "ping")).text()).isEqualTo("you said: ping");
    }

    @Test
    void lastRequestBeforeAnyCallSaysSo() {
        assertThatThrownBy(() -> new FakeChatModel().lastRequest()).hasMessage("the fake model has not been called");
    }
}
