package dev.marble.provider.contract;

import dev.marble.json.Json;
import dev.marble.model.ModelRef;
import dev.marble.provider.ChatModel;
import dev.marble.provider.scripted.ScriptFile;
import dev.marble.provider.scripted.ScriptedChatModel;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.FakeToolCall;
import dev.marble.testkit.contract.ChatModelContract;
import dev.marble.testkit.contract.ProviderFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The scripted provider passes the same contract: the replies are written as a replay file. */
class ScriptedContractTest extends ChatModelContract {

    @Override
    protected boolean sendsReasoningBack() {
        return false; // a replay sends nothing anywhere
    }

    @Override
    protected ProviderFixture createFixture() {
        return new ProviderFixture() {
            private final List<FakeReply> replies = new ArrayList<>();
            private ChatModel model;

            @Override
            public ProviderFixture answer(FakeReply reply) {
                replies.add(reply);
                return this;
            }

            @Override
            public ChatModel model() {
                if (model == null)
                    model = new ScriptedChatModel(new ModelRef("scripted", "contract.json"), ScriptFile.load(write()));
                return model;
            }

            private Path write() {
                ArrayNode file = Json.array();
                for (FakeReply reply : replies) {
                    FakeReply.Answer answer = (FakeReply.Answer) reply;
                    ObjectNode node = file.addObject();
                    if (answer.text() != null && !answer.text().isEmpty()) node.put("text", answer.text());
                    if (answer.thinking() != null) node.put("reasoning", answer.thinking());
                    if (!answer.toolCalls().isEmpty()) {
                        ArrayNode calls = node.putArray("tool_calls");
                        for (FakeToolCall call : answer.toolCalls()) {
                            ObjectNode c = calls.addObject();
                            c.put("name", call.name());
                            c.set("arguments", Json.parse(call.argumentsJson()));
                        }
                    }
                    ObjectNode usage = node.putObject("usage");
                    usage.put("input_tokens", answer.usage().input());
                    usage.put("output_tokens", answer.usage().output());
                    usage.put("cache_read_tokens", answer.usage().cacheRead());
                    usage.put("cache_write_tokens", answer.usage().cacheWrite());
                }
                try {
                    return Files.writeString(Files.createTempFile("contract", ".json"), Json.write(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            // No lastRequest(): a replay has no wire to observe.
        };
    }
}
