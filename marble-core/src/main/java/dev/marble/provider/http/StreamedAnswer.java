package dev.marble.provider.http;

import dev.marble.model.ChatResponse;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.StopReason;
import dev.marble.model.Usage;
import java.util.List;

/** An answer assembled from stream events, whatever the protocol: what it needs to become a response. */
public interface StreamedAnswer {

    /** Whether the stream's terminal event has arrived. */
    boolean complete();

    List<Part> parts();

    StopReason stopReason();

    String rawStopReason();

    Usage usage();

    /** The model the server says answered, or null. */
    String model();

    String id();

    default ChatResponse toResponse(ModelRef requested) {
        return new ChatResponse(
                new Message(Role.ASSISTANT, parts()),
                stopReason(),
                rawStopReason(),
                usage(),
                requested.withModel(model()),
                id(),
                null,
                null,
                null);
    }
}
