package dev.marble.testkit;

/**
 * Token counts a fake reports, in Anthropic's terms: {@code input} excludes the cached tokens. The OpenAI fake
 * reports {@code prompt_tokens = input + cacheRead}, because OpenAI counts cached tokens inside the prompt.
 */
public record FakeUsage(long input, long output, long cacheRead, long cacheWrite) {
    /** What an answer reports unless told otherwise. */
    public static final FakeUsage DEFAULT = new FakeUsage(10, 5, 0, 0);

    public FakeUsage {
        if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }
}
