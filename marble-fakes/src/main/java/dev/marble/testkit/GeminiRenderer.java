package dev.marble.testkit;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes answers and errors as the Gemini API does: one {@code GenerateContentResponse}, or a stream of them as
 * {@code data:} events ({@code alt=sse}) with no end event of its own: the last chunk carries the finish reason and
 * the whole usage. Thinking goes out as {@code thought: true} parts; the thought signature rides on the first
 * function call, or else on the text, as Gemini 2.5 and later place it. A call goes out with an {@code id} only
 * when the reply names one (newer models send ids, Gemini 2.x none), and {@code finishReason} is {@code STOP}
 * also for calls, as on the real API.
 */
final class GeminiRenderer {

    byte[] error(int status, String type, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", status).put("message", message).put("status", type);
        return Json.bytes(body);
    }

    byte[] response(FakeReply.Answer answer, String model) {
        ObjectNode response = Json.object();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        ArrayNode parts = content.putArray("parts");
        if (answer.thinking() != null) {
            parts.addObject().put("text", answer.thinking()).put("thought", true);
        }
        if (answer.text() != null) {
            parts.addObject().put("text", answer.text());
        }
        for (FakeToolCall call : answer.toolCalls()) {
            parts.add(functionCall(call));
        }
        if (parts.isEmpty()) {
            parts.addObject().put("text", "");
        }
        sign(parts, answer);
        content.put("role", "model");
        candidate.put("finishReason", finishReason(answer)).put("index", 0);
        response.set("usageMetadata", usage(answer));
        response.put("modelVersion", model).put("responseId", WireIds.of("", 22));
        return Json.bytes(response);
    }

    SseStream stream(FakeReply.Answer answer, String model) {
        ChunkFactory chunks = new ChunkFactory(model, WireIds.of("", 22), answer);
        List<ArrayNode> contents = new ArrayList<>();
        if (answer.thinking() != null) {
            for (String piece : TextPieces.words(answer.thinking())) {
                contents.add(single(Json.object().put("text", piece).put("thought", true)));
            }
        }
        if (answer.text() != null) {
            for (String piece : TextPieces.words(answer.text())) {
                contents.add(single(Json.object().put("text", piece)));
            }
        }
        for (FakeToolCall call : answer.toolCalls()) {
            contents.add(single(functionCall(call)));
        }
        if (answer.thinkingSignature() != null) {
            // On the first call, else on the last text: the part after the thinking that the signature belongs to.
            int firstCall = contents.size() - answer.toolCalls().size();
            int signed = answer.toolCalls().isEmpty() ? contents.size() - 1 : firstCall;
            if (signed >= 0 && signed < contents.size()) {
                ((ObjectNode) contents.get(signed).get(0)).put("thoughtSignature", answer.thinkingSignature());
            }
        }
        List<String> events = new ArrayList<>();
        // The finish reason rides on the last content chunk; an answer of one chunk gets an empty one after it, so
        // that a broken stream can always be cut before its end.
        if (contents.size() < 2) {
            contents.add(single(Json.object().put("text", "")));
        }
        for (int i = 0; i < contents.size(); i++) {
            events.add(chunks.chunk(contents.get(i), i == contents.size() - 1));
        }
        return new SseStream(events, 1);
    }

    private static ArrayNode single(ObjectNode part) {
        ArrayNode parts = Json.array();
        parts.add(part);
        return parts;
    }

    /** Chunks of one stream share model and response id; only the last has the finish reason and all the usage. */
    private record ChunkFactory(String model, String responseId, FakeReply.Answer answer) {
        String chunk(ArrayNode parts, boolean last) {
            ObjectNode chunk = Json.object();
            ObjectNode candidate = chunk.putArray("candidates").addObject();
            ObjectNode content = candidate.putObject("content");
            content.set("parts", parts);
            content.put("role", "model");
            if (last) {
                candidate.put("finishReason", finishReason(answer));
            }
            candidate.put("index", 0);
            if (last) {
                chunk.set("usageMetadata", usage(answer));
            } else {
                long prompt = answer.usage().input() + answer.usage().cacheRead();
                chunk.putObject("usageMetadata").put("promptTokenCount", prompt).put("totalTokenCount", prompt);
            }
            chunk.put("modelVersion", model).put("responseId", responseId);
            return "data: " + Json.text(chunk) + "\r\n\r\n";
        }
    }

    private static ObjectNode functionCall(FakeToolCall call) {
        ObjectNode part = Json.object();
        ObjectNode functionCall = part.putObject("functionCall");
        if (call.id() != null) {
            functionCall.put("id", call.id());
        }
        functionCall.put("name", call.name());
        functionCall.set("args", Json.parse(call.argumentsJson()));
        return part;
    }

    /** The signature goes on the first call, else on the text (else on the only part). */
    private static void sign(ArrayNode parts, FakeReply.Answer answer) {
        if (answer.thinkingSignature() == null) {
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            ObjectNode part = (ObjectNode) parts.get(i);
            if (part.has("functionCall")) {
                part.put("thoughtSignature", answer.thinkingSignature());
                return;
            }
        }
        ((ObjectNode) parts.get(parts.size() - 1)).put("thoughtSignature", answer.thinkingSignature());
    }

    /**
     * Gemini counts cached tokens inside {@code promptTokenCount} and thinking apart from the candidates: the
     * reply's output is split, the thinking's words (at most the whole output) going to {@code thoughtsTokenCount},
     * so the two add up to it. Gemini has no count of cache writes.
     */
    private static ObjectNode usage(FakeReply.Answer answer) {
        FakeUsage usage = answer.usage();
        long prompt = usage.input() + usage.cacheRead();
        long thoughts = answer.thinking() == null
                ? 0
                : Math.min(usage.output(), answer.thinking().split("\\s+").length);
        ObjectNode node = Json.object()
                .put("promptTokenCount", prompt)
                .put("candidatesTokenCount", usage.output() - thoughts)
                .put("totalTokenCount", prompt + usage.output());
        if (usage.cacheRead() > 0) {
            node.put("cachedContentTokenCount", usage.cacheRead());
        }
        if (thoughts > 0) {
            node.put("thoughtsTokenCount", thoughts);
        }
        node.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", prompt);
        return node;
    }

    private static String finishReason(FakeReply.Answer answer) {
        return answer.stopReason() != null ? answer.stopReason() : "STOP";
    }
}
