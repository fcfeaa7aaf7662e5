package dev.marble.cli;

import dev.marble.model.Cost;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers as a person reads them: counted nouns in the right number, and dollar amounts at a useful precision. */
final class Words {

    private static final BigDecimal CENT = new BigDecimal("0.01");

    private Words() {}

    /** {@code 1 round}, {@code 2 rounds}, {@code 0 rounds}. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** {@code 1 turn}, {@code 3 turns}: nouns whose plural adds an s. */
    static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    /**
     * Dollars: cents from a cent up ({@code $0.05}, {@code $12.30}); below a cent two significant digits
     * ({@code $0.0012}, {@code $0.000034}), since a cheap call shown as {@code $0.00} reads as free.
     */
    static String dollars(BigDecimal usd) {
        if (usd.signum() == 0) return "$0.00";
        BigDecimal shown = usd.abs().compareTo(CENT) >= 0
                ? usd.setScale(2, RoundingMode.HALF_UP)
                : usd.round(new MathContext(2, RoundingMode.HALF_UP));
        return "$" + shown.toPlainString();
    }

    static String dollars(double usd) {
        return dollars(BigDecimal.valueOf(usd));
    }

    /** A cost with what it means: unknown, free, a lower bound, or an amount. */
    static String cost(Cost cost) {
        return switch (cost.source()) {
            case UNKNOWN -> "cost unknown";
            case FREE -> "free (replayed or local)";
            case PARTIAL -> "at least " + dollars(cost.usd()) + " (some calls unpriced)";
            default -> cost.usd() == null ? "cost unknown" : dollars(cost.usd());
        };
    }
}
