package dev.marble.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The names nearest to one that was mistyped ({@code chian} → {@code chain}, {@code nightlly} → {@code nightly}), for
 * the "did you mean" of an error. Near means at most one edit for short names and two for longer ones, an edit being
 * a letter added, removed, changed, or two neighbours swapped.
 */
public final class DidYouMean {

    private DidYouMean() {}

    /** The candidates nearest to {@code typed}, in the candidates' order; empty when none is near. */
    public static List<String> nearest(String typed, Collection<String> candidates) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        int allowed = wanted.length() <= 4 ? 1 : 2;
        int best = Integer.MAX_VALUE;
        List<String> nearest = new ArrayList<>();
        for (String candidate : candidates) {
            int d = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (d == 0 || d > allowed || d > best) continue;
            if (d < best) nearest.clear();
            best = d;
            nearest.add(candidate);
        }
        return nearest;
    }

    /**
     * {@code "; did you mean "nightly"?"} (or {@code "a" or "b"}), in the quotes given, or "" when nothing is near:
     * ready to append to an error message.
     */
    public static String suffix(String typed, Collection<String> candidates, String quote) {
        List<String> nearest = nearest(typed, candidates);
        if (nearest.isEmpty()) return "";
        List<String> quoted =
                nearest.stream().limit(3).map(name -> quote + name + quote).toList();
        return "; did you mean " + String.join(" or ", quoted) + "?";
    }

    /** Edits from {@code a} to {@code b}: insertions, deletions, substitutions and swaps of neighbours. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int substitution = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                d[i][j] = Math.min(substitution, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
