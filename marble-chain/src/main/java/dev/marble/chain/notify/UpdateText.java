package dev.marble.chain.notify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * The human text of an update, llmauto's three lines in English ({@code marble [chain]},
 * {@code Round: n | Runtime: x.xh}, {@code Status: S}) plus what llmauto left out: what happened, the
 * link, the reason and the cost. Telegram shows it as is; the webhook carries it as {@code text} for chat
 * services (Slack-style incoming webhooks) that display one field.
 */
public final class UpdateText {

    /** Telegram's limit for one message, in UTF-16 code units as the Bot API counts them. */
    public static final int TELEGRAM_LIMIT = 4096;

    private static final String CUT_MARK = "…";

    private UpdateText() {}

    public static String of(ChainUpdate update) {
        StringBuilder text = new StringBuilder(160)
                .append("marble [")
                .append(update.chain())
                .append("]\n")
                .append("Round: ")
                .append(update.round())
                .append(" | Runtime: ")
                .append(hours(update.runtime()))
                .append('\n')
                .append("Status: ")
                .append(update.status());
        String detail = blankToNull(update.detail());
        String link = blankToNull(update.link());
        switch (update.kind()) {
            case LINK_DONE -> {
                line(text, "Link done: ", link == null ? "(unnamed)" : link);
                if (detail != null) line(text, "", detail);
            }
            case SHUTDOWN -> {
                line(text, "Shutdown: ", detail == null ? "(no reason given)" : detail);
                if (link != null) line(text, "Last link: ", link);
            }
            case COMPLETED -> {
                line(text, "Completed", "");
                if (detail != null) line(text, "", detail);
            }
            case FAILED -> {
                line(text, "Failed: ", detail == null ? "(no reason given)" : detail);
                if (link != null) line(text, "Link: ", link);
            }
        }
        if (update.costUsd() != null) line(text, "Cost: $", dollars(update.costUsd()));
        return cut(text.toString(), TELEGRAM_LIMIT);
    }

    /** {@code 1.5h}: hours with one decimal, as llmauto prints runtime. */
    static String hours(Duration runtime) {
        return String.format(Locale.ROOT, "%.1fh", runtime.toMillis() / 3_600_000.0);
    }

    /** At least cents, at most four decimals: a cheap link's $0.0042 should not read as $0.00. */
    static String dollars(BigDecimal usd) {
        int scale = Math.max(2, Math.min(4, usd.stripTrailingZeros().scale()));
        return usd.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code text} within {@code limit} UTF-16 units, ending in … when cut; never half a surrogate pair. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) return text;
        int end = limit - CUT_MARK.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + CUT_MARK;
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append('\n').append(label).append(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
