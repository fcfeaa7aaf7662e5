package dev.marble.testkit;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes answers and errors the way the Messages API does, non-streamed and as SSE events. */
final class AnthropicRenderer {

    /** Every server tool block answered is remembered, for the validator to check what comes back. */
    private final AnthropicServedBlocks served;

    AnthropicRenderer(AnthropicServedBlocks served) {
        this.served = served;
    }

    byte[] error(String type, String message) {
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return Json.bytes(body);
    }

    byte[] message(FakeReply.Answer answer, String model) {
        ObjectNode message = envelope(model);
        ArrayNode content = (ArrayNode) message.get("content");
        blocks(answer).forEach(content::add);
        message.put("stop_reason", stopReason(answer)).putNull("stop_sequence");
        FakeUsage usage = answer.usage();
        message.putObject("usage")
                .put("input_tokens", usage.input())
                .put("output_tokens", usage.output())
                .put("cache_creation_input_tokens", usage.cacheWrite())
                .put("cache_read_input_tokens", usage.cacheRead());
        return Json.bytes(message);
    }

    SseStream stream(FakeReply.Answer answer, String model) {
        List<String> events = new ArrayList<>();
        FakeUsage usage = answer.usage();
        ObjectNode start = envelope(model);
        start.putNull("stop_reason").putNull("stop_sequence");
        start.putObject("usage")
                .put("input_tokens", usage.input())
                .put("cache_creation_input_tokens", usage.cacheWrite())
                .put("cache_read_input_tokens", usage.cacheRead())
                .put("output_tokens", 1); // the real API reports 1 here and the true count in message_delta
        ObjectNode messageStart = Json.object().put("type", "message_start");
        messageStart.set("message", start);
        events.add(event(messageStart));
        events.add(event(Json.object().put("type", "ping")));

        int index = 0;
        if (answer.thinking() != null) {
            ObjectNode block =
                    Json.object().put("type", "thinking").put("thinking", "").put("signature", "");
            events.add(event(blockStart(index, block)));
            for (String piece : TextPieces.words(answer.thinking())) {
                events.add(event(
                        delta(index, Json.object().put("type", "thinking_delta").put("thinking", piece))));
            }
            String signature = answer.thinkingSignature() == null ? "" : answer.thinkingSignature();
            events.add(event(
                    delta(index, Json.object().put("type", "signature_delta").put("signature", signature))));
            events.add(event(blockStop(index++)));
        }
        for (FakeServerToolUse use : answer.serverTools()) {
            String id = serverToolId(use);
            ObjectNode block =
                    Json.object().put("type", "server_tool_use").put("id", id).put("name", use.name());
            block.putObject("input");
            events.add(event(blockStart(index, block)));
            for (String fragment : TextPieces.fragments(use.inputJson())) {
                events.add(event(delta(
                        index, Json.object().put("type", "input_json_delta").put("partial_json", fragment))));
            }
            events.add(event(blockStop(index++)));
            served.add(serverToolUse(use, id));
            if (use.resultType() == null) continue; // not run yet: a paused turn may end here
            // The result comes whole in its block's start, as the real API sends it.
            ObjectNode result = serverToolResult(use, id);
            served.add(result);
            events.add(event(blockStart(index, result)));
            events.add(event(blockStop(index++)));
        }
        if (answer.text() != null) {
            events.add(event(blockStart(index, Json.object().put("type", "text").put("text", ""))));
            for (String piece : TextPieces.words(answer.text())) {
                events.add(event(
                        delta(index, Json.object().put("type", "text_delta").put("text", piece))));
            }
            events.add(event(blockStop(index++)));
        }
        for (FakeToolCall call : answer.toolCalls()) {
            ObjectNode block = Json.object()
                    .put("type", "tool_use")
                    .put("id", toolId(call))
                    .put("name", call.name());
            block.putObject("input");
            events.add(event(blockStart(index, block)));
            // The real API opens with an empty fragment; then the JSON text, cut where it is not JSON on its own.
            List<String> fragments = new ArrayList<>(List.of(""));
            fragments.addAll(TextPieces.fragments(call.argumentsJson()));
            for (String fragment : fragments) {
                events.add(event(delta(
                        index, Json.object().put("type", "input_json_delta").put("partial_json", fragment))));
            }
            events.add(event(blockStop(index++)));
        }

        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason(answer)).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", usage.output());
        events.add(event(messageDelta));
        events.add(event(Json.object().put("type", "message_stop")));
        return new SseStream(events, 2);
    }

    private static ObjectNode envelope(String model) {
        ObjectNode message = Json.object()
                .put("id", WireIds.of("msg_01", 22))
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model);
        message.putArray("content");
        return message;
    }

    private List<JsonNode> blocks(FakeReply.Answer answer) {
        List<JsonNode> blocks = new ArrayList<>();
        if (answer.thinking() != null) {
            blocks.add(Json.object()
                    .put("type", "thinking")
                    .put("thinking", answer.thinking())
                    .put("signature", answer.thinkingSignature() == null ? "" : answer.thinkingSignature()));
        }
        for (FakeServerToolUse use : answer.serverTools()) {
            String id = serverToolId(use);
            ObjectNode block = serverToolUse(use, id);
            served.add(block);
            blocks.add(block);
            if (use.resultType() == null) continue; // not run yet: a paused turn may end here
            ObjectNode result = serverToolResult(use, id);
            served.add(result);
            blocks.add(result);
        }
        if (answer.text() != null) {
            blocks.add(Json.object().put("type", "text").put("text", answer.text()));
        }
        for (FakeToolCall call : answer.toolCalls()) {
            JsonNode input = Json.parse(call.argumentsJson());
            if (!input.isObject()) {
                throw new IllegalArgumentException(
                        "a tool_use input must be a JSON object, got: " + call.argumentsJson());
            }
            ObjectNode block = Json.object()
                    .put("type", "tool_use")
                    .put("id", toolId(call))
                    .put("name", call.name());
            block.set("input", input);
            blocks.add(block);
        }
        return blocks;
    }

    private static String stopReason(FakeReply.Answer answer) {
        if (answer.stopReason() != null) {
            return answer.stopReason();
        }
        return answer.toolCalls().isEmpty() ? "end_turn" : "tool_use";
    }

    private static JsonNode objectInput(String json) {
        JsonNode input = Json.parse(json);
        if (!input.isObject()) {
            throw new IllegalArgumentException("a server_tool_use input must be a JSON object, got: " + json);
        }
        return input;
    }

    private static ObjectNode serverToolUse(FakeServerToolUse use, String id) {
        ObjectNode block =
                Json.object().put("type", "server_tool_use").put("id", id).put("name", use.name());
        block.set("input", objectInput(use.inputJson()));
        return block;
    }

    private static ObjectNode serverToolResult(FakeServerToolUse use, String id) {
        ObjectNode result = Json.object().put("type", use.resultType()).put("tool_use_id", id);
        result.set("content", Json.parse(use.contentJson()));
        return result;
    }

    private static String serverToolId(FakeServerToolUse use) {
        return use.id() != null ? use.id() : WireIds.of("srvtoolu_01", 22);
    }

    private static String toolId(FakeToolCall call) {
        return call.id() != null ? call.id() : WireIds.of("toolu_01", 22);
    }

    private static ObjectNode blockStart(int index, ObjectNode block) {
        ObjectNode start = Json.object().put("type", "content_block_start").put("index", index);
        start.set("content_block", block);
        return start;
    }

    private static ObjectNode delta(int index, ObjectNode delta) {
        ObjectNode event = Json.object().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        return event;
    }

    private static ObjectNode blockStop(int index) {
        return Json.object().put("type", "content_block_stop").put("index", index);
    }

    /** {@code event: <type>} and {@code data: <json>}, the type repeated from the data as the real API does. */
    private static String event(ObjectNode data) {
        return "event: " + data.get("type").asString() + "\ndata: " + Json.text(data) + "\n\n";
    }
}
