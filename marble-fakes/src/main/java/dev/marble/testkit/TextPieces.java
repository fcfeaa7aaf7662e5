package dev.marble.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits content into the pieces a stream carries, as real models do: text in runs of a few words (so a client
 * must concatenate deltas), JSON arguments in fragments that are not JSON on their own.
 */
final class TextPieces {
    private TextPieces() {}

    /** Runs of up to three words, each keeping its trailing whitespace; at least two runs for two or more words. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            boolean boundary = i == text.length()
                    || (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i)));
            if (boundary) {
                words.add(text.substring(start, i));
                start = i;
            }
        }
        int perPiece = Math.max(1, Math.min(3, words.size() / 2));
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < words.size(); i += perPiece) {
            pieces.add(String.join("", words.subList(i, Math.min(words.size(), i + perPiece))));
        }
        return pieces;
    }

    /** Two or more fragments (one for a single character) that concatenate to {@code json}. */
    static List<String> fragments(String json) {
        int count = Math.max(2, Math.min(4, json.length() / 16));
        int size = Math.max(1, (json.length() + count - 1) / count);
        List<String> fragments = new ArrayList<>();
        int start = 0;
        while (start < json.length()) {
            int end = Math.min(json.length(), start + size);
            if (end < json.length() && Character.isHighSurrogate(json.charAt(end - 1))) {
                end++; // never split a surrogate pair
            }
            fragments.add(json.substring(start, end));
            start = end;
        }
        return fragments;
    }
}
