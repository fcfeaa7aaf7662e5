package dev.marble.provider.scripted;

import dev.marble.error.ModelException;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays a {@link ScriptFile}: each call takes the next reply. Streams its text in word-sized
 * pieces, like a real provider, so the terminal path is exercised too. Nothing is paid.
 */
public final class ScriptedChatModel implements ChatModel {

    private static final Pattern WORD = Pattern.compile("\\S+\\s*|\\s+");

    private final ModelRef ref;
    private final ScriptFile script;
    private final AtomicInteger next;

    public ScriptedChatModel(ModelRef ref, ScriptFile script) {
        this(ref, script, new AtomicInteger());
    }

    /** A model that takes its replies from {@code position} on, moving it on: models sharing it share the replay. */
    public ScriptedChatModel(ModelRef ref, ScriptFile script, AtomicInteger position) {
        this.ref = ref;
        this.script = script;
        this.next = position;
    }

    @Override
    public ModelRef ref() {
        return ref;
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        int index = next.getAndIncrement();
        if (index >= script.replies().size()) {
            throw new ModelException(
                    ModelException.Kind.PROVIDER_FAILED,
                    "the replay " + script.file() + " has " + script.replies().size() + " replies and call "
                            + (index + 1) + " asked for another");
        }
        ScriptFile.Reply reply = script.replies().get(index);
        pause(reply, request.attemptTimeout(null));
        if (reply.error() != null) throw new ModelException(reply.error(), reply.errorMessage());
        // instanceof, not a pattern switch, which costs every start a generated class (docs/performance.md).
        for (Part part : reply.parts()) {
            if (part instanceof Part.Text text) stream(text.text(), listener);
            else if (part instanceof Part.Reasoning reasoning) listener.onReasoning(reasoning.text());
            else if (part instanceof Part.ToolCall call) listener.onToolCall(call);
        }
        return new ChatResponse(
                new Message(Role.ASSISTANT, reply.parts()),
                stopReason(reply.stopReason()),
                reply.stopReason(),
                reply.usage(),
                ref,
                "replay-" + (index + 1),
                null,
                Cost.FREE,
                null);
    }

    private static void stream(String text, StreamListener listener) {
        if (!listener.wantsDeltas()) return;
        Matcher words = WORD.matcher(text);
        while (words.find()) listener.onText(words.group());
    }

    /** Waits the reply's delay, as a slow server would, within the call's time limit like a real provider. */
    private static void pause(ScriptFile.Reply reply, Duration limit) {
        if (reply.delay().isZero()) return;
        boolean tooSlow = limit != null && reply.delay().compareTo(limit) > 0;
        try {
            Thread.sleep(tooSlow ? limit : reply.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(ModelException.Kind.INTERRUPTED, "interrupted");
        }
        if (tooSlow) {
            throw new ModelException(
                    ModelException.Kind.TIMEOUT,
                    "no answer within " + limit.toMillis() + " ms (the call's time limit); the replay waits "
                            + reply.delay().toMillis() + " ms");
        }
    }

    private static StopReason stopReason(String wire) {
        try {
            return StopReason.valueOf(wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return StopReason.OTHER;
        }
    }
}
