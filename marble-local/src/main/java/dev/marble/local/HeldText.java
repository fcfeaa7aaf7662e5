package dev.marble.local;

import java.util.List;
import java.util.stream.Stream;

/**
 * Generated text as it grows, and how much of it may be shown yet. Stop sequences are matched here
 * rather than by llama.cpp, so Marble knows which one ended the answer; text that could be the start
 * of a stop sequence (or of a {@code <tool_call>} tag) is held back until it is clearly not, so a
 * streamed answer never shows what the final answer will not contain.
 */
final class HeldText {

    private final StringBuilder text = new StringBuilder();
    private final List<String> stops;
    private final String tag;
    private int shown;
    private boolean stopped;
    private boolean tagSeen;

    /** @param tag where streaming ends for good (the tool-call tag), or null */
    HeldText(List<String> stops, String tag) {
        this.stops = stops;
        this.tag = tag;
    }

    /** Adds a piece and returns the text that may now be shown (possibly empty). */
    String add(String piece) {
        if (stopped) return "";
        int searchFrom = Math.max(0, text.length() - longest());
        text.append(piece);
        for (String stop : stops) {
            int at = text.indexOf(stop, searchFrom);
            if (at >= 0) {
                text.setLength(at);
                stopped = true;
            }
        }
        if (tag != null && !tagSeen && text.indexOf(tag, searchFrom) >= 0) tagSeen = true;
        int limit = stopped ? text.length() : text.length() - heldBack();
        if (tagSeen) limit = Math.min(limit, text.indexOf(tag));
        if (limit <= shown) return "";
        String out = text.substring(shown, limit);
        shown = limit;
        return out;
    }

    /** Whether a stop sequence has ended the answer. */
    boolean stopped() {
        return stopped;
    }

    String text() {
        return text.toString();
    }

    private int longest() {
        int max = tag == null ? 0 : tag.length();
        for (String stop : stops) max = Math.max(max, stop.length());
        return max;
    }

    /** The longest end of the text that is a proper start of a stop sequence or the tag. */
    private int heldBack() {
        int held = 0;
        String current = text.toString();
        for (String guard : tag == null
                ? stops
                : Stream.concat(stops.stream(), Stream.of(tag)).toList()) {
            for (int n = Math.min(guard.length() - 1, text.length()); n > held; n--) {
                if (guard.regionMatches(0, current, current.length() - n, n)) {
                    held = n;
                    break;
                }
            }
        }
        return held;
    }
}
