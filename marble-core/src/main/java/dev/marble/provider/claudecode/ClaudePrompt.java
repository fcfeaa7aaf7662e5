package dev.marble.provider.claudecode;

import dev.marble.error.ModelException;
import dev.marble.model.ChatRequest;
import dev.marble.model.Message;
import dev.marble.model.Role;
import java.util.List;

/**
 * What to send as {@code -p}. A resumed session already holds the conversation, so only the newest
 * user message goes; a new session that is given earlier messages gets them as a transcript first,
 * since the CLI takes no history on its command line.
 */
final class ClaudePrompt {

    private ClaudePrompt() {}

    static String from(ChatRequest request, boolean resumingSession) {
        List<Message> messages = request.messages();
        Message last = messages.getLast();
        if (last.role() != Role.USER || last.text().isBlank()) {
            throw ModelException.terminal(
                    ModelException.Kind.BAD_REQUEST,
                    "the claude-code provider needs the conversation to end with a user message that has text",
                    null);
        }
        if (resumingSession || messages.size() == 1) return last.text();
        StringBuilder prompt = new StringBuilder("The conversation so far:\n\n");
        for (Message message : messages.subList(0, messages.size() - 1)) {
            String text = message.text();
            if (text.isBlank()) continue;
            prompt.append(message.role() == Role.USER ? "User: " : "Assistant: ")
                    .append(text)
                    .append("\n\n");
        }
        return prompt.append("Now answer this:\n\n").append(last.text()).toString();
    }
}
