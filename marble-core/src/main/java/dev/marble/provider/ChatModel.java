package dev.marble.provider;

import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;

/**
 * One model at one provider. A call either returns a whole response or throws
 * {@link dev.marble.error.ModelException}; retries, fallbacks, pricing and the journal are
 * decorators around it, so a provider only speaks its wire protocol.
 */
public interface ChatModel {

    ModelRef ref();

    ChatResponse chat(ChatRequest request, StreamListener listener);

    default ChatResponse chat(ChatRequest request) {
        return chat(request, StreamListener.NONE);
    }
}
