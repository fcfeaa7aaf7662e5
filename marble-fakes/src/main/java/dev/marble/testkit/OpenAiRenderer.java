package dev.marble.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes answers and errors the way Chat Completions does, non-streamed and as {@code data:} chunks. Thinking
 * goes out as {@code reasoning_content}, as vLLM and DeepSeek-style servers send it.
 */
final class OpenAiRenderer {

    byte[] error(String type, String message) {
        ObjectNode body = Json.object();
        body.putObject("error")
                .put("message", message)
                .put("type", type)
                .putNull("param")
                .putNull("code");
        return Json.bytes(body);
    }

    byte[] completion(FakeReply.Answer answer, String model) {
        ObjectNode completion = Json.object()
                .put("id", WireIds.of("chatcmpl-", 29))
                .put("object", "chat.completion")
                .put("created", Instant.now().getEpochSecond())
                .put("model", model);
        ObjectNode message = Json.object()
                .put("role", "assistant")
                .put("content", answer.text())
                .putNull("refusal");
        if (answer.thinking() != null) {
            message.put("reasoning_content", answer.thinking());
        }
        if (!answer.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (FakeToolCall call : answer.toolCalls()) {
                ObjectNode wireCall = calls.addObject().put("id", toolId(call)).put("type", "function");
                wireCall.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs").put("finish_reason", finishReason(answer));
        completion.set("usage", usage(answer.usage()));
        return Json.bytes(completion);
    }

    SseStream stream(FakeReply.Answer answer, String model, boolean includeUsage) {
        ChunkFactory chunks =
                new ChunkFactory(WireIds.of("chatcmpl-", 29), Instant.now().getEpochSecond(), model, includeUsage);
        List<String> events = new ArrayList<>();
        events.add(chunks.choice(Json.object().put("role", "assistant").put("content", ""), null));
        if (answer.thinking() != null) {
            for (String piece : TextPieces.words(answer.thinking())) {
                events.add(chunks.choice(Json.object().put("reasoning_content", piece), null));
            }
        }
        if (answer.text() != null) {
            for (String piece : TextPieces.words(answer.text())) {
                events.add(chunks.choice(Json.object().put("content", piece), null));
            }
        }
        for (int i = 0; i < answer.toolCalls().size(); i++) {
            FakeToolCall call = answer.toolCalls().get(i);
            ObjectNode opening =
                    Json.object().put("index", i).put("id", toolId(call)).put("type", "function");
            opening.putObject("function").put("name", call.name()).put("arguments", "");
            events.add(chunks.choice(toolCallsDelta(opening), null));
            for (String fragment : TextPieces.fragments(call.argumentsJson())) {
                ObjectNode more = Json.object().put("index", i);
                more.putObject("function").put("arguments", fragment);
                events.add(chunks.choice(toolCallsDelta(more), null));
            }
        }
        int closing = 2; // the finish_reason chunk and [DONE]
        events.add(chunks.choice(Json.object(), finishReason(answer)));
        if (includeUsage) {
            events.add(chunks.usage(usage(answer.usage())));
            closing++;
        }
        events.add("data: [DONE]\n\n");
        return new SseStream(events, closing);
    }

    /** Chunks of one stream share id, created and model. */
    private record ChunkFactory(String id, long created, String model, boolean includeUsage) {
        String choice(ObjectNode delta, String finishReason) {
            ObjectNode chunk = envelope();
            ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs").put("finish_reason", finishReason);
            if (includeUsage) {
                chunk.putNull("usage"); // with include_usage the real API puts "usage": null on every other chunk
            }
            return "data: " + Json.text(chunk) + "\n\n";
        }

        String usage(ObjectNode usage) {
            ObjectNode chunk = envelope();
            chunk.putArray("choices");
            chunk.set("usage", usage);
            return "data: " + Json.text(chunk) + "\n\n";
        }

        private ObjectNode envelope() {
            return Json.object()
                    .put("id", id)
                    .put("object", "chat.completion.chunk")
                    .put("created", created)
                    .put("model", model);
        }
    }

    private static ObjectNode toolCallsDelta(ObjectNode call) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    /** OpenAI counts cached tokens inside prompt_tokens; it has no notion of cache writes. */
    private static ObjectNode usage(FakeUsage usage) {
        long prompt = usage.input() + usage.cacheRead();
        ObjectNode node = Json.object()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", usage.output())
                .put("total_tokens", prompt + usage.output());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cacheRead());
        return node;
    }

    private static String finishReason(FakeReply.Answer answer) {
        if (answer.stopReason() != null) {
            return answer.stopReason();
        }
        return answer.toolCalls().isEmpty() ? "stop" : "tool_calls";
    }

    private static String toolId(FakeToolCall call) {
        return call.id() != null ? call.id() : WireIds.of("call_", 24);
    }
}
