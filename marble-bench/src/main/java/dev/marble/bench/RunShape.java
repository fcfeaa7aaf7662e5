package dev.marble.bench;

import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenMessage;
import dev.marble.testkit.SeenRequest;
import java.util.function.Function;

/**
 * The run every agent benchmark makes: the model asks for the {@value #TOOL} tool, then for it again, then
 * answers. Three model calls and two tool calls, whatever the framework. The fake's reply follows from the
 * request alone (how many tool results it carries), so a thousand runs can interleave on one server.
 */
final class RunShape {

    static final String TOOL = "lookup";
    static final String GOAL = "Look the step up twice, then say done.";
    static final String INSTRUCTIONS = "You are a benchmark agent.";
    static final String ANSWER = "done";
    static final int MODEL_CALLS = 3;
    static final int TOOL_CALLS = 2;

    private RunShape() {}

    /** No result yet, or one: another tool call; two: the answer. */
    static final Function<SeenRequest, FakeReply> RESPONDER = request -> {
        int results = 0;
        for (SeenMessage message : request.messages())
            results += message.toolResults().size();
        return results < TOOL_CALLS ? FakeReply.toolCall(TOOL, "{\"step\":" + results + "}") : FakeReply.text(ANSWER);
    };

    /** What the tool does, in every framework: next to nothing, in process. */
    static String lookup(long step) {
        return "step " + step + " looked up";
    }
}
