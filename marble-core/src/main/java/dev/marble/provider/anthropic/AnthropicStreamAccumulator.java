package dev.marble.provider.anthropic;

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
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a whole answer from Messages API stream events, passing text and thinking deltas to the
 * listener as they come. Tool input arrives as JSON fragments and is parsed once its block stops.
 * A stream that ends without {@code message_stop} is incomplete and reported as such.
 */
final class AnthropicStreamAccumulator implements StreamedAnswer {

    private final StreamListener listener;
    private final TreeMap<Integer, Block> blocks = new TreeMap<>();
    private final AnthropicServerTools.Pairing serverTools = new AnthropicServerTools.Pairing();
    private String id;
    private String model;
    private String stopReason;
    private Usage usage = Usage.ZERO;
    private boolean stopped;

    AnthropicStreamAccumulator(StreamListener listener) {
        this.listener = listener;
    }

    /** A content block being assembled. */
    private static final class Block {
        final String type;
        final StringBuilder text = new StringBuilder();
        String id;
        String name;
        String signature;
        String data;
        /** The block as its start described it: a server tool's result comes whole in it. */
        JsonNode start;

        Part finished;

        Block(String type) {
            this.type = type;
        }
    }

    void accept(SseEvent event) {
        if (event.data().isEmpty()) return;
        JsonNode json = AnthropicWire.parse(event.data(), event);
        String type = Json.text(json, "type", event.event());
        switch (type) {
            case "message_start" -> {
                JsonNode message = json.path("message");
                id = Json.text(message, "id");
                model = Json.text(message, "model");
                usage = AnthropicWire.usage(message.path("usage"));
            }
            case "content_block_start" -> start(json.path("index").asInt(), json.path("content_block"));
            case "content_block_delta" -> delta(json.path("index").asInt(), json.path("delta"));
            case "content_block_stop" -> stop(json.path("index").asInt());
            case "message_delta" -> {
                stopReason = Json.text(json.path("delta"), "stop_reason", stopReason);
                usage = AnthropicWire.merge(usage, json.path("usage"));
            }
            case "message_stop" -> stopped = true;
            case "error" -> throw AnthropicWire.streamError(json);
            default -> {} // ping, and event types added after this was written
        }
    }

    private void start(int index, JsonNode contentBlock) {
        Block block = new Block(Json.text(contentBlock, "type", ""));
        block.id = Json.text(contentBlock, "id");
        block.name = Json.text(contentBlock, "name");
        block.data = Json.text(contentBlock, "data");
        block.signature = Json.text(contentBlock, "signature");
        block.start = contentBlock;
        String initial = Json.text(contentBlock, "text", Json.text(contentBlock, "thinking", ""));
        block.text.append(initial);
        if (!initial.isEmpty() && block.type.equals("text")) listener.onText(initial);
        blocks.put(index, block);
    }

    private void delta(int index, JsonNode delta) {
        Block block = blocks.get(index);
        if (block == null) throw incomplete("a delta for content block " + index + " before its start");
        switch (Json.text(delta, "type", "")) {
            case "text_delta" -> {
                String text = Json.text(delta, "text", "");
                block.text.append(text);
                listener.onText(text);
            }
            case "thinking_delta" -> {
                String text = Json.text(delta, "thinking", "");
                block.text.append(text);
                listener.onReasoning(text);
            }
            case "input_json_delta" -> block.text.append(Json.text(delta, "partial_json", ""));
            case "signature_delta" -> block.signature = Json.text(delta, "signature", "");
            default -> {}
        }
    }

    private void stop(int index) {
        Block block = blocks.get(index);
        if (block == null) return;
        if (AnthropicServerTools.isUse(block.start)) {
            String text = block.text.isEmpty() ? "{}" : block.text.toString();
            JsonNode input = AnthropicWire.parse(text, "the input of server tool " + block.name);
            serverTools.use(block.id, block.name, input);
            // The whole block, as a non-streamed answer has it: its start with the input filled in.
            ObjectNode whole = (ObjectNode) block.start.deepCopy();
            whole.set("input", input);
            block.finished = new Part.ProviderBlock(AnthropicWire.BLOCKS, whole);
            return;
        }
        if (AnthropicServerTools.isResult(block.start)) {
            listener.onServerTool(serverTools.result(block.start));
            block.finished = new Part.ProviderBlock(AnthropicWire.BLOCKS, block.start);
            return;
        }
        block.finished = switch (block.type) {
            case "text" -> new Part.Text(block.text.toString());
            case "thinking" -> new Part.Reasoning(block.text.toString(), block.signature, null);
            case "redacted_thinking" -> new Part.Reasoning("", null, block.data);
            case "tool_use" -> {
                String input = block.text.isEmpty() ? "{}" : block.text.toString();
                Part.ToolCall call = new Part.ToolCall(
                        block.id, block.name, AnthropicWire.parse(input, "the input of tool call " + block.name));
                listener.onToolCall(call);
                yield call;
            }
            default -> null;
        };
    }

    @Override
    public boolean complete() {
        return stopped;
    }

    @Override
    public List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        for (Block block : blocks.values()) {
            if (block.finished == null && block.type.equals("text"))
                block.finished = new Part.Text(block.text.toString());
            if (block.finished != null) parts.add(block.finished);
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
        return stopReason;
    }

    @Override
    public StopReason stopReason() {
        return AnthropicWire.stopReason(stopReason);
    }

    @Override
    public Usage usage() {
        return usage;
    }

    static ModelException incomplete(String what) {
        return new ModelException(ModelException.Kind.INVALID_RESPONSE, "incomplete stream: " + what);
    }
}
