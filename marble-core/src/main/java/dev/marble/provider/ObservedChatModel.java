package dev.marble.provider;

import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.event.Event;
import dev.marble.event.EventBus;
import dev.marble.event.Ids;
import dev.marble.model.Attempt;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Publishes the start and the outcome of every call, which is how calls reach the journal. */
public final class ObservedChatModel implements ChatModel {

    private final ChatModel delegate;
    private final List<ModelRef> fallbacks;
    private final EventBus bus;
    private final String runId;
    private final Clock clock;

    public ObservedChatModel(ChatModel delegate, List<ModelRef> fallbacks, EventBus bus, String runId, Clock clock) {
        this.delegate = delegate;
        this.fallbacks = List.copyOf(fallbacks);
        this.bus = bus;
        this.runId = runId;
        this.clock = clock;
    }

    @Override
    public ModelRef ref() {
        return delegate.ref();
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        String callId = Ids.next();
        long start = System.nanoTime();
        bus.publish(new Event.ModelCallStarted(runId, clock.instant(), callId, ref(), fallbacks, request));
        try {
            ChatResponse response = delegate.chat(request, listener);
            bus.publish(new Event.ModelCallFinished(
                    runId, clock.instant(), callId, ref(), request, response, since(start)));
            return response;
        } catch (ModelCallFailedException failure) {
            bus.publish(new Event.ModelCallFailed(
                    runId,
                    clock.instant(),
                    callId,
                    ref(),
                    request,
                    failure.attempts(),
                    failure.getMessage(),
                    since(start)));
            throw failure;
        } catch (ModelException failure) {
            Attempt only = new Attempt(ref(), 1, since(start), failure.getMessage(), Duration.ZERO);
            bus.publish(new Event.ModelCallFailed(
                    runId, clock.instant(), callId, ref(), request, List.of(only), failure.getMessage(), since(start)));
            throw failure;
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
