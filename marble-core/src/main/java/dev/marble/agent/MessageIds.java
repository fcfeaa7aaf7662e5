package dev.marble.agent;

import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Message positions as the model sees them when a tool takes one (LLMProc's {@code goto}): each user message that
 * has text starts with {@code [msg_N] }, N its index in the conversation. Only what is sent is marked; the
 * conversation a run keeps is not, so positions never pile up on a message.
 */
public final class MessageIds {

    public static final String PREFIX = "msg_";

    private MessageIds() {}

    /** {@code [msg_N] }: what stands before message N. */
    public static String label(int index) {
        return "[" + PREFIX + index + "] ";
    }

    static List<Message> shown(List<Message> conversation) {
        List<Message> shown = new ArrayList<>(conversation.size());
        for (int i = 0; i < conversation.size(); i++) {
            Message message = conversation.get(i);
            shown.add(message.role() == Role.USER ? marked(message, label(i)) : message);
        }
        return shown;
    }

    private static Message marked(Message message, String label) {
        List<Part> parts = new ArrayList<>(message.parts());
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Part.Text text) {
                parts.set(i, new Part.Text(label + text.text()));
                return new Message(message.role(), parts);
            }
        }
        return message;
    }
}
