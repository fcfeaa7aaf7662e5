package dev.marble.ui;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A search of the journal's runs; every part optional (null or blank matches all).
 *
 * @param text found in the run's id, kind, agent, goal or detail, ignoring case
 * @param model found in the run's model
 * @param date the day (UTC) the run started
 * @param outcome the run's ending (ok, failed, ...), or "running" for runs without one
 */
public record RunQuery(String text, String model, LocalDate date, String outcome) {

    public static final RunQuery ALL = new RunQuery(null, null, null, null);

    public boolean any() {
        return !blank(text) || !blank(model) || date != null || !blank(outcome);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static boolean contains(String haystack, String needle) {
        return haystack != null
                && haystack.toLowerCase(Locale.ROOT).contains(needle.strip().toLowerCase(Locale.ROOT));
    }
}
