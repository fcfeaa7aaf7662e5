package dev.marble.model;

import java.math.BigDecimal;

/** Dollars a call cost, and where the figure came from. A null {@code usd} means unknown, not free. */
public record Cost(BigDecimal usd, Source source) {

    public enum Source {
        /** Priced from the shipped table or a configured override. */
        PRICING_TABLE,
        /** Reported by the provider itself (the Claude Code CLI's {@code total_cost_usd}). */
        PROVIDER_REPORTED,
        /** Local or replayed: nothing was paid. */
        FREE,
        /** The model is not in the pricing table. */
        UNKNOWN,
        /** A total in which some calls were unpriced: the figure covers only the others, a lower bound. */
        PARTIAL
    }

    public static final Cost UNKNOWN = new Cost(null, Source.UNKNOWN);
    public static final Cost FREE = new Cost(BigDecimal.ZERO, Source.FREE);

    public boolean known() {
        return usd != null;
    }
}
