package dev.marble.testkit.fake;

import dev.marble.json.Json;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.Usage;
import dev.marble.provider.ChatModel;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.FakeToolCall;
import dev.marble.testkit.contract.ChatModelContract;
import dev.marble.testkit.contract.ProviderFixture;
import java.util.ArrayList;
import java.util.List;

/** The recording fake behaves as a provider does: it passes the same contract, scripted step by step. */
class FakeChatModelContractTest extends ChatModelContract {

    @Override
    protected ProviderFixture createFixture() {
        FakeChatModel model = new FakeChatModel();
        return new ProviderFixture() {
            @Override
            public ProviderFixture answer(FakeReply reply) {
                FakeReply.Answer answer = (FakeReply.Answer) reply;
                List<Part> parts = new ArrayList<>();
                if (answer.thinking() != null)
                    parts.add(new Part.Reasoning(answer.thinking(), answer.thinkingSignature(), null));
                if (answer.text() != null && !answer.text().isEmpty()) parts.add(new Part.Text(answer.text()));
                int n = 0;
                for (FakeToolCall call : answer.toolCalls()) {
                    String id = call.id() != null ? call.id() : "call_" + model.remaining() + "_" + n++;
                    parts.add(new Part.ToolCall(id, call.name(), Json.parse(call.argumentsJson())));
                }
                var usage = answer.usage();
                model.thenAnswer(
                        new Message(Role.ASSISTANT, parts),
                        new Usage(usage.input(), usage.output(), usage.cacheRead(), usage.cacheWrite()));
                return this;
            }

            @Override
            public ChatModel model() {
                return model;
            }
        };
    }
}
