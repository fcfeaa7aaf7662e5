package dev.marble.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers as the pages show them: dollars, durations, token counts. */
final class Format {

    private Format() {}

    static String dollars(Double usd) {
        return usd == null ? "$?" : dollars(BigDecimal.valueOf(usd));
    }

    static String dollars(BigDecimal usd) {
        if (usd == null) return "–";
        return "$"
                + usd.setScale(usd.abs().compareTo(BigDecimal.ONE) < 0 ? 4 : 2, RoundingMode.HALF_UP)
                        .toPlainString();
    }

    static String seconds(long seconds) {
        if (seconds < 60) return seconds + "s";
        if (seconds < 3600) return (seconds / 60) + "m " + (seconds % 60) + "s";
        return (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m";
    }

    static String millis(Long millis) {
        if (millis == null) return "–";
        if (millis < 1000) return millis + " ms";
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String tokens(Long input, Long output) {
        if (input == null && output == null) return "–";
        return (input == null ? "?" : input) + " in / " + (output == null ? "?" : output) + " out";
    }
}
