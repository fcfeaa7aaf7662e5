package dev.marble.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentSession;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunEnding;
import dev.marble.config.Environment;
import dev.marble.error.ModelException;
import dev.marble.error.UsageException;
import dev.marble.event.Event;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.model.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ChatModel instance registered under a provider name is reached and wrapped like any provider's model. */
class RegisteredModelTest {

    @TempDir
    Path temp;

    /** Answers with fixed text, reporting itself as {@code reportedModel}; fails first {@code failuresFirst} times. */
    private static final class FixedModel implements ChatModel {
        private final ModelRef ref;
        private final String answer;
        private final AtomicInteger failuresLeft;
        final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

        FixedModel(String reportedModel, String answer, int failuresFirst) {
            this.ref = new ModelRef("mine", reportedModel);
            this.answer = answer;
            this.failuresLeft = new AtomicInteger(failuresFirst);
        }

        @Override
        public ModelRef ref() {
            return ref;
        }

        @Override
        public ChatResponse chat(ChatRequest request, StreamListener listener) {
            requests.add(request);
            if (failuresLeft.getAndDecrement() > 0)
                throw new ModelException(ModelException.Kind.OVERLOADED, "busy, try again");
            return new ChatResponse(
                    Message.assistant(answer),
                    StopReason.END_TURN,
                    "end_turn",
                    new Usage(1_000_000, 1_000_000, 0, 0),
                    ref,
                    null,
                    null,
                    null,
                    List.of());
        }
    }

    private Marble start() throws IOException {
        // No waiting between retries, so the retried call below stays quick.
        Files.writeString(temp.resolve("marble.json"), "{\"retry\": {\"initial_delay_ms\": 0, \"max_delay_ms\": 0}}");
        return Marble.start(new Environment(Map.of(), temp, temp), warning -> {});
    }

    @Test
    void anAgentRunUsesTheRegisteredInstanceObservedOnTheBus() throws IOException {
        FixedModel mine = new FixedModel("my-own-model", "forty-two", 0);
        List<Event> seen = Collections.synchronizedList(new ArrayList<>());
        try (Marble marble = start()) {
            marble.events().subscribe(seen::add);
            ModelRef ref = marble.registerModel("mine", mine);
            assertThat(ref).isEqualTo(new ModelRef("mine", "default"));

            AgentSpec spec = AgentSpec.of("helper", ref, "Answer briefly.");
            AgentResult result;
            try (AgentSession session =
                    AgentSession.builder(marble, spec).workspace(temp).build()) {
                result = session.run("What is six times seven?");
            }

            assertThat(result.ending()).isEqualTo(RunEnding.ANSWERED);
            assertThat(result.answer()).isEqualTo("forty-two");
            assertThat(mine.requests)
                    .singleElement()
                    .satisfies(request ->
                            assertThat(request.messages().getLast().text()).isEqualTo("What is six times seven?"));
            // Unknown to the pricing table, so unpriced, as for any model without a price (never free by mistake).
            assertThat(result.cost().source()).isNotEqualTo(Cost.Source.FREE);
            assertThat(seen)
                    .filteredOn(Event.ModelCallFinished.class::isInstance)
                    .singleElement()
                    .satisfies(e -> {
                        Event.ModelCallFinished call = (Event.ModelCallFinished) e;
                        assertThat(call.requested()).isEqualTo(ref);
                        assertThat(call.response().cost()).isEqualTo(Cost.UNKNOWN);
                    });
        }
    }

    @Test
    void theResolverReachesItByNameAloneOrWithAnyModelPart() throws IOException {
        try (Marble marble = start()) {
            marble.registerModel("mine", new FixedModel("x", "hi", 0));
            assertThat(marble.resolver().resolve("mine")).isEqualTo(new ModelRef("mine", "default"));
            assertThat(marble.resolver().resolve("mine:anything")).isEqualTo(new ModelRef("mine", "anything"));
            assertThat(marble.model(marble.resolver().resolve("mine:anything"), List.of(), "r1")
                            .chat(ChatRequest.of(null, "hello"))
                            .text())
                    .isEqualTo("hi");
        }
    }

    @Test
    void itIsRetriedAndPricedLikeAnyOtherModel() throws IOException {
        // It reports a model the shipped pricing table knows, and is overloaded once before it answers.
        FixedModel mine = new FixedModel("gpt-4.1-mini", "done", 1);
        try (Marble marble = start()) {
            ModelRef ref = marble.registerModel("mine", mine);
            ChatResponse response = marble.model(ref, List.of(), "r1").chat(ChatRequest.of(null, "go"));

            assertThat(response.text()).isEqualTo("done");
            assertThat(mine.requests).hasSize(2);
            assertThat(response.retries()).isEqualTo(1);
            assertThat(response.cost().source()).isEqualTo(Cost.Source.PRICING_TABLE);
            assertThat(response.cost().usd()).isPositive();
        }
    }

    @Test
    void aRegisteredModelCanStandInForABuiltInName() throws IOException {
        try (Marble marble = start()) {
            marble.registerModel("anthropic", new FixedModel("x", "not really claude", 0));
            ModelRef ref = marble.resolver().resolve("anthropic:claude-sonnet-4-6");
            assertThat(marble.model(ref, List.of(), "r1")
                            .chat(ChatRequest.of(null, "hi"))
                            .text())
                    .isEqualTo("not really claude");
        }
    }

    @Test
    void unknownNamesStillFailAndBadNamesAreRefused() throws IOException {
        try (Marble marble = start()) {
            marble.registerModel("mine", new FixedModel("x", "hi", 0));
            assertThatThrownBy(() -> marble.resolver().resolve("yours:x"))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("unknown provider 'yours'");
            assertThatThrownBy(() -> marble.model(new ModelRef("yours", "x"), List.of(), "r1"))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("unknown provider 'yours'");
            for (String bad : new String[] {"", " mine", "my:model"}) {
                assertThatThrownBy(() -> marble.registerModel(bad, new FixedModel("x", "hi", 0)))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
