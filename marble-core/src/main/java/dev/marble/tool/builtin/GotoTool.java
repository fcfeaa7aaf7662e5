package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.ToolSpec;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * LLMProc's {@code goto(position, message)}: time travel. The model names an earlier user message by the
 * {@code [msg_N]} it sees before it; the run's conversation is cut back to just before that message, which is
 * replaced by a note saying what happened and the model's own message, and the run goes on from there. Only the
 * run's own conversation changes, so it needs no approval. A user message that carries tool results is no place to
 * go back to: the answer that asked for them would be gone.
 */
public final class GotoTool implements Tool {

    private static final Pattern POSITION = Pattern.compile("msg_(\\d{1,9})");

    private final ToolSpec spec = new ToolSpec(
            "goto",
            """
            Go back in this conversation to an earlier user message and continue from there, forgetting \
            everything after it. Every user message starts with its position, such as [msg_4]. Name that position \
            and write a message that takes the place of the user message there: summarise what was learned and \
            done since, and say what comes next. Use it to drop a long detour (many tool calls whose details no \
            longer matter), to abandon an approach that failed, or when the user asks to go back. Afterwards the \
            removed messages are gone for good; a note in <system_message> tags tells you that you travelled, and \
            your message follows in <time_travel_message> tags.""",
            JsonSchemas.object()
                    .string("position", "The position of the user message to go back to, such as msg_0")
                    .string(
                            "message",
                            "What replaces that message: what was done and learned after it, and what to do next")
                    .build());

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public boolean needsMessageIds() {
        return true;
    }

    @Override
    public ApprovalDefault approvalDefault() {
        return ApprovalDefault.ALLOW;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) {
        String position = arguments.path("position").asString("").strip();
        String message = arguments.path("message").asString("");
        List<Message> conversation = context.conversation();
        Matcher matcher = POSITION.matcher(position);
        if (!matcher.matches()) {
            return ToolResult.error(
                    "position must look like msg_3 (the [msg_N] before a user message), got \"" + position + "\"");
        }
        int target = Integer.parseInt(matcher.group(1));
        if (target >= conversation.size() - 1) {
            return ToolResult.error(position + " is not an earlier message: the positions go from msg_0 to msg_"
                    + Math.max(0, conversation.size() - 2) + " before this call");
        }
        Message there = conversation.get(target);
        if (there.role() != Role.USER || there.parts().stream().anyMatch(Part.ToolResult.class::isInstance)) {
            return ToolResult.error(position + " is not a user message; go back to a position shown as [msg_N]");
        }
        if (message.isBlank()) return ToolResult.error("message is empty: say what comes next");
        int removed = conversation.size() - target;
        List<Message> rewound = new ArrayList<>(conversation.subList(0, target));
        rewound.add(Message.user(
                note(position, removed) + "\n<time_travel_message>\n" + message + "\n</time_travel_message>"));
        if (!context.rewind(rewound)) return ToolResult.error("goto works only inside a run");
        return ToolResult.ok("Went back to " + position + "; " + removed + " messages removed.");
    }

    static String note(String position, int removed) {
        return "<system_message>goto was used: the conversation went back to " + position + " and " + removed
                + " messages from there on were removed; the message below replaces the one that stood at "
                + position + ".</system_message>";
    }
}
