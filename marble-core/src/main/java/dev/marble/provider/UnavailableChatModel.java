package dev.marble.provider;

import dev.marble.error.ModelException;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;

/**
 * A model that cannot run here (its key is missing, say). It fails when called rather than when
 * created, so that a fallback that lacks a key does not stop the primary model from running.
 */
public record UnavailableChatModel(ModelRef ref, String reason) implements ChatModel {

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        throw new ModelException(ModelException.Kind.UNAVAILABLE, reason);
    }
}
