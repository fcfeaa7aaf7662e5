package dev.marble.otel;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code error.type}: a low-cardinality class of what went wrong, never the message (which may quote a prompt).
 * A model call's is the HTTP status when the error names one, {@code timeout}, {@code interrupted}, else
 * {@code _OTHER}; a run's is its ending when that is a failure.
 */
final class ErrorTypes {

    private static final Pattern STATUS = Pattern.compile("\\b(?:HTTP|status)\\s*:?\\s*([1-5]\\d\\d)\\b");
    private static final Set<String> FAILED_ENDINGS =
            Set.of("max_turns", "token_budget", "cost_budget", "timeout", "interrupted", "model_failed", "no_model");

    private ErrorTypes() {}

    static String of(String error) {
        if (error == null) return "_OTHER";
        Matcher status = STATUS.matcher(error);
        if (status.find()) return status.group(1);
        String lower = error.toLowerCase(Locale.ROOT);
        if (lower.contains("interrupted")) return "interrupted";
        if (lower.contains("timed out") || lower.contains("timeout")) return "timeout";
        return "_OTHER";
    }

    static boolean isFailure(String ending) {
        return FAILED_ENDINGS.contains(ending);
    }
}
