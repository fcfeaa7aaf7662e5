package dev.marble.chain.state;

import java.util.Locale;

/**
 * llmauto's guard against a skipped worker overwriting the real report (SEEDS-SPEC 1.10.2): a
 * handoff that shrank to a short note about skipping is replaced by the one the link found.
 * The heuristic is llmauto's, exactly, so chains behave as they did; it can revert a legitimately
 * short handoff that mentions "skip", which is why the runner lets a chain switch it off.
 */
public final class SkipProtection {

    /** Whether to put the pre-link handoff back. */
    public record Decision(boolean restore) {}

    private static final int SHORT = 500;

    private SkipProtection() {}

    /**
     * Restore when the new handoff, trimmed, is under 500 characters, mentions SKIP in any case, is
     * shorter than half the old one, and the old one was not blank. Lengths count characters as
     * Python does (code points), untrimmed where llmauto compares the two texts.
     */
    public static Decision decide(String before, String after) {
        boolean shortSkip = length(after.strip()) < SHORT
                && after.toUpperCase(Locale.ROOT).contains("SKIP")
                && length(after) < length(before) * 0.5;
        return new Decision(shortSkip && !before.isBlank());
    }

    /**
     * Applies the decision to the state directory: the link's own text always goes to
     * {@code handoff_<link>.md} (llmauto kept the skip note there), and the handoff is put back when
     * the decision says so. Returns the decision, for the log.
     */
    public static Decision apply(StateDir dir, String link, String before) {
        String after = dir.handoff();
        Decision decision = decide(before, after);
        dir.linkHandoff(link, after);
        if (decision.restore()) dir.handoff(before);
        return decision;
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
