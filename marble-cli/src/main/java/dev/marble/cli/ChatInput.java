package dev.marble.cli;

import java.util.Locale;

/**
 * One line typed in {@code marble chat}, understood: a chat command or a message for the agent. The bare words
 * {@code exit}, {@code quit} and {@code reset} are commands, as in LLMProc's chat; a line starting with {@code //}
 * is a message starting with one slash, so any text can still be sent.
 */
sealed interface ChatInput {

    record Exit() implements ChatInput {}

    record Reset() implements ChatInput {}

    record Help() implements ChatInput {}

    record Save(String file) implements ChatInput {}

    record Load(String file) implements ChatInput {}

    /** {@code /model}: which model answers; with a reference, switch to it for the next answers. */
    record Model(String reference) implements ChatInput {}

    /** {@code /cost}: tokens and dollars the chat has spent so far. */
    record Cost() implements ChatInput {}

    /** {@code /tokens}: tokens so far, and how much of the context the conversation now fills. */
    record Tokens() implements ChatInput {}

    record Unknown(String word) implements ChatInput {}

    record Message(String text) implements ChatInput {}

    /** @param line a non-blank line, stripped */
    static ChatInput parse(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "exit", "quit", "/exit", "/quit" -> {
                return new Exit();
            }
            case "reset", "/reset" -> {
                return new Reset();
            }
            case "/help", "/?" -> {
                return new Help();
            }
            case "/cost" -> {
                return new Cost();
            }
            case "/tokens" -> {
                return new Tokens();
            }
            default -> {}
        }
        if (line.startsWith("//")) return new Message(line.substring(1));
        if (!line.startsWith("/")) return new Message(line);
        String[] words = line.split("\\s+", 2);
        String argument = words.length > 1 ? words[1].strip() : "";
        return switch (words[0].toLowerCase(Locale.ROOT)) {
            case "/save" -> argument.isEmpty() ? new Unknown("/save without a FILE") : new Save(argument);
            case "/load" -> argument.isEmpty() ? new Unknown("/load without a FILE") : new Load(argument);
            case "/model" -> new Model(argument);
            default -> new Unknown(words[0]);
        };
    }
}
