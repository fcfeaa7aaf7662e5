package dev.marble.provider.openai;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.Part;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.model.Usage;
import dev.marble.provider.http.SseEvent;
import dev.marble.provider.http.StreamedAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Builds a whole answer from Chat Completions chunks. Tool calls arrive in pieces keyed by index
 * (id and name first, then argument fragments); usage comes in a last chunk with no choices when
 * {@code stream_options.include_usage} is set. The stream is complete at {@code [DONE]} (or
 * Steady's {@code event: done}), or at its end once a finish reason was seen.
 */
final class OpenAiStreamAccumulator implements StreamedAnswer {

    private final StreamListener listener;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final TreeMap<Integer, ToolCallBuilder> toolCalls = new TreeMap<>();
    private String id;
    private String model;
    private String finishReason;
    private Usage usage = Usage.ZERO;
    private boolean done;

    OpenAiStreamAccumulator(StreamListener listener) {
        this.listener = listener;
    }

    private static final class ToolCallBuilder {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    void accept(SseEvent event) {
        if ("done".equals(event.event()) || "[DONE]".equals(event.data().strip())) {
            done = true;
            return;
        }
        if (event.data().isBlank()) return;
        JsonNode chunk = OpenAiWire.parse(event.data(), "a stream chunk");
        if (chunk.has("error")) throw OpenAiWire.streamError(chunk.path("error"));
        if (id == null) id = Json.text(chunk, "id");
        if (model == null) model = Json.text(chunk, "model");
        if (chunk.path("usage").isObject()) usage = OpenAiWire.usage(chunk.path("usage"));
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) continue;
            delta(choice.path("delta"));
            String finish = Json.text(choice, "finish_reason");
            if (finish != null) finishReason = finish;
        }
    }

    private void delta(JsonNode delta) {
        String content = Json.text(delta, "content");
        if (content != null && !content.isEmpty()) {
            text.append(content);
            listener.onText(content);
        }
        String thought = OpenAiWire.reasoning(delta);
        if (thought != null && !thought.isEmpty()) {
            reasoning.append(thought);
            listener.onReasoning(thought);
        }
        for (JsonNode call : delta.path("tool_calls")) {
            ToolCallBuilder builder =
                    toolCalls.computeIfAbsent(call.path("index").asInt(toolCalls.size()), i -> new ToolCallBuilder());
            String callId = Json.text(call, "id");
            if (callId != null) builder.id = callId;
            JsonNode function = call.path("function");
            String name = Json.text(function, "name");
            if (name != null) builder.name = builder.name == null ? name : builder.name;
            String fragment = Json.text(function, "arguments");
            if (fragment != null) builder.arguments.append(fragment);
        }
    }

    /**
     * Complete at {@code [DONE]}. A finish reason alone does not end the reading (the usage chunk
     * follows it), but a stream that ends after one is whole.
     */
    @Override
    public boolean complete() {
        return done;
    }

    boolean finished() {
        return done || finishReason != null;
    }

    @Override
    public List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        if (!reasoning.isEmpty()) parts.add(new Part.Reasoning(reasoning.toString(), null, null));
        if (!text.isEmpty()) parts.add(new Part.Text(text.toString()));
        int n = 0;
        for (ToolCallBuilder builder : toolCalls.values()) {
            n++;
            if (builder.name == null) {
                throw new ModelException(
                        ModelException.Kind.INVALID_RESPONSE, "incomplete stream: a tool call without a name");
            }
            String callId = builder.id == null ? "call_" + n : builder.id;
            Part.ToolCall call =
                    new Part.ToolCall(callId, builder.name, OpenAiWire.arguments(builder.arguments.toString()));
            listener.onToolCall(call);
            parts.add(call);
        }
        return parts;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String rawStopReason() {
        return finishReason;
    }

    @Override
    public StopReason stopReason() {
        return OpenAiWire.stopReason(finishReason);
    }

    @Override
    public Usage usage() {
        return usage;
    }
}
