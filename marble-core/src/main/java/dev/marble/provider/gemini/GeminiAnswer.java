package dev.marble.provider.gemini;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.Part;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.model.Usage;
import dev.marble.provider.http.SseEvent;
import dev.marble.provider.http.StreamedAnswer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * Builds one answer from {@code GenerateContentResponse} objects: the single one of {@code generateContent}, or the
 * chunks of {@code streamGenerateContent?alt=sse}, each a whole response object holding the next parts of the first
 * candidate. Consecutive text chunks make one text part, consecutive thoughts one reasoning part; a function call
 * arrives whole in one chunk. The last chunk carries {@code finishReason}; the stream has no other end event, so
 * one that stops before a finish reason is incomplete.
 *
 * <p>A {@code thoughtSignature} (Gemini 2.5 and later sign their thinking; Gemini 3 refuses a function call sent
 * back without its signature) is kept as a {@link Part.Reasoning} with that signature, placed right before the part
 * that carried it, so that it survives the journal and goes back on that part.
 */
final class GeminiAnswer implements StreamedAnswer {

    private final StreamListener listener;
    private final List<Piece> pieces = new ArrayList<>();
    private String id;
    private String model;
    private String finishReason;
    private String blockReason;
    private Usage usage = Usage.ZERO;
    private boolean sawCandidate;

    GeminiAnswer(StreamListener listener) {
        this.listener = listener;
    }

    /** One run of the answer, in order: thinking, text, or one function call; each with the signature it had. */
    private sealed interface Piece {}

    private static final class Thought implements Piece {
        final StringBuilder text = new StringBuilder();
        String signature;
    }

    private static final class Text implements Piece {
        final StringBuilder text = new StringBuilder();
        String signature;
    }

    private record Call(Part.ToolCall call, String signature) implements Piece {}

    void accept(SseEvent event) {
        if (event.data().isBlank()) return;
        accept(GeminiWire.parse(event.data(), "a stream chunk"));
    }

    /** Adds one response object (a chunk, or the whole answer). */
    void accept(JsonNode response) {
        if (response.path("error").isObject()) throw GeminiWire.bodyError(response.path("error"));
        if (id == null) id = Json.text(response, "responseId");
        if (model == null) model = Json.text(response, "modelVersion");
        if (response.path("usageMetadata").isObject()) usage = GeminiWire.usage(response.path("usageMetadata"));
        String blocked = Json.text(response.path("promptFeedback"), "blockReason");
        if (blocked != null) blockReason = blocked;
        for (JsonNode candidate : response.path("candidates")) {
            if (candidate.path("index").asInt(0) != 0) continue;
            sawCandidate = true;
            for (JsonNode part : candidate.path("content").path("parts")) part(part);
            String finish = Json.text(candidate, "finishReason");
            if (finish != null) finishReason = finish;
        }
    }

    private void part(JsonNode part) {
        String signature = Json.text(part, "thoughtSignature");
        if (part.path("functionCall").isObject()) {
            JsonNode call = part.path("functionCall");
            JsonNode args = call.path("args");
            Part.ToolCall toolCall = new Part.ToolCall(
                    Json.text(call, "id", generatedId()),
                    Json.text(call, "name", ""),
                    args.isObject() ? args : Json.object());
            pieces.add(new Call(toolCall, signature));
            return;
        }
        String text = Json.text(part, "text");
        if (text == null) {
            // Parts Marble does not use (inline data, executable code): their signature is still kept.
            if (signature != null) text = "";
            else return;
        }
        if (part.path("thought").asBoolean(false)) {
            Thought thought = last(Thought.class);
            if (thought == null) pieces.add(thought = new Thought());
            thought.text.append(text);
            if (signature != null) thought.signature = signature;
            if (!text.isEmpty()) listener.onReasoning(text);
            return;
        }
        Text run = last(Text.class);
        if (run == null) pieces.add(run = new Text());
        run.text.append(text);
        if (signature != null) run.signature = signature;
        if (!text.isEmpty()) listener.onText(text);
    }

    private <T extends Piece> T last(Class<T> kind) {
        if (pieces.isEmpty()) return null;
        Piece last = pieces.getLast();
        return kind.isInstance(last) ? kind.cast(last) : null;
    }

    private static String generatedId() {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        return GeminiWire.GENERATED_ID_PREFIX + HexFormat.of().formatHex(random);
    }

    /** Streams have no end event: reading goes on to the end of the body. */
    @Override
    public boolean complete() {
        return false;
    }

    /** Whether a finish reason (or a blocked prompt) ended the answer. */
    boolean finished() {
        return finishReason != null || blockReason != null;
    }

    /** The whole answer of {@code generateContent}: one with neither candidates nor a block reason is broken. */
    void requireCandidate() {
        if (!sawCandidate && blockReason == null) {
            throw new ModelException(ModelException.Kind.INVALID_RESPONSE, "response has no candidates");
        }
    }

    @Override
    public List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        for (Piece piece : pieces) {
            switch (piece) {
                case Thought thought -> parts.add(new Part.Reasoning(thought.text.toString(), thought.signature, null));
                case Text text -> {
                    signed(parts, text.signature);
                    if (!text.text.isEmpty()) parts.add(new Part.Text(text.text.toString()));
                }
                case Call call -> {
                    signed(parts, call.signature());
                    listener.onToolCall(call.call());
                    parts.add(call.call());
                }
            }
        }
        return parts;
    }

    /**
     * Puts {@code signature} right before the part that carried it: on the thinking just before, when that has
     * none of its own (the signature is of that thinking), else as a reasoning part of its own.
     */
    private static void signed(List<Part> parts, String signature) {
        if (signature == null) return;
        if (!parts.isEmpty()
                && parts.getLast() instanceof Part.Reasoning before
                && before.signature() == null
                && !before.redacted()) {
            parts.set(parts.size() - 1, new Part.Reasoning(before.text(), signature, null));
        } else {
            parts.add(new Part.Reasoning("", signature, null));
        }
    }

    private boolean hasToolCalls() {
        return pieces.stream().anyMatch(Call.class::isInstance);
    }

    @Override
    public StopReason stopReason() {
        if (finishReason == null && blockReason != null) return StopReason.REFUSAL;
        return GeminiWire.stopReason(finishReason, hasToolCalls());
    }

    @Override
    public String rawStopReason() {
        return finishReason != null ? finishReason : blockReason;
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String id() {
        return id;
    }
}
