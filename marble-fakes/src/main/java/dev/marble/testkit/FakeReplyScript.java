package dev.marble.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a fake that runs as a process of its own ({@link FakeServerMain}) answers, written to a file by the test and
 * read back by the fake: the replies for the first requests, in order, and then one reply for every later request
 * ({@code null}: the echo). It exists because such a fake (started inside a network namespace) cannot take a
 * {@link FakeReply} object from the test's JVM.
 *
 * <p>The file is {@code {"replies": [REPLY, ...], "then": REPLY}}, or just the list; a REPLY is
 * {@code {"text": .., "tool_calls": [{"id": .., "name": .., "input": {..}}], "usage": {"input": .., "output": ..}}}
 * (text optional when there are tool calls, id optional) or {@code {"error": {"status": .., "type": .., "message":
 * ..}}}.
 * Faults, thinking and delays are not carried: a test that needs them runs the fake in its own JVM.
 */
public record FakeReplyScript(List<FakeReply> replies, FakeReply then) {

    public FakeReplyScript {
        replies = List.copyOf(replies);
        for (FakeReply reply : replies) writable(reply);
        if (then != null) writable(then);
    }

    /** These replies in order, then echoes. */
    public static FakeReplyScript of(FakeReply... replies) {
        return new FakeReplyScript(List.of(replies), null);
    }

    /** These replies, then {@code reply} for every request after them (for example an outage's 500). */
    public FakeReplyScript thenAlways(FakeReply reply) {
        return new FakeReplyScript(replies, reply);
    }

    /** The file's text. */
    public String toJson() {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("replies");
        replies.forEach(reply -> list.add(write(reply)));
        if (then != null) root.set("then", write(then));
        return Json.text(root);
    }

    /** Reads a file's text; IllegalArgumentException names what is wrong. */
    public static FakeReplyScript parse(String json) {
        JsonNode root = Json.parse(json);
        JsonNode list = root.isArray() ? root : root.path("replies");
        if (!list.isArray()) throw new IllegalArgumentException("replies: expected a list of replies");
        List<FakeReply> replies = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) replies.add(read(list.get(i), "replies[" + i + "]"));
        JsonNode then = root.isObject() ? root.get("then") : null;
        return new FakeReplyScript(replies, then == null || then.isNull() ? null : read(then, "then"));
    }

    private static FakeReply read(JsonNode reply, String where) {
        if (!reply.isObject()) throw new IllegalArgumentException(where + ": expected an object");
        if (reply.has("error")) {
            JsonNode error = reply.get("error");
            return FakeReply.error(
                    error.path("status").asInt(500),
                    error.path("type").asString("api_error"),
                    error.path("message").asString(""));
        }
        JsonNode calls = reply.path("tool_calls");
        FakeReply.Answer answer = FakeReply.text(
                reply.has("text") || calls.isEmpty() ? reply.path("text").asString("") : null);
        for (JsonNode call : calls) {
            if (!call.path("name").isString())
                throw new IllegalArgumentException(where + ".tool_calls: each needs a name");
            JsonNode id = call.get("id");
            answer = answer.withToolCall(
                    id == null || id.isNull() ? null : id.asString(),
                    call.get("name").asString(),
                    Json.text(call.path("input").isObject() ? call.get("input") : Json.object()));
        }
        JsonNode usage = reply.get("usage");
        if (usage != null) {
            answer = answer.withUsage(
                    usage.path("input").asLong(0),
                    usage.path("output").asLong(0),
                    usage.path("cache_read").asLong(0),
                    usage.path("cache_write").asLong(0));
        }
        return answer;
    }

    private static ObjectNode write(FakeReply reply) {
        ObjectNode node = Json.object();
        switch (reply) {
            case FakeReply.Answer answer -> {
                if (answer.text() != null) node.put("text", answer.text());
                if (!answer.toolCalls().isEmpty()) {
                    ArrayNode calls = node.putArray("tool_calls");
                    for (FakeToolCall call : answer.toolCalls()) {
                        ObjectNode written =
                                calls.addObject().put("id", call.id()).put("name", call.name());
                        written.set("input", Json.parse(call.argumentsJson()));
                    }
                }
                FakeUsage usage = answer.usage();
                node.putObject("usage")
                        .put("input", usage.input())
                        .put("output", usage.output())
                        .put("cache_read", usage.cacheRead())
                        .put("cache_write", usage.cacheWrite());
            }
            case FakeReply.HttpError error ->
                node.putObject("error")
                        .put("status", error.status())
                        .put("type", error.type())
                        .put("message", error.message());
            case FakeReply.Fault fault -> throw new IllegalStateException("unreachable: checked in the constructor");
        }
        return node;
    }

    /** Only what the file can carry, so a test never believes the fake will do what it silently will not. */
    private static void writable(FakeReply reply) {
        switch (reply) {
            case FakeReply.Answer answer -> {
                if (answer.thinking() != null
                        || answer.stopReason() != null
                        || !answer.delay().isZero()) {
                    throw new IllegalArgumentException("a reply script carries text, tool calls and usage only");
                }
            }
            case FakeReply.HttpError error -> {
                if (!error.headers().equals(Map.of())) {
                    throw new IllegalArgumentException("a reply script carries no error headers");
                }
            }
            case FakeReply.Fault fault ->
                throw new IllegalArgumentException("a reply script carries no faults: " + fault.kind());
        }
    }
}
