package dev.marble.format.program;

import java.util.List;

/**
 * A program's {@code [demo]} section (LLMProc v0.9): prompts a demo runs one after another in one
 * conversation, as if a person typed them.
 *
 * @param prompts             in order; empty when the program has no demo
 * @param pauseBetweenPrompts whether an interactive demo waits for Enter before each next prompt
 * @param displayName         the demo's title; null when not given
 */
public record Demo(List<String> prompts, boolean pauseBetweenPrompts, String displayName) {

    public static final Demo NONE = new Demo(List.of(), true, null);

    public Demo {
        prompts = List.copyOf(prompts);
    }

    public boolean isEmpty() {
        return prompts.isEmpty();
    }
}
