package dev.marble.local;

import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.contract.ChatModelContract;
import dev.marble.testkit.contract.ProviderFixture;

/**
 * The local provider passes the published provider contract, on the micro test model. That model is real:
 * it cannot be told what to say, and its words are nonsense, so the contract checks the shape of its answers
 * (a tool call that names the offered tool, a stop reason that fits, deltas that add up, usage, a free cost),
 * never their words. Without the model file the test says why and is skipped, or fails under
 * MARBLE_REQUIRE_PEERS=1 (see {@link MicroModel#path()}).
 */
class LocalContractTest extends ChatModelContract {

    @Override
    protected ProviderFixture createFixture() {
        ChatModel model = MicroModel.model();
        return new ProviderFixture() {
            @Override
            public ProviderFixture answer(FakeReply reply) {
                return this; // a real model answers as it likes
            }

            @Override
            public ChatModel model() {
                return greedy(model);
            }
        };
    }

    /**
     * The contract leaves the temperature to the provider; llama.cpp's default samples at random. Greedy
     * decoding makes the micro model give the same answer on every run, so a failure here is reproducible.
     */
    private static ChatModel greedy(ChatModel model) {
        return new ChatModel() {
            @Override
            public ModelRef ref() {
                return model.ref();
            }

            @Override
            public ChatResponse chat(ChatRequest request, StreamListener listener) {
                if (request.options().temperature() != null) return model.chat(request, listener);
                return model.chat(
                        request.withOptions(
                                request.options().toBuilder().temperature(0.0).build()),
                        listener);
            }
        };
    }

    @Override
    protected boolean followsScript() {
        return false; // a real model, which no test can script
    }

    @Override
    protected boolean reportsCacheWrites() {
        return false; // llama.cpp keeps the last prompt in its slot as it goes; there is no separate write to count
    }

    @Override
    protected boolean supportsReasoning() {
        return false; // the provider returns text and tool calls; a model's thinking stays in its text
    }
}
